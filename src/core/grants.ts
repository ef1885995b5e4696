/**
 * Token requests for the grants besides the authorization code (token-request.ts) and token
 * exchange (token-exchange.ts). Each returns the same TokenRequest, with client authentication
 * merged in from AuthParts, so every builder stays synchronous and pure.
 */
import { failed, type Finding } from './finding';
import { fail, type Result } from './result';
import { buildTokenRequest, type TokenRequest, type TokenRequestOptions } from './token-request';

export { authorizationCodeRequest, type TokenRequest, type TokenRequestOptions } from './token-request';
export { tokenExchangeRequest, TOKEN_TYPES, type TokenExchangeInput } from './token-exchange';

/** RFC 8628 3.4: the grant_type of a device access token request. */
export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

const missing = (what: string) => fail('missing-param', `${what} is empty`);

/**
 * RFC 6749 4.4.2. "The client MUST authenticate" (4.4.2), so `auth` should hold a real method; a
 * public client's request is still built, to see how a server answers it.
 */
export function clientCredentialsTokenRequest(input: TokenRequestOptions & { scope?: string }): Result<TokenRequest> {
  return buildTokenRequest(input, [['grant_type', 'client_credentials'], ['scope', input.scope]]);
}

/**
 * RFC 6749 4.3.2, the resource owner password credentials grant. RFC 9700 2.4: it "MUST NOT be
 * used" - it hands the user's password to the client and cannot carry MFA or phishing-resistant
 * login. It is here only to test legacy servers; a flow that uses it carries passwordGrantFinding().
 */
export function passwordTokenRequest(input: TokenRequestOptions & { username: string; password: string; scope?: string }): Result<TokenRequest> {
  if (!input.username) return missing('username');
  if (!input.password) return missing('password');
  return buildTokenRequest(input, [['grant_type', 'password'], ['username', input.username], ['password', input.password], ['scope', input.scope]]);
}

export function passwordGrantFinding(): Finding {
  return failed('grant.password', 'error', 'RFC 9700 2.4', 'the resource owner password credentials grant must not be used');
}

/**
 * RFC 6749 6. `scope` may only narrow what was granted ("MUST NOT include any scope not originally
 * granted"); scopesAdded() says which requested scopes would widen it.
 */
export function refreshTokenRequest(input: TokenRequestOptions & { refreshToken: string; scope?: string }): Result<TokenRequest> {
  if (!input.refreshToken) return missing('refresh_token');
  return buildTokenRequest(input, [['grant_type', 'refresh_token'], ['refresh_token', input.refreshToken], ['scope', input.scope]]);
}

/** The scopes in `requested` that are not in `granted` (both space-delimited, RFC 6749 3.3). */
export function scopesAdded(requested: string, granted: string): string[] {
  const had = new Set(granted.split(' ').filter(Boolean));
  return requested.split(' ').filter((s) => s && !had.has(s));
}

/**
 * RFC 8628 3.4: polling with the device_code. client_id is REQUIRED for a client that does not
 * authenticate, which AuthParts of method 'none' (or `clientId`) provide.
 */
export function deviceCodeTokenRequest(input: TokenRequestOptions & { deviceCode: string }): Result<TokenRequest> {
  if (!input.deviceCode) return missing('device_code');
  return buildTokenRequest(input, [['grant_type', DEVICE_CODE_GRANT], ['device_code', input.deviceCode]]);
}
