/**
 * Client authentication at the token endpoint (and at PAR, RFC 9126 2): the methods named in
 * OIDC Core 9 and registered by RFC 7591 2. The result is only the headers and body parameters to
 * add, so the request builders (grants.ts, par.ts) stay synchronous and pure.
 *
 * A public client ('none') sends its client_id and nothing else: never a Basic header, never an empty
 * client_secret (RFC 6749 2.3.1 is for clients that have a password). A secret-based method with no
 * secret is a problem here, rather than a request that sends an empty one.
 */
import type { JWK } from 'jose';
import { signJwt } from './jws-sign';
import { randomToken } from './pkce';
import { fail, ok, type Result } from './result';

export { generateClientKey, parsePrivateKey, type ClientKey } from './client-key';

export type ClientAuthMethod = 'none' | 'client_secret_basic' | 'client_secret_post' | 'client_secret_jwt' | 'private_key_jwt';

export interface ClientCredentials {
  clientId: string;
  method: ClientAuthMethod;
  secret?: string;
  privateJwk?: JWK;
  /** For the JWT methods: HS256 (default), HS384 or HS512 with a secret; any JWS alg with a key. */
  signingAlg?: string;
}

export interface AuthParts {
  headers: Record<string, string>;
  params: Record<string, string>;
}

/** RFC 7523 2.2: the client_assertion_type of a JWT assertion. */
export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Assertions live briefly: they are made for one request (RFC 7523 3 asks for a bounded exp). */
const ASSERTION_LIFETIME_S = 60;

/** The parameter names client authentication may add, so builders can keep extras off them. */
export const CLIENT_AUTH_PARAMS = ['client_id', 'client_secret', 'client_assertion_type', 'client_assertion'] as const;

/**
 * RFC 6749 2.3.1 / appendix B: id and secret are each application/x-www-form-urlencoded (space as
 * '+', everything outside [A-Za-z0-9*-._] percent-encoded) before they are joined and base64'd.
 * Servers that skip this step fail on secrets with ':' or '%', a classic interop bug worth testing.
 */
export function formEncode(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}

/** `Basic base64(formEncode(id) ":" formEncode(secret))`; the encoded text is ASCII, so btoa is safe. */
export function basicAuthorization(clientId: string, secret: string): string {
  return `Basic ${btoa(`${formEncode(clientId)}:${formEncode(secret)}`)}`;
}

const HMAC_ALGS = ['HS256', 'HS384', 'HS512'] as const;
type HmacAlg = (typeof HMAC_ALGS)[number];
const isHmac = (alg: string): alg is HmacAlg => (HMAC_ALGS as readonly string[]).includes(alg);

/**
 * The client assertion (RFC 7523 3, OIDC Core 9): iss = sub = client_id, aud = the token endpoint
 * (or the issuer, which RFC 7523 3 and RFC 9126 2 also allow), a fresh jti, iat and a short exp.
 * `now` is in seconds (a NumericDate, as in id-token.ts).
 */
async function assertion(c: ClientCredentials, audience: string, now: number): Promise<Result<string>> {
  const claims = { iss: c.clientId, sub: c.clientId, aud: audience, jti: randomToken(16), iat: now, exp: now + ASSERTION_LIFETIME_S };
  if (c.method === 'client_secret_jwt') {
    const alg = c.signingAlg ?? 'HS256';
    if (!isHmac(alg)) return fail('bad-alg', `client_secret_jwt signs with an HMAC (HS256, HS384, HS512), not ${alg}`);
    return signJwt(claims, { alg, secret: c.secret ?? '' });
  }
  if (!c.privateJwk) return fail('missing-key', 'private_key_jwt needs a private key, and none is set');
  return signJwt(claims, { privateJwk: c.privateJwk, ...(c.signingAlg ? { alg: c.signingAlg } : {}) });
}

export async function clientAuthentication(c: ClientCredentials, audience: string, now = Math.floor(Date.now() / 1000)): Promise<Result<AuthParts>> {
  if (!c.clientId) return fail('missing-client-id', 'client_id is empty');
  const needsSecret = c.method === 'client_secret_basic' || c.method === 'client_secret_post' || c.method === 'client_secret_jwt';
  if (needsSecret && !c.secret) return fail('missing-secret', `${c.method} needs a client secret, and it is empty`);
  switch (c.method) {
    case 'none':
      // RFC 6749 3.2.1 / 4.1.3: a client that does not authenticate identifies itself with client_id.
      return ok({ headers: {}, params: { client_id: c.clientId } });
    case 'client_secret_basic':
      return ok({ headers: { Authorization: basicAuthorization(c.clientId, c.secret ?? '') }, params: {} });
    case 'client_secret_post':
      // RFC 6749 2.3.1: allowed, though "NOT RECOMMENDED" next to Basic.
      return ok({ headers: {}, params: { client_id: c.clientId, client_secret: c.secret ?? '' } });
    case 'client_secret_jwt':
    case 'private_key_jwt': {
      if (!audience) return fail('missing-audience', `${c.method} needs an audience (the token endpoint or issuer)`);
      const jwt = await assertion(c, audience, now);
      if (!jwt.ok) return jwt;
      // RFC 7521 4.2: client_id is optional next to an assertion; sent, since many servers want it.
      return ok({ headers: {}, params: { client_id: c.clientId, client_assertion_type: JWT_BEARER_ASSERTION, client_assertion: jwt.value } });
    }
    default:
      return fail('bad-method', `unknown client authentication method ${String(c.method)}`);
  }
}
