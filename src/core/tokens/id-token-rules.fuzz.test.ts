/**
 * ID token claims are whatever the token's issuer - or a page that forged the token - wrote (issue 9).
 * judgeIdTokenClaims gives one Finding per check for any header and payload, quickly, never throwing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyText, deepArray, FEW_RUNS, hugeText, MB, quickAsync, repeated } from '../fuzz.fixtures';
import { judgeIdTokenClaims, type IdTokenClaimsInput } from './id-token-rules';

const claim = fc.oneof(fc.jsonValue({ maxDepth: 3 }), anyText, hugeText, fc.double(), fc.array(fc.string(), { maxLength: 50 }));
const CLAIMS = ['iss', 'sub', 'aud', 'azp', 'exp', 'iat', 'nbf', 'nonce', 'auth_time', 'at_hash', 'c_hash', 's_hash', 'acr', '__proto__'];

const inputArb: fc.Arbitrary<IdTokenClaimsInput> = fc.record({
  header: fc.dictionary(fc.constantFrom('alg', 'kid', 'typ', '__proto__'), claim, { maxKeys: 3 }),
  payload: fc.dictionary(fc.constantFrom(...CLAIMS), claim, { maxKeys: 10 }),
  issuer: fc.oneof(fc.constant('https://as.example'), anyText),
  clientId: fc.oneof(fc.constant('app'), anyText),
  flow: fc.constantFrom('code', 'implicit', 'hybrid', 'refresh', 'pasted'),
  nonce: fc.option(anyText, { nil: undefined }),
  accessToken: fc.option(fc.oneof(anyText, hugeText), { nil: undefined }),
  code: fc.option(anyText, { nil: undefined }),
  state: fc.option(anyText, { nil: undefined }),
  maxAge: fc.option(fc.double(), { nil: undefined }),
  now: fc.double(),
  toleranceSec: fc.oneof(fc.constant(60), fc.double()),
  expectedAlgs: fc.option(fc.array(anyText, { maxLength: 5 }), { nil: undefined }),
  previous: fc.option(fc.record({ iss: fc.string(), sub: fc.string() }), { nil: undefined }),
}, { requiredKeys: ['header', 'payload', 'now', 'toleranceSec'] });

async function check(input: IdTokenClaimsInput, size = 0): Promise<void> {
  const findings = await quickAsync(size, async () => judgeIdTokenClaims(input), 100);
  for (const f of findings) {
    expect(['pass', 'fail', 'n/a']).toContain(f.status);
    expect(typeof f.message).toBe('string');
  }
}

describe('judgeIdTokenClaims never throws, is quick, and answers one Finding per check', () => {
  it('random and hostile claims', async () => {
    await fc.assert(fc.asyncProperty(inputArb, (input) => check(input, JSON.stringify(input).length)), FEW_RUNS);
  });

  it('claims 20,000 levels deep and a megabyte long', async () => {
    const deep = JSON.parse(deepArray(20_000)) as unknown;
    const big = repeated('x', MB);
    await check({ header: { alg: big }, payload: { iss: deep, sub: big, aud: deep, nonce: deep, at_hash: deep, exp: deep }, issuer: 'https://as.example', clientId: 'app', flow: 'hybrid', accessToken: big, code: big, now: Date.now(), toleranceSec: 60 }, 3 * MB);
  });
});
