/**
 * Introspection and revocation answers (RFC 7662 2.2, RFC 7009 2.2) come from a server: any answer
 * gives a result or a named problem, quickly, without throwing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerArb, answerChars, deepArray, deepObject, HOSTILE, quick, RUNS } from './fuzz.fixtures';
import type { HttpAnswer } from './json-answer';
import { readIntrospection, readRevocation } from './token-actions';

const CODES = ['unexpected-status', 'not-json', 'not-object', 'bad-field', 'too-large', 'too-deep'];

function check(a: HttpAnswer): void {
  const r = quick(answerChars(a), () => readIntrospection(a));
  if (r.ok) {
    expect(typeof r.value.active).toBe('boolean');
    expect(Object.values(r.value.fields).every((v) => typeof v === 'string')).toBe(true);
  } else {
    expect(CODES).toContain(r.error.code);
    expect(r.error.message.length).toBeLessThan(200);
  }
  const rev = quick(0, () => readRevocation(a));
  expect(rev.ok || rev.error.code === 'unexpected-status').toBe(true);
}

describe('introspection and revocation answers never throw, are quick, and answer in their shapes', () => {
  it('random and hostile answers', () => fc.assert(fc.property(answerArb, check), RUNS));

  it('introspection answers that are nearly right', () => {
    const doc = fc.dictionary(fc.constantFrom('active', '__proto__', 'scope', 'exp', 'sub', 'x'), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 5 });
    fc.assert(fc.property(doc, (d) => check({ status: 200, headers: {}, bodyText: JSON.stringify(d) })), RUNS);
  });

  it.each(HOSTILE)('%s as the body', (_name, text) => check({ status: 200, headers: {}, bodyText: text }));

  it.each([['array', deepArray(20_000)], ['object', deepObject(20_000)]])('regression: an active answer with a member 20,000 deep (%s) is too deep, not a stack overflow', (_k, deep) => {
    expect(readIntrospection({ status: 200, headers: {}, bodyText: `{"active":true,"x":${deep}}` })).toEqual({
      ok: false,
      error: { code: 'too-deep', message: 'the introspection answer nests deeper than 64 levels' },
    });
  });
});
