import { describe, expect, it } from 'vitest';
import { opensWelcome } from './welcome';

describe('welcome page on install', () => {
  it.each([
    ['install', false, true],
    ['install', true, false],
    ['update', false, false],
    ['browser_update', false, false],
    ['shared_module_update', false, false],
  ])('reason %s, test build %s: opens %s', (reason, test, want) => {
    expect(opensWelcome(reason, test)).toBe(want);
  });
});
