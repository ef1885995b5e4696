/**
 * JWT-Secured Authorization Requests (JAR), RFC 9101: the authorization request parameters as claims
 * of a JWT (4), sent by value in the `request` parameter next to client_id (5). Signed with a client
 * secret or key (jws-sign.ts), or unsigned for negative testing.
 */
import { withQuery } from './authorize';
import { failed, type Finding } from './finding';
import { isObject } from './json-answer';
import { signJwt, type SignWith } from './jws-sign';
import { randomToken } from './pkce';
import { fail, ok, type Result } from './result';

export interface RequestObjectInput {
  /** The authorization request parameters (as from request-options.ts). */
  params: Record<string, string>;
  /** Parameters with several values (resource, RFC 8707 2); each becomes a JSON array. */
  repeated?: Record<string, string[]>;
  clientId: string;
  /** The issuer identifier of the authorization server (4: aud SHOULD be it). */
  audience: string;
  signWith: SignWith;
  /** Seconds since the epoch. */
  now?: number;
  /** Seconds the request object is valid; 300 by default (FAPI caps exp - nbf at 60 minutes). */
  lifetime?: number;
}

export interface RequestObject {
  jwt: string;
  claims: Record<string, unknown>;
  findings: Finding[];
}

/** Claims the JWT itself sets; a parameter of the same name would change what the JWT means. */
const RESERVED = ['iss', 'aud', 'iat', 'exp', 'nbf', 'jti'];

/**
 * OIDC Core 6.1: inside a request object, max_age is a number and claims a JSON object, not the
 * strings they are in a URL. Anything that does not convert is kept as sent (negative testing).
 */
function claimValue(name: string, value: string): unknown {
  if (name === 'max_age' && /^[0-9]{1,10}$/.test(value)) return Number(value);
  if (name === 'claims') {
    try {
      const doc: unknown = JSON.parse(value);
      if (isObject(doc)) return doc;
    } catch {
      // not JSON: kept as the string it is
    }
  }
  return value;
}

export async function buildRequestObject(input: RequestObjectInput): Promise<Result<RequestObject>> {
  if (!input.clientId) return fail('missing-param', 'client_id is empty');
  if (!input.audience) return fail('missing-param', 'the audience (the issuer) is empty');
  const names = [...Object.keys(input.params), ...Object.keys(input.repeated ?? {})];
  // 4: the request object holds every parameter "except the request and request_uri parameters".
  const nested = names.find((n) => n === 'request' || n === 'request_uri');
  if (nested) return fail('bad-param', `${nested} cannot be a claim of a request object (RFC 9101 4)`);
  const reserved = names.find((n) => RESERVED.includes(n));
  if (reserved) return fail('reserved-claim', `${reserved} is a claim of the request object itself, not a parameter`);
  if (input.params.client_id !== undefined && input.params.client_id !== input.clientId) {
    return fail('client-id-mismatch', 'client_id in the parameters differs from the client_id of the request object');
  }

  const now = input.now ?? Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    // 4: iss and aud SHOULD be present; iss is the client, aud the authorization server's issuer.
    iss: input.clientId,
    aud: input.audience,
    client_id: input.clientId,
    iat: now,
    nbf: now,
    exp: now + (input.lifetime ?? 300),
    jti: randomToken(16),
  };
  for (const [name, value] of Object.entries(input.params)) if (value) claims[name] = claimValue(name, value);
  for (const [name, values] of Object.entries(input.repeated ?? {})) if (values.length > 0) claims[name] = values;

  // 4 / 10.8: explicit typing, so a request object can never pass for another kind of JWT.
  const jwt = await signJwt(claims, input.signWith, { typ: 'oauth-authz-req+jwt' });
  if (!jwt.ok) return jwt;
  const findings =
    input.signWith.alg === 'none'
      ? [failed('request.object-unsigned', 'warning', 'RFC 9101 10.2', 'the request object is unsigned, so it proves nothing about who made the request')]
      : [];
  return ok({ jwt: jwt.value, claims, findings });
}

/**
 * 5: the authorization request carries client_id and request. OIDC Core 6.1 also wants
 * response_type and scope (openid) outside the JWT, as OAuth syntax: pass them in `also`.
 */
export function authorizationUrlWithRequest(authorizationEndpoint: string, clientId: string, requestObject: string, also: Record<string, string> = {}): Result<string> {
  if (!clientId) return fail('missing-param', 'client_id is empty');
  if (!requestObject) return fail('missing-param', 'the request object is empty');
  const clash = Object.keys(also).find((n) => n === 'client_id' || n === 'request' || n === 'request_uri');
  if (clash) return fail('duplicate-param', `${clash} is set by the request itself, not as an extra parameter`);
  return withQuery(authorizationEndpoint, [['client_id', clientId], ['request', requestObject], ...Object.entries(also).filter(([, v]) => v)]);
}
