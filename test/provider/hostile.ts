// Broken-server fixtures: a real demo provider (its own issuer, keys, login pages and `iss` stamping)
// with one endpoint made to misbehave. Because each case is a whole provider, everything except the
// broken part is genuine, and checks such as RFC 9207 `iss` see a consistent server.
import { randomBytes } from 'node:crypto';
import { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse, request } from 'node:http';
import { type DemoProvider, startDemoProvider } from './demo-provider';

export type HostileCase =
  | 'html-502' | 'truncated-json' | 'null-body' | 'array-body' | 'wrong-types'
  | 'no-token-type' | 'bad-expires' | 'oauth-error' | 'www-authenticate' | 'slow' | 'state-swap'
  | DeviceCase | 'issuer-mismatch' | 'scope-error' | 'nonce-swap' | 'bad-signature';

/** Cases that answer only the device flow's token polls (RFC 8628 §3.4) and let every other request through. */
export type DeviceCase = 'device-slow-down' | 'device-expired' | 'device-denied';

export interface Hit { path: string; method: string; body: string }

export interface BrokenProvider extends DemoProvider {
  case: HostileCase;
  /** Requests the broken part answered, with their bodies. */
  hits: Hit[];
}

interface Canned { status: number; type: string; body: string; headers?: Record<string, string> }

const json = (status: number, body: string, headers?: Record<string, string>): Canned =>
  ({ status, type: 'application/json', body, ...(headers ? { headers } : {}) });

/** Cases whose token endpoint is not a canned answer to every request. */
type Special = 'slow' | 'state-swap' | DeviceCase | 'issuer-mismatch' | 'scope-error' | 'nonce-swap' | 'bad-signature';

/** Token endpoint answers; `slow` never answers, `state-swap` misbehaves at the authorization endpoint. */
export const CANNED: Record<Exclude<HostileCase, Special>, Canned> = {
  // A gateway error page; the fake secret checks that the UI does not show raw bodies carelessly.
  'html-502': {
    status: 502, type: 'text/html; charset=utf-8',
    body: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>'
      + '<!-- upstream debug: Cookie: session=abc123secret --></body></html>',
  },
  'truncated-json': json(200, '{"'),
  'null-body': json(200, 'null'),
  'array-body': json(200, '[]'),
  // RFC 6749 §5.1: access_token and token_type are strings; refresh_token, when present, too.
  'wrong-types': json(200, '{"access_token":123,"token_type":"Bearer","refresh_token":null}'),
  'no-token-type': json(200, '{"access_token":"x"}'),
  // expires_in is a number of seconds (RFC 6749 §5.1).
  'bad-expires': json(200, '{"access_token":"x","token_type":"Bearer","expires_in":"tomorrow"}'),
  // RFC 6749 §5.2 error, with markup in error_description that must be shown as text.
  'oauth-error': json(400, '{"error":"invalid_grant","error_description":"<b>code</b> expired"}'),
  // RFC 6749 §5.2: invalid_client with HTTP Basic → 401 with a WWW-Authenticate challenge.
  'www-authenticate': json(401, '{"error":"invalid_client"}', {
    'www-authenticate': 'Basic realm="demo", error="invalid_client"',
  }),
};

/**
 * Answers to device_code token polls, RFC 8628 §3.5 errors. device-slow-down answers only the first poll
 * (the client must then add 5 s to its interval and keep polling); the others answer every poll.
 * oidc-provider itself never sends slow_down (see its deviceFlow note in demo-provider.ts).
 */
export const DEVICE_ANSWERS: Record<DeviceCase, Canned> = {
  'device-slow-down': json(400, '{"error":"slow_down"}'),
  'device-expired': json(400, '{"error":"expired_token"}'),
  'device-denied': json(400, '{"error":"access_denied"}'),
};

export const HOSTILE_CASES = [
  ...Object.keys(CANNED), 'slow', 'state-swap', ...Object.keys(DEVICE_ANSWERS), 'issuer-mismatch', 'scope-error', 'nonce-swap', 'bad-signature',
] as HostileCase[];

/**
 * state-swap: the authorization endpoint first redirects to itself with `state` replaced, so the
 * provider answers with a state the client never sent (a forged callback, RFC 6749 §10.12).
 */
export const SWAPPED_STATE = 'swapped-by-the-hostile-server';

/**
 * nonce-swap: the same with `nonce` (issue 11): the provider then signs a genuine ID token carrying a
 * nonce the client never sent, so the flow completes with tokens and only the nonce check fails
 * (OIDC Core 3.1.3.7 (11)).
 */
export const SWAPPED_NONCE = 'nonce-swapped-by-the-hostile-server';

/**
 * bad-signature: the token endpoint's genuine answer with one character of the ID token's signature
 * changed: every claim right, the signature invalid (OIDC Core 3.1.3.7 (6)).
 */
export function spoilSignature(jwt: string): string {
  const at = jwt.lastIndexOf('.') + 1;
  const c = jwt[at] === 'A' ? 'B' : 'A';
  return `${jwt.slice(0, at)}${c}${jwt.slice(at + 1)}`;
}

/**
 * issuer-mismatch: the discovery document names this issuer, while every endpoint in it (and the `iss`
 * of everything issued) is the real one. RFC 8414 §3.3 and OIDC Discovery §4.3: the client must refuse
 * metadata whose issuer differs from the one it asked.
 */
export const EVIL_ISSUER = 'https://evil.example';

/**
 * scope-error: an authorization request (GET /auth) whose scope includes this value is answered at once
 * with an RFC 6749 §4.1.2.1 invalid_scope error redirect, carrying the request's state and the RFC 9207
 * `iss`. Only to the client's registered redirect_uri (§4.1.2.1 forbids any other); otherwise, and for
 * other scopes, the request goes through. Pushed requests (request_uri) are not inspected.
 */
export const FORBIDDEN_SCOPE = 'forbidden-scope';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection and are not relayed. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection']);
const endToEnd = (headers: IncomingHttpHeaders, drop: string[] = []) =>
  Object.fromEntries(Object.entries(headers).filter(([k]) => !HOP_BY_HOP.has(k) && !drop.includes(k)));

/** Marks a request the fixture passed on to its own provider (with a per-fixture random value). */
const PASS_HEADER = 'x-grantscope-fixture-pass';

function send(res: ServerResponse, c: Canned): void {
  res.writeHead(c.status, { 'content-type': c.type, 'cache-control': 'no-store', ...c.headers });
  res.end(c.body);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

interface Upstream { status: number; headers: IncomingHttpHeaders; body: Buffer }

/**
 * Lets a request through after its body was read. intercept() must decide synchronously, but a case such
 * as device-slow-down can only decide from the body, and once read, the body is gone for oidc-provider.
 * Rather than hand the provider a fake request object that replays the buffer (it would have to mimic an
 * IncomingMessage closely enough for Koa and oidc-provider's own body reader, lib/shared/selective_body.js,
 * or rely on its "already parsed" req.body fallback, which it warns against), the fixture sends the same
 * method, path, headers and body over HTTP to its own server, marked so the intercept lets it pass. The
 * provider thus sees a genuine request, and its answer is relayed as is (hop-by-hop headers aside).
 */
function passOn(origin: string, mark: string, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const headers = { ...endToEnd(req.headers), [PASS_HEADER]: mark };
    // agent: false, so no pooled socket outlives the fixture's close().
    const up = request(new URL(req.url ?? '/', origin), { method: req.method ?? 'GET', headers, agent: false }, (res) => {
      readBody(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }), reject);
    });
    up.on('error', reject);
    up.end(body);
  });
}

function relay(res: ServerResponse, up: Upstream, drop?: string[]): void {
  res.writeHead(up.status, endToEnd(up.headers, drop));
  res.end(up.body);
}

/** The RFC 6749 §4.1.2.1 error redirect for scope-error, or undefined to let the request through. */
function scopeErrorRedirect(url: URL, demo: DemoProvider): string | undefined {
  const q = url.searchParams;
  if (!(q.get('scope') ?? '').split(' ').includes(FORBIDDEN_SCOPE)) return undefined;
  const registered = demo.clients.find((x) => x.id === q.get('client_id'))?.redirectUri;
  if (!registered || (q.get('redirect_uri') ?? registered) !== registered) return undefined;
  // The response mode the client asked for, else the response type's default (OAuth 2.0 Multiple
  // Response Type Encoding Practices §2.1, §5): query for code and none, fragment otherwise.
  const responseType = q.get('response_type') ?? 'code';
  const mode = q.get('response_mode') ?? (responseType === 'code' || responseType === 'none' ? 'query' : 'fragment');
  if (mode !== 'query' && mode !== 'fragment') return undefined; // form_post, JARM: let the provider answer
  const params = new URLSearchParams({
    error: 'invalid_scope',
    error_description: `the scope ${FORBIDDEN_SCOPE} is not allowed for this client`,
    ...(q.has('state') ? { state: q.get('state') ?? '' } : {}),
    iss: demo.issuer,
  });
  const to = new URL(registered);
  if (mode === 'query') to.search = params.toString();
  else to.hash = params.toString();
  return to.href;
}

export async function startBrokenProvider(c: HostileCase): Promise<BrokenProvider> {
  const hits: Hit[] = [];
  const record = (req: IncomingMessage, path: string, body: string) => hits.push({ path, method: req.method ?? 'GET', body });
  const mark = randomBytes(16).toString('hex');
  let demo: DemoProvider | undefined = undefined; // known once started; no request can arrive before
  let slowedDown = false;

  /** Reads the body, then answers with `decide`'s canned answer or passes the request on. */
  const inspect = (req: IncomingMessage, res: ServerResponse, path: string, decide: (body: string) => Canned | undefined) => {
    readBody(req)
      .then(async (body) => {
        const answer = decide(body.toString('utf8'));
        if (answer) {
          record(req, path, body.toString('utf8'));
          send(res, answer);
        } else if (demo) {
          relay(res, await passOn(demo.issuer, mark, req, body));
        } else {
          res.writeHead(503).end();
        }
      })
      .catch(() => res.destroy());
  };

  const intercept = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.headers[PASS_HEADER] === mark || !demo) return false;
    const url = new URL(req.url ?? '/', 'http://fixture');
    const isToken = url.pathname === '/token' && req.method === 'POST';

    if (c === 'state-swap' && url.pathname === '/auth' && url.searchParams.get('state') !== SWAPPED_STATE) {
      record(req, url.pathname, '');
      url.searchParams.set('state', SWAPPED_STATE);
      res.writeHead(302, { location: `${url.pathname}${url.search}` }).end();
      return true;
    }
    if (c === 'nonce-swap' && url.pathname === '/auth' && url.searchParams.has('nonce') && url.searchParams.get('nonce') !== SWAPPED_NONCE) {
      record(req, url.pathname, '');
      url.searchParams.set('nonce', SWAPPED_NONCE);
      res.writeHead(302, { location: `${url.pathname}${url.search}` }).end();
      return true;
    }
    if (c === 'scope-error' && url.pathname === '/auth' && req.method === 'GET') {
      const location = scopeErrorRedirect(url, demo);
      if (!location) return false;
      record(req, url.pathname, '');
      res.writeHead(302, { location, 'cache-control': 'no-store' }).end();
      return true;
    }
    if (c === 'issuer-mismatch' && url.pathname === '/.well-known/openid-configuration' && req.method === 'GET') {
      const issuer = demo.issuer;
      passOn(issuer, mark, req, Buffer.alloc(0)).then((up) => {
        record(req, url.pathname, '');
        if (up.status !== 200) return relay(res, up);
        const doc = { ...(JSON.parse(up.body.toString('utf8')) as Record<string, unknown>), issuer: EVIL_ISSUER };
        // The body changed: drop its length and validator; Node frames the new one.
        relay(res, { ...up, body: Buffer.from(JSON.stringify(doc)) }, ['content-length', 'etag']);
      }).catch(() => res.destroy());
      return true;
    }
    if (c === 'bad-signature' && isToken) {
      readBody(req)
        .then(async (body) => {
          const up = await passOn(demo!.issuer, mark, req, body);
          const answer = up.status === 200 ? (JSON.parse(up.body.toString('utf8')) as Record<string, unknown>) : undefined;
          if (!answer || typeof answer.id_token !== 'string') return relay(res, up);
          record(req, url.pathname, body.toString('utf8'));
          const spoiled = { ...answer, id_token: spoilSignature(answer.id_token) };
          relay(res, { ...up, body: Buffer.from(JSON.stringify(spoiled)) }, ['content-length', 'etag']);
        })
        .catch(() => res.destroy());
      return true;
    }
    if (!isToken || c === 'state-swap' || c === 'scope-error' || c === 'issuer-mismatch' || c === 'nonce-swap' || c === 'bad-signature') return false;

    if (c === 'device-slow-down' || c === 'device-expired' || c === 'device-denied') {
      inspect(req, res, url.pathname, (body) => {
        if (new URLSearchParams(body).get('grant_type') !== DEVICE_GRANT) return undefined;
        if (c !== 'device-slow-down') return DEVICE_ANSWERS[c];
        if (slowedDown) return undefined;
        slowedDown = true;
        return DEVICE_ANSWERS[c];
      });
      return true;
    }
    readBody(req).then(
      (body) => {
        record(req, url.pathname, body.toString('utf8'));
        if (c !== 'slow') send(res, CANNED[c]);
        // slow: hold the request open; close() ends the socket.
      },
      () => res.destroy(),
    );
    return true;
  };

  demo = await startDemoProvider({ intercept });
  return { ...demo, case: c, hits };
}
