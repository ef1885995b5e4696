import { describe, expect, it } from 'vitest';
import { refreshAt } from './auto-refresh';

describe('refreshAt', () => {
  const now = 1_000_000;
  it.each([
    ['a minute before expiry', now, 600, now + 540_000],
    ['never sooner than 30 s from now', now - 590_000, 600, now + 30_000],
    ['no expires_in: no schedule', now, undefined, undefined],
    ['expires_in not a number', now, '600', undefined],
    ['expires_in zero', now, 0, undefined],
  ])('%s', (_what, at, expiresIn, want) => expect(refreshAt(at, expiresIn, now)).toBe(want));
});
