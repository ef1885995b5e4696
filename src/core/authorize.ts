/**
 * The authorization request URL: RFC 6749 4.1.1, OIDC Core 3.1.2.1, RFC 7636 4.3.
 */
import { fail, ok, type Result } from './result';

export interface AuthorizationRequestInput {
  authorizationEndpoint: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  responseType?: string; // default 'code'
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  responseMode?: string;
  prompt?: string;
  extra?: Record<string, string>;
  /** Parameters sent once per value (resource, RFC 8707 2); `params` shows them joined by a space. */
  repeated?: Record<string, string[]>;
}

/** Parameters with a field of their own, in the order they are sent (stable URLs diff well). */
export const CORE_AUTHORIZATION_PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'response_mode',
  'prompt',
] as const;

/** `label` names the endpoint in messages (the PAR endpoint is checked the same way). */
export function checkEndpoint(endpoint: string, label = 'the authorization endpoint'): Result<URL> {
  if (!URL.canParse(endpoint)) return fail('bad-endpoint', `${label} is not an absolute URL`);
  const url = new URL(endpoint);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return fail('bad-endpoint', `${label} must be an http(s) URL, not ${url.protocol}`);
  }
  // RFC 6749 3.1: "The endpoint URI MUST NOT include a fragment component."
  if (endpoint.includes('#')) return fail('bad-endpoint', `${label} must not have a fragment (RFC 6749 3.1)`);
  return ok(url);
}

/**
 * The endpoint with `pairs` added to its query. RFC 6749 3.1: the endpoint's own query "MUST be
 * retained"; kept byte for byte, not re-encoded. "Request and response parameters MUST NOT be
 * included more than once", so a name the endpoint already has is a problem.
 */
export function withQuery(endpoint: string, pairs: [string, string][]): Result<string> {
  const checked = checkEndpoint(endpoint);
  if (!checked.ok) return checked;
  const existing = new URLSearchParams(checked.value.search);
  const clash = pairs.find(([name]) => existing.has(name))?.[0];
  if (clash) {
    return fail('duplicate-param', `the authorization endpoint URL already has a ${clash} parameter; it must not be sent twice (RFC 6749 3.1)`);
  }
  // application/x-www-form-urlencoded (RFC 6749 appendix B), so a space in scope becomes '+'.
  const added = new URLSearchParams(pairs).toString();
  const sep = !endpoint.includes('?') ? '?' : endpoint.endsWith('?') || endpoint.endsWith('&') ? '' : '&';
  return ok(`${endpoint}${sep}${added}`);
}

function checkRedirectUri(redirectUri: string): Result<true> {
  if (!redirectUri) return fail('missing-param', 'redirect_uri is empty');
  // RFC 6749 3.1.2: "MUST be an absolute URI" and "MUST NOT include a fragment component".
  // Custom schemes (com.example.app:/cb, RFC 8252 7.1) are absolute URIs too, so any scheme passes.
  if (!URL.canParse(redirectUri)) return fail('bad-redirect-uri', 'redirect_uri is not an absolute URI (RFC 6749 3.1.2)');
  if (redirectUri.includes('#')) return fail('bad-redirect-uri', 'redirect_uri must not have a fragment (RFC 6749 3.1.2)');
  return ok(true);
}

export function buildAuthorizationUrl(
  input: AuthorizationRequestInput,
): Result<{ url: string; params: Record<string, string> }> {
  const endpoint = checkEndpoint(input.authorizationEndpoint);
  if (!endpoint.ok) return endpoint;
  if (!input.clientId) return fail('missing-param', 'client_id is empty');
  const redirect = checkRedirectUri(input.redirectUri);
  if (!redirect.ok) return redirect;

  const fields: Record<(typeof CORE_AUTHORIZATION_PARAMS)[number], string | undefined> = {
    response_type: input.responseType || 'code',
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    scope: input.scope,
    state: input.state,
    nonce: input.nonce,
    code_challenge: input.codeChallenge,
    code_challenge_method: input.codeChallengeMethod,
    response_mode: input.responseMode,
    prompt: input.prompt,
  };
  const params: Record<string, string> = {};
  for (const name of CORE_AUTHORIZATION_PARAMS) {
    const value = fields[name];
    if (value) params[name] = value; // optional and empty: not sent at all
  }
  for (const [name, value] of Object.entries(input.extra ?? {})) {
    if (!name) return fail('bad-param', 'an extra parameter has an empty name');
    // An extra must never quietly replace a field that has its own input (and its own checks).
    if ((CORE_AUTHORIZATION_PARAMS as readonly string[]).includes(name)) {
      return fail('duplicate-param', `${name} is set through its own field, not as an extra parameter`);
    }
    if (value) params[name] = value;
  }

  // RFC 8707 2: resource (and any other repeated parameter) is sent once per value.
  const repeated = Object.entries(input.repeated ?? {}).flatMap(([name, values]) => values.filter(Boolean).map((v): [string, string] => [name, v]));
  const core = CORE_AUTHORIZATION_PARAMS as readonly string[];
  const clash = repeated.find(([name]) => !name || Object.hasOwn(params, name) || core.includes(name));
  if (clash) return fail('duplicate-param', `${clash[0] || 'a parameter with no name'} cannot be sent as a repeated parameter here`);
  const url = withQuery(input.authorizationEndpoint, [...Object.entries(params), ...repeated]);
  if (!url.ok) return url;
  for (const [name, value] of repeated) params[name] = Object.hasOwn(params, name) ? `${params[name]} ${value}` : value;
  return ok({ url: url.value, params });
}
