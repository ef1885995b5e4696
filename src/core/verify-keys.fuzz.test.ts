/**
 * A key pasted to verify with may come from anywhere (a page, a chat): keysFromText gives keys or a
 * named problem for any text, within a bound, and never throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyText, deepArray, HOSTILE, hugeText, jsonText, MB, quickAsync, repeated } from './fuzz.fixtures';
import { keysFromText } from './verify-keys';

const CODES = ['empty-key', 'unsupported-pem', 'bad-pem', 'not-a-key', 'bad-key', 'jwks-empty', 'jwks-too-many', 'not-json', 'too-large', 'too-deep'];
/** Importing keys is real crypto (an RSA import is a few ms): allowed on top of the parse budget. */
const IMPORT_MS = 400;

async function check(text: string): Promise<void> {
  const r = await quickAsync(text.length, () => keysFromText(text), IMPORT_MS);
  if (!r.ok) {
    expect(CODES).toContain(r.error.code);
    expect(r.error.message.length).toBeLessThan(300);
    return;
  }
  expect(['jwks', 'jwk', 'pem', 'secret']).toContain(r.value.kind);
}

const jwkArb = fc.record(
  { kty: fc.constantFrom('RSA', 'EC', 'OKP', 'oct', 'x', ''), crv: fc.constantFrom('P-256', 'Ed25519', 'x'), n: fc.string(), e: fc.constantFrom('AQAB', ''), x: fc.string(), y: fc.string(), k: fc.string(), alg: fc.constantFrom('RS256', 'ES256', 'none'), x5c: fc.jsonValue({ maxDepth: 1 }) },
  { requiredKeys: [] },
);
const keyText = fc.oneof(
  fc.array(fc.oneof(jwkArb, fc.jsonValue({ maxDepth: 2 })), { maxLength: 4 }).map((keys) => JSON.stringify({ keys })),
  jwkArb.map((k) => JSON.stringify(k)),
  fc.tuple(fc.constantFrom('PUBLIC KEY', 'CERTIFICATE', 'PRIVATE KEY', 'RSA PUBLIC KEY', 'X'), fc.oneof(fc.base64String({ maxLength: 400 }), anyText)).map(([l, b]) => `-----BEGIN ${l}-----\n${b}\n-----END ${l}-----`),
  jsonText,
  anyText,
  hugeText,
);

describe('keysFromText never throws, is bounded, and answers in its shapes', () => {
  it('random and hostile keys', async () => {
    await fc.assert(fc.asyncProperty(keyText, check), { numRuns: 100 });
  });

  it.each(HOSTILE)('%s', async (_name, text) => {
    await check(text);
    await check(`{"keys":[${text.slice(0, 100_000)}]}`);
  });

  it.each([
    ['a key set 20,000 deep', `{"keys":${deepArray(20_000)}}`, 'too-deep'],
    ['100,000 keys', `{"keys":[${repeated('{"kty":"RSA"},', 1_400_000)}{}]}`, 'too-large'],
    ['1,000 keys', JSON.stringify({ keys: Array.from({ length: 1000 }, () => ({ kty: 'EC', crv: 'P-256', x: 'a', y: 'b' })) }), 'jwks-too-many'],
    ['a symmetric key whose "k" holds no whole byte (threw in jose)', '{"kty":"oct","k":"0"}', 'bad-key'],
    ['a 1 MB kty, named in short', `{"kty":"${repeated('&', MB)}"}`, 'too-large'],
    ['a 200 K kty, named in short', `{"kty":"${repeated('&', 200_000)}"}`, 'bad-key'],
    ['a 2 MB PEM', `-----BEGIN PUBLIC KEY-----\n${repeated('A', 2 * MB)}\n-----END PUBLIC KEY-----`, 'too-large'],
  ])('regression: %s is refused by name', async (_what, text, code) => {
    const r = await quickAsync(text.length, () => keysFromText(text));
    expect(r).toMatchObject({ ok: false, error: { code } });
  });
});
