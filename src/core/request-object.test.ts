import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { generateClientKey } from './client-key';
import { decodeToken } from './jwt';
import { authorizationUrlWithRequest, buildRequestObject, type RequestObjectInput } from './request-object';

const NOW = 1_700_000_000;
// RFC 9101 4 example: its parameters, as a URL carries them.
const example: RequestObjectInput = {
  params: {
    response_type: 'code id_token',
    client_id: 's6BhdRkqt3',
    redirect_uri: 'https://client.example.org/cb',
    scope: 'openid',
    state: 'af0ifjsldkj',
    nonce: 'n-0S6_WzA2Mj',
    max_age: '86400',
  },
  clientId: 's6BhdRkqt3',
  audience: 'https://server.example.com',
  signWith: { alg: 'HS256', secret: 'a-long-shared-secret-of-at-least-32-bytes!' },
  now: NOW,
};
const RFC_CLAIMS = {
  iss: 's6BhdRkqt3',
  aud: 'https://server.example.com',
  response_type: 'code id_token',
  client_id: 's6BhdRkqt3',
  redirect_uri: 'https://client.example.org/cb',
  scope: 'openid',
  state: 'af0ifjsldkj',
  nonce: 'n-0S6_WzA2Mj',
  max_age: 86400,
};
const verifyOpts = { currentDate: new Date(NOW * 1000), typ: 'oauth-authz-req+jwt', audience: 'https://server.example.com', issuer: 's6BhdRkqt3' };

describe('buildRequestObject (RFC 9101 4)', () => {
  it('holds the RFC 9101 4 example claims, plus iat, nbf, exp, jti; HS256 with the secret', async () => {
    const r = await buildRequestObject(example);
    if (!r.ok) throw new Error(r.error.message);
    const { payload, protectedHeader } = await jwtVerify(r.value.jwt, new TextEncoder().encode('a-long-shared-secret-of-at-least-32-bytes!'), verifyOpts);
    expect(protectedHeader).toEqual({ typ: 'oauth-authz-req+jwt', alg: 'HS256' });
    expect(payload).toEqual({ ...RFC_CLAIMS, iat: NOW, nbf: NOW, exp: NOW + 300, jti: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) });
    expect(r.value.claims).toEqual(payload);
    expect(r.value.findings).toEqual([]);
  });

  it('signs with a private key, kid in the header', async () => {
    const key = await generateClientKey('ES256');
    const r = await buildRequestObject({ ...example, signWith: { privateJwk: key.privateJwk } });
    if (!r.ok) throw new Error(r.error.message);
    await expect(jwtVerify(r.value.jwt, await importJWK(key.publicJwk, 'ES256'), verifyOpts)).resolves.toBeTruthy();
    expect(decodeProtectedHeader(r.value.jwt)).toEqual({ kid: key.kid, typ: 'oauth-authz-req+jwt', alg: 'ES256' });
  });

  it('unsigned: alg none, empty signature, and a finding', async () => {
    const r = await buildRequestObject({ ...example, signWith: { alg: 'none' } });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.jwt.endsWith('.')).toBe(true);
    expect(decodeToken(r.value.jwt)).toMatchObject({ kind: 'jwt', unsigned: true, header: { alg: 'none', typ: 'oauth-authz-req+jwt' }, payload: RFC_CLAIMS });
    expect(r.value.findings).toEqual([expect.objectContaining({ id: 'request.object-unsigned', status: 'fail', clause: 'RFC 9101 10.2' })]);
  });

  it.each([
    ['claims JSON becomes an object (OIDC Core 6.1)', { claims: '{"id_token":{"acr":{"essential":true}}}' }, 'claims', { id_token: { acr: { essential: true } } }],
    ['claims that are not an object stay a string', { claims: '[1]' }, 'claims', '[1]'],
    ['max_age that is not a number stays a string', { max_age: '-1' }, 'max_age', '-1'],
  ])('%s', async (_what, over, name, value) => {
    const r = await buildRequestObject({ ...example, params: { ...example.params, ...over }, signWith: { alg: 'none' } });
    expect(r.ok && r.value.claims[name]).toEqual(value);
  });

  it('repeated parameters become arrays; empty parameters are left out', async () => {
    const r = await buildRequestObject({ ...example, params: { ...example.params, prompt: '' }, repeated: { resource: ['https://a.example/', 'https://b.example/'] }, signWith: { alg: 'none' } });
    expect(r.ok && r.value.claims.resource).toEqual(['https://a.example/', 'https://b.example/']);
    expect(r.ok && 'prompt' in r.value.claims).toBe(false);
  });

  it.each([
    ['a nested request', { params: { request: 'x' } }, 'bad-param'],
    ['a request_uri', { repeated: { request_uri: ['x'] } }, 'bad-param'],
    ['a parameter named exp', { params: { exp: '1' } }, 'reserved-claim'],
    ['a parameter named iss', { params: { iss: 'https://evil.example' } }, 'reserved-claim'],
    ['another client_id', { params: { client_id: 'other' } }, 'client-id-mismatch'],
    ['no client_id', { clientId: '' }, 'missing-param'],
    ['no audience', { audience: '' }, 'missing-param'],
    ['an empty secret', { signWith: { alg: 'HS256' as const, secret: '' } }, 'missing-secret'],
    ['a public key', { signWith: { privateJwk: { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' } } }, 'public-key'],
  ])('%s is a problem', async (_what, over, code) => {
    expect(await buildRequestObject({ ...example, ...over })).toMatchObject({ ok: false, error: { code } });
  });
});

describe('authorizationUrlWithRequest (RFC 9101 5)', () => {
  it('carries client_id and request, plus what OIDC Core 6.1 wants outside', () => {
    const r = authorizationUrlWithRequest('https://server.example.com/authorize', 's6BhdRkqt3', 'eyJhbGciOiJub25lIn0.eyJhIjoxfQ.', { response_type: 'code', scope: 'openid' });
    expect(r).toEqual({ ok: true, value: 'https://server.example.com/authorize?client_id=s6BhdRkqt3&request=eyJhbGciOiJub25lIn0.eyJhIjoxfQ.&response_type=code&scope=openid' });
  });

  it.each([
    ['', 'jwt', {}, 'missing-param'],
    ['c', '', {}, 'missing-param'],
    ['c', 'jwt', { request_uri: 'x' }, 'duplicate-param'],
  ])('%j %j %j is a problem', (clientId, jwt, also, code) => {
    expect(authorizationUrlWithRequest('https://server.example.com/authorize', clientId, jwt, also)).toMatchObject({ ok: false, error: { code } });
  });
});
