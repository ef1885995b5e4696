/**
 * A DPoP nonce challenge is read from a server's answer (RFC 9449 8, 9): any answer gives a nonce or
 * undefined, quickly, never throwing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dpopNonceChallenge } from './dpop';
import { answerArb, answerChars, HOSTILE, quick, RUNS } from './fuzz.fixtures';

describe('dpopNonceChallenge never throws and is quick', () => {
  it('random and hostile answers, with a nonce header', () => {
    fc.assert(
      fc.property(answerArb, fc.constantFrom(400, 401), (a, status) => {
        const answer = { ...a, status, headers: { ...a.headers, 'dpop-nonce': 'n-1', ...(status === 401 ? { 'www-authenticate': a.headers['www-authenticate'] ?? a.bodyText } : {}) } };
        const n = quick(answerChars(answer), () => dpopNonceChallenge(answer));
        expect(n === undefined || n === 'n-1').toBe(true);
      }),
      RUNS,
    );
  });
  it.each(HOSTILE)('%s as the body and the challenge', (_name, text) => {
    for (const status of [400, 401]) {
      quick(text.length * 2, () => dpopNonceChallenge({ status, headers: { 'dpop-nonce': text.slice(0, 500), 'www-authenticate': `DPoP ${text}` }, bodyText: text }));
    }
  });
});
