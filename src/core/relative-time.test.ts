import { describe, expect, it } from 'vitest';
import { duration, relativeTime, utcDate } from './relative-time';

const NOW_MS = 1311281000_000; // 30 s after the OIDC Core 2 example's iat

describe('relativeTime', () => {
  it.each([
    [1311281000, 'now'],
    [1311281000.4, 'now'],
    [1311281001, 'in 1 s'],
    [1311281000 + 59, 'in 59 s'],
    [1311281000 + 60, 'in 1 min'],
    [1311281000 + 299, 'in 4 min'],
    [1311281000 + 3599, 'in 59 min'],
    [1311281000 - 3 * 3600, '3 h ago'],
    [1311281000 - 47 * 3600 - 3599, '47 h ago'],
    [1311281000 - 48 * 3600, '2 d ago'],
    [1311281000 + 364 * 86400, 'in 364 d'],
    [1311281000 - 2 * 365 * 86400, '2 y ago'],
  ])('%s s -> %s', (seconds, expected) => {
    expect(relativeTime(seconds, NOW_MS)).toBe(expected);
  });

  it('duration ignores the sign', () => {
    expect(duration(-90)).toBe('1 min');
  });

  it.each([
    [1311281970, '2011-07-21 20:59:30 UTC'],
    [0, '1970-01-01 00:00:00 UTC'],
    [1e20, undefined],
    [Number.NaN, undefined],
  ])('utcDate(%s) -> %s', (s, expected) => {
    expect(utcDate(s)).toBe(expected);
  });
});
