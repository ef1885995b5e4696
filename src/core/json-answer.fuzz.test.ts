/**
 * Every JSON answer from an OAuth endpoint goes through readJsonObject (token, device, PAR), and the
 * recorder feeds it whatever a page's server answered (issue 9). It returns the object or a named
 * AnswerProblem, quickly, never throws, and keeps its messages and evidence short.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerArb, answerChars, expectAnswerProblem, expectNoPollution, HOSTILE, MB, quick, repeated, RUNS } from './fuzz.fixtures';
import { readJsonObject, type HttpAnswer } from './json-answer';

const NAMES = { endpoint: 'the token endpoint', response: 'the token response' };
function check(a: HttpAnswer): void {
  const r = quick(answerChars(a), () => readJsonObject(a, NAMES));
  expectNoPollution();
  if (r.ok) expect(typeof r.value).toBe('object');
  else expectAnswerProblem(r.error);
}

describe('readJsonObject never throws, is quick, and answers in its shapes', () => {
  it('random and hostile answers', () => {
    fc.assert(fc.property(answerArb, check), RUNS);
  });

  it.each(HOSTILE)('%s as the body, with status 200 and 400', (_name, text) => {
    check({ status: 200, headers: {}, bodyText: text });
    check({ status: 400, headers: { 'www-authenticate': text }, bodyText: text });
  });

  it('regression: a 250 K error is named in 80 chars and kept to 256 (was 10 s in redaction)', () => {
    const r = quick(250_000, () => readJsonObject({ status: 400, headers: {}, bodyText: JSON.stringify({ error: `name=${repeated('a', 250_000)}`, error_description: repeated('d', 5000) }) }, NAMES));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('oauth-error');
      expectAnswerProblem(r.error);
    }
  });

  it('a body over the answer cap is too large, before any parsing', () => {
    const r = readJsonObject({ status: 200, headers: {}, bodyText: `{"access_token":"${repeated('a', MB)}"}` }, NAMES);
    expect(r).toMatchObject({ ok: false, error: { code: 'too-large', message: 'the token response is 1.0 MB, more than the 256 KB read', status: 200 } });
  });

  it('an answer nested 20,000 deep is too deep, not a value for storage to choke on', () => {
    const r = readJsonObject({ status: 200, headers: {}, bodyText: `{"access_token":"a","x":${'['.repeat(20_000)}${']'.repeat(20_000)}}` }, NAMES);
    expect(r).toMatchObject({ ok: false, error: { code: 'too-deep', message: 'the token response nests deeper than 64 levels' } });
  });
});
