// The loopback apps of test/apps/ against the demo provider, over plain HTTP (no browser): the server
// app's whole login, and the SPA server's files. The SPA's own JavaScript runs in the e2e tests.
// (Here rather than in test/apps/ because the unit project includes test/provider/**, not test/apps/**.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoWithApps, type DemoWithApps } from '../apps/demo-apps';
import { startServerApp } from '../apps/server-app';
import { CookieJar, driveLogin } from './login-driver';

let demo: DemoWithApps;

beforeAll(async () => {
  demo = await startDemoWithApps();
});
afterAll(async () => {
  await demo?.close();
});

/** GET with the jar's cookies, no redirect following. */
async function get(url: string, jar: CookieJar): Promise<Response> {
  const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
  jar.store(res);
  return res;
}

/** The server app's /login, then the provider's login and consent pages; returns the callback URL, unfetched. */
async function toCallback(jar: CookieJar, login = 'alice'): Promise<string> {
  const start = await get(`${demo.webapp.origin}/login`, jar);
  expect(start.status).toBe(302);
  const authorization = start.headers.get('location') ?? '';
  expect(authorization.startsWith(`${demo.provider.issuer}/`)).toBe(true);
  return driveLogin(authorization, { redirectUri: `${demo.webapp.origin}/callback`, login, jar });
}

describe('demo provider with apps', () => {
  it('registers the app clients only when asked, with their redirect_uris', () => {
    const spa = demo.provider.clients.find((c) => c.id === 'grantscope-spa');
    const web = demo.provider.clients.find((c) => c.id === 'grantscope-webapp');
    expect(spa?.authMethod).toBe('none');
    expect(spa?.redirectUris).toEqual([`${demo.spa.origin}/callback.html`, `${demo.spa.origin}/popup-callback.html`]);
    expect(web).toMatchObject({ authMethod: 'client_secret_basic', secret: 'grantscope-webapp-secret', redirectUri: `${demo.webapp.origin}/callback` });
  });

  it('lets the SPA origin, and no other, call the token endpoint cross-origin (default clientBasedCORS)', async () => {
    const discovery = (await (await fetch(`${demo.provider.issuer}/.well-known/openid-configuration`)).json()) as { token_endpoint: string };
    const redeem = (origin: string) => fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'nope', client_id: 'grantscope-spa', redirect_uri: `${demo.spa.origin}/callback.html`, code_verifier: 'x'.repeat(43) }),
    });
    const ours = await redeem(demo.spa.origin);
    expect(ours.headers.get('access-control-allow-origin')).toBe(demo.spa.origin);
    expect(((await ours.json()) as { error: string }).error).toBe('invalid_grant');
    const other = await redeem('http://127.0.0.1:1');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await other.json()) as { error_description: string }).error_description).toMatch(/origin .* not allowed/);
  });
});

describe('server-side app', () => {
  it('offers a login link', async () => {
    const res = await fetch(`${demo.webapp.origin}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('href="/login"');
  });

  it('completes a login: state and PKCE kept server-side, code redeemed with client_secret_basic', async () => {
    const jar = new CookieJar();
    const callback = new URL(await toCallback(jar, 'bob<script>'));
    expect(callback.searchParams.get('code')).toBeTruthy();
    expect(callback.searchParams.get('iss')).toBe(demo.provider.issuer);
    const res = await get(callback.href, jar);
    const html = await res.text();
    expect(res.status, html).toBe(200);
    // The sub is the login id, escaped on the way out.
    expect(html).toContain('Signed in as bob&#60;script&#62;');
    expect(html).not.toMatch(/eyJ|access_token/);
  });

  it('refuses a state it did not issue, a state used twice, and a browser that did not start the login', async () => {
    const jar = new CookieJar();
    const callback = await toCallback(jar);
    const stranger = await get(callback, new CookieJar());
    expect(stranger.status).toBe(400);
    expect(await stranger.text()).toContain('This browser did not start that login');
    expect(await (await get(callback, jar)).text()).toContain('Signed in as alice');
    const again = await get(callback, jar);
    expect(await again.text()).toContain('No login is waiting for state');
    const forged = await get(`${demo.webapp.origin}/callback?code=x&state=forged`, jar);
    expect(forged.status).toBe(400);
  });

  it('shows the provider error as text', async () => {
    const jar = new CookieJar();
    const start = await get(`${demo.webapp.origin}/login`, jar);
    const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
    const res = await get(`${demo.webapp.origin}/callback?error=access_denied&error_description=${encodeURIComponent('<b>no</b>')}&state=${state}`, jar);
    expect(await res.text()).toContain('The provider answered access_denied: &#60;b&#62;no&#60;/b&#62;');
  });

  it('says so when the provider cannot be reached', async () => {
    const app = await startServerApp({ issuer: 'http://127.0.0.1:9' });
    try {
      const res = await fetch(`${app.origin}/login`, { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('The app failed');
    } finally {
      await app.close();
    }
  });
});

describe('SPA server', () => {
  it('serves its pages, scripts and config', async () => {
    const files: [string, RegExp, string][] = [
      ['/', /text\/html/, 'data-testid="login-popup"'],
      ['/callback.html?code=c&state=s', /text\/html/, 'src="/app.js"'],
      ['/popup-callback.html', /text\/html/, 'src="/popup-callback.js"'],
      ['/app.js', /text\/javascript/, 'code_challenge_method'],
      ['/popup-callback.js', /text\/javascript/, 'postMessage'],
      ['/style.css', /text\/css/, 'body'],
    ];
    for (const [path, type, text] of files) {
      const res = await fetch(`${demo.spa.origin}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(type);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
      expect(await res.text(), path).toContain(text);
    }
    expect(await (await fetch(`${demo.spa.origin}/config.json`)).json()).toEqual({ issuer: demo.provider.issuer, clientId: 'grantscope-spa' });
    expect((await fetch(`${demo.spa.origin}/../package.json`)).status).toBe(404);
    expect((await fetch(`${demo.spa.origin}/spa.ts`)).status).toBe(404);
    expect(demo.spa.hits).toContain('/callback.html?code=c&state=s');
  });
});
