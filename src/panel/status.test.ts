import { describe, expect, it } from 'vitest';
import { statusLine, verdictText } from './status';

const v = (failed: number, warned: number) => ({ failed, warned });

describe('statusLine: the status reads the findings too (issue 11)', () => {
  it.each([
    ['complete, clean', 'complete', v(0, 0), undefined, 'complete', 'ok'],
    ['complete with failed checks', 'complete', v(2, 0), undefined, 'complete · 2 checks failed', 'err'],
    ['complete with one warning', 'complete', v(0, 1), undefined, 'complete · 1 warning', 'warn'],
    ['both', 'complete', v(1, 3), undefined, 'complete · 1 check failed · 3 warnings', 'err'],
    ['failed stays the danger colour with warnings', 'failed', v(0, 1), undefined, 'failed · 1 warning', 'err'],
    ['running keeps its own tone, but says what failed so far', 'authorizing', v(1, 0), undefined, 'waiting for login · 1 check failed', 'info'],
    ['interrupted with a failure', 'interrupted', v(1, 0), undefined, 'interrupted · 1 check failed', 'err'],
    ['a negative test refused as expected', 'failed', v(0, 0), 'access_denied', 'failed as expected (access_denied)', 'ok'],
    ['a negative test whose expectation failed', 'failed', v(1, 0), 'access_denied', 'failed · 1 check failed', 'err'],
    ['no verdict (an older summary)', 'complete', undefined, undefined, 'complete', 'ok'],
  ] as const)('%s', (_, status, counts, expectOutcome, text, tone) => {
    expect(statusLine(status, 'launched', counts, expectOutcome)).toEqual({ text, tone });
  });

  it('a recorded flow keeps its own words', () => {
    expect(statusLine('observed', 'captured', v(1, 0)).text).toBe('callback at the app · 1 check failed');
  });

  it('verdictText is empty when nothing failed or warned', () => {
    expect(verdictText(v(0, 0))).toBe('');
    expect(verdictText(undefined)).toBe('');
  });
});
