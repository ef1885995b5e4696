// Broken-server fixtures: a real demo provider (its own issuer, keys, login pages and `iss` stamping)
// with one endpoint made to misbehave. Because each case is a whole provider, everything except the
// broken part is genuine, and checks such as RFC 9207 `iss` see a consistent server.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DemoProvider, startDemoProvider } from './demo-provider';

export type HostileCase =
  | 'html-502' | 'truncated-json' | 'null-body' | 'array-body' | 'wrong-types'
  | 'no-token-type' | 'bad-expires' | 'oauth-error' | 'www-authenticate' | 'slow' | 'state-swap';

export interface Hit { path: string; method: string; body: string }

export interface BrokenProvider extends DemoProvider {
  case: HostileCase;
  /** Requests the broken part answered, with their bodies. */
  hits: Hit[];
}

interface Canned { status: number; type: string; body: string; headers?: Record<string, string> }

const json = (status: number, body: string, headers?: Record<string, string>): Canned =>
  ({ status, type: 'application/json', body, ...(headers ? { headers } : {}) });

/** Cases whose token endpoint is not a canned answer. */
type Special = 'slow' | 'state-swap';

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

export const HOSTILE_CASES = [...Object.keys(CANNED), 'slow', 'state-swap'] as HostileCase[];

/**
 * state-swap: the authorization endpoint first redirects to itself with `state` replaced, so the
 * provider answers with a state the client never sent (a forged callback, RFC 6749 §10.12).
 */
export const SWAPPED_STATE = 'swapped-by-the-hostile-server';

function send(res: ServerResponse, c: Canned): void {
  res.writeHead(c.status, { 'content-type': c.type, 'cache-control': 'no-store', ...c.headers });
  res.end(c.body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startBrokenProvider(c: HostileCase): Promise<BrokenProvider> {
  const hits: Hit[] = [];
  const record = (req: IncomingMessage, path: string, body: string) => hits.push({ path, method: req.method ?? 'GET', body });

  const intercept = (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    if (c === 'state-swap' && url.pathname === '/auth' && url.searchParams.get('state') !== SWAPPED_STATE) {
      record(req, url.pathname, '');
      url.searchParams.set('state', SWAPPED_STATE);
      res.writeHead(302, { location: `${url.pathname}${url.search}` }).end();
      return true;
    }
    if (url.pathname !== '/token' || req.method !== 'POST' || c === 'state-swap') return false;
    readBody(req).then(
      (body) => {
        record(req, url.pathname, body);
        if (c !== 'slow') send(res, CANNED[c]);
        // slow: hold the request open; close() ends the socket.
      },
      () => res.destroy(),
    );
    return true;
  };

  const provider = await startDemoProvider({ intercept });
  return { ...provider, case: c, hits };
}
