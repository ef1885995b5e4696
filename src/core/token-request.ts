/**
 * Token endpoint requests: the shared builder every grant uses (grants.ts, token-exchange.ts), and the
 * authorization code request, RFC 6749 4.1.3 with PKCE's code_verifier (RFC 7636 4.5).
 *
 * Client authentication comes in as AuthParts (client-auth.ts). Without them the client is public:
 * client_id in the body and no Authorization header (RFC 6749 2.3.1, 3.2.1).
 */
import type { AuthParts } from './client-auth';
import { CLIENT_AUTH_PARAMS } from './client-auth';
import { fail, ok, type Result } from './result';

export interface TokenRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  /**
   * The parameters for display. A parameter sent more than once (resource, RFC 8707 2; audience,
   * RFC 8693 2.1) shows its values joined by a space; `body` carries each one separately.
   */
  params: Record<string, string>;
}

/** What every grant's request may carry besides its own parameters. */
export interface TokenRequestOptions {
  tokenEndpoint: string;
  /** From clientAuthentication(); it wins over clientId. */
  auth?: AuthParts;
  /** A public client's id, sent in the body, when `auth` is not given. */
  clientId?: string;
  /** RFC 8707 2: the resources the token is for; each is sent as its own `resource` parameter. */
  resource?: string[];
  /** Free parameters; they may not replace any parameter the request sets itself. */
  extra?: Record<string, string>;
  /** A DPoP proof for this request (dpop.ts; RFC 9449 5), sent as the DPoP header. */
  dpopProof?: string;
}

/** [name, value]; an undefined or empty value is not sent (every optional parameter is left out). */
export type Pair = readonly [name: string, value: string | undefined];

const authOf = (o: TokenRequestOptions): AuthParts =>
  o.auth ?? { headers: {}, params: o.clientId ? { client_id: o.clientId } : {} };

/**
 * The request: `before` (the grant's own parameters), then client authentication, then `after`,
 * then each resource, then the extras. `core` names parameters the grant owns even when unset.
 */
export function buildTokenRequest(o: TokenRequestOptions, before: Pair[], after: Pair[] = [], core: string[] = []): Result<TokenRequest> {
  const auth = authOf(o);
  const pairs: Pair[] = [...before, ...Object.entries(auth.params), ...after, ...(o.resource ?? []).map((r): Pair => ['resource', r])];
  // An extra `resource` is one resource when the list is not used (as callers did before it existed).
  const owned = new Set([...pairs.map(([n]) => n), ...core, ...CLIENT_AUTH_PARAMS]);
  const grantNames = [...before, ...after].map(([n]) => n);
  const clash = Object.keys(auth.params).find((n) => grantNames.includes(n));
  // RFC 6749 3.2: parameters "MUST NOT be included more than once" (resource aside, RFC 8707 2).
  if (clash) return fail('duplicate-param', `client authentication sets ${clash}, which the grant sets too`);
  for (const [name, value] of Object.entries(o.extra ?? {})) {
    if (!name) return fail('bad-param', 'an extra parameter has an empty name');
    if (owned.has(name)) return fail('duplicate-param', `${name} is set by the request itself, not as an extra parameter`);
    pairs.push([name, value]);
  }
  const body = new URLSearchParams();
  const params: Record<string, string> = {};
  for (const [name, value] of pairs) {
    if (!value) continue;
    body.append(name, value);
    params[name] = Object.hasOwn(params, name) ? `${params[name]} ${value}` : value;
  }
  return ok({
    url: o.tokenEndpoint,
    method: 'POST',
    // 3.2: "MUST use the HTTP POST method", parameters in application/x-www-form-urlencoded (4.1.3).
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
      ...auth.headers,
      ...(o.dpopProof ? { DPoP: o.dpopProof } : {}),
    },
    body: body.toString(),
    params,
  });
}

export interface AuthorizationCodeTokenRequestInput extends TokenRequestOptions {
  code: string;
  redirectUri: string;
  codeVerifier?: string;
}

/** RFC 6749 4.1.3, as a Result: an empty code or a clashing extra is a problem, not a request. */
export function authorizationCodeRequest(input: AuthorizationCodeTokenRequestInput): Result<TokenRequest> {
  if (!input.code) return fail('missing-param', 'the authorization code is empty');
  // 4.1.3: redirect_uri is REQUIRED when the authorization request had one, and must be identical.
  const before: Pair[] = [['grant_type', 'authorization_code'], ['code', input.code], ['redirect_uri', input.redirectUri]];
  return buildTokenRequest(input, before, [['code_verifier', input.codeVerifier]]);
}
