/**
 * The PAR answer (RFC 9126 2.2, 2.3) comes from a server: any body gives request_uri and expires_in
 * or a named AnswerProblem, quickly, without throwing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerArb, answerChars, expectAnswerProblem, HOSTILE, hugeText, quick, RUNS } from './fuzz.fixtures';
import type { HttpAnswer } from './json-answer';
import { parseParResponse } from './par';

function check(a: HttpAnswer): void {
  const r = quick(answerChars(a), () => parseParResponse(a));
  if (!r.ok) return expectAnswerProblem(r.error);
  expect(typeof r.value.request_uri).toBe('string');
  expect(r.value.expires_in).toBeGreaterThanOrEqual(1);
}

const nearlyGood = fc
  .record({ request_uri: fc.oneof(fc.string(), hugeText, fc.jsonValue({ maxDepth: 2 })), expires_in: fc.oneof(fc.double(), fc.integer(), fc.string()) }, { requiredKeys: [] })
  .map((doc): HttpAnswer => ({ status: 201, headers: {}, bodyText: JSON.stringify(doc) }));

describe('parseParResponse never throws, is quick, and answers in its shapes', () => {
  it('random and hostile answers', () => fc.assert(fc.property(answerArb, check), RUNS));
  it('answers that are nearly right', () => fc.assert(fc.property(nearlyGood, check), RUNS));
  it.each(HOSTILE)('%s as the body', (_name, text) => check({ status: 201, headers: {}, bodyText: text }));
});
