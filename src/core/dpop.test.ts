import { createHash } from 'node:crypto';
import { decodeProtectedHeader, EmbeddedJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { accessTokenHash, createDpopProof, dpopNonceChallenge, exportDpopKey, generateDpopKey, importDpopKey, type DpopProofInput } from './dpop';
import type { HttpAnswer } from './json-answer';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const IAT = 1562262616; // RFC 9449 4.2 example
// RFC 9449 7.1: the access token and the ath of the proof that goes with it.
const AT = 'Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU';
const ATH = 'fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo';

async function proofFor(over: Partial<DpopProofInput> = {}, alg = 'ES256') {
  const key = await generateDpopKey(alg);
  const r = await createDpopProof({ privateKey: key.privateKey, publicJwk: key.publicJwk, alg, htm: 'POST', htu: 'https://server.example.com/token', now: IAT, ...over });
  if (!r.ok) throw new Error(r.error.message);
  return { key, proof: r.value };
}

/** Verified the way a server does (4.3): with the key in the header, typ dpop+jwt. */
const verify = (proof: string) => jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', currentDate: new Date(IAT * 1000) });

describe('createDpopProof (RFC 9449 4.2)', () => {
  it.each(['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA'])('%s: verifies with its embedded jwk, with the 4.2 header and claims', async (alg) => {
    const { key, proof } = await proofFor({}, alg);
    const { payload, protectedHeader } = await verify(proof);
    expect(protectedHeader).toEqual({ typ: 'dpop+jwt', alg, jwk: key.publicJwk });
    expect(payload).toEqual({ htm: 'POST', htu: 'https://server.example.com/token', jti: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), iat: IAT });
  });

  it('never puts private members in the header, even when handed the private JWK', async () => {
    const key = await generateDpopKey('RS256');
    const { privateJwk } = await exportDpopKey(key);
    const r = await createDpopProof({ privateKey: key.privateKey, publicJwk: { ...privateJwk, kid: 'k', use: 'sig' }, alg: 'RS256', htm: 'GET', htu: 'https://rs.example/' });
    if (!r.ok) throw new Error(r.error.message);
    const jwk = decodeProtectedHeader(r.value).jwk as Record<string, unknown>;
    for (const m of PRIVATE_MEMBERS) expect(jwk).not.toHaveProperty(m);
    expect(Object.keys(jwk).sort()).toEqual(['e', 'kty', 'n']);
  });

  it('htu has no query and no fragment (4.2), and URL-normalised', async () => {
    const { proof } = await proofFor({ htu: 'HTTPS://Server.Example.com:443/token?x=1#frag', htm: 'GET' });
    expect((await verify(proof)).payload).toMatchObject({ htu: 'https://server.example.com/token', htm: 'GET' });
  });

  it('carries the nonce and the ath of the access token (4.2, RFC 9449 7.1 vector)', async () => {
    const { proof } = await proofFor({ nonce: 'eyJ7S_zG.eyJH0-Z.HX4w-7v', accessToken: AT, htm: 'GET', htu: 'https://resource.example.org/protectedresource' });
    const { payload } = await verify(proof);
    expect(payload).toMatchObject({ nonce: 'eyJ7S_zG.eyJH0-Z.HX4w-7v', ath: ATH });
    expect(ATH).toBe(createHash('sha256').update(AT, 'ascii').digest('base64url'));
  });

  it('a fresh jti per proof', async () => {
    const { key } = await proofFor();
    const jti = async () => {
      const r = await createDpopProof({ ...key, htm: 'POST', htu: 'https://server.example.com/token' });
      return r.ok ? (await jwtVerify(r.value, EmbeddedJWK)).payload.jti : undefined;
    };
    expect(await jti()).not.toBe(await jti());
  });

  it.each([
    [{ htu: '/token' }, 'bad-htu'],
    [{ htm: 'PO ST' }, 'bad-htm'],
    [{ htm: '' }, 'bad-htm'],
    [{ alg: 'RS256' }, 'bad-dpop-key'], // an EC key cannot sign RS256
  ])('%j is a problem', async (over, code) => {
    const key = await generateDpopKey();
    const r = await createDpopProof({ privateKey: key.privateKey, publicJwk: key.publicJwk, alg: 'ES256', htm: 'POST', htu: 'https://as.example/token', ...over });
    expect(r).toMatchObject({ ok: false, error: { code } });
  });
});

describe('accessTokenHash', () => {
  it('is the RFC 9449 7.1 ath', async () => {
    expect(await accessTokenHash(AT)).toBe(ATH);
  });
});

describe('DPoP keys', () => {
  it('the thumbprint is the RFC 7638 SHA-256 one of the public key', async () => {
    const key = await generateDpopKey();
    const { kty, crv, x, y } = key.publicJwk;
    const canonical = JSON.stringify({ crv, kty, x, y });
    expect(key.thumbprint).toBe(createHash('sha256').update(canonical).digest('base64url'));
    expect(Object.keys(key.publicJwk).filter((m) => PRIVATE_MEMBERS.includes(m))).toEqual([]);
  });

  it('survives export and import (a fresh service worker), same thumbprint, still signs', async () => {
    const key = await generateDpopKey('ES256');
    const stored = JSON.parse(JSON.stringify(await exportDpopKey(key)));
    const again = await importDpopKey(stored);
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.thumbprint).toBe(key.thumbprint);
    const r = await createDpopProof({ ...again.value, htm: 'POST', htu: 'https://as.example/token', now: IAT });
    expect(r.ok && (await verify(r.value)).protectedHeader.jwk).toEqual(key.publicJwk);
  });

  it.each([
    ['a public key', async () => ({ alg: 'ES256', privateJwk: (await generateDpopKey()).publicJwk })],
    ['a damaged key', async () => ({ alg: 'ES256', privateJwk: { ...(await exportDpopKey(await generateDpopKey())).privateJwk, d: 'AAAA' } })],
    ['a symmetric key', async () => ({ alg: 'HS256', privateJwk: { kty: 'oct', k: 'c2VjcmV0' } })],
    ['the wrong alg', async () => ({ alg: 'RS256', privateJwk: (await exportDpopKey(await generateDpopKey())).privateJwk })],
  ])('%s does not import', async (_what, make) => {
    expect(await importDpopKey(await make())).toMatchObject({ ok: false, error: { code: 'bad-dpop-key' } });
  });
});

describe('dpopNonceChallenge', () => {
  const NONCE = 'eyJ7S_zG.eyJH0-Z.HX4w-7v'; // RFC 9449 8 and 9 examples
  const json = { 'content-type': 'application/json', 'cache-control': 'no-store' };
  const body = JSON.stringify({ error: 'use_dpop_nonce', error_description: 'Authorization server requires nonce in DPoP proof' });
  const rsChallenge = 'DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"';
  const a = (status: number, headers: Record<string, string>, bodyText = ''): HttpAnswer => ({ status, headers, bodyText });

  it.each([
    ['the RFC 9449 8 token endpoint answer', a(400, { ...json, 'dpop-nonce': NONCE }, body), NONCE],
    ['the RFC 9449 9 resource answer', a(401, { 'www-authenticate': rsChallenge, 'dpop-nonce': NONCE }), NONCE],
    ['a DPoP challenge after a Bearer one', a(401, { 'www-authenticate': `Bearer realm="api", ${rsChallenge}`, 'DPoP-Nonce': NONCE }), NONCE],
    ['an unquoted error', a(401, { 'www-authenticate': 'dpop error=use_dpop_nonce', 'dpop-nonce': NONCE }), NONCE],
    ['no DPoP-Nonce header', a(400, json, body), undefined],
    ['another OAuth error', a(400, { ...json, 'dpop-nonce': NONCE }, JSON.stringify({ error: 'invalid_dpop_proof' })), undefined],
    ['an HTML 400', a(400, { 'dpop-nonce': NONCE }, '<html>use_dpop_nonce</html>'), undefined],
    ['truncated JSON', a(400, { 'dpop-nonce': NONCE }, '{"error":"use_dpop'), undefined],
    ['a Bearer challenge', a(401, { 'www-authenticate': 'Bearer error="use_dpop_nonce"', 'dpop-nonce': NONCE }), undefined],
    ['a 401 with another DPoP error', a(401, { 'www-authenticate': 'DPoP error="invalid_token"', 'dpop-nonce': NONCE }), undefined],
    ['a fresh nonce on a success', a(200, { ...json, 'dpop-nonce': NONCE }, '{}'), undefined],
    ['a nonce with a quote in it', a(400, { 'dpop-nonce': 'a"b' }, body), undefined],
    ['a nonce with a space in it', a(400, { 'dpop-nonce': 'a b' }, body), undefined],
  ])('%s', (_what, answer, expected) => {
    expect(dpopNonceChallenge(answer)).toBe(expected);
  });
});
