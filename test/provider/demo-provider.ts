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
  /** RFC 7591 §2 token_endpoint_auth_method; the *_jwt methods are RFC 7523 §2.2 client assertions. */
  authMethod: 'none' | 'client_secret_basic' | 'client_secret_post' | 'client_secret_jwt' | 'private_key_jwt';
  grantTypes: string[];
  responseTypes: string[];
  redirectUri?: string;
  /** Every registered redirect_uri, when there are several (redirectUri is then the first). */
  redirectUris?: string[];
  scope: string;
  /** private_key_jwt: the public key registered in the client's `jwks` metadata. */
  publicJwk?: JWK;
}

export interface DemoProvider {
  issuer: string;
  port: number;
  clients: DemoClient[];
  appHits: string[];
  /**
   * grantscope-pkjwt's private key (ES256, with kid and alg), fresh per start: what a person would paste
   * into the extension to sign its private_key_jwt client assertions.
   */
  pkjwtPrivateJwk: JWK;
  close(): Promise<void>;
}

export interface DemoProviderOptions {
  port?: number;
  host?: string;
  intercept?: Intercept;
  /**
   * The token endpoint demands a server-provided DPoP nonce (RFC 9449 §8): a DPoP proof without a
   * current nonce gets 400 use_dpop_nonce with a DPoP-Nonce header. Off by default.
   */
  dpopNonce?: boolean;
  /**
   * More redirect_uris for the public client, e.g. an extension's own https://ID.chromiumapp.org/
   * (its "extension-owned redirect URI" mode), known only once the browser has loaded the extension.
   */
  extraRedirectUris?: string[];
  /**
   * Register clients for the loopback apps in test/apps/ (issue 4: flows that real apps run by
   * themselves): `grantscope-spa` for the single-page app at spaOrigin, `grantscope-webapp` for the
   * server-side app at webOrigin. Each is added only when its origin is given.
   */
  apps?: { spaOrigin?: string; webOrigin?: string };
}

/** The app clients' published demo values (test/apps/ uses them; so may a person typing them in). */
export const SPA_CLIENT_ID = 'grantscope-spa';
export const WEBAPP_CLIENT_ID = 'grantscope-webapp';
export const WEBAPP_SECRET = 'grantscope-webapp-secret';
/** The SPA's redirect_uris: its app page (full-page redirect) and the page its login popup lands on. */
export const spaRedirectUris = (spaOrigin: string) => [`${spaOrigin}/callback.html`, `${spaOrigin}/popup-callback.html`];
export const webappRedirectUri = (webOrigin: string) => `${webOrigin}/callback`;

/** Resource indicator (RFC 8707) for which access tokens are JWTs (RFC 9068). */
export const DEMO_API = 'urn:grantscope:demo-api';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const RESPONSE_TYPES = ['code', 'id_token', 'id_token token', 'code id_token', 'code token', 'code id_token token', 'none'];

function demoClients(issuer: string, pkjwtPublicJwk: JWK): DemoClient[] {
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
      // Also `code` and refresh tokens (issue 12, "Run both"): one client compared across code + PKCE
      // and implicit, the refresh token (offline_access with prompt=consent) only from the token endpoint.
      id: 'grantscope-implicit', label: 'Implicit / hybrid (legacy front-channel tokens), and code', authMethod: 'none',
      grantTypes: ['implicit', 'authorization_code', 'refresh_token'],
      responseTypes: ['code', 'id_token', 'id_token token', 'code id_token', 'code token', 'code id_token token'],
      redirectUri, scope: 'openid profile email offline_access',
    },
    {
      id: 'grantscope-device', label: 'Device authorization grant (RFC 8628)', authMethod: 'none',
      grantTypes: [DEVICE_GRANT, 'refresh_token'], responseTypes: [], scope: 'openid profile offline_access',
    },
    {
      id: 'grantscope-service', label: 'Service (client credentials)', secret: 'grantscope-service-secret',
      authMethod: 'client_secret_basic', grantTypes: ['client_credentials'], responseTypes: [], scope: 'api:read',
    },
    {
      id: 'grantscope-pkjwt', label: 'Confidential web app (private_key_jwt, ES256)', authMethod: 'private_key_jwt',
      grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'], responseTypes: ['code'], redirectUri,
      scope: 'openid profile email offline_access api:read', publicJwk: pkjwtPublicJwk,
    },
    {
      // oidc-provider accepts the secret in the body or in Basic for either of the two secret methods
      // (lib/shared/client_auth.js), so this client differs from grantscope-confidential only in what it
      // declares; a client that sends its secret the wrong way is not refused.
      id: 'grantscope-post', label: 'Confidential web app (client_secret_post)',
      secret: 'grantscope-post-secret', authMethod: 'client_secret_post',
      grantTypes: ['authorization_code', 'client_credentials', 'refresh_token'], responseTypes: ['code'], redirectUri,
      scope: 'openid profile email offline_access api:read',
    },
    {
      // HS256 keys must be at least as long as the hash (RFC 7518 §3.2), so the secret is >= 32 bytes.
      id: 'grantscope-jwt', label: 'Service (client_secret_jwt, HS256)',
      secret: 'grantscope-jwt-secret-that-is-long-enough-for-hs256', authMethod: 'client_secret_jwt',
      grantTypes: ['client_credentials'], responseTypes: [], scope: 'api:read',
    },
  ];
}

/**
 * Clients of the test/apps/ apps. The browser app's token and userinfo calls are cross-origin fetches:
 * oidc-provider's default clientBasedCORS (lib/helpers/defaults.js) allows a client with
 * token_endpoint_auth_method none (and any client at userinfo) from the origin of one of its
 * redirect_uris, which is exactly the SPA's origin, so no CORS configuration is needed. The web app
 * redeems server to server, without an Origin header, so CORS never applies to it.
 */
function appClients(apps: NonNullable<DemoProviderOptions['apps']>): DemoClient[] {
  const out: DemoClient[] = [];
  if (apps.spaOrigin) {
    const uris = spaRedirectUris(apps.spaOrigin);
    out.push({
      id: SPA_CLIENT_ID, label: 'Loopback SPA (code + PKCE in page JavaScript, popup or redirect)', authMethod: 'none',
      grantTypes: ['authorization_code', 'refresh_token'], responseTypes: ['code'], redirectUri: uris[0], redirectUris: uris,
      scope: 'openid profile email offline_access',
    });
  }
  if (apps.webOrigin) {
    out.push({
      id: WEBAPP_CLIENT_ID, label: 'Loopback server-side web app (client_secret_basic)', secret: WEBAPP_SECRET,
      authMethod: 'client_secret_basic', grantTypes: ['authorization_code', 'refresh_token'], responseTypes: ['code'],
      redirectUri: webappRedirectUri(apps.webOrigin), scope: 'openid profile email offline_access',
    });
  }
  return out;
}

/**
 * token_endpoint_auth_signing_alg (RFC 7591 §2) of the assertion methods. oidc-provider does not need it
 * (unset, any enabled alg that fits the key is taken); pinning it states what the demo expects.
 */
const ASSERTION_ALGS: Partial<Record<DemoClient['authMethod'], string>> = { private_key_jwt: 'ES256', client_secret_jwt: 'HS256' };

/**
 * Demo clients as oidc-provider client metadata (RFC 7591 names). Every client may use PAR (RFC 9126):
 * oidc-provider accepts pushed requests from any client, public ones included, and requires them of none.
 */
function clientMetadata(c: DemoClient): Record<string, unknown> {
  const assertionAlg = ASSERTION_ALGS[c.authMethod];
  return {
    client_id: c.id,
    ...(c.secret ? { client_secret: c.secret } : {}),
    ...(c.publicJwk ? { jwks: { keys: [c.publicJwk] } } : {}),
    ...(assertionAlg ? { token_endpoint_auth_signing_alg: assertionAlg } : {}),
    token_endpoint_auth_method: c.authMethod,
    grant_types: c.grantTypes,
    response_types: c.responseTypes,
    redirect_uris: c.redirectUris ?? (c.redirectUri ? [c.redirectUri] : []),
  };
}

async function signingKeys(): Promise<JWK[]> {
  const suffix = randomBytes(4).toString('hex'); // fresh kid per start, so cached JWKS sets miss and refetch
  return Promise.all((['RS256', 'ES256'] as const).map(async (alg) => {
    const { privateKey } = await generateKeyPair(alg, { extractable: true });
    return { ...(await exportJWK(privateKey)), kid: `${alg.toLowerCase()}-${suffix}`, alg, use: 'sig' };
  }));
}

/** grantscope-pkjwt's ES256 key pair as JWKs; the public one goes into its registered `jwks`. */
async function pkjwtKeys(): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const meta = { kid: `pkjwt-${randomBytes(4).toString('hex')}`, alg: 'ES256' };
  return {
    privateJwk: { ...(await exportJWK(privateKey)), ...meta },
    publicJwk: { ...(await exportJWK(publicKey)), ...meta, use: 'sig' },
  };
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

/**
 * features.dPoP for RFC 9449. With nonces, oidc-provider derives them statelessly from nonceSecret (an
 * HKDF of the secret and the current minute, lib/helpers/challenge.js: a nonce stays valid for about
 * 3-4 minutes) and, whenever a proof lacks the current one, answers with a fresh one in DPoP-Nonce.
 * requireNonce(ctx) decides per request whether a proof without a nonce is refused; we require it only
 * at the token endpoint (§8, the authorization server nonce), so PAR and userinfo (§9, a resource server
 * nonce) still take nonce-less proofs, but accept a nonce and send DPoP-Nonce there too.
 */
function dPoP(nonce: boolean): Record<string, unknown> {
  if (!nonce) return { enabled: true };
  return {
    enabled: true,
    nonceSecret: randomBytes(32), // must be a 32-byte Buffer
    requireNonce: (ctx: { oidc: { route: string } }) => ctx.oidc.route === 'token',
  };
}

function config(clients: DemoClient[], jwks: JWK[], opts: DemoProviderOptions): Configuration {
  return {
    clients: clients.map((c) => {
      const m = clientMetadata(c);
      if (c.id === 'grantscope-public' && opts.extraRedirectUris?.length) m.redirect_uris = [...(m.redirect_uris as string[]), ...opts.extraRedirectUris];
      return m;
    }),
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
      // RFC 8628 device flow. oidc-provider's device authorization response has no `interval` member, so
      // clients must poll every 5 s (the §3.2 default), and it never answers slow_down (§3.5): its
      // errors.SlowDown is defined but thrown nowhere, a poll at any rate just gets authorization_pending.
      // hostile.ts has a device-slow-down case for clients' handling of it.
      deviceFlow: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      clientCredentials: { enabled: true },
      pushedAuthorizationRequests: { enabled: true },
      dPoP: dPoP(opts.dpopNonce ?? false),
      // JAR (RFC 9101): signed request objects only ('none' is not accepted); the clients with a secret
      // can sign with HS256, grantscope-pkjwt with its ES256 key. The public clients cannot.
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

export async function startDemoProvider(opts: DemoProviderOptions = {}): Promise<DemoProvider> {
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
  const pkjwt = await pkjwtKeys();
  const clients = [...demoClients(issuer, pkjwt.publicJwk), ...appClients(opts.apps ?? {})];

  const provider = new Provider(issuer, config(clients, await signingKeys(), opts));
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
    pkjwtPrivateJwk: pkjwt.privateJwk,
    close: () => new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections(); // keep-alive sockets would otherwise hold close() open
    }),
  };
}
