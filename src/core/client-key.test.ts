import { exportPKCS8, exportSPKI, generateKeyPair, importJWK, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { generateClientKey, parsePrivateKey } from './client-key';

// RFC 8037 appendix A.1 (the Ed25519 key) and A.3 (its RFC 7638 thumbprint).
const RFC8037_KEY = { kty: 'OKP', crv: 'Ed25519', d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };
const RFC8037_KID = 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k';
// RFC 7638 3.1: a public RSA key.
const RFC7638_PUBLIC = {
  kty: 'RSA',
  e: 'AQAB',
  n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
};

/** No problem message may quote the private part. */
const noKeyIn = (r: unknown, d: string) => expect(JSON.stringify(r)).not.toContain(d);

describe('generateClientKey', () => {
  it.each(['RS256', 'ES256', 'EdDSA'] as const)('%s: a pair whose kid is the RFC 7638 thumbprint', async (alg) => {
    const k = await generateClientKey(alg);
    expect(k.alg).toBe(alg);
    expect(k.privateJwk).toMatchObject({ kid: k.kid, alg, use: 'sig', d: expect.any(String) });
    expect(k.publicJwk.d).toBeUndefined();
    const again = await parsePrivateKey(JSON.stringify(k.privateJwk));
    expect(again.ok && again.value.kid).toBe(k.kid);
    const jwt = await new SignJWT({ a: 1 }).setProtectedHeader({ alg }).sign(await importJWK(k.privateJwk, alg));
    await expect(jwtVerify(jwt, await importJWK(k.publicJwk, alg))).resolves.toBeTruthy();
  });
});

describe('parsePrivateKey: JWK', () => {
  it('reads the RFC 8037 Ed25519 key; kid is its RFC 7638 thumbprint', async () => {
    expect(await parsePrivateKey(`\n ${JSON.stringify(RFC8037_KEY)}\n`)).toEqual({
      ok: true,
      value: {
        privateJwk: { ...RFC8037_KEY, kid: RFC8037_KID, alg: 'EdDSA' },
        publicJwk: { kty: 'OKP', crv: 'Ed25519', x: RFC8037_KEY.x, kid: RFC8037_KID, alg: 'EdDSA' },
        kid: RFC8037_KID,
        alg: 'EdDSA',
      },
    });
  });

  it('keeps a kid the key already has, and takes a JWKS with one key', async () => {
    const r = await parsePrivateKey(JSON.stringify({ keys: [{ ...RFC8037_KEY, kid: 'k1' }] }));
    expect(r.ok && [r.value.kid, r.value.publicJwk.kid]).toEqual(['k1', 'k1']);
  });

  it.each([
    ['empty', '  ', 'empty-key', 'no key was given'],
    ['garbage', 'hello world', 'not-a-key', 'this is neither a JSON Web Key nor a PEM "-----BEGIN PRIVATE KEY-----" block'],
    ['truncated JSON', '{"kty":"OKP","d":"nWGx', 'not-a-key', 'neither a JSON Web Key'],
    ['null', 'null', 'not-a-key', 'no "kty" member'],
    ['an array', '[]', 'not-a-key', 'no "kty" member'],
    ['JSON without kty', '{"d":"x"}', 'not-a-key', 'no "kty" member'],
    ['a public JWK', JSON.stringify(RFC7638_PUBLIC), 'public-key', 'this is a public key (no "d" member)'],
    ['a symmetric JWK', '{"kty":"oct","k":"c2VjcmV0"}', 'symmetric-key', 'client_secret_jwt'],
    ['a JWKS with two keys', JSON.stringify({ keys: [RFC8037_KEY, RFC8037_KEY] }), 'jwks-several-keys', 'a JWKS with 2 keys; paste the one key to sign with'],
    ['an empty JWKS', '{"keys":[]}', 'jwks-several-keys', 'a JWKS with 0 keys'],
    ['a key for the wrong alg', JSON.stringify({ ...RFC8037_KEY, alg: 'ES256' }), 'bad-key', 'the key cannot be used with ES256'],
    ['a broken private part', JSON.stringify({ ...RFC8037_KEY, d: 'AAAA' }), 'bad-key', 'the key cannot be used with EdDSA'],
    ['an unknown curve', '{"kty":"OKP","crv":"X25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"x"}', 'no-alg', 'no signing algorithm is known for a OKP key on X25519'],
  ])('%s', async (_what, text, code, words) => {
    const r = await parsePrivateKey(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message).toContain(words);
    }
    noKeyIn(r, RFC8037_KEY.d);
  });

  it('an alg asked for must agree with the key\'s own', async () => {
    const r = await parsePrivateKey(JSON.stringify({ ...RFC8037_KEY, alg: 'EdDSA' }), 'ES256');
    expect(r).toMatchObject({ ok: false, error: { code: 'alg-mismatch', message: 'the key is for EdDSA (its "alg" member), not ES256' } });
  });
});

describe('parsePrivateKey: PEM', () => {
  it.each([
    ['RS256', 'RS256', undefined],
    ['ES256', 'ES256', undefined],
    ['ES384', 'ES384', undefined],
    ['EdDSA', 'EdDSA', undefined],
    ['RS256', 'PS256', 'PS256'], // an RSA key for PS256 when asked
  ] as const)('a PKCS#8 %s key reads as %s', async (genAlg, alg, asked) => {
    const pair = await generateKeyPair(genAlg, { extractable: true });
    const r = await parsePrivateKey(await exportPKCS8(pair.privateKey), asked);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.alg).toBe(alg);
    expect(r.value.privateJwk.d).toEqual(expect.any(String));
    for (const m of ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const) expect(r.value.publicJwk[m]).toBeUndefined();
  });

  const pem = (label: string, body = 'MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA') => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;

  it.each([
    ['an encrypted PKCS#8 PEM', pem('ENCRYPTED PRIVATE KEY'), 'encrypted-pem'],
    ['an encrypted PKCS#1 PEM', pem('RSA PRIVATE KEY', 'Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123\n\nAAAA'), 'encrypted-pem'],
    ['a PKCS#1 RSA PEM', pem('RSA PRIVATE KEY'), 'pkcs1-pem'],
    ['a SEC1 EC PEM', pem('EC PRIVATE KEY'), 'pkcs1-pem'],
    ['a certificate', pem('CERTIFICATE'), 'public-key'],
    ['an OpenSSH key', pem('OPENSSH PRIVATE KEY'), 'unsupported-pem'],
    ['garbage inside', pem('PRIVATE KEY', 'not base64 at all!'), 'bad-pem'],
    ['a truncated key', pem('PRIVATE KEY'), 'bad-pem'],
  ])('%s', async (_what, text, code) => {
    expect(await parsePrivateKey(text)).toMatchObject({ ok: false, error: { code } });
  });

  it('a public key PEM says so', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const r = await parsePrivateKey(await exportSPKI(pair.publicKey));
    expect(r).toMatchObject({ ok: false, error: { code: 'public-key', message: expect.stringContaining('this is a public key, not a private key') } });
  });

  it('a PEM for another alg than the one asked for', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const r = await parsePrivateKey(await exportPKCS8(pair.privateKey), 'RS256');
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-pem', message: 'the PEM is not a PKCS#8 private key usable with RS256' } });
  });
});
