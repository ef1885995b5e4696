import { SignJWT, UnsecuredJWT, exportJWK, exportSPKI, generateKeyPair, importJWK, type JSONWebKeySet, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { keysFromText, verifySignature, verifyWith } from './verify';

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

  // OIDC Core 10.1: with several keys a kid is required; without one, each fitting key is tried.
  it('a token with no kid and one usable key: verified with that key', async () => {
    const token = await new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'RS256' }).sign(keys.RS256!.priv);
    const v = await verifySignature(token, keys.RS256!.jwks, src);
    expect(v).toMatchObject({ status: 'verified', message: expect.stringContaining('the only matching key') });
    expect(v.ambiguousKey).toBeUndefined();
  });

  it('a token with no kid and several usable keys: each is tried, and the key is said to be ambiguous', async () => {
    const other = await generateKeyPair('RS256', { extractable: true });
    const jwks = { keys: [{ ...(await exportJWK(other.publicKey)), kid: 'other', alg: 'RS256' }, ...keys.RS256!.jwks.keys] };
    const token = await new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'RS256' }).sign(keys.RS256!.priv);
    expect(await verifySignature(token, jwks, src)).toMatchObject({ status: 'verified', ambiguousKey: true, message: expect.stringContaining('ambiguous') });
    const forged = await new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'RS256' }).sign((await generateKeyPair('RS256')).privateKey);
    expect(await verifySignature(forged, jwks, src)).toMatchObject({ status: 'bad-signature', ambiguousKey: true });
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

// A self-signed P-256 certificate (openssl req -x509 -newkey ec), as an issuer might publish, and a
// token signed with its private key (kid cert-1).
const CERT_PEM = `-----BEGIN CERTIFICATE-----
MIIBmTCCAT+gAwIBAgIUEI7wt3dnBoFgfvGEM7Wg/M/TlAAwCgYIKoZIzj0EAwIw
ITEfMB0GA1UEAwwWR3JhbnRzY29wZSB0ZXN0IGlzc3VlcjAgFw0yNjExMjYwODQy
MjdaGA8yMTI2MTEwMjA4NDIyN1owITEfMB0GA1UEAwwWR3JhbnRzY29wZSB0ZXN0
IGlzc3VlcjBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABKp6SwxKCiKiO9EkBXhX
Khnmbzl7aGldoNsga7BZINa9Ynl5+dY4EctYnL91LHClYL4sTuQtzwgKEa+dxRhg
TGSjUzBRMB0GA1UdDgQWBBRaZK6808nVjK2zDBGOWO9gXbtpkTAfBgNVHSMEGDAW
gBRaZK6808nVjK2zDBGOWO9gXbtpkTAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49
BAMCA0gAMEUCIQC+oTzlzE+jZwNjFXQQohj59BjR793oilqugBnH+NWRbAIgQ39C
yQcbQAkHhD51IakIj4rNQ09stSTnxk86xWRKEd8=
-----END CERTIFICATE-----`;
const CERT_TOKEN =
  'eyJhbGciOiJFUzI1NiIsImtpZCI6ImNlcnQtMSJ9.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoiYWxpY2UiLCJpYXQiOjE3MDAwMDAwMDB9.zXeRnUVoOO_Lin0zBqXD1tErclfjebTMRBov8xEgLx66w7-JEoHM9BbgxMlBbzIZdviLVot0VDJH-tAUddD6xg';

const SECRET = 'grantscope-demo-secret-of-32-bytes!';
const pasted = async (text: string) => {
  const k = await keysFromText(text);
  if (!k.ok) throw new Error(k.error.message);
  return k.value;
};
const spki = async (jwk: JWK, alg: string) => exportSPKI((await importJWK(jwk, alg)) as CryptoKey);
const hs256 = (secret = SECRET) => new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));

describe('verifyWith pasted keys', () => {
  it.each(algs)('verifies %s with the pasted JWKS, the single JWK and the SPKI PEM', async (alg) => {
    const token = await sign(alg);
    const jwk = keys[alg]!.jwks.keys[0]!;
    const pem = await spki(jwk, alg);
    for (const text of [JSON.stringify(keys[alg]!.jwks), JSON.stringify(jwk), pem]) {
      const v = await verifyWith(token, await pasted(text));
      expect(v.status, text.slice(0, 30)).toBe('verified');
    }
    expect((await verifyWith(token, await pasted(pem))).message).toBe(`Signature verified with key "k-${alg}" (${alg}) from the pasted public key.`);
  });

  it('lets one RSA PEM verify both RS256 and PS256 (the PEM names no alg)', async () => {
    const { privateKey, publicKey } = await generateKeyPair('PS256', { extractable: true });
    const pem = await pasted(await exportSPKI(publicKey));
    const privateJwk = await exportJWK(privateKey);
    for (const alg of ['RS256', 'PS256']) {
      const token = await new SignJWT({}).setProtectedHeader({ alg }).sign(await importJWK(privateJwk, alg));
      expect((await verifyWith(token, pem)).status).toBe('verified');
    }
  });

  it('verifies with an X.509 certificate (jose importX509), and notices a change', async () => {
    const cert = await pasted(CERT_PEM);
    expect(await verifyWith(CERT_TOKEN, cert)).toEqual({ status: 'verified', alg: 'ES256', kid: 'cert-1', keySource: 'the pasted certificate', message: 'Signature verified with key "cert-1" (ES256) from the pasted certificate.' });
    expect(cert.notes[0]).toContain('not checked');
    const [h, , sig] = CERT_TOKEN.split('.');
    const forged = `${h}.${Buffer.from('{"iss":"https://evil.example","sub":"alice"}').toString('base64url')}.${sig}`;
    expect((await verifyWith(forged, cert)).status).toBe('bad-signature');
  });

  it.each([
    ['the right secret', SECRET, 'verified', 'Signature verified with the pasted secret (HS256).'],
    ['a wrong secret', 'another-secret-of-thirty-two-bytes', 'bad-signature', 'Bad signature: the pasted secret (HS256) does not verify this token.'],
  ])('HS256 with %s', async (_what, secret, status, message) => {
    expect(await verifyWith(await hs256(), await pasted(secret))).toMatchObject({ status, message });
  });

  it('verifies HS256 with a symmetric JWK too', async () => {
    const k = Buffer.from(SECRET).toString('base64url');
    expect((await verifyWith(await hs256(), await pasted(JSON.stringify({ kty: 'oct', k })))).status).toBe('verified');
  });

  it.each([
    ['an RS256 token checked with a secret', () => sign('RS256'), () => pasted(SECRET), "A shared secret verifies only HS*: this token needs the issuer's public key (RFC 8725 2.1)."],
    ['an HS256 token checked with a key set', () => hs256(), () => pasted(JSON.stringify(keys.RS256!.jwks)), 'It is an HMAC algorithm: verify it with the shared client secret (OIDC Core 10.1).'],
  ])('refuses %s, and says why', async (_what, token, source, why) => {
    const v = await verifyWith(await token(), await source());
    expect(v.status).toBe('alg-not-allowed');
    expect(v.message).toContain(why);
  });

  it('never takes an RSA public key as an HMAC secret (RFC 8725 2.1, algorithm confusion)', async () => {
    const pem = await spki(keys.RS256!.jwks.keys[0]!, 'RS256');
    const confused = await new SignJWT({ sub: 'mallory' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(pem));
    const v = await verifyWith(confused, await pasted(pem), { algorithms: ['HS256', 'RS256'] });
    expect(v.status).toBe('alg-not-allowed');
  });

  it.each([
    ['alg none', () => Promise.resolve(new UnsecuredJWT({ sub: 'x' }).encode()), 'unsigned'],
    ['an unknown kid', () => sign('ES256', 'rotated'), 'no-matching-key'],
    ['an alg outside the list', () => sign('RS256'), 'alg-not-allowed'],
    ['a JWE', () => Promise.resolve('eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..aXY.Y3Q.dGFn'), 'not-a-jws'],
  ])('answers %s plainly', async (_what, token, status) => {
    const v = await verifyWith(await token(), await pasted(JSON.stringify(keys.ES256!.jwks)), { algorithms: ['ES256'] });
    expect(v.status).toBe(status);
  });

  it('reads a key set whose key is for encryption only as having no matching key (RFC 7517 4.2)', async () => {
    const enc = { keys: [{ ...keys.ES256!.jwks.keys[0]!, use: 'enc' }] };
    expect((await verifyWith(await sign('ES256'), await pasted(JSON.stringify(enc)))).status).toBe('no-matching-key');
  });
});
