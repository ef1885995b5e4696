import { describe, expect, it } from 'vitest';
import { roomText } from './recorder-controls';

const MB = 1024 * 1024;

describe('roomText', () => {
  it.each([
    [{ flows: 0, bytes: 0, budget: 3.5 * MB }, 'Recorded flows may take up to 3.5 MB, about 512 flows of 7 KB.'],
    [{ flows: 100, bytes: 700 * 1024, budget: 3.5 * MB }, 'Recorded flows take 700 KB of 3.5 MB: room for about 412 more like these, then the oldest go first.'],
    [{ flows: 20, bytes: 3.5 * MB, budget: 3.5 * MB }, 'Recorded flows take 3.5 MB of 3.5 MB: room for about 0 more like these, then the oldest go first.'],
  ])('%j', (room, text) => expect(roomText(room)).toBe(text));
});
