import { describe, expect, it } from 'vitest';
import { relatedTabs } from './tabs';

describe('relatedTabs', () => {
  // Tab 7 opened a login popup (9) and a new tab (10); tab 12 was opened by tab 9.
  const openers = { '9': 7, '10': 7, '12': 9 };
  it.each([
    [7, [7, 9, 10]],
    [9, [9, 7, 12]],
    [12, [12, 9]],
    [3, [3]],
    [-1, []],
  ])('tab %i -> %j', (tab, want) => expect(relatedTabs(tab, openers).sort((a, b) => a - b)).toEqual(want.sort((a, b) => a - b)));
});
