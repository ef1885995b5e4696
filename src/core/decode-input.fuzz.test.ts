/**
 * The Decode view takes whatever a person pastes, often copied from a page or a log that an attacker
 * wrote (issue 9). decodeInput names what it is, quickly, never throws, and keeps the paste as given.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeInput, decodeInputAsync, type DecodedInput } from './decode-input';
import { anyText, b64url, expectNoPollution, HOSTILE, hugeText, jsonText, jwtText, MB, quick, quickAsync, repeated, RUNS, urlText } from './fuzz.fixtures';

const KINDS = ['empty', 'jwt', 'dpop-proof', 'jwe', 'opaque', 'invalid', 'callback-url', 'token-response', 'authorization-header'];

function expectDecoded(text: string, d: DecodedInput): void {
  expectNoPollution();
  expect(KINDS).toContain(d.kind);
  expect(d.raw).toBe(text);
  expect(Array.isArray(d.tokens)).toBe(true);
  for (const t of d.tokens) expect(['jwt', 'jwe', 'opaque', 'invalid']).toContain(t.decoded.kind);
  if (d.kind === 'invalid') expect(d.reason.length).toBeLessThan(200);
}

/** What people paste: tokens, URLs, JSON and headers, alone or with stray text around them. */
const paste = fc.oneof(
  jwtText,
  urlText,
  jsonText,
  anyText,
  hugeText,
  fc.tuple(fc.constantFrom('Bearer ', 'DPoP ', 'Basic ', 'Authorization: Bearer ', 'authorization:basic ', 'DPoP: ', 'dpop:'), fc.oneof(jwtText, anyText, hugeText)).map(([a, b]) => a + b),
  fc.tuple(fc.constantFrom(' ', '\n', '\t'), jwtText, fc.constantFrom('', '\n', ' x')).map(([a, b, c]) => a + b + c),
);

describe('decodeInput never throws, is quick, and answers in its shapes', () => {
  it('random and hostile pastes', () => {
    fc.assert(fc.property(paste, (text) => expectDecoded(text, quick(text.length, () => decodeInput(text)))), RUNS);
  });

  it('the async form resolves for DPoP-looking proofs with any jwk', async () => {
    const jwk = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.record({ kty: fc.constantFrom('EC', 'RSA', 'OKP', 'oct', 'x'), crv: fc.string(), x: fc.string(), y: fc.string(), n: fc.string(), e: fc.string(), d: fc.string() }, { requiredKeys: ['kty'] }));
    await fc.assert(
      fc.asyncProperty(jwk, async (k) => {
        const text = `${b64url(JSON.stringify({ typ: 'dpop+jwt', alg: 'ES256', jwk: k }))}.${b64url('{"htm":"POST"}')}.c2ln`;
        expectDecoded(text, await quickAsync(text.length, () => decodeInputAsync(text), 100));
      }),
      { numRuns: 50 },
    );
  });

  it.each(HOSTILE)('%s, alone and after a scheme', (_name, text) => {
    for (const t of [text, `Bearer ${text}`, `Basic ${text}`, `https://app.example/cb#${text}`, `a:${text}`, `${text} x`]) {
      expectDecoded(t, quick(t.length, () => decodeInput(t)));
    }
  });

  it.each([
    ['"a:" then 40,000 "?" then " x" (0.9 s before the URL pattern was made linear)', `a:${repeated('?', 40_000)} x`],
    ['a paste of 5 MB', repeated('a.b ', 5 * MB)],
    ['a 2 MB URL', `https://app.example/cb#${repeated('a=b&', 2 * MB)}`],
  ])('regression: %s is invalid, quickly', (_what, text) => {
    expect(quick(text.length, () => decodeInput(text)).kind).toBe('invalid');
  });
});
