/**
 * The one masking rule (issue 9, "masking by rule, not by list"): whether a parameter, header, JSON
 * member, cookie or form field name says its value is a credential. Used for every URL, header and
 * body shown or exported (redact.ts), and by the panel's parameter tables.
 *
 * A name is compared in words: case folded, camelCase split ("accessToken" is access_token), and
 * "-", ".", " " read as "_" ("X-Api-Key" is x_api_key). Then, in this order:
 *  1. Exactly a known credential: the OAuth ones (code, code_verifier, device_code, id_token_hint, ...),
 *     authorization, proxy_authorization, cookie, set_cookie, dpop (a proof, replayable for a while,
 *     RFC 9449 11.1), JARM's `response` (a JWT carrying the code, JARM 2.1), SAMLResponse, wresult,
 *     CAS's `ticket` -> secret.
 *  2. Exactly a name that only describes a credential (token_type, token_type_hint, key_ops, key_id,
 *     access-control-allow-credentials) -> not secret.
 *  3. Its last word says it is about a credential, not one: *_endpoint, *_uri, *_url, *_type,
 *     *_hint, *_method(s), *_alg, *_enc, *_supported, *_values, *_in, *_at, *_required, *_iframe,
 *     *_ops, *_format, *_length, *_lifetime, *_ttl (token_endpoint, expires_in,
 *     client_assertion_type, check_session_iframe) -> not secret.
 *  4. It contains token, secret, password, passwd, passphrase, assertion, session, sessid (PHPSESSID),
 *     cookie, credential, signature (X-Amz-Signature), apikey, privatekey -> secret.
 *  5. A word is key or ends in "key" (api_key, x-api-key, apikey, privatekey), or is sid (connect.sid),
 *     sig (Azure SAS), pwd, pass or jwt; or the last word is authorization (x-authorization) -> secret.
 * Everything else is not: state, nonce, scope, client_id, redirect_uri, response_type, code_challenge
 * and code_challenge_method stay readable. Over-masking costs a click on Reveal; a miss leaks a
 * credential, so the rule leans to masking: "monkey" and "session_state" are masked (session_state is
 * a salted hash, not a credential, OIDC Session Management 3, but matches session*), key_ops and
 * key_id (JWK metadata, RFC 7517 4.3, 4.5) are not.
 */

const EXACT_SECRET: ReadonlySet<string> = new Set([
  'code',
  'code_verifier',
  'device_code',
  'auth_code',
  'authorization_code',
  'access_token',
  'refresh_token',
  'id_token',
  'id_token_hint',
  'logout_token',
  'subject_token',
  'actor_token',
  'token',
  'client_secret',
  'password',
  'assertion',
  'client_assertion',
  'authorization',
  'proxy_authorization',
  'cookie',
  'set_cookie',
  'dpop',
  'response',
  'saml_response',
  'samlresponse',
  'wresult',
  'ticket',
]);

/** Names that only describe a credential; the CORS header's value is "true" (Fetch Standard 3.2.3). */
const EXACT_PUBLIC: ReadonlySet<string> = new Set(['token_type', 'token_type_hint', 'key_ops', 'key_id', 'key_type', 'access_control_allow_credentials']);

const PUBLIC_LAST: ReadonlySet<string> = new Set([
  'endpoint',
  'uri',
  'url',
  'type',
  'hint',
  'method',
  'methods',
  'alg',
  'enc',
  'supported',
  'values',
  'in',
  'at',
  'required',
  'iframe',
  'ops',
  'format',
  'length',
  'lifetime',
  'ttl',
]);

const SECRET_WORDS = ['token', 'secret', 'password', 'passwd', 'passphrase', 'assertion', 'session', 'sessid', 'cookie', 'credential', 'signature', 'apikey', 'privatekey'];
const SECRET_PARTS: ReadonlySet<string> = new Set(['key', 'sid', 'sig', 'pwd', 'pass', 'jwt']);

/** Longest name compared: no real name is longer, and the work stays bounded on a hostile one. */
const NAME_MAX = 256;

const isUpper = (c: number) => c >= 0x41 && c <= 0x5a;
const isLower = (c: number) => c >= 0x61 && c <= 0x7a;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** "X-Api-Key" -> ["x","api","key"]; "accessToken" -> ["access","token"]; "SAMLResponse" -> ["saml","response"]. */
export function nameWords(name: string): string[] {
  const s = name.slice(0, NAME_MAX);
  const words: string[] = [];
  let word = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isUpper(c)) {
      const prev = i > 0 ? s.charCodeAt(i - 1) : 0;
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      // A boundary before an upper-case letter after a lower one (accessToken), or before the last
      // capital of an acronym that starts a word (SAMLResponse).
      if (word && (isLower(prev) || isDigit(prev) || (isUpper(prev) && isLower(next)))) {
        words.push(word);
        word = '';
      }
      word += String.fromCharCode(c + 32);
    } else if (isLower(c) || isDigit(c)) {
      word += s[i];
    } else if (word) {
      words.push(word);
      word = '';
    }
  }
  if (word) words.push(word);
  return words;
}

/** True when a value under this name is a credential (the rule above). Case-insensitive; never throws. */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0) return false;
  const joined = words.join('_');
  const compact = words.join('');
  // Compact too: "DPoP" splits into d, po, p.
  if (EXACT_SECRET.has(joined) || EXACT_SECRET.has(compact)) return true;
  if (EXACT_PUBLIC.has(joined)) return false;
  const last = words[words.length - 1]!;
  if (words.length > 1 && PUBLIC_LAST.has(last)) return false;
  if (SECRET_WORDS.some((w) => compact.includes(w))) return true;
  if (last === 'authorization') return true;
  return words.some((w) => SECRET_PARTS.has(w) || w.endsWith('key'));
}
