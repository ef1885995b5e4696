/**
 * The device authorization answer (RFC 8628 3.2) comes from a server: any body gives the parsed
 * answer or a named AnswerProblem, quickly, without throwing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeviceAuthorizationResponse } from './device';
import { answerArb, answerChars, expectAnswerProblem, HOSTILE, quick, RUNS, urlText } from './fuzz.fixtures';
import type { HttpAnswer } from './json-answer';

function check(a: HttpAnswer): void {
  const r = quick(answerChars(a), () => parseDeviceAuthorizationResponse(a));
  if (!r.ok) return expectAnswerProblem(r.error);
  expect(r.value.device_code).not.toBe('');
  expect(r.value.verification_uri).toMatch(/^https?:/i);
  expect(Number.isFinite(r.value.expires_in) && Number.isFinite(r.value.interval)).toBe(true);
}

const nearlyGood = fc
  .record({
    device_code: fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 2 })),
    user_code: fc.oneof(fc.string(), fc.constant(null)),
    verification_uri: fc.oneof(urlText, fc.string()),
    verification_url: fc.oneof(urlText, fc.string()),
    expires_in: fc.oneof(fc.double(), fc.integer(), fc.string()),
    interval: fc.oneof(fc.double(), fc.integer(), fc.string()),
  }, { requiredKeys: [] })
  .map((doc): HttpAnswer => ({ status: 200, headers: {}, bodyText: JSON.stringify(doc) }));

describe('parseDeviceAuthorizationResponse never throws, is quick, and answers in its shapes', () => {
  it('random and hostile answers', () => fc.assert(fc.property(answerArb, check), RUNS));
  it('answers that are nearly right', () => fc.assert(fc.property(nearlyGood, check), RUNS));
  it.each(HOSTILE)('%s as the body', (_name, text) => check({ status: 200, headers: {}, bodyText: text }));
});
