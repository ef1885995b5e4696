/**
 * Keeping secrets out of anything shown or logged (guide fault-cases.md: "no secret in the message
 * or a log"; RFC 6749 10.3 / 10.4 / 10.5: tokens and codes are credentials).
 */

/**
 * Parameters whose values are credentials. `token` is the parameter of revocation (RFC 7009 2.1) and
 * introspection (RFC 7662 2.1); id_token_hint and logout_token carry ID tokens (OIDC RP-Initiated
 * Logout 2, Back-Channel Logout 2.4).
 */
export const SECRET_PARAMS: ReadonlySet<string> = new Set([
  'code',
  'code_verifier',
  'access_token',
  'refresh_token',
  'id_token',
  'client_secret',
  'password',
  'assertion',
  'client_assertion',
  'device_code',
  'subject_token',
  'actor_token',
  'token',
  'id_token_hint',
  'logout_token',
]);

/**
 * Not credentials, but worth care: state and nonce are single-use binding values, code_challenge
 * ties to the verifier, user_code is typed by a person (RFC 8628 3.2). Shown in findings, not logged.
 */
export const SENSITIVE_PARAMS: ReadonlySet<string> = new Set(['state', 'nonce', 'code_challenge', 'user_code']);

/** Names compared case-insensitively: over-redacting a `Code=` is cheaper than leaking one. */
export function isSecretParam(name: string): boolean {
  return SECRET_PARAMS.has(name.toLowerCase());
}

/** 'eyJh…(812 chars)'; values under 12 chars are fully hidden, since 4 of 11 chars is a real hint. */
export function maskSecret(value: string): string {
  const chars = Array.from(value); // code points, so a surrogate pair is never split
  const shown = chars.length < 12 ? '••••' : `${chars.slice(0, 4).join('')}…`;
  return `${shown}(${chars.length} chars)`;
}

const R = '[redacted]';

// Names whose values redactText hides: the secret params, plus cookie-ish names (session) and
// anything ending in token/secret/password/session (csrf_token, x-api-secret, JSESSIONID...).
function isSecretName(name: string): boolean {
  const n = name.toLowerCase();
  return isSecretParam(n) || n === 'session' || /(?:token|secret|password|session(?:id)?)$/.test(n);
}

const NAME = '[A-Za-z0-9_.\\-]+';

/** JSON members: "name": "value" (closing quote optional: the body may be truncated) or a bare scalar. */
const JSON_MEMBER = new RegExp(`"(${NAME})"(\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*(?:"|$)|-?[0-9][0-9.eE+-]*)`, 'g');
/** Query strings, form bodies, cookies, header-ish `name=value` lists. */
const PAIR = new RegExp(`(?<![A-Za-z0-9_.\\-])(${NAME})=([^&\\s;,"'#<>]+)`, 'g');
/** An HTML form field, as in a response_mode=form_post page: name="code" ... value="..." (either order). */
const HTML_FIELD = /(name=["']?([A-Za-z0-9_.-]+)["']?[^>]*?value=)(["'])([^"']*)\3/gi;
const HTML_FIELD_VALUE_FIRST = /(value=)(["'])([^"']*)\2([^>]*?name=["']?([A-Za-z0-9_.-]+))/gi;
/**
 * Credentials after an auth scheme (RFC 9110 11.4), but not a challenge's auth-params:
 * `Bearer error="invalid_token"` in WWW-Authenticate stays readable.
 */
const AUTH_SCHEME = /\b(Bearer|Basic|DPoP)[ \t]+(?![A-Za-z0-9_-]+[ \t]*=[ \t]*["A-Za-z0-9])[A-Za-z0-9\-._~+/]+=*/g;
/** Password in URL userinfo: scheme://user:password@host. */
const USERINFO = /(\/\/[^/\s:@]+:)[^@\s/]+@/g;
/**
 * JWS (3 segments) and JWE (5): the header is a JSON object, so it starts "ey" ({"), and is at least
 * {"alg":"x"} long. Requiring that keeps host names like www.example.com out.
 */
const JWT = /\bey[A-Za-z0-9_-]{10,}(?:\.[A-Za-z0-9_-]*){2,4}/g;
/** Long base64url or hex runs. */
const LONG_RUN = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])/g;
/**
 * A 20-char run of only lowercase letters (or only uppercase) is a word or an identifier
 * ("internationalization", "invalid_client_metadata"), not random output: 20 random base64url chars
 * avoid every digit and one letter case with a chance near 1e-7.
 */
const WORDLIKE = /^(?:[a-z_-]+|[A-Z_-]+)$/;

/** Replaces whatever looks like a secret in free text (error pages, bodies, messages) with [redacted]. */
export function redactText(text: string): string {
  return text
    .replace(JSON_MEMBER, (m, name: string, colon: string) => (isSecretName(name) ? `"${name}"${colon}"${R}"` : m))
    .replace(HTML_FIELD, (m, head: string, name: string, q: string) => (isSecretName(name) ? `${head}${q}${R}${q}` : m))
    .replace(HTML_FIELD_VALUE_FIRST, (m, head: string, q: string, _v: string, tail: string, name: string) =>
      isSecretName(name) ? `${head}${q}${R}${q}${tail}` : m,
    )
    .replace(PAIR, (m, name: string) => (isSecretName(name) ? `${name}=${R}` : m))
    .replace(AUTH_SCHEME, (_m, scheme: string) => `${scheme} ${R}`)
    .replace(USERINFO, (_m, head: string) => `${head}${R}@`)
    .replace(JWT, R)
    .replace(LONG_RUN, (m) => (WORDLIKE.test(m) ? m : R));
}

/**
 * A short, single-line, redacted look at a body, for messages about what a server sent instead of
 * JSON. Only the head is examined, so a huge page costs nothing.
 */
export function preview(text: string, max = 120): string {
  const flat = redactText(text.slice(0, max * 8).replace(/\s+/g, ' ').trim());
  const chars = Array.from(flat);
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('')}…`;
}
