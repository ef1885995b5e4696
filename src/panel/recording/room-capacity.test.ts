import { describe, expect, it } from 'vitest';
import { roomText } from './recorder-controls';

const MB = 1024 * 1024;

// Issue 10, item 5: the ring size setting must not promise more flows than the ring's bytes hold.
describe('roomText with the ring size set', () => {
  it('says when the size set is more than fits, with how many do', () => {
    expect(roomText({ flows: 0, bytes: 0, budget: 5.5 * MB }, 1000)).toBe(
      'Recorded flows may take up to 5.5 MB, about 804 flows of 7 KB. The ring is set to 1000 flows, but about 804 of this size fit: past that the oldest go first.',
    );
    expect(roomText({ flows: 100, bytes: 350 * 1024, budget: 5.5 * MB }, 1000)).toBe(
      'Recorded flows take 350 KB of 5.5 MB: room for about 1509 more like these, then the oldest go first.',
    );
    expect(roomText({ flows: 0, bytes: 0, budget: 5.5 * MB }, 100)).toBe('Recorded flows may take up to 5.5 MB, about 804 flows of 7 KB.');
  });
});
