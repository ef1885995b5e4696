import { describe, expect, it } from 'vitest';
import { delta, numericDate, originPattern } from './format';

describe('format', () => {
  it.each([
    [0, 850, '+850 ms'],
    [0, 2400, '+2.4 s'],
    [0, 180_000, '+3 min'],
    [500, 100, '+0 ms'],
  ])('delta(%i, %i) = %s', (a, b, want) => expect(delta(a, b)).toBe(want));

  it('shows NumericDate as UTC with a relative time', () => {
    const now = Date.UTC(2026, 10, 26, 7, 0, 0);
    expect(numericDate(now / 1000 + 540, now)).toBe('2026-11-26 07:09:00 UTC (in 9 min)');
    expect(numericDate(now / 1000 - 30, now)).toBe('2026-11-26 06:59:30 UTC (30 s ago)');
  });

  it('drops the port from a permission pattern (patterns match every port)', () => {
    expect(originPattern('http://127.0.0.1:9400/app/callback')).toBe('http://127.0.0.1/*');
    expect(originPattern('https://login.example.com/tenant/v2')).toBe('https://login.example.com/*');
  });
});
