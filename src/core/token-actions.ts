/**
 * Requests a person can make with a flow's tokens: introspection (RFC 7662 2.1), revocation (RFC 7009
 * 2.1) and userinfo (OIDC Core 5.3.1, Bearer per RFC 6750 2.1 or DPoP per RFC 9449 7.1), and how their
 * answers read. Pure: the background sends them.
 */
import type { AuthParts } from './client-auth';
import { parseJsonBounded } from './json-bounds';
import { buildTokenRequest, type TokenRequest } from './token-request';
import type { HttpAnswer } from './token-response';
import { type Result, fail, ok } from './result';

export type TokenKind = 'access_token' | 'refresh_token';

export function introspectionRequest(endpoint: string, auth: AuthParts, token: string, hint: TokenKind): Result<TokenRequest> {
  return buildTokenRequest({ tokenEndpoint: endpoint, auth }, [
    ['token', token],
    ['token_type_hint', hint],
  ]);
}

export function revocationRequest(endpoint: string, auth: AuthParts, token: string, hint: TokenKind): Result<TokenRequest> {
  return buildTokenRequest({ tokenEndpoint: endpoint, auth }, [
    ['token', token],
    ['token_type_hint', hint],
  ]);
}

/** RFC 7662 2.2: `active` is the one required member; false means the token is not usable, full stop. */
export function readIntrospection(answer: HttpAnswer): Result<{ active: boolean; fields: Record<string, string> }> {
  if (answer.status !== 200) return fail('unexpected-status', `the introspection endpoint answered HTTP ${answer.status}`);
  // Bounded (json-bounds.ts): a 20,000-deep member would overflow JSON.stringify below.
  const parsed = parseJsonBounded(answer.bodyText, 'the introspection answer');
  if (!parsed.ok) return fail(parsed.error.code, parsed.error.message);
  const doc = parsed.value;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return fail('not-object', 'the introspection answer is not a JSON object');
  const active = (doc as { active?: unknown }).active;
  if (typeof active !== 'boolean') return fail('bad-field', 'the introspection answer has no boolean "active" (RFC 7662 2.2)');
  const fields = Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  return ok({ active, fields });
}

/** RFC 7009 2.2: 200 means revoked (or never valid); the body is ignored. 503 may carry Retry-After. */
export function readRevocation(answer: HttpAnswer): Result<{ revoked: true }> {
  if (answer.status === 200) return ok({ revoked: true });
  return fail('unexpected-status', `the revocation endpoint answered HTTP ${answer.status}${answer.status === 503 ? ' (temporarily unavailable, RFC 7009 2.2.1)' : ''}`);
}

/** The Authorization scheme for a token: DPoP-bound tokens are presented as DPoP (RFC 9449 7.1). */
export function authorizationScheme(tokenType: string | undefined): 'Bearer' | 'DPoP' {
  return tokenType?.toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer';
}
