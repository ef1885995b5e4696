import { describe, expect, it } from 'vitest';
import { recordedText, recordingState } from './capture-state';

describe('recordingState', () => {
  it.each([
    [true, false, 'recording'],
    [true, true, 'paused'],
    [false, false, 'off'],
    [false, true, 'off'],
  ] as const)('recording %s, paused %s -> %s', (recording, paused, want) => expect(recordingState({ paused, settings: { recording } })).toBe(want));

  it.each([
    [0, '0 recorded flows'],
    [1, '1 recorded flow'],
    [12, '12 recorded flows'],
  ])('%i', (n, want) => expect(recordedText(n)).toBe(want));
});
