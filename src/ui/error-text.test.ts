import { describe, expect, it } from 'vitest';
import { errorText } from './error-text';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl';

describe('errorText', () => {
  it.each<[string, unknown, string]>([
    ['a stack overflow (V8)', new RangeError('Maximum call stack size exceeded'), 'Maximum call stack size exceeded'],
    ['a stack overflow (SpiderMonkey)', new Error('too much recursion'), 'too much recursion'],
    ['a thrown string', 'boom', 'boom'],
    ['a thrown number', 42, '42'],
    ['undefined', undefined, 'undefined'],
    ['an empty message', new Error(''), 'an unknown error'],
    ['lines', new TypeError('a\n\n  b'), 'a b'],
  ])('%s', (_, e, text) => {
    expect(errorText(e)).toBe(text);
  });

  it('redacts a token quoted in the message', () => {
    const t = errorText(new Error(`bad token ${JWT} in access_token=abc123`));
    expect(t).not.toContain(JWT);
    expect(t).not.toContain('abc123');
    expect(t).toContain('[redacted]');
  });

  it('cuts a huge message to a line, reading only its head', () => {
    const t = errorText(new Error('x '.repeat(2_000_000)));
    expect(Array.from(t).length).toBeLessThanOrEqual(200);
    expect(t.endsWith('…')).toBe(true);
  });

  it('survives a value whose message or toString throws', () => {
    const evil = {
      toString() {
        throw new Error('no');
      },
    };
    expect(errorText(evil)).toBe('an unknown error');
    const err = new Error('x');
    Object.defineProperty(err, 'message', {
      get() {
        throw new Error('no');
      },
    });
    expect(errorText(err)).toBe('an unknown error');
  });
});
