import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { basicAuthorization, clientAuthentication, formEncode, generateClientKey, JWT_BEARER_ASSERTION, type ClientCredentials } from './client-auth';

const TOKEN = 'https://server.example.com/token';
const NOW = 1_700_000_000; // seconds

describe('formEncode (RFC 6749 appendix B)', () => {
  it.each([
    [' %&+£€', '+%25%26%2B%C2%A3%E2%82%AC'], // the appendix B example
    ['s6BhdRkqt3', 's6BhdRkqt3'],
    ['a:b', 'a%3Ab'], // a ':' in the id must not end the user name
    ['x*-._~', 'x*-._%7E'],
  ])('%j -> %s', (value, encoded) => {
    expect(formEncode(value)).toBe(encoded);
  });
});

describe('basicAuthorization', () => {
  it.each([
    ['s6BhdRkqt3', '7Fjfp0ZBr1KtDRbnfVdmIw', 'Basic czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3'], // RFC 9126 2.1
    ['s6BhdRkqt3', 'gX1fBat3bV', 'Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW'], // RFC 6749 4.4.2
    ['rs08', 'long-secure-random-secret', 'Basic cnMwODpsb25nLXNlY3VyZS1yYW5kb20tc2VjcmV0'], // RFC 8693 2.3
    ['app:1', 'p@ss w%rd', `Basic ${btoa('app%3A1:p%40ss+w%25rd')}`],
  ])('%s / %s', (id, secret, header) => {
    expect(basicAuthorization(id, secret)).toBe(header);
  });
});

const creds = (over: Partial<ClientCredentials>): ClientCredentials => ({ clientId: 's6BhdRkqt3', method: 'none', ...over });

describe('clientAuthentication: none, basic, post', () => {
  it.each([
    ['none', creds({}), { headers: {}, params: { client_id: 's6BhdRkqt3' } }],
    ['none ignores a stray secret', creds({ secret: 'leftover' }), { headers: {}, params: { client_id: 's6BhdRkqt3' } }],
    ['basic', creds({ method: 'client_secret_basic', secret: 'gX1fBat3bV' }), { headers: { Authorization: 'Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW' }, params: {} }],
    ['post', creds({ method: 'client_secret_post', secret: 'gX1fBat3bV' }), { headers: {}, params: { client_id: 's6BhdRkqt3', client_secret: 'gX1fBat3bV' } }],
  ] as const)('%s', async (_what, c, parts) => {
    expect(await clientAuthentication(c, TOKEN)).toEqual({ ok: true, value: parts });
  });

  it.each([
    ['client_secret_basic', undefined, 'missing-secret', 'client_secret_basic needs a client secret, and it is empty'],
    ['client_secret_post', '', 'missing-secret', 'client_secret_post needs a client secret, and it is empty'],
    ['client_secret_jwt', '', 'missing-secret', 'client_secret_jwt needs a client secret, and it is empty'],
  ] as const)('%s with secret %j is a problem, not an empty secret', async (method, secret, code, message) => {
    expect(await clientAuthentication(creds({ method, secret }), TOKEN)).toEqual({ ok: false, error: { code, message } });
  });

  it('an empty client_id is a problem', async () => {
    expect(await clientAuthentication(creds({ clientId: '' }), TOKEN)).toMatchObject({ ok: false, error: { code: 'missing-client-id' } });
  });
});

/** Verifies an assertion with `key` at NOW and returns its header and claims. */
async function verified(jwt: string, key: Parameters<typeof jwtVerify>[1]) {
  const { payload, protectedHeader } = await jwtVerify(jwt, key, { currentDate: new Date(NOW * 1000), audience: TOKEN, issuer: 's6BhdRkqt3', subject: 's6BhdRkqt3' });
  return { payload, protectedHeader };
}

describe('clientAuthentication: client_secret_jwt (RFC 7523 2.2, OIDC Core 9)', () => {
  const secret = 'a-long-shared-secret-of-at-least-32-bytes!';

  it.each(['HS256', 'HS384', 'HS512', undefined])('signs with %s (default HS256) and the OIDC Core 9 claims', async (alg) => {
    const r = await clientAuthentication(creds({ method: 'client_secret_jwt', secret, signingAlg: alg }), TOKEN, NOW);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.headers).toEqual({});
    expect(Object.keys(r.value.params)).toEqual(['client_id', 'client_assertion_type', 'client_assertion']);
    expect(r.value.params.client_assertion_type).toBe(JWT_BEARER_ASSERTION);
    const { payload, protectedHeader } = await verified(r.value.params.client_assertion!, new TextEncoder().encode(secret));
    expect(protectedHeader).toEqual({ alg: alg ?? 'HS256' });
    expect(payload).toEqual({ iss: 's6BhdRkqt3', sub: 's6BhdRkqt3', aud: TOKEN, jti: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), iat: NOW, exp: NOW + 60 });
  });

  it('a fresh jti each time', async () => {
    const jti = async () => {
      const r = await clientAuthentication(creds({ method: 'client_secret_jwt', secret }), TOKEN, NOW);
      return r.ok ? (await verified(r.value.params.client_assertion!, new TextEncoder().encode(secret))).payload.jti : undefined;
    };
    expect(await jti()).not.toBe(await jti());
  });

  it.each([
    [{ signingAlg: 'RS256' }, TOKEN, 'bad-alg'],
    [{}, '', 'missing-audience'],
  ])('%j with audience %j is a problem', async (over, aud, code) => {
    const r = await clientAuthentication(creds({ method: 'client_secret_jwt', secret, ...over }), aud, NOW);
    expect(r).toMatchObject({ ok: false, error: { code } });
  });
});

describe('clientAuthentication: private_key_jwt', () => {
  it.each(['RS256', 'ES256', 'EdDSA'] as const)('signs with a generated %s key, kid in the header', async (alg) => {
    const key = await generateClientKey(alg);
    const r = await clientAuthentication(creds({ method: 'private_key_jwt', privateJwk: key.privateJwk }), TOKEN, NOW);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.params.client_assertion_type).toBe(JWT_BEARER_ASSERTION);
    const { payload, protectedHeader } = await verified(r.value.params.client_assertion!, await importJWK(key.publicJwk, alg));
    expect(protectedHeader).toEqual({ alg, kid: key.kid });
    expect(payload).toMatchObject({ iat: NOW, exp: NOW + 60 });
  });

  it('takes alg from the key, then signingAlg, then the key type', async () => {
    const { privateJwk } = await generateClientKey('RS256');
    const bare = { ...privateJwk, alg: undefined };
    const header = async (jwk: typeof privateJwk, signingAlg?: string) => {
      const r = await clientAuthentication(creds({ method: 'private_key_jwt', privateJwk: jwk, signingAlg }), TOKEN, NOW);
      return r.ok ? decodeProtectedHeader(r.value.params.client_assertion!).alg : r.error.code;
    };
    expect(await header(bare)).toBe('RS256');
    expect(await header(bare, 'PS256')).toBe('PS256');
    expect(await header(privateJwk, 'PS256')).toBe('alg-mismatch');
    expect(await header({ ...bare, alg: 'ES256' })).toBe('bad-key');
  });

  it.each([
    ['no key', undefined, 'missing-key'],
    ['a public key', { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' }, 'public-key'],
  ])('%s is a problem', async (_what, privateJwk, code) => {
    const r = await clientAuthentication(creds({ method: 'private_key_jwt', privateJwk }), TOKEN, NOW);
    expect(r).toMatchObject({ ok: false, error: { code } });
  });
});
