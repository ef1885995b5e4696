import { describe, expect, it } from 'vitest';
import { fail, ok, type Result } from './result';

describe('result', () => {
  it('ok wraps a value', () => {
    const r: Result<number> = ok(3);
    expect(r).toEqual({ ok: true, value: 3 });
  });

  it('fail carries a code and a message', () => {
    const r: Result<number> = fail('not-json', 'the body is not JSON');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual({ code: 'not-json', message: 'the body is not JSON' });
  });
});
