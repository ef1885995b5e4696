/**
 * The token answer is read from launched flows and from recorded traffic, where any page's server
 * writes it (issue 9): parseTokenResponse gives tokens with warnings or a named problem, quickly,
 * never throws, and quotes headers only in short.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerArb, answerChars, expectAnswerProblem, expectNoPollution, HOSTILE, quick, repeated, RUNS } from './fuzz.fixtures';
import { parseTokenResponse, type HttpAnswer } from './token-response';

function check(a: HttpAnswer): void {
  const r = quick(answerChars(a), () => parseTokenResponse(a));
  expectNoPollution();
  if (r.ok) {
    expect(typeof r.tokens.access_token).toBe('string');
    expect(typeof r.tokens.token_type).toBe('string');
    for (const w of r.warnings) {
      expect(w.severity).toBe('warning');
      expect(String(w.actual ?? '').length).toBeLessThanOrEqual(200);
    }
    return;
  }
  const { problem, ...rest } = r;
  expectAnswerProblem({ ...rest, code: problem });
}

/** Token answers with the right members and hostile everything else. */
const nearlyGood = fc
  .record({
    extra: fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'expires_in', 'scope', 'id_token', 'refresh_token', 'x'), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
    type: fc.oneof(fc.constantFrom('Bearer', 'DPoP', 'bearer', ''), fc.string({ maxLength: 20 })),
    cache: fc.oneof(fc.constantFrom('no-store', `${repeated(',', 100_000)}no-store`), fc.string()),
    status: fc.constantFrom(200, 201, 400),
  })
  .map(({ extra, type, cache, status }): HttpAnswer => ({
    status,
    headers: { 'content-type': 'application/json', 'cache-control': cache },
    bodyText: JSON.stringify({ ...extra, access_token: 'a', token_type: type }),
  }));

describe('parseTokenResponse never throws, is quick, and answers in its shapes', () => {
  it('random and hostile answers', () => {
    fc.assert(fc.property(answerArb, check), RUNS);
  });

  it('answers that are nearly right', () => {
    fc.assert(fc.property(nearlyGood, check), RUNS);
  });

  it.each(HOSTILE)('%s as body and headers', (_name, text) => {
    check({ status: 200, headers: { 'content-type': text, 'cache-control': text }, bodyText: text });
    check({ status: 200, headers: {}, bodyText: JSON.stringify({ access_token: text.slice(0, 100_000), token_type: text.slice(0, 1000), expires_in: text.slice(0, 20) }) });
  });
});
