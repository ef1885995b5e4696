import { base64url, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ALGORITHMS, precheck, tokenHeader } from './verify-precheck';

const b64 = (o: unknown) => base64url.encode(JSON.stringify(o));
const jws = (header: object) => `${b64(header)}.${b64({ sub: 'a' })}.c2ln`;

describe('precheck', () => {
  it.each([
    ['a signed token with an allowed alg', jws({ alg: 'RS256', kid: 'k1' }), DEFAULT_ALGORITHMS, undefined],
    ['alg none (RFC 7519 6.1)', new UnsecuredJWT({}).encode(), DEFAULT_ALGORITHMS, 'unsigned'],
    ['alg nOnE', jws({ alg: 'nOnE' }), DEFAULT_ALGORITHMS, 'unsigned'],
    ['no alg', jws({ kid: 'k1' }), DEFAULT_ALGORITHMS, 'unsigned'],
    ['an alg outside the list', jws({ alg: 'ES256' }), ['RS256'], 'alg-not-allowed'],
    ['a JWE', 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..aXY.Y3Q.dGFn', DEFAULT_ALGORITHMS, 'not-a-jws'],
    ['an opaque token', '2YotnFZFEjr1zCsicMWpAA', DEFAULT_ALGORITHMS, 'not-a-jws'],
    ['a header that is not JSON', 'mF_9.B5f-4.1JqM', DEFAULT_ALGORITHMS, 'not-a-jws'],
  ])('%s', (_what, token, algorithms, status) => {
    const got = precheck(token, algorithms, 'test keys');
    if (status === undefined) expect(got).toEqual({ alg: 'RS256', base: { alg: 'RS256', kid: 'k1', keySource: 'test keys' } });
    else expect('verdict' in got && got.verdict.status).toBe(status);
  });

  it.each([
    [jws({ alg: 'HS256' }), DEFAULT_ALGORITHMS, 'Algorithm HS256 is not in the allowed list (RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA, Ed25519). It is an HMAC algorithm: verify it with the shared client secret (OIDC Core 10.1).'],
    [jws({ alg: 'RS256' }), ['HS256', 'HS384', 'HS512'], "Algorithm RS256 is not in the allowed list (HS256, HS384, HS512). A shared secret verifies only HS*: this token needs the issuer's public key (RFC 8725 2.1)."],
    [jws({ alg: 'ES512' }), ['ES256'], 'Algorithm ES512 is not in the allowed list (ES256).'],
    [jws({ alg: 'ES512' }), [], 'Algorithm ES512 is not in the allowed list (none).'],
  ])('says why an alg is refused (%#)', (token, algorithms, message) => {
    const got = precheck(token, algorithms);
    expect('verdict' in got && got.verdict.message).toBe(message);
  });

  it('reads alg and kid, and nothing else, from the header', () => {
    expect(tokenHeader(jws({ alg: 'PS256', kid: 'k', typ: 'JWT' }))).toEqual({ alg: 'PS256', kid: 'k' });
    expect(tokenHeader(jws({ alg: 1, kid: null }))).toEqual({});
    expect(tokenHeader('not a token')).toBeUndefined();
  });
});

describe('tokenHeader bounds what it hands to messages', () => {
  it('cuts a huge kid and alg and says how long they were', () => {
    const header = b64({ alg: 'A'.repeat(100_000), kid: 'k'.repeat(100_000) });
    const h = tokenHeader(`${header}.e30.sig`)!;
    expect(h.kid!.length).toBeLessThan(300);
    expect(h.kid).toContain('(100000 chars)');
    const r = precheck(`${header}.e30.sig`, ['RS256']);
    expect('verdict' in r && r.verdict.message.length).toBeLessThan(600);
  });
});
