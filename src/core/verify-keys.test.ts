import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { keysFromText } from './verify-keys';

// RFC 7517 A.1: the example public EC key (marked for encryption).
const RFC7517_EC = { kty: 'EC', crv: 'P-256', x: 'MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4', y: '4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM', use: 'enc', kid: '1' };

describe('keysFromText', () => {
  it('reads the RFC 7517 A.1 key as a JWK and as a JWKS', async () => {
    expect(await keysFromText(JSON.stringify(RFC7517_EC))).toEqual({ ok: true, value: { kind: 'jwk', keys: { keys: [RFC7517_EC] }, label: 'the pasted key', notes: [] } });
    const set = await keysFromText(`\n${JSON.stringify({ keys: [RFC7517_EC] }, null, 2)}\n`);
    expect(set).toMatchObject({ ok: true, value: { kind: 'jwks', keys: { keys: [RFC7517_EC] }, label: 'the pasted key set' } });
  });

  it.each(['RS256', 'ES384', 'EdDSA'] as const)('reads an SPKI PEM, a private PKCS#8 PEM and a private JWK (%s) as their public key', async (alg) => {
    const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
    const pub = await exportJWK(publicKey);
    expect(await keysFromText(await exportSPKI(publicKey))).toEqual({ ok: true, value: { kind: 'pem', keys: { keys: [pub] }, label: 'the pasted public key', notes: [] } });
    const fromPkcs8 = await keysFromText(await exportPKCS8(privateKey));
    expect(fromPkcs8).toMatchObject({ ok: true, value: { kind: 'pem', keys: { keys: [pub] }, notes: ['A private key was pasted: only its public part is used, and nothing is kept.'] } });
    const fromJwk = await keysFromText(JSON.stringify(await exportJWK(privateKey)));
    expect(fromJwk).toMatchObject({ ok: true, value: { kind: 'jwk', keys: { keys: [pub] }, notes: ['A private key was pasted: only its public part is used, and nothing is kept.'] } });
    expect(JSON.stringify(fromJwk)).not.toContain('"d"');
  });

  it.each([
    ['a client secret', 'grantscope-demo-secret-that-is-long!', 36, []],
    ['a short secret, with a note', '  grantscope-demo-secret\n', 22, ['The secret is 22 bytes; RFC 7518 3.2 asks for at least 32 for HS256.']],
    ['UTF-8 octets (OIDC Core 16.19)', 'é'.repeat(16), 32, []],
  ])('reads %s as a secret', async (_what, text, length, notes) => {
    const got = await keysFromText(text);
    expect(got).toMatchObject({ ok: true, value: { kind: 'secret', label: 'the pasted secret', notes } });
    if (got.ok) expect(got.value.keys).toHaveLength(length);
  });

  it('reads a symmetric JWK (RFC 7518 6.4) as its secret bytes', async () => {
    const got = await keysFromText('{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}');
    expect(got).toMatchObject({ ok: true, value: { kind: 'secret', label: 'the pasted symmetric key', notes: [] } });
    if (got.ok) expect(got.value.keys).toHaveLength(64);
  });

  it('keeps the public keys of a mixed JWKS and notes the symmetric one it ignores', async () => {
    const got = await keysFromText(JSON.stringify({ keys: [{ kty: 'oct', k: 'c2VjcmV0' }, RFC7517_EC] }));
    expect(got).toMatchObject({ ok: true, value: { kind: 'jwks', keys: { keys: [RFC7517_EC] }, notes: ['Key 1 is symmetric (oct) and is ignored: paste the secret itself for HS*.'] } });
  });

  it.each([
    ['', 'empty-key', 'no key was given'],
    ['{"keys": [', 'not-json', 'this starts like JSON but does not parse as JSON'],
    ['{"issuer":"https://x"}', 'not-a-key', 'this JSON is neither a key set (a "keys" array) nor a JSON Web Key (a "kty")'],
    ['{"keys":[]}', 'jwks-empty', 'the key set holds no public key'],
    ['{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}', 'jwks-empty', 'the key set holds no public key'],
    ['{"keys":[{"kid":"a"}]}', 'not-a-key', 'key 1 has no "kty": it is not a JSON Web Key'],
    ['{"keys":["x"]}', 'not-a-key', 'key 1 has no "kty": it is not a JSON Web Key'],
    ['{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}', 'bad-key', 'the key (EC P-256) is not a usable public key for ES256'],
    ['{"kty":"OKP","crv":"X25519","x":"AAAA"}', 'bad-key', 'the key (OKP X25519) is not a usable public key'],
    ['{"kty":"oct","k":"not base64url!"}', 'bad-key', 'the symmetric JWK has no base64url "k"'],
    ['-----BEGIN RSA PUBLIC KEY-----\nMIIB\n-----END RSA PUBLIC KEY-----', 'unsupported-pem', 'a "RSA PUBLIC KEY" PEM is not supported (PKCS#1: convert it with openssl rsa -RSAPublicKey_in -pubout); paste a "PUBLIC KEY", a "CERTIFICATE" or a JWK'],
    ['-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----', 'bad-pem', 'the pasted public key is not a readable RSA, EC (P-256, P-384, P-521) or Ed25519 key'],
    ['-----BEGIN CERTIFICATE-----\nbm90IGEga2V5\n-----END CERTIFICATE-----', 'bad-pem', 'the pasted certificate is not a readable RSA, EC (P-256, P-384, P-521) or Ed25519 key'],
  ])('refuses %j', async (text, code, message) => {
    expect(await keysFromText(text)).toEqual({ ok: false, error: { code, message } });
  });
});
