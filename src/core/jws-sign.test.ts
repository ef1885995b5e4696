import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { generateClientKey } from './client-key';
import { decodeToken } from './jwt';
import { defaultSigningAlg, publicJwk, signingAlgFor, signJwt } from './jws-sign';

// RFC 8037 appendix A.1.
const ED = { kty: 'OKP', crv: 'Ed25519', d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };

describe('defaultSigningAlg / signingAlgFor', () => {
  it.each([
    [{ kty: 'RSA' }, 'RS256'],
    [{ kty: 'EC', crv: 'P-256' }, 'ES256'],
    [{ kty: 'EC', crv: 'P-384' }, 'ES384'],
    [{ kty: 'EC', crv: 'P-521' }, 'ES512'],
    [{ kty: 'EC', crv: 'secp256k1' }, undefined],
    [{ kty: 'OKP', crv: 'Ed25519' }, 'EdDSA'],
    [{ kty: 'OKP', crv: 'X25519' }, undefined],
    [{ kty: 'oct' }, undefined],
  ])('%j -> %s', (jwk, alg) => {
    expect(defaultSigningAlg(jwk)).toBe(alg);
  });

  it.each([
    [{ kty: 'RSA', alg: 'PS384' }, undefined, { ok: true, value: 'PS384' }],
    [{ kty: 'RSA' }, 'PS256', { ok: true, value: 'PS256' }],
    [{ kty: 'RSA', alg: 'RS256' }, 'RS256', { ok: true, value: 'RS256' }],
    [{ kty: 'RSA', alg: 'RS256' }, 'PS256', { ok: false, error: { code: 'alg-mismatch', message: 'the key is for RS256 (its "alg" member), not PS256' } }],
    [{ kty: 'oct' }, undefined, { ok: false, error: { code: 'no-alg', message: 'no signing algorithm is known for a oct key; name one' } }],
  ])('%j asked %s', (jwk, asked, out) => {
    expect(signingAlgFor(jwk, asked)).toEqual(out);
  });
});

describe('publicJwk', () => {
  it('keeps the public members and identity, drops every private one', async () => {
    const { privateJwk } = await generateClientKey('RS256');
    const pub = publicJwk({ ...privateJwk, key_ops: ['sign'], ext: true });
    expect(Object.keys(pub).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(publicJwk(ED)).toEqual({ kty: 'OKP', crv: 'Ed25519', x: ED.x });
  });
});

describe('signJwt', () => {
  it('signs with a private JWK, the kid from the key, header members added', async () => {
    const r = await signJwt({ sub: 'a' }, { privateJwk: { ...ED, kid: 'ed1' } }, { typ: 'x+jwt' });
    if (!r.ok) throw new Error(r.error.message);
    expect(decodeProtectedHeader(r.value)).toEqual({ kid: 'ed1', typ: 'x+jwt', alg: 'EdDSA' });
    await expect(jwtVerify(r.value, await importJWK(publicJwk(ED), 'EdDSA'))).resolves.toMatchObject({ payload: { sub: 'a' } });
  });

  it('HMAC over the UTF-8 bytes of the secret (OIDC Core 16.19)', async () => {
    const r = await signJwt({ sub: 'a' }, { alg: 'HS512', secret: 'sécret' });
    if (!r.ok) throw new Error(r.error.message);
    await expect(jwtVerify(r.value, new TextEncoder().encode('sécret'))).resolves.toBeTruthy();
  });

  it('alg none: no signature, and it decodes as unsigned', async () => {
    const r = await signJwt({ sub: 'a' }, { alg: 'none' }, { typ: 'JWT', alg: 'RS256' });
    expect(r.ok && decodeToken(r.value)).toEqual({ kind: 'jwt', header: { typ: 'JWT', alg: 'none' }, payload: { sub: 'a' }, signature: '', unsigned: true });
  });

  it.each([
    ['an empty secret', { alg: 'HS256' as const, secret: '' }, 'missing-secret'],
    ['a public key', { privateJwk: publicJwk(ED) }, 'public-key'],
    ['a key for another alg', { privateJwk: ED, alg: 'ES256' }, 'bad-key'],
    ['a broken key', { privateJwk: { ...ED, x: 'AAAA' } }, 'bad-key'],
  ])('%s is a problem that never quotes the key', async (_what, signWith, code) => {
    const r = await signJwt({ sub: 'a' }, signWith);
    expect(r).toMatchObject({ ok: false, error: { code } });
    expect(JSON.stringify(r)).not.toContain(ED.d);
  });
});
