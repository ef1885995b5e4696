// A broken-server fixture: each case is its own "issuer" whose discovery document is the upstream
// demo provider's, except that issuer and token_endpoint point here. Logins therefore really happen
// at the upstream, and only the token response misbehaves.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DemoProvider } from './demo-provider';

export type HostileCase =
  | 'html-502' | 'truncated-json' | 'null-body' | 'array-body' | 'wrong-types'
  | 'no-token-type' | 'bad-expires' | 'oauth-error' | 'www-authenticate' | 'slow';

export interface HostileServer {
  origin: string;
  issuerFor(c: HostileCase): string;
  hits: { path: string; method: string; body: string }[];
  close(): Promise<void>;
}

interface Canned { status: number; type: string; body: string; headers?: Record<string, string> }

const json = (status: number, body: string, headers?: Record<string, string>): Canned =>
  ({ status, type: 'application/json', body, ...(headers ? { headers } : {}) });

/** Token endpoint answers; `slow` is absent because it never answers. */
const CANNED: Record<Exclude<HostileCase, 'slow'>, Canned> = {
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

export const HOSTILE_CASES = [...Object.keys(CANNED), 'slow'] as HostileCase[];

/** `${origin}/C/token`, and discovery both appended (OIDC Discovery §4) and inserted (RFC 8414 §3.1). */
function route(path: string): { c: HostileCase; kind: 'discovery' | 'token' } | undefined {
  const wellKnown = '(?:openid-configuration|oauth-authorization-server)';
  const inserted = new RegExp(`^/\\.well-known/${wellKnown}/([^/]+)$`).exec(path);
  const appended = new RegExp(`^/([^/]+)/(token|\\.well-known/${wellKnown})$`).exec(path);
  const c = (inserted ?? appended)?.[1] as HostileCase | undefined;
  if (!c || !HOSTILE_CASES.includes(c)) return undefined;
  return { c, kind: appended?.[2] === 'token' ? 'token' : 'discovery' };
}

export async function startHostileServer(opts: { upstream: DemoProvider }): Promise<HostileServer> {
  const hits: HostileServer['hits'] = [];
  let origin = '';

  const send = (res: ServerResponse, c: Canned) => {
    res.writeHead(c.status, { 'content-type': c.type, 'cache-control': 'no-store', ...c.headers });
    res.end(c.body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    hits.push({ path, method: req.method ?? 'GET', body: Buffer.concat(chunks).toString('utf8') });

    const r = route(path);
    if (!r) {
      send(res, json(404, '{"error":"not_found"}'));
    } else if (r.kind === 'discovery') {
      try {
        const upstream = await fetch(`${opts.upstream.issuer}/.well-known/openid-configuration`);
        const doc = (await upstream.json()) as Record<string, unknown>;
        const issuer = `${origin}/${r.c}`;
        send(res, json(200, JSON.stringify({ ...doc, issuer, token_endpoint: `${issuer}/token` })));
      } catch (err) {
        send(res, json(502, JSON.stringify({ error: 'upstream_unavailable', error_description: String(err) })));
      }
    } else if (r.c !== 'slow') {
      send(res, CANNED[r.c]);
    } // slow: hold the request open; close() destroys the socket.
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy()); // e.g. the client aborted mid-body
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    issuerFor: (c) => `${origin}/${c}`,
    hits,
    close: () => new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections(); // also ends the held `slow` request
    }),
  };
}
