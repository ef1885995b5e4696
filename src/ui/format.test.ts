import { describe, expect, it } from 'vitest';
import { delta, localDateTime, localTimesIn, originPattern, whenText, whenTitle } from './format';

describe('format', () => {
  it.each([
    [0, 850, '+850 ms'],
    [0, 2400, '+2.4 s'],
    [0, 180_000, '+3 min'],
    [500, 100, '+0 ms'],
    [1000.25, 1140.753, '+141 ms'],
    [0, 999.6, '+1.0 s'],
  ])('delta(%i, %i) = %s', (a, b, want) => expect(delta(a, b)).toBe(want));


  it('drops the port from a permission pattern (patterns match every port)', () => {
    expect(originPattern('http://127.0.0.1:9400/app/callback')).toBe('http://127.0.0.1/*');
    expect(originPattern('https://login.example.com/tenant/v2')).toBe('https://login.example.com/*');
  });
});

describe('times for people (issue 11, item 4)', () => {
  const NOW = Date.UTC(2026, 10, 28, 19, 40);
  const S = NOW / 1000;
  it('a local date with the relative time; verbs for claims', () => {
    expect(whenText(S - 7200, NOW)).toMatch(/^\d{1,2} Nov 2026, \d\d:\d\d \(2 h ago\)$/);
    expect(whenText(S + 540, NOW, ['expires', 'expired'])).toMatch(/\(expires in 9 min\)$/);
    expect(whenText(S - 30, NOW, ['expires', 'expired'])).toMatch(/\(expired 30 s ago\)$/);
  });
  it('no date from a number that is none; the raw number always on hover', () => {
    expect(whenText(Number.NaN, NOW)).toBeUndefined();
    expect(whenText(1e300, NOW)).toBeUndefined();
    expect(whenTitle(S)).toBe(`${S} (2026-11-28 19:40:00 UTC)`);
    expect(whenTitle(1e300)).toBe('1e+300');
    expect(localDateTime(NOW)).toMatch(/^\d{1,2} Nov 2026, \d\d:\d\d$/);
  });
});

describe('localTimesIn', () => {
  it('reads the rules’ "number (ISO)" stamps as local dates, and leaves other text alone', () => {
    expect(localTimesIn('expected before 1795896396 (2026-11-28T20:06:36.000Z), clock tolerance 60 s')).toMatch(/^expected before \d{1,2} Nov 2026, \d\d:\d\d, clock tolerance 60 s$/);
    expect(localTimesIn('aud does not contain app')).toBe('aud does not contain app');
  });
});
