/**
 * OAuth 2.0 Token Exchange, RFC 8693 2.1: trading a subject token (and, for delegation, an actor
 * token) for a new token. Parameters go in the order 2.1 lists them, which reproduces the 2.3 example.
 */
import { fail, type Result } from './result';
import { buildTokenRequest, type Pair, type TokenRequest, type TokenRequestOptions } from './token-request';

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';

/** RFC 8693 3: the token type identifiers it registers. */
export const TOKEN_TYPES = {
  access_token: 'urn:ietf:params:oauth:token-type:access_token',
  refresh_token: 'urn:ietf:params:oauth:token-type:refresh_token',
  id_token: 'urn:ietf:params:oauth:token-type:id_token',
  saml1: 'urn:ietf:params:oauth:token-type:saml1',
  saml2: 'urn:ietf:params:oauth:token-type:saml2',
  jwt: 'urn:ietf:params:oauth:token-type:jwt',
} as const;

export interface TokenExchangeInput extends TokenRequestOptions {
  subjectToken: string;
  subjectTokenType: string;
  actorToken?: string;
  actorTokenType?: string;
  requestedTokenType?: string;
  /** 2.1: "Multiple audience parameter values MAY be used", like resource. */
  audience?: string | string[];
  scope?: string;
}

/** 2.1: token types are URIs ("an identifier ... for the type"); a bare word is a mistake worth naming. */
const isUri = (v: string): boolean => /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(v);

export function tokenExchangeRequest(input: TokenExchangeInput): Result<TokenRequest> {
  if (!input.subjectToken) return fail('missing-param', 'subject_token is empty');
  if (!input.subjectTokenType) return fail('missing-param', 'subject_token_type is empty');
  // 2.1: actor_token_type is "REQUIRED when the actor_token parameter is present ... MUST NOT be
  // included otherwise".
  if (input.actorToken && !input.actorTokenType) return fail('missing-param', 'actor_token_type is required with an actor_token');
  if (!input.actorToken && input.actorTokenType) return fail('bad-param', 'actor_token_type must not be sent without an actor_token');
  for (const [name, v] of [['subject_token_type', input.subjectTokenType], ['actor_token_type', input.actorTokenType], ['requested_token_type', input.requestedTokenType]] as const) {
    if (v && !isUri(v)) return fail('bad-param', `${name} must be a token type URI (RFC 8693 3), e.g. ${TOKEN_TYPES.access_token}`);
  }
  const audiences = input.audience === undefined ? [] : [input.audience].flat();
  const own: Pair[] = [
    ['grant_type', TOKEN_EXCHANGE_GRANT],
    ...(input.resource ?? []).map((r): Pair => ['resource', r]),
    ...audiences.map((a): Pair => ['audience', a]),
    ['scope', input.scope],
    ['requested_token_type', input.requestedTokenType],
    ['subject_token', input.subjectToken],
    ['subject_token_type', input.subjectTokenType],
    ['actor_token', input.actorToken],
    ['actor_token_type', input.actorTokenType],
  ];
  // resource is placed above, in 2.1's order, rather than after client authentication.
  return buildTokenRequest({ ...input, resource: [] }, own, [], ['audience', 'actor_token', 'actor_token_type', 'requested_token_type', 'scope']);
}
