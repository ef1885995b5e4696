// The demo authorization server for tests and `npm run demo`: oidc-provider on loopback with a
// fixed set of clients covering the flows Grantscope inspects, plus a tiny "demo app" whose
// callback route stands for the real application the extension must keep from spending codes.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { Provider, errors, type Configuration } from 'oidc-provider';

export interface DemoClient {
  id: string;
  label: string;
  secret?: string;
  authMethod: 'none' | 'client_secret_basic';
  grantTypes: string[];
  responseTypes: string[];
  redirectUri?: string;
  scope: string;
}

export interface DemoProvider {
  issuer: string;
  port: number;
  clients: DemoClient[];
  appHits: string[];
  close(): Promise<void>;
}

/** Resource indicator (RFC 8707) for which access tokens are JWTs (RFC 9068). */
export const DEMO_API = 'urn:grantscope:demo-api';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const RESPONSE_TYPES = ['code', 'id_token', 'id_token token', 'code id_token', 'code token', 'code id_token token', 'none'];

function demoClients(issuer: string): DemoClient[] {
  const redirectUri = `${issuer}/app/callback`;
  return [
    {
      id: 'grantscope-public', label: 'Public SPA (PKCE, rotating refresh tokens)', authMethod: 'none',
      grantTypes: ['authorization_code', 'refresh_token'], responseTypes: ['code'], redirectUri,
      scope: 'openid profile email offline_access',
    },
    {
      id: 'grantscope-confidential', label: 'Confidential web app (client_secret_basic)',
      secret: 'grantscope-demo-secret', authMethod: 'client_secret_basic',
      grantTypes: ['authorization_code', 'refresh_token'], responseTypes: ['code'], redirectUri,
      scope: 'openid profile email offline_access',
    },
    {
      id: 'grantscope-implicit', label: 'Implicit / hybrid (legacy front-channel tokens)', authMethod: 'none',
      grantTypes: ['implicit', 'authorization_code'],
      responseTypes: ['id_token', 'id_token token', 'code id_token', 'code token', 'code id_token token'],
      redirectUri, scope: 'openid profile email',
    },
    {
      id: 'grantscope-device', label: 'Device authorization grant (RFC 8628)', authMethod: 'none',
      grantTypes: [DEVICE_GRANT, 'refresh_token'], responseTypes: [], scope: 'openid profile offline_access',
    },
    {
      id: 'grantscope-service', label: 'Service (client credentials)', secret: 'grantscope-service-secret',
      authMethod: 'client_secret_basic', grantTypes: ['client_credentials'], responseTypes: [], scope: 'api:read',
    },
  ];
}

/** Demo clients as oidc-provider client metadata (RFC 7591 names). */
function clientMetadata(c: DemoClient): Record<string, unknown> {
  return {
    client_id: c.id,
    ...(c.secret ? { client_secret: c.secret } : {}),
    token_endpoint_auth_method: c.authMethod,
    grant_types: c.grantTypes,
    response_types: c.responseTypes,
    redirect_uris: c.redirectUri ? [c.redirectUri] : [],
  };
}

async function signingKeys(): Promise<JWK[]> {
  const suffix = randomBytes(4).toString('hex'); // fresh kid per start, so cached JWKS sets miss and refetch
  return Promise.all((['RS256', 'ES256'] as const).map(async (alg) => {
    const { privateKey } = await generateKeyPair(alg, { extractable: true });
    return { ...(await exportJWK(privateKey)), kid: `${alg.toLowerCase()}-${suffix}`, alg, use: 'sig' };
  }));
}

/** Any login id is a valid account; sub is the login id (the devInteractions form accepts any password). */
function findAccount(_ctx: unknown, sub: string) {
  const given = sub.charAt(0).toUpperCase() + sub.slice(1);
  return {
    accountId: sub,
    async claims() { // oidc-provider filters these by the granted scopes/claims
      return {
        sub, name: `${given} Example`, given_name: given, family_name: 'Example',
        email: `${sub.replace(/[^a-zA-Z0-9._-]/g, '_')}@example.com`, email_verified: true,
      };
    },
  };
}

function config(clients: DemoClient[], jwks: JWK[]): Configuration {
  return {
    clients: clients.map(clientMetadata),
    jwks: { keys: jwks },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    findAccount,
    responseTypes: RESPONSE_TYPES,
    scopes: ['openid', 'offline_access', 'profile', 'email', 'api:read'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name'],
      email: ['email', 'email_verified'],
    },
    // PKCE (RFC 7636): oidc-provider only implements S256 and requires PKCE for every public client
    // (the default pkce.required), as OAuth 2.1 and RFC 9700 §2.1.1 recommend.
    features: {
      devInteractions: { enabled: true },
      deviceFlow: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      clientCredentials: { enabled: true },
      pushedAuthorizationRequests: { enabled: true },
      dPoP: { enabled: true },
      // JAR (RFC 9101): signed request objects only ('none' is not accepted); of the demo clients only
      // grantscope-confidential can sign (HS256 with its secret), as none registers a jwks.
      requestObjects: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // Only DEMO_API is a known resource. Without a `resource` parameter (RFC 8707 §2) tokens stay
        // opaque and audience-less, so they work at userinfo; with it, the access token is an RFC 9068
        // JWT for that audience carrying only the API scope.
        async getResourceServerInfo(_ctx: unknown, resource: string) {
          if (resource !== DEMO_API) throw new errors.InvalidTarget();
          return {
            scope: 'api:read', audience: DEMO_API, accessTokenTTL: 600,
            accessTokenFormat: 'jwt', jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
    },
    // Defaults already fit: issueRefreshToken = client allows refresh_token && scope has offline_access
    // (offline_access itself survives only with prompt=consent, OIDC Core §11); rotateRefreshToken =
    // always for public clients (RFC 9700 §4.14.2), at 70 % of the TTL otherwise.
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      ClientCredentials: 600,
      DeviceCode: 600,
      IdToken: 600,
      RefreshToken: 24 * 60 * 60,
      Grant: 24 * 60 * 60,
      Session: 24 * 60 * 60,
      Interaction: 60 * 60,
    },
  };
}

function html(res: ServerResponse, body: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><html><head><meta charset="utf-8"><title>Demo app</title></head><body>${body}</body></html>`);
}

/**
 * Sees every request first; returns true when it answered it. Broken-server fixtures (hostile.ts) use it
 * to make one endpoint of an otherwise real provider misbehave.
 */
export type Intercept = (req: IncomingMessage, res: ServerResponse) => boolean;

export async function startDemoProvider(opts: { port?: number; host?: string; intercept?: Intercept } = {}): Promise<DemoProvider> {
  const host = opts.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.has(host)) throw new Error(`demo provider listens on loopback only, not ${host}`);

  const appHits: string[] = [];
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | undefined = undefined;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (opts.intercept?.(req, res)) {
      // answered by the fixture
    } else if (path === '/app/callback') {
      // Stands for the real app: if this is reached, the code/tokens went to the app, not to us.
      appHits.push(req.url ?? '');
      html(res, '<h1>Demo app: received a callback</h1><p>The app would now redeem the code.</p>');
    } else if (path === '/app' || path === '/app/') {
      html(res, '<h1>Demo app</h1><p>Its redirect_uri is <code>/app/callback</code> on this origin.</p>');
    } else if (handle) {
      handle(req, res);
    } else {
      res.writeHead(503).end();
    }
  });

  // Listen first: with port 0 the issuer (and so the redirect_uris) is only known once bound.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const clients = demoClients(issuer);

  const provider = new Provider(issuer, config(clients, await signingKeys()));
  // oidc-provider rejects implicit/hybrid clients whose redirect_uris are http: or localhost, as
  // RFC 9700 §2.1.2 (and OIDC Core §3.2.2.1) advise. The demo runs on plain-http loopback, so we skip
  // exactly those two checks. Schema.invalidate(message, code) is the single throw point of client
  // metadata validation (lib/helpers/client_schema.js), and static clients are validated lazily on
  // first use, so patching this provider's own Schema after construction is early enough.
  const schema = provider.Client.Schema.prototype;
  const invalidate = schema.invalidate;
  schema.invalidate = function (this: unknown, message: string, code?: string) {
    if (code === 'implicit-force-https' || code === 'implicit-forbid-localhost') return;
    invalidate.call(this, message, code);
  };
  handle = provider.callback();

  return {
    issuer,
    port,
    clients,
    appHits,
    close: () => new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections(); // keep-alive sockets would otherwise hold close() open
    }),
  };
}
