/**
 * The loopback server-side web app: a confidential client that keeps state, nonce and PKCE verifier on
 * the server (one entry per login, keyed by state) and redeems the code itself with client_secret_basic.
 * The browser sees the authorization request and the redirect back, never a token: what a recorder can
 * and cannot see of such an app (platform notes: "Confidential clients redeem the code server-to-server").
 */
import { randomBytes, createHash } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { WEBAPP_CLIENT_ID, WEBAPP_SECRET } from '../provider/demo-provider';
import { listen, type AppOptions, type RunningApp } from './listen';

interface PendingLogin { nonce: string; verifier: string; created: number }

const LOGIN_TTL_MS = 10 * 60 * 1000;
const MAX_PENDING = 1000;

const random = () => randomBytes(32).toString('base64url');

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, status: number, body: string, extra: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...extra });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Loopback web app</title></head><body><main>${body}</main></body></html>`);
}

const failure = (res: ServerResponse, message: string) =>
  page(res, 400, `<h1>Loopback web app</h1><p data-testid="error">${escapeHtml(message)}</p><p><a href="/">Back</a></p>`);

const cookies = (header: string | undefined) =>
  new Map((header ?? '').split(';').map((c) => c.trim().split('=') as [string, string?]).map(([k, v]) => [k, v ?? '']));

/** The cookie that ties a login to the browser that started it (login CSRF, RFC 9700 §4.7). */
const stateCookie = (state: string) => `gs_login_${createHash('sha256').update(state).digest('base64url').slice(0, 16)}`;

export async function startServerApp(opts: AppOptions & { clientId?: string; clientSecret?: string }): Promise<RunningApp> {
  const issuer = opts.issuer.replace(/\/$/, '');
  const clientId = opts.clientId ?? WEBAPP_CLIENT_ID;
  const clientSecret = opts.clientSecret ?? WEBAPP_SECRET;
  const pending = new Map<string, PendingLogin>();
  const hits: string[] = [];
  let origin = '';
  let metadata: Promise<Record<string, string>> | undefined;

  /** Discovery, fetched on first use (the provider may start after the app); its issuer must be ours. */
  const discovery = () => (metadata ??= fetch(`${issuer}/.well-known/openid-configuration`).then(async (r) => {
    const doc = (await r.json()) as Record<string, string>;
    if (doc.issuer !== issuer) throw new Error(`discovery names issuer ${doc.issuer}, expected ${issuer}`);
    return doc;
  }).catch((err: unknown) => {
    metadata = undefined;
    throw err;
  }));

  async function login(res: ServerResponse): Promise<void> {
    const now = Date.now();
    for (const [k, v] of pending) if (now - v.created > LOGIN_TTL_MS || pending.size > MAX_PENDING) pending.delete(k);
    const state = random();
    const entry = { nonce: random(), verifier: random(), created: now };
    pending.set(state, entry);
    const url = new URL((await discovery()).authorization_endpoint ?? '');
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: `${origin}/callback`,
      scope: 'openid profile email',
      state,
      nonce: entry.nonce,
      code_challenge: createHash('sha256').update(entry.verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    res.writeHead(302, {
      location: url.href,
      'cache-control': 'no-store',
      'set-cookie': `${stateCookie(state)}=1; Path=/callback; HttpOnly; SameSite=Lax; Max-Age=${LOGIN_TTL_MS / 1000}`,
    }).end();
  }

  async function callback(res: ServerResponse, q: URLSearchParams, cookieHeader: string | undefined): Promise<void> {
    const state = q.get('state') ?? '';
    const entry = pending.get(state);
    // RFC 6749 §10.12: only a state this app issued, once, to this browser.
    if (!entry) return failure(res, `No login is waiting for state "${state}" (unknown, expired or already used)`);
    const cookie = stateCookie(state);
    // Checked before the state is spent, so a forged callback cannot cancel the real browser's login.
    if (!cookies(cookieHeader).has(cookie)) return failure(res, 'This browser did not start that login');
    pending.delete(state);
    const clear = { 'set-cookie': `${cookie}=; Path=/callback; HttpOnly; SameSite=Lax; Max-Age=0` };
    if (q.get('error')) return failure(res, `The provider answered ${q.get('error')}${q.get('error_description') ? `: ${q.get('error_description')}` : ''}`);
    if (q.has('iss') && q.get('iss') !== issuer) return failure(res, `The answer came from issuer ${q.get('iss')}, expected ${issuer}`);
    const code = q.get('code');
    if (!code) return failure(res, 'The answer has neither code nor error');

    // RFC 6749 §2.3.1: id and secret are form-urlencoded, then joined and base64-encoded.
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
    const tokenRes = await fetch((await discovery()).token_endpoint ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: `${origin}/callback`, code_verifier: entry.verifier }),
    });
    const tokens = (await tokenRes.json().catch(() => ({}))) as Record<string, string>;
    if (!tokenRes.ok) return failure(res, `Token endpoint: ${tokens.error ?? `HTTP ${tokenRes.status}`}${tokens.error_description ? `: ${tokens.error_description}` : ''}`);
    // Straight from the token endpoint over the app's own request: OIDC Core §3.1.3.7 lets that channel
    // stand in for the signature check. The nonce must still be the one this login sent.
    const claims = JSON.parse(Buffer.from(tokens.id_token?.split('.')[1] ?? '', 'base64url').toString() || 'null') as { sub?: string; nonce?: string } | null;
    if (!claims?.sub) return failure(res, 'The token response has no usable ID token');
    if (claims.nonce !== entry.nonce) return failure(res, 'The ID token carries another nonce than the one sent');
    page(res, 200, `<h1>Loopback web app</h1><p data-testid="status">Signed in as ${escapeHtml(claims.sub)}</p>
<p>The code was redeemed by this server; the tokens never reached the browser.</p><p><a href="/">Home</a></p>`, clear);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://app.invalid');
    hits.push(req.url ?? '/');
    const route = req.method === 'GET' ? url.pathname : '';
    const done = (p: Promise<void>) => p.catch((err: unknown) => failure(res, `The app failed: ${err instanceof Error ? err.message : String(err)}`));
    if (route === '/') {
      page(res, 200, `<h1>Loopback web app</h1><p>A server-side app: it keeps the login's secrets and redeems the code itself (${escapeHtml(clientId)}).</p>
<p><a href="/login" data-testid="login">Log in</a></p>`);
    } else if (route === '/favicon.ico') {
      res.writeHead(204, { 'cache-control': 'no-store' }).end();
    } else if (route === '/login') {
      void done(login(res));
    } else if (route === '/callback') {
      void done(callback(res, url.searchParams, req.headers.cookie));
    } else {
      res.writeHead(404, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end('Not found');
    }
  });
  const app = await listen(server, opts.port ?? 0, hits);
  origin = app.origin;
  return app;
}
