// Real flows against the demo provider over loopback HTTP. No mocks.
import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, createRemoteJWKSet, decodeJwt, exportJWK, generateKeyPair, importJWK, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API, startDemoProvider, type DemoProvider } from './demo-provider';
import { driveLogin } from './login-driver';

type Json = Record<string, unknown>;

let demo: DemoProvider;
let discovery: Json;

beforeAll(async () => {
  demo = await startDemoProvider();
  discovery = (await (await fetch(`${demo.issuer}/.well-known/openid-configuration`)).json()) as Json;
});
afterAll(async () => {
  await demo?.close();
});

const endpoint = (name: string) => String(discovery[name]);
const redirectUri = () => `${demo.issuer}/app/callback`;

async function postForm(url: string, params: Record<string, string>, basic?: [string, string], extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...extra };
  // RFC 6749 §2.3.1: id and secret are form-urlencoded before base64.
  if (basic) headers.authorization = `Basic ${btoa(basic.map(encodeURIComponent).join(':'))}`;
  const res = await fetch(url, { method: 'POST', headers, body: new URLSearchParams(params) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
}

/** Authorization request (query as given) + login + consent; returns the parsed redirect to /app/callback. */
async function follow(query: Record<string, string>) {
  const url = new URL(endpoint('authorization_endpoint'));
  url.search = new URLSearchParams(query).toString();
  return new URL(await driveLogin(url.href, { redirectUri: redirectUri(), login: 'alice' }));
}

const authorize = (clientId: string, params: Record<string, string>) =>
  follow({ client_id: clientId, redirect_uri: redirectUri(), ...params });

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** RFC 7523 §2.2 client authentication parameters: a fresh assertion (iss = sub = client_id) per request. */
async function assertionAuth(clientId: string, key: CryptoKey | Uint8Array, alg: string, aud = demo.issuer) {
  const assertion = await new SignJWT({}).setProtectedHeader({ alg }).setIssuer(clientId).setSubject(clientId)
    .setAudience(aud).setJti(randomBytes(8).toString('hex')).setIssuedAt().setExpirationTime('1m').sign(key);
  return { client_id: clientId, client_assertion_type: JWT_BEARER, client_assertion: assertion };
}

/** RFC 9449 §4.2 proof for a POST to `htu`, signed by `key` with its public JWK in the header. */
async function dpopProof(key: CryptoKeyPair, htu: string, nonce?: string) {
  return new SignJWT({ jti: randomBytes(8).toString('hex'), htm: 'POST', htu, ...(nonce ? { nonce } : {}) })
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: await exportJWK(key.publicKey) })
    .setIssuedAt().sign(key.privateKey);
}

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

describe('demo provider', () => {
  it('publishes discovery with the endpoints Grantscope exercises', () => {
    expect(discovery.issuer).toBe(demo.issuer);
    for (const name of ['device_authorization_endpoint', 'introspection_endpoint', 'revocation_endpoint',
      'pushed_authorization_request_endpoint', 'userinfo_endpoint', 'jwks_uri']) {
      expect(String(discovery[name]), name).toMatch(new RegExp(`^${demo.issuer}/`));
    }
    expect(discovery.dpop_signing_alg_values_supported).toEqual(expect.arrayContaining(['ES256']));
    expect(discovery.code_challenge_methods_supported).toContain('S256');
    expect(discovery.authorization_response_iss_parameter_supported).toBe(true);
    expect(discovery.response_types_supported).toEqual(expect.arrayContaining(['code', 'code id_token token']));
    expect(demo.clients.map((c) => c.id)).toEqual(['grantscope-public', 'grantscope-confidential',
      'grantscope-implicit', 'grantscope-device', 'grantscope-service', 'grantscope-pkjwt', 'grantscope-post',
      'grantscope-jwt']);
    expect(discovery.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(['none',
      'client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'private_key_jwt']));
  });

  it('runs code + PKCE for the public client, then rotates refresh tokens', async () => {
    const { verifier, challenge } = pkce();
    const state = randomBytes(8).toString('hex');
    const nonce = randomBytes(8).toString('hex');
    const callback = await authorize('grantscope-public', {
      response_type: 'code', scope: 'openid profile email offline_access', prompt: 'consent',
      code_challenge: challenge, code_challenge_method: 'S256', state, nonce,
    });
    expect(callback.pathname).toBe('/app/callback');
    expect(callback.searchParams.get('state')).toBe(state);
    expect(callback.searchParams.get('iss')).toBe(demo.issuer); // RFC 9207
    const code = callback.searchParams.get('code');
    expect(code).toBeTruthy();

    // The redirect really targets the demo app (only this node test follows it; browsers must not).
    const before = demo.appHits.length;
    expect(await (await fetch(callback)).text()).toContain('Demo app: received a callback');
    expect(demo.appHits.slice(before)).toEqual([callback.pathname + callback.search]);

    const token = await postForm(endpoint('token_endpoint'), {
      grant_type: 'authorization_code', code: code ?? '', redirect_uri: redirectUri(),
      client_id: 'grantscope-public', code_verifier: verifier,
    });
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ token_type: 'Bearer', expires_in: 600 });
    for (const k of ['access_token', 'id_token', 'refresh_token']) expect(typeof token.body[k], k).toBe('string');

    const jwks = createRemoteJWKSet(new URL(endpoint('jwks_uri')));
    const { payload, protectedHeader } = await jwtVerify(String(token.body.id_token), jwks, {
      issuer: demo.issuer, audience: 'grantscope-public',
    });
    expect(payload).toMatchObject({ sub: 'alice', nonce });
    expect(protectedHeader.alg).toBe('RS256');

    const userinfo = await fetch(endpoint('userinfo_endpoint'), {
      headers: { authorization: `Bearer ${String(token.body.access_token)}` },
    });
    expect(await userinfo.json()).toMatchObject({ sub: 'alice', name: 'Alice Example', email_verified: true });

    // Public clients' refresh tokens rotate (RFC 9700 §4.14.2); replaying a spent one fails.
    const old = String(token.body.refresh_token);
    const refreshed = await postForm(endpoint('token_endpoint'), {
      grant_type: 'refresh_token', refresh_token: old, client_id: 'grantscope-public',
    });
    expect(refreshed.status).toBe(200);
    expect(typeof refreshed.body.refresh_token).toBe('string');
    expect(refreshed.body.refresh_token).not.toBe(old);
    const replay = await postForm(endpoint('token_endpoint'), {
      grant_type: 'refresh_token', refresh_token: old, client_id: 'grantscope-public',
    });
    expect(replay).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('gives a JWT access token for the demo API when resource is sent (RFC 8707 §2.1, §2.2)', async () => {
    const { verifier, challenge } = pkce();
    const callback = await authorize('grantscope-public', {
      response_type: 'code', scope: 'openid api:read', resource: DEMO_API,
      code_challenge: challenge, code_challenge_method: 'S256',
    });
    const token = await postForm(endpoint('token_endpoint'), {
      grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', redirect_uri: redirectUri(),
      client_id: 'grantscope-public', code_verifier: verifier, resource: DEMO_API,
    });
    expect(token).toMatchObject({ status: 200, body: { scope: 'api:read', id_token: expect.any(String) } });
    expect(decodeJwt(String(token.body.access_token))).toMatchObject({ aud: DEMO_API, scope: 'api:read', sub: 'alice' });
  });

  it('accepts the implicit/hybrid client on an http loopback redirect_uri', async () => {
    // A public client: PKCE is required whenever a code is issued, hybrid included.
    const callback = await authorize('grantscope-implicit', {
      response_type: 'code id_token', scope: 'openid', nonce: 'n-hybrid', state: 's-hybrid',
      code_challenge: pkce().challenge, code_challenge_method: 'S256',
    });
    const fragment = new URLSearchParams(callback.hash.slice(1));
    expect(callback.search).toBe('');
    expect(fragment.get('state')).toBe('s-hybrid');
    expect(fragment.get('code')).toBeTruthy();
    expect(decodeJwt(fragment.get('id_token') ?? '')).toMatchObject({
      nonce: 'n-hybrid', aud: 'grantscope-implicit', iss: demo.issuer, c_hash: expect.any(String),
    });
    // oidc-provider leaves out the RFC 9207 iss parameter when an ID Token (with its iss claim) is present.
    expect(fragment.has('iss')).toBe(false);
  });

  it('issues client credentials tokens, opaque or as a JWT for the demo API resource', async () => {
    const creds: [string, string] = ['grantscope-service', 'grantscope-service-secret'];
    const opaque = await postForm(endpoint('token_endpoint'), { grant_type: 'client_credentials', scope: 'api:read' }, creds);
    expect(opaque).toMatchObject({ status: 200, body: { token_type: 'Bearer', scope: 'api:read' } });
    expect(String(opaque.body.access_token).split('.')).toHaveLength(1);

    const jwt = await postForm(endpoint('token_endpoint'),
      { grant_type: 'client_credentials', scope: 'api:read', resource: DEMO_API }, creds);
    expect(jwt.status).toBe(200);
    const { payload, protectedHeader } = await jwtVerify(String(jwt.body.access_token),
      createRemoteJWKSet(new URL(endpoint('jwks_uri'))), { issuer: demo.issuer, audience: DEMO_API });
    expect(payload.scope).toBe('api:read');
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'at+jwt' }); // RFC 9068 §2.1

    const wrong = await postForm(endpoint('token_endpoint'), { grant_type: 'client_credentials' },
      ['grantscope-service', 'nope']);
    expect(wrong).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('runs the device flow (RFC 8628): pending, then tokens once the user approves', async () => {
    const start = await postForm(endpoint('device_authorization_endpoint'),
      { client_id: 'grantscope-device', scope: 'openid offline_access' });
    expect(start.status).toBe(200);
    expect(start.body).toMatchObject({
      device_code: expect.any(String), user_code: expect.any(String),
      verification_uri: `${demo.issuer}/device`, verification_uri_complete: expect.any(String), expires_in: 600,
    });
    const poll = () => postForm(endpoint('token_endpoint'), {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      device_code: String(start.body.device_code), client_id: 'grantscope-device',
    });
    expect(await poll()).toMatchObject({ status: 400, body: { error: 'authorization_pending' } }); // §3.5

    const done = await driveLogin(String(start.body.verification_uri), { userCode: String(start.body.user_code), login: 'bob' });
    expect(done).toMatch(new RegExp(`^${demo.issuer}/device/`));
    const tokens = await poll();
    expect(tokens.status).toBe(200);
    expect(Object.keys(tokens.body)).toEqual(expect.arrayContaining(['access_token', 'id_token', 'refresh_token']));
  });

  it('sends no device interval and never slow_down, however fast the polling (RFC 8628 §3.2, §3.5)', async () => {
    const start = await postForm(endpoint('device_authorization_endpoint'), { client_id: 'grantscope-device', scope: 'openid' });
    expect(start.status).toBe(200);
    expect(start.body).not.toHaveProperty('interval'); // so clients poll every 5 s, the §3.2 default
    const poll = () => postForm(endpoint('token_endpoint'), {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      device_code: String(start.body.device_code), client_id: 'grantscope-device',
    });
    for (const res of await Promise.all([poll(), poll(), poll()])) {
      expect(res).toMatchObject({ status: 400, body: { error: 'authorization_pending' } });
    }
  });

  it('runs private_key_jwt with the exposed private JWK: PAR, code, refresh, client credentials', async () => {
    expect(demo.pkjwtPrivateJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: expect.any(String), d: expect.any(String) });
    const key = await importJWK(demo.pkjwtPrivateJwk, 'ES256') as CryptoKey;
    const auth = () => assertionAuth('grantscope-pkjwt', key, 'ES256');
    const { verifier, challenge } = pkce();
    // RFC 9126 §2: the pushed request authenticates like a token request (here with aud = issuer).
    const par = await postForm(endpoint('pushed_authorization_request_endpoint'), {
      ...(await auth()), response_type: 'code', redirect_uri: redirectUri(), scope: 'openid offline_access',
      prompt: 'consent', state: 's-pkjwt', code_challenge: challenge, code_challenge_method: 'S256',
    });
    expect(par).toMatchObject({ status: 201, body: { request_uri: expect.stringMatching(/^urn:ietf:params:oauth:request_uri:/) } });
    const callback = await follow({ client_id: 'grantscope-pkjwt', request_uri: String(par.body.request_uri) });
    expect(callback.searchParams.get('state')).toBe('s-pkjwt');

    const token = await postForm(endpoint('token_endpoint'), {
      ...(await assertionAuth('grantscope-pkjwt', key, 'ES256', endpoint('token_endpoint'))), // aud = token endpoint
      grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', redirect_uri: redirectUri(),
      code_verifier: verifier,
    });
    expect(token).toMatchObject({ status: 200, body: { token_type: 'Bearer', refresh_token: expect.any(String) } });
    const refreshed = await postForm(endpoint('token_endpoint'), {
      ...(await auth()), grant_type: 'refresh_token', refresh_token: String(token.body.refresh_token),
    });
    expect(refreshed).toMatchObject({ status: 200, body: { access_token: expect.any(String) } });
    const service = await postForm(endpoint('token_endpoint'), { ...(await auth()), grant_type: 'client_credentials', scope: 'api:read' });
    expect(service).toMatchObject({ status: 200, body: { scope: 'api:read' } });

    // An assertion signed by any other key is refused (RFC 7523 §3.1 item 9).
    const stranger = await generateKeyPair('ES256');
    const forged = await postForm(endpoint('token_endpoint'), {
      ...(await assertionAuth('grantscope-pkjwt', stranger.privateKey, 'ES256')), grant_type: 'client_credentials',
    });
    expect(forged).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('runs client_secret_post: PAR, code, client credentials', async () => {
    const auth = { client_id: 'grantscope-post', client_secret: 'grantscope-post-secret' }; // RFC 6749 §2.3.1
    const { verifier, challenge } = pkce();
    const par = await postForm(endpoint('pushed_authorization_request_endpoint'), {
      ...auth, response_type: 'code', redirect_uri: redirectUri(), scope: 'openid', code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    expect(par.status).toBe(201);
    const callback = await follow({ client_id: 'grantscope-post', request_uri: String(par.body.request_uri) });
    const token = await postForm(endpoint('token_endpoint'), {
      ...auth, grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '',
      redirect_uri: redirectUri(), code_verifier: verifier,
    });
    expect(token).toMatchObject({ status: 200, body: { id_token: expect.any(String) } });
    expect(await postForm(endpoint('token_endpoint'), { ...auth, grant_type: 'client_credentials', scope: 'api:read' }))
      .toMatchObject({ status: 200, body: { scope: 'api:read' } });
    expect(await postForm(endpoint('token_endpoint'), { ...auth, client_secret: 'nope', grant_type: 'client_credentials' }))
      .toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    // oidc-provider treats client_secret_basic and client_secret_post as one method (lib/shared/client_auth.js
    // accepts either for a client registered with either), so Basic works for this client too.
    expect(await postForm(endpoint('token_endpoint'), { grant_type: 'client_credentials' }, ['grantscope-post', 'grantscope-post-secret']))
      .toMatchObject({ status: 200 });
  });

  it('runs client_secret_jwt (HS256 with the client secret) for client credentials', async () => {
    const secret = demo.clients.find((c) => c.id === 'grantscope-jwt')?.secret ?? '';
    expect(secret).toBe('grantscope-jwt-secret-that-is-long-enough-for-hs256');
    const ok = await postForm(endpoint('token_endpoint'), {
      ...(await assertionAuth('grantscope-jwt', new TextEncoder().encode(secret), 'HS256')),
      grant_type: 'client_credentials', scope: 'api:read',
    });
    expect(ok).toMatchObject({ status: 200, body: { token_type: 'Bearer', scope: 'api:read' } });
    const wrong = await postForm(endpoint('token_endpoint'), {
      ...(await assertionAuth('grantscope-jwt', new TextEncoder().encode(`${secret}-wrong`), 'HS256')),
      grant_type: 'client_credentials',
    });
    expect(wrong).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('takes pushed authorization requests (RFC 9126) from the public and basic-auth clients too', async () => {
    const { verifier, challenge } = pkce();
    const push = (params: Record<string, string>, basic?: [string, string]) => postForm(endpoint('pushed_authorization_request_endpoint'),
      { response_type: 'code', redirect_uri: redirectUri(), scope: 'openid', code_challenge: challenge, code_challenge_method: 'S256', ...params }, basic);
    // client_id is an authorization request parameter, so it is in the pushed body even beside Basic auth.
    expect(await push({ client_id: 'grantscope-confidential' }, ['grantscope-confidential', 'grantscope-demo-secret']))
      .toMatchObject({ status: 201 });
    expect(await push({}, ['grantscope-confidential', 'grantscope-demo-secret']))
      .toMatchObject({ status: 400, body: { error: 'invalid_request', error_description: "missing required parameter 'client_id'" } });
    const par = await push({ client_id: 'grantscope-public' });
    expect(par.status).toBe(201);
    const callback = await follow({ client_id: 'grantscope-public', request_uri: String(par.body.request_uri) });
    const token = await postForm(endpoint('token_endpoint'), {
      grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', redirect_uri: redirectUri(),
      client_id: 'grantscope-public', code_verifier: verifier,
    });
    expect(token.status).toBe(200);
  });

  it('takes DPoP proofs without a nonce by default (RFC 9449 §8 nonces are opt-in)', async () => {
    const key = await generateKeyPair('ES256');
    const res = await postForm(endpoint('token_endpoint'), { grant_type: 'client_credentials', scope: 'api:read' },
      ['grantscope-service', 'grantscope-service-secret'], { dpop: await dpopProof(key, endpoint('token_endpoint')) });
    expect(res).toMatchObject({ status: 200, body: { token_type: 'DPoP' } });
    expect(res.headers.get('dpop-nonce')).toBeNull();
  });
});

describe('demo provider with dpopNonce', () => {
  let nonced: DemoProvider;
  beforeAll(async () => {
    nonced = await startDemoProvider({ dpopNonce: true });
  });
  afterAll(async () => {
    await nonced?.close();
  });
  const service: [string, string] = ['grantscope-service', 'grantscope-service-secret'];
  const params = { grant_type: 'client_credentials', scope: 'api:read' };

  it('answers use_dpop_nonce with a DPoP-Nonce at the token endpoint, then takes a proof with it (RFC 9449 §8)', async () => {
    const key = await generateKeyPair('ES256');
    const token = `${nonced.issuer}/token`;
    const first = await postForm(token, params, service, { dpop: await dpopProof(key, token) });
    expect(first).toMatchObject({ status: 400, body: { error: 'use_dpop_nonce' } });
    const nonce = first.headers.get('dpop-nonce');
    expect(nonce).toBeTruthy();

    const second = await postForm(token, params, service, { dpop: await dpopProof(key, token, nonce ?? '') });
    expect(second).toMatchObject({ status: 200, body: { token_type: 'DPoP', access_token: expect.any(String) } });

    // A nonce the server never issued is refused the same way, with a fresh one to retry with.
    const madeUp = await postForm(token, params, service, { dpop: await dpopProof(key, token, 'made-up') });
    expect(madeUp).toMatchObject({ status: 400, body: { error: 'use_dpop_nonce' } });
    expect(madeUp.headers.get('dpop-nonce')).toBeTruthy();
    // Without DPoP there is nothing to bind, so no nonce either.
    expect(await postForm(token, params, service)).toMatchObject({ status: 200, body: { token_type: 'Bearer' } });
  });

  it('requires the nonce only at the token endpoint: PAR takes a nonce-less proof', async () => {
    const key = await generateKeyPair('ES256');
    const par = `${nonced.issuer}/request`;
    const res = await postForm(par, {
      client_id: 'grantscope-public', response_type: 'code', redirect_uri: `${nonced.issuer}/app/callback`, scope: 'openid',
      code_challenge: pkce().challenge, code_challenge_method: 'S256',
    }, undefined, { dpop: await dpopProof(key, par) });
    expect(res.status).toBe(201);
  });
});
