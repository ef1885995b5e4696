/**
 * The issuer's key set is fetched from a jwks_uri, which a hostile or broken server answers (issue
 * 9). Whatever the fetch gives - junk keys, a key set 20,000 deep, a rejected promise - and whatever
 * the token, JwksCache.verify ends with a named Verification, without throwing.
 */
import fc from 'fast-check';
import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { b64url, deepArray, FEW_RUNS, jwtText, quickAsync } from './fuzz.fixtures';
import { JwksCache } from './jwks-cache';
import { fail, ok, type Result } from './result';

const URI = 'https://issuer.example/jwks';
const STATUSES = ['verified', 'bad-signature', 'unsigned', 'no-matching-key', 'alg-not-allowed', 'keys-unreachable', 'not-a-jws', 'error'];
let good: { token: string; jwk: JSONWebKeySet['keys'][number] };

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  good = {
    token: await new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).sign(privateKey),
    jwk: { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' },
  };
});

/** What a fetch of the jwks_uri may hand back, as a hostile server makes it. */
const fetched = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => ok(v as unknown as JSONWebKeySet)),
  fc.array(fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.record({ kty: fc.constantFrom('EC', 'RSA', 'oct', 'x'), kid: fc.constantFrom('k1', 'k2', ''), alg: fc.constantFrom('ES256', 'RS256', 'none'), crv: fc.string(), x: fc.string(), y: fc.string() }, { requiredKeys: [] })), { maxLength: 4 }).map((keys) => ok({ keys } as unknown as JSONWebKeySet)),
  fc.constantFrom<'good' | 'deep' | 'reject' | 'fail' | 'proto'>('good', 'deep', 'reject', 'fail', 'proto'),
);

function fetcher(what: unknown): (uri: string) => Promise<Result<JSONWebKeySet>> {
  return async () => {
    switch (what) {
      case 'good':
        return ok({ keys: [good.jwk] });
      case 'deep':
        return ok({ keys: JSON.parse(deepArray(20_000)) as JSONWebKeySet['keys'] });
      case 'reject':
        throw new Error('network down');
      case 'fail':
        return fail('fetch-failed', 'HTTP 500');
      case 'proto':
        return ok(JSON.parse('{"keys":[{"__proto__":{"kty":"EC"},"kid":"k1"}]}') as JSONWebKeySet);
      default:
        return what as Result<JSONWebKeySet>;
    }
  };
}

describe('JwksCache.verify never throws and names its outcome, whatever the key set and token', () => {
  it('hostile key sets and tokens', async () => {
    const token = fc.oneof(fc.constant('GOOD'), jwtText, fc.constant(`${b64url('{"alg":"ES256","kid":"k1"}')}.${b64url('{"sub":"x"}')}.c2ln`));
    await fc.assert(
      fc.asyncProperty(fetched, token, async (got, t) => {
        const cache = new JwksCache(fetcher(got));
        const tok = t === 'GOOD' ? good.token : t;
        const v = await quickAsync(tok.length, () => cache.verify(tok, URI), 300);
        expect(STATUSES).toContain(v.status);
        expect(typeof v.message).toBe('string');
        // Only the real key with its real token verifies.
        if (v.status === 'verified') expect(tok).toBe(good.token);
      }),
      FEW_RUNS,
    );
  });
});
