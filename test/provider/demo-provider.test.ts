// Real flows against the demo provider over loopback HTTP. No mocks.
import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
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

async function postForm(url: string, params: Record<string, string>, basic?: [string, string]) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  // RFC 6749 §2.3.1: id and secret are form-urlencoded before base64.
  if (basic) headers.authorization = `Basic ${btoa(basic.map(encodeURIComponent).join(':'))}`;
  const res = await fetch(url, { method: 'POST', headers, body: new URLSearchParams(params) });
  return { status: res.status, body: (await res.json()) as Json };
}

/** Authorization request + login + consent; returns the parsed redirect to /app/callback. */
async function authorize(clientId: string, params: Record<string, string>) {
  const url = new URL(endpoint('authorization_endpoint'));
  url.search = new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri(), ...params }).toString();
  return new URL(await driveLogin(url.href, { redirectUri: redirectUri(), login: 'alice' }));
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
      'grantscope-implicit', 'grantscope-device', 'grantscope-service']);
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
});
