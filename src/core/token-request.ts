/**
 * The authorization code token request: RFC 6749 4.1.3, with PKCE's code_verifier (RFC 7636 4.5).
 * Built for a public client: client_id in the body and no Authorization header (RFC 6749 2.3.1,
 * 3.2.1), since a public client has no secret to put in one.
 */

export interface AuthorizationCodeTokenRequestInput {
  tokenEndpoint: string;
  code: string;
  redirectUri: string;
  clientId: string;
  codeVerifier?: string;
  extra?: Record<string, string>;
}

export interface TokenRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  params: Record<string, string>;
}

const CORE = ['grant_type', 'code', 'redirect_uri', 'client_id', 'code_verifier'];

export function authorizationCodeTokenRequest(input: AuthorizationCodeTokenRequestInput): TokenRequest {
  const params: Record<string, string> = { grant_type: 'authorization_code', code: input.code };
  // 4.1.3: redirect_uri is REQUIRED when the authorization request had one, and must be identical.
  if (input.redirectUri) params.redirect_uri = input.redirectUri;
  params.client_id = input.clientId;
  if (input.codeVerifier) params.code_verifier = input.codeVerifier;
  for (const [name, value] of Object.entries(input.extra ?? {})) {
    // Parameters "MUST NOT be included more than once" (RFC 6749 3.2); an extra that replaced the code
    // or verifier would be a bug in the caller, so it fails loudly rather than quietly.
    if (CORE.includes(name)) throw new TypeError(`authorizationCodeTokenRequest: extra parameter ${name} clashes with a core parameter`);
    params[name] = value;
  }
  return {
    url: input.tokenEndpoint,
    method: 'POST',
    // 3.2: "MUST use the HTTP POST method", parameters in application/x-www-form-urlencoded (4.1.3).
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(params).toString(),
    params,
  };
}
