import { SignJWT, UnsecuredJWT, exportJWK, generateKeyPair, type JSONWebKeySet } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from './verify';

const src = { keySource: 'test JWKS' };
const algs = ['RS256', 'PS256', 'ES256', 'EdDSA'] as const;
const keys: Record<string, { priv: CryptoKey; jwks: JSONWebKeySet }> = {};

beforeAll(async () => {
  for (const alg of algs) {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    keys[alg] = { priv: privateKey, jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: `k-${alg}`, alg }] } };
  }
});

const sign = (alg: string, kid = `k-${alg}`) =>
  new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg, kid }).setIssuedAt().sign(keys[alg]!.priv);

describe('verifySignature', () => {
  it.each(algs)('verifies %s with the matching key', async (alg) => {
    const v = await verifySignature(await sign(alg), keys[alg]!.jwks, src);
    expect(v.status).toBe('verified');
    expect(v.kid).toBe(`k-${alg}`);
    expect(v.message).toContain(alg);
  });

  it('reports a bad signature when the payload was changed', async () => {
    const [h, , s] = (await sign('RS256')).split('.');
    const forged = `${h}.${Buffer.from('{"sub":"mallory"}').toString('base64url')}.${s}`;
    expect((await verifySignature(forged, keys.RS256!.jwks, src)).status).toBe('bad-signature');
  });

  it('reports no matching key for an unknown kid', async () => {
    const v = await verifySignature(await sign('ES256', 'other'), keys.ES256!.jwks, src);
    expect(v.status).toBe('no-matching-key');
    expect(v.message).toContain('other');
  });

  it('never calls alg none verified', async () => {
    const token = new UnsecuredJWT({ sub: 'x' }).encode();
    expect((await verifySignature(token, keys.RS256!.jwks, src)).status).toBe('unsigned');
  });

  it('refuses an algorithm outside the allow-list', async () => {
    const v = await verifySignature(await sign('RS256'), keys.RS256!.jwks, { ...src, algorithms: ['ES256'] });
    expect(v.status).toBe('alg-not-allowed');
  });

  it.each(['abc', 'a.b', 'a.b.c.d.e', ''])('does not treat %j as a JWS', async (t) => {
    expect((await verifySignature(t, keys.RS256!.jwks, src)).status).toBe('not-a-jws');
  });
});
