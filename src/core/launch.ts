/**
 * What a person asks for when pressing Start: a grant and the inputs that grant needs beyond the
 * profile. Passwords and tokens typed here are secrets: they go to the worker once, are sent to the
 * token endpoint, and are kept only in storage.session with the flow's other secrets.
 */
import type { ResponseType } from './profile';
import { RESPONSE_TYPES } from './profile';

export type GrantKind = 'authorization' | 'device_code' | 'client_credentials' | 'password' | 'refresh_token' | 'token_exchange';

export const GRANT_LABELS: Record<GrantKind, string> = {
  authorization: 'Authorization (code, implicit, hybrid)',
  device_code: 'Device authorization (RFC 8628)',
  client_credentials: 'Client credentials',
  password: 'Resource owner password (removed by RFC 9700 2.4)',
  refresh_token: 'Refresh token',
  token_exchange: 'Token exchange (RFC 8693)',
};

/** RFC 8693 3: token type identifiers. */
export const TOKEN_TYPES = [
  'urn:ietf:params:oauth:token-type:access_token',
  'urn:ietf:params:oauth:token-type:refresh_token',
  'urn:ietf:params:oauth:token-type:id_token',
  'urn:ietf:params:oauth:token-type:jwt',
] as const;

/**
 * What a launch is expected to end in, for negative tests: a tester who cancels on purpose expects
 * access_denied, and a provider that complies reads as passed (rule expect.outcome). The errors are the
 * ones RFC 6749 4.1.2.1 / 5.2 and OIDC Core 3.1.2.6 define that a tester can provoke.
 */
export const EXPECTED_OUTCOMES = ['success', 'access_denied', 'invalid_scope', 'login_required', 'consent_required', 'interaction_required', 'invalid_request', 'unauthorized_client', 'invalid_grant', 'no-refresh-token'] as const;
export type ExpectedOutcome = (typeof EXPECTED_OUTCOMES)[number];

export const EXPECTED_LABELS: Record<ExpectedOutcome, string> = {
  success: 'Success: tokens (default)',
  access_denied: 'access_denied (the person refuses)',
  invalid_scope: 'invalid_scope (a scope the client may not have)',
  login_required: 'login_required (prompt=none, no session)',
  consent_required: 'consent_required (prompt=none, no consent yet)',
  interaction_required: 'interaction_required (prompt=none)',
  invalid_request: 'invalid_request (a malformed request)',
  unauthorized_client: 'unauthorized_client (grant not allowed)',
  invalid_grant: 'invalid_grant (a spent or revoked grant)',
  'no-refresh-token': 'Tokens, but no refresh token',
};

export const isExpectedOutcome = (v: unknown): v is ExpectedOutcome => typeof v === 'string' && (EXPECTED_OUTCOMES as readonly string[]).includes(v);

type Launch =
  | { grant: 'authorization'; responseType?: ResponseType }
  | { grant: 'device_code' }
  | { grant: 'client_credentials' }
  | { grant: 'password'; username: string; password: string }
  | { grant: 'refresh_token'; refreshToken: string; scope?: string }
  | { grant: 'token_exchange'; subjectToken: string; subjectTokenType: string; actorToken?: string; actorTokenType?: string; requestedTokenType?: string };

/** A grant's inputs, and optionally the outcome the person expects ('success' when left out). */
export type LaunchInput = Launch & { expect?: ExpectedOutcome };

const str = (v: unknown, max = 16_384): v is string => typeof v === 'string' && v.length <= max;
const opt = (v: unknown, max?: number) => v === undefined || str(v, max);

/** Shape check for a launch request arriving over the message channel. */
export function isLaunchInput(v: unknown): v is LaunchInput {
  if (typeof v !== 'object' || v === null) return false;
  const l = v as Record<string, unknown>;
  if (l.expect !== undefined && !isExpectedOutcome(l.expect)) return false;
  switch (l.grant) {
    case 'authorization':
      return l.responseType === undefined || RESPONSE_TYPES.includes(l.responseType as ResponseType);
    case 'device_code':
    case 'client_credentials':
      return true;
    case 'password':
      return str(l.username, 1000) && str(l.password, 1000);
    case 'refresh_token':
      return str(l.refreshToken) && opt(l.scope, 2000);
    case 'token_exchange':
      return str(l.subjectToken) && str(l.subjectTokenType, 200) && opt(l.actorToken) && opt(l.actorTokenType, 200) && opt(l.requestedTokenType, 200);
    default:
      return false;
  }
}

/** A plain message naming what is missing before the grant can start, or null. */
export function launchInputProblem(l: LaunchInput): string | null {
  if (l.grant === 'password' && (!l.username || !l.password)) return 'The password grant needs a username and a password.';
  if (l.grant === 'refresh_token' && !l.refreshToken.trim()) return 'Paste a refresh token, or pick one from a flow.';
  if (l.grant === 'token_exchange' && !l.subjectToken.trim()) return 'Token exchange needs a subject token.';
  return null;
}
