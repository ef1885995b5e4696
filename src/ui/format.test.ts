import { describe, expect, it } from 'vitest';
import { delta, originPattern } from './format';

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
