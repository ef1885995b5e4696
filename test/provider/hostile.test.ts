// The broken-provider fixtures answer exactly as fault-cases.md describes, and only there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrokenProvider, CANNED, DEVICE_ANSWERS, EVIL_ISSUER, FORBIDDEN_SCOPE, HOSTILE_CASES, SWAPPED_STATE, spoilSignature, type HostileCase,
  startBrokenProvider,
} from './hostile';
import { driveLogin } from './login-driver';

const started: BrokenProvider[] = [];
const broken = async (c: HostileCase) => {
  const p = await startBrokenProvider(c);
  started.push(p);
  return p;
};
afterAll(async () => {
  await Promise.all(started.map((p) => p.close()));
});

const tokenRequest = (p: BrokenProvider, signal?: AbortSignal) =>
  fetch(`${p.issuer}/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code: `code-${p.case}` }),
    signal: signal ?? null,
  });

type Json = Record<string, unknown>;
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

async function post(url: string, params: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers, body: new URLSearchParams(params) });
  return { status: res.status, body: (await res.json()) as Json };
}

/** Starts a real device authorization (RFC 8628 §3.1) at p; poll() is one token request for it. */
async function deviceFlow(p: BrokenProvider) {
  const start = await post(`${p.issuer}/device/auth`, { client_id: 'grantscope-device', scope: 'openid' });
  expect(start.status).toBe(200);
  const poll = () => post(`${p.issuer}/token`,
    { grant_type: DEVICE_GRANT, device_code: String(start.body.device_code), client_id: 'grantscope-device' });
  return { start: start.body, poll };
}

/** A client credentials request with Basic auth: any non-device token request must reach the real provider. */
const serviceToken = (p: BrokenProvider) => post(`${p.issuer}/token`, { grant_type: 'client_credentials', scope: 'api:read' },
  { authorization: `Basic ${btoa('grantscope-service:grantscope-service-secret')}` });

describe('broken providers', () => {
  let html: BrokenProvider;
  beforeAll(async () => {
    html = await broken('html-502');
  });

  it('are real providers: discovery names their own issuer and endpoints', async () => {
    const doc = (await (await fetch(`${html.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(doc.issuer).toBe(html.issuer);
    expect(doc.token_endpoint).toBe(`${html.issuer}/token`);
    expect(doc.authorization_response_iss_parameter_supported).toBe(true);
  });

  it.each(Object.entries(CANNED))('%s: the token endpoint answers as specified', async (c, canned) => {
    const p = c === 'html-502' ? html : await broken(c as HostileCase);
    const res = await tokenRequest(p);
    expect(res.status).toBe(canned.status);
    expect(res.headers.get('content-type')).toBe(canned.type);
    expect(await res.text()).toBe(canned.body);
    if (c === 'www-authenticate') expect(res.headers.get('www-authenticate')).toBe('Basic realm="demo", error="invalid_client"');
    expect(p.hits).toContainEqual({ path: '/token', method: 'POST', body: `grant_type=authorization_code&code=code-${c}` });
  });

  it('html-502 carries a fake secret the UI must not show', () => {
    expect(CANNED['html-502'].body).toContain('session=abc123secret');
  });

  it('state-swap redirects the authorization request to itself with another state', async () => {
    const p = await broken('state-swap');
    const res = await fetch(`${p.issuer}/auth?client_id=c&state=mine&scope=openid`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location') ?? '', p.issuer);
    expect(to.pathname).toBe('/auth');
    expect(to.searchParams.get('state')).toBe(SWAPPED_STATE);
    expect(to.searchParams.get('client_id')).toBe('c');
    // The swapped request goes through to the real provider.
    const next = await fetch(to, { redirect: 'manual' });
    expect(next.status).not.toBe(404);
    expect(p.hits.filter((x) => x.path === '/auth')).toHaveLength(1);
  });

  it('slow never answers (checked for 1 s), and close() ends a held request', async () => {
    const p = await startBrokenProvider('slow');
    await expect(tokenRequest(p, AbortSignal.timeout(1000))).rejects.toThrow(/abort|timeout/i);
    const pending = tokenRequest(p);
    while (p.hits.length < 2) await new Promise((r) => setTimeout(r, 10));
    const t = Date.now();
    await p.close();
    await expect(pending).rejects.toThrow();
    expect(Date.now() - t).toBeLessThan(1000);
  });

  it('device-slow-down answers only the first device poll with slow_down; the rest reach the provider', async () => {
    const p = await broken('device-slow-down');
    const { start, poll } = await deviceFlow(p);
    expect(await poll()).toEqual({ status: 400, body: { error: 'slow_down' } });
    // Passed on with its body intact: the real provider knows the device code and says it is pending.
    expect(await poll()).toMatchObject({ status: 400, body: { error: 'authorization_pending' } });
    await driveLogin(String(start.verification_uri), { userCode: String(start.user_code) });
    const tokens = await poll();
    expect(tokens).toMatchObject({ status: 200, body: { access_token: expect.any(String), id_token: expect.any(String) } });
    expect(await serviceToken(p)).toMatchObject({ status: 200, body: { token_type: 'Bearer' } });
    expect(p.hits).toEqual([{ path: '/token', method: 'POST', body: expect.stringContaining(`grant_type=${encodeURIComponent(DEVICE_GRANT)}`) }]);
  });

  it.each([['device-expired', 'expired_token'], ['device-denied', 'access_denied']] as const)(
    '%s answers every device poll with %s; other token requests reach the provider', async (c, error) => {
      const p = await broken(c);
      expect(DEVICE_ANSWERS[c].body).toBe(`{"error":"${error}"}`);
      const { poll } = await deviceFlow(p);
      expect(await poll()).toEqual({ status: 400, body: { error } });
      expect(await poll()).toEqual({ status: 400, body: { error } });
      expect(await serviceToken(p)).toMatchObject({ status: 200, body: { token_type: 'Bearer' } });
      expect(p.hits).toHaveLength(2);
    },
  );

  it('issuer-mismatch names another issuer in discovery, with the real endpoints', async () => {
    const p = await broken('issuer-mismatch');
    const res = await fetch(`${p.issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const doc = (await res.json()) as Json;
    expect(doc.issuer).toBe(EVIL_ISSUER);
    expect(doc.token_endpoint).toBe(`${p.issuer}/token`);
    expect(doc.jwks_uri).toBe(`${p.issuer}/jwks`);
    // Everything else is the real provider, which still stamps its own issuer.
    expect((await serviceToken(p)).status).toBe(200);
    expect(p.hits).toEqual([{ path: '/.well-known/openid-configuration', method: 'GET', body: '' }]);
  });

  it('scope-error redirects a request for the forbidden scope back with invalid_scope, state and iss', async () => {
    const p = await broken('scope-error');
    const redirectUri = `${p.issuer}/app/callback`;
    const auth = (scope: string, extra: Record<string, string> = {}) => fetch(`${p.issuer}/auth?${new URLSearchParams({
      client_id: 'grantscope-public', redirect_uri: redirectUri, response_type: 'code', scope, state: 'st-1',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256', ...extra,
    }).toString()}`, { redirect: 'manual' });

    const res = await auth(`openid ${FORBIDDEN_SCOPE}`);
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location') ?? '');
    expect(`${to.origin}${to.pathname}`).toBe(redirectUri);
    expect([...to.searchParams.keys()]).toEqual(['error', 'error_description', 'state', 'iss']);
    expect(to.searchParams.get('error')).toBe('invalid_scope');
    expect(to.searchParams.get('state')).toBe('st-1');
    expect(to.searchParams.get('iss')).toBe(p.issuer);
    // A front-channel response type gets it in the fragment.
    const implicit = await auth(`openid ${FORBIDDEN_SCOPE}`, { client_id: 'grantscope-implicit', response_type: 'id_token', nonce: 'n' });
    expect(new URL(implicit.headers.get('location') ?? '').hash).toMatch(/^#error=invalid_scope&/);
    expect(p.hits).toHaveLength(2);

    // Other scopes, and redirect_uris the client did not register, reach the real provider.
    const fine = await auth('openid');
    expect(fine.status).toBe(303);
    expect(new URL(fine.headers.get('location') ?? '', p.issuer).pathname).toMatch(/^\/interaction\//);
    const elsewhere = await auth(`openid ${FORBIDDEN_SCOPE}`, { redirect_uri: 'https://attacker.example/cb' });
    expect(elsewhere.status).toBe(400);
    expect(p.hits).toHaveLength(2);
  });

  it('bad-signature changes one character of the signature only', () => {
    expect(spoilSignature('aGVhZA.cGF5bG9hZA.Axyz')).toBe('aGVhZA.cGF5bG9hZA.Bxyz');
    expect(spoilSignature('aGVhZA.cGF5bG9hZA.sig')).toBe('aGVhZA.cGF5bG9hZA.Aig');
  });

  it('lists every case', () => {
    expect(HOSTILE_CASES).toHaveLength(18);
    expect(new Set(HOSTILE_CASES).size).toBe(18);
  });
});
