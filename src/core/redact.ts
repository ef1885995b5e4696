/**
 * Keeping secrets out of anything shown, logged or exported (guide fault-cases.md: "no secret in the
 * message or a log"; RFC 6749 10.3 / 10.4 / 10.5: tokens and codes are credentials).
 *
 * One rule decides what is secret, by name (isSecretName, secret-name.ts), and every URL, header, form
 * and body goes through it: redactUrl, redactHeaders, redactParams, redactText. Recorded traffic is
 * hostile (issue 9), so all of it is bounded: input is cut to a cap BEFORE anything looks at it, the
 * scanners here are hand-written and single-pass, and the few regular expressions left are linear
 * (no quantified group, every start position either fails at once or consumes a run no later start
 * re-reads; see the note on each). redact.fuzz.test.ts holds them to that on megabyte inputs.
 */
import { isSecretName } from './secret-name';

export { isSecretName } from './secret-name';

/**
 * Parameters whose values are credentials. `token` is the parameter of revocation (RFC 7009 2.1) and
 * introspection (RFC 7662 2.1); id_token_hint and logout_token carry ID tokens (OIDC RP-Initiated
 * Logout 2, Back-Channel Logout 2.4). Kept as a list for reference and tests: isSecretName covers
 * every one of them and more.
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

/** The one rule, under its older name (param tables called it this). */
export function isSecretParam(name: string): boolean {
  return isSecretName(name);
}

/** 'eyJh…(812 chars)'; values under 12 chars are fully hidden, since 4 of 11 chars is a real hint. */
export function maskSecret(value: string): string {
  // Code points, so a surrogate pair is never split; counted without building an array of a huge value.
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    count++;
  }
  const shown = count < 12 ? '••••' : `${Array.from(value.slice(0, 8)).slice(0, 4).join('')}…`;
  return `${shown}(${count} chars)`;
}

/** What a secret value is replaced with. */
export const REDACTED = '[redacted]';
const R = REDACTED;

/** How much of a text redactText looks at; the rest is dropped with a notice, never shown unredacted. */
export const REDACT_CAP = 64 * 1024;
/** How much of a URL redactUrl looks at (the recorder stores no longer URL: capture/limits.ts). */
export const URL_SHOW_CAP = 16 * 1024;

/** The head of `text` to work on, and the notice for what was left off. Never splits a surrogate pair. */
function head(text: string, cap: number): { text: string; rest: string } {
  if (text.length <= cap) return { text, rest: '' };
  let end = cap;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return { text: text.slice(0, end), rest: ` [… ${text.length - end} more chars not shown]` };
}

/** A JSON string from the quote at `i`: the index after its closing quote, or text.length if unclosed. */
function jsonStringEnd(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 0x5c /* \ */) j += 2;
    else if (c === 0x22 /* " */) return j + 1;
    else j++;
  }
  return text.length;
}

/** A JSON array or object from its bracket at `i`: the index after its close, or text.length if cut. */
function jsonContainerEnd(text: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 0x22) {
      j = jsonStringEnd(text, j);
      continue;
    }
    if (c === 0x5b || c === 0x7b) depth++;
    else if ((c === 0x5d || c === 0x7d) && --depth === 0) return j + 1;
    j++;
  }
  return text.length;
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isNumChar = (c: number) => (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2b || c === 0x2d || c === 0x45 || c === 0x65;

/**
 * JSON members with a secret name: "name": "value" (closing quote optional: the body may be cut) or
 * a bare number, become "name": "[redacted]". One pass: every string is skipped whole, so each char
 * is read once (a regex here backtracked for seconds on a 250 K `error` in Firefox, issue 9).
 */
function redactJsonMembers(text: string): string {
  let out = '';
  let copied = 0;
  let i = text.indexOf('"');
  while (i >= 0 && i < text.length) {
    const keyEnd = jsonStringEnd(text, i);
    let j = keyEnd;
    while (j < text.length && isSpace(text.charCodeAt(j))) j++;
    if (keyEnd > text.length || text.charCodeAt(j) !== 0x3a /* : */) {
      i = text.indexOf('"', keyEnd);
      continue;
    }
    j++;
    while (j < text.length && isSpace(text.charCodeAt(j))) j++;
    const c = text.charCodeAt(j);
    let valueEnd = -1;
    if (c === 0x22) valueEnd = jsonStringEnd(text, j);
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) valueEnd = -2; // decided below, by the name
    else if ((c >= 0x30 && c <= 0x39) || c === 0x2d) {
      valueEnd = j + 1;
      while (valueEnd < text.length && isNumChar(text.charCodeAt(valueEnd))) valueEnd++;
    }
    // A key's text is short in any real document; a long one is never a secret's name.
    const name = keyEnd - i <= 258 ? text.slice(i + 1, keyEnd - 1) : '';
    // An array or object under a secret name ("refresh_tokens": [...], "client_secret": {"value": ...})
    // is masked whole: its own members have names the rule cannot judge. Read once, to its close.
    if (valueEnd === -2) valueEnd = isSecretName(name) ? jsonContainerEnd(text, j) : -1;
    if (valueEnd > 0 && isSecretName(name)) {
      out += `${text.slice(copied, j)}"${R}"`;
      copied = valueEnd;
    }
    // A string value is skipped whole; an object or array value is scanned for its own members.
    i = text.indexOf('"', valueEnd > 0 ? valueEnd : j);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

const isAttrNameChar = (c: number) => !isSpace(c) && c !== 0x3d /* = */ && c !== 0x3e /* > */ && c !== 0x2f /* / */ && c !== 0x22 && c !== 0x27;

interface Attr {
  name: string;
  /** The value's text, without quotes. */
  start: number;
  end: number;
}

/** Attributes of the tag text between `from` and `to` (exclusive), with their value positions. */
function attributes(text: string, from: number, to: number): Attr[] {
  const attrs: Attr[] = [];
  let i = from;
  while (i < to) {
    while (i < to && !isAttrNameChar(text.charCodeAt(i))) i++;
    const nameStart = i;
    while (i < to && isAttrNameChar(text.charCodeAt(i))) i++;
    const name = text.slice(nameStart, Math.min(i, nameStart + 16)).toLowerCase();
    while (i < to && isSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 0x3d || i >= to) continue;
    i++;
    while (i < to && isSpace(text.charCodeAt(i))) i++;
    const q = text.charCodeAt(i);
    if (q === 0x22 || q === 0x27) {
      // Read by hand up to the tag's end: indexOf could run past it, again for every tag.
      let end = i + 1;
      while (end < to && text.charCodeAt(end) !== q) end++;
      attrs.push({ name, start: i + 1, end });
      i = end + 1;
    } else {
      const start = i;
      while (i < to && !isSpace(text.charCodeAt(i))) i++;
      attrs.push({ name, start, end: i });
    }
  }
  return attrs;
}

/**
 * HTML form fields with a secret name, as in a response_mode=form_post page: <input name="code"
 * value="..."> in either order. Each tag is read once, from its '<' to its '>'.
 */
function redactHtmlFields(text: string): string {
  let out = '';
  let copied = 0;
  let i = text.indexOf('<');
  while (i >= 0) {
    const close = text.indexOf('>', i + 1);
    const end = close < 0 ? text.length : close;
    const attrs = attributes(text, i + 1, end);
    const name = attrs.find((a) => a.name === 'name');
    const value = attrs.find((a) => a.name === 'value');
    if (name && value && value.start >= copied && isSecretName(text.slice(name.start, Math.min(name.end, name.start + 256)))) {
      out += `${text.slice(copied, value.start)}${R}`;
      copied = value.end;
    }
    if (close < 0) break;
    i = text.indexOf('<', close + 1);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * Query strings, form bodies, cookies, header-ish `name=value` lists. Linear: the lookbehind lets a
 * match start only where a name starts, so a failed attempt reads its run once and no later start
 * re-reads it; the value is one greedy class with nothing after it.
 */
const PAIR = /(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]+)=([^&\s;,"'#<>]+)/g;
/**
 * A readable name's value can hold a nested query ("url=https://rp/cb?code=…" in a Refresh header,
 * "redirect_uri=…?code=…"): PAIR's value run swallows it, so the value is read again for pairs of its
 * own, to a fixed depth (each level reads a shorter text, so the work stays linear times the depth).
 */
const NESTED_DEPTH = 2;
function redactPairsIn(text: string, depth: number): string {
  return text.replace(PAIR, (m, name: string, value: string) => {
    if (isSecretName(name)) return `${name}=${R}`;
    if (depth <= 0 || !(value.includes('=') || value.includes('?'))) return m;
    const q = value.search(/[?=]/);
    return `${name}=${value.slice(0, q + 1)}${redactPairsIn(value.slice(q + 1), depth - 1)}`;
  });
}
/**
 * Authorization lines quoted in free text ("authorization: bearer …"): header names and auth schemes
 * are case-insensitive (RFC 9110 5.1, 11.1), which AUTH_SCHEME is not, so the rest of the line after
 * the scheme word is masked. Runs after AUTH_SCHEME, so "Bearer [redacted]" stays as it is. Starts
 * only at a word boundary; the scheme is optional and short, and the line run one greedy class.
 */
const AUTHORIZATION_LINE = /\b((?:proxy-)?authorization[ \t]*:[ \t]*(?:[A-Za-z][A-Za-z0-9_-]{0,31}[ \t]+)?)[^\r\n]+/gi;
/**
 * Credentials after an auth scheme (RFC 9110 11.4), but not a challenge's auth-params:
 * `Bearer error="invalid_token"` in WWW-Authenticate stays readable. Starts only at a scheme word.
 */
const AUTH_SCHEME = /\b(Bearer|Basic|DPoP)[ \t]+(?![A-Za-z0-9_-]+[ \t]*=[ \t]*["A-Za-z0-9])[A-Za-z0-9\-._~+/]+=*/g;
/** Password in URL userinfo: scheme://user:password@host. Starts only at "//"; runs cannot hold "/". */
const USERINFO = /(\/\/[^/\s:@]+:)[^@\s/]+@/g;
/**
 * JWS (3 segments) and JWE (5): the header is a JSON object, so it starts "ey" ({"), and is at least
 * {"alg":"x"} long. Requiring that keeps host names like www.example.com out. The lookbehind lets a
 * match start only at the start of a run ("ey-ey-ey…" would otherwise be read again from every "ey").
 */
const JWT = /(?<![A-Za-z0-9_-])ey[A-Za-z0-9_-]{10,}(?:\.[A-Za-z0-9_-]*){2,4}/g;
/** Long base64url or hex runs; starts only at a run's start, and one greedy class takes it whole. */
const LONG_RUN = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])/g;
/**
 * A 20-char run of only lowercase letters (or only uppercase) is a word or an identifier
 * ("internationalization", "invalid_client_metadata"), not random output: 20 random base64url chars
 * avoid every digit and one letter case with a chance near 1e-7.
 */
const WORDLIKE = /^(?:[a-z_-]+|[A-Z_-]+)$/;

/**
 * Replaces whatever looks like a secret in free text (error pages, bodies, messages) with [redacted].
 * Only the first `cap` chars are looked at and shown; the rest is replaced by a notice of its length.
 */
export function redactText(text: string, cap = REDACT_CAP): string {
  const { text: t, rest } = head(text, cap);
  return (
    redactHtmlFields(redactJsonMembers(t))
      .replace(PAIR, (m) => redactPairsIn(m, NESTED_DEPTH))
      .replace(AUTH_SCHEME, (_m, scheme: string) => `${scheme} ${R}`)
      .replace(AUTHORIZATION_LINE, (_m, head: string) => `${head}${R}`)
      .replace(USERINFO, (_m, h: string) => `${h}${R}@`)
      .replace(JWT, R)
      .replace(LONG_RUN, (m) => (WORDLIKE.test(m) ? m : R)) + rest
  );
}

/** A JWS or JWE compact serialization, whole (RFC 7515 7.1, RFC 7516 7.1). Anchored, so linear. */
const JWT_WHOLE = /^ey[A-Za-z0-9_-]{10,}(?:\.[A-Za-z0-9_-]*){2,4}$/;
export const looksLikeJwt = (v: string): boolean => v.length < 64 * 1024 && JWT_WHOLE.test(v);

/** A parameter name as its URL-encoding means it ('+' is a space in forms, WHATWG URL 5.1). */
function decodeName(raw: string): string {
  const s = raw.slice(0, 256).replaceAll('+', ' ');
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A value as its URL-encoding means it, or undefined when it is not encoded or not valid. */
function decodeValue(v: string): string | undefined {
  if (!v.includes('%') && !v.includes('+')) return undefined;
  try {
    return decodeURIComponent(v.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}

/**
 * Secret JSON members, pairs and JWTs inside one value, as written (a token answer's extra field holds
 * `{"refresh_token": …}` once stringified). No long-run rule: a random state stays readable.
 */
const nestedSecrets = (v: string): string => redactPairsIn(redactJsonMembers(v), NESTED_DEPTH).replace(JWT, R);

/**
 * A value under a name the rule calls readable (redirect_uri, return_to, error_description, state):
 * a nested query's secret pairs ("https://rp/cb?code=…", "x;code=…") and JWTs ("token eyJ… expired")
 * are masked where they stand. When they show only once the value is decoded (once or twice: a
 * redirect_uri inside a redirect_uri), the whole value is masked, since re-encoding would change
 * what is shown. Anything else is returned as it is.
 */
export function redactValue(value: string): string {
  const v = value.length > URL_SHOW_CAP ? value.slice(0, URL_SHOW_CAP) : value;
  const direct = nestedSecrets(v);
  if (direct !== v) return direct + value.slice(v.length);
  let d = v;
  for (let level = 0; level < 2; level++) {
    const next = decodeValue(d);
    if (next === undefined) break;
    d = next;
    if (nestedSecrets(d) !== d) return R;
  }
  return value;
}

/**
 * `a=1&b=2` with secret values replaced. A fragment holding a route ("#/cb?code=...") names its
 * first parameter after the route: the rule reads the name after the last "?" or "/".
 */
function redactPairs(s: string): string {
  return s
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0) return part;
      const raw = part.slice(0, eq);
      const name = decodeName(raw);
      const bare = name.slice(Math.max(name.lastIndexOf('?'), name.lastIndexOf('/')) + 1);
      const value = part.slice(eq + 1);
      return isSecretName(bare) || looksLikeJwt(value) ? `${raw}=${R}` : `${raw}=${redactValue(value)}`;
    })
    .join('&');
}

/** A query string or urlencoded form body with secret-named values masked by the one rule (cut first). */
export function redactQuery(s: string, cap = REDACT_CAP): string {
  const { text, rest } = head(s, cap);
  return redactPairs(text) + rest;
}

/**
 * A URL for showing: query and fragment values with a secret name masked (by the one rule), the
 * password in userinfo masked, JWT-shaped values and path segments masked. Everything else is kept
 * as written, so state, scope, client_id and redirect_uri stay readable. Not parsed with `URL`, which
 * would re-encode it: what is shown is what was sent.
 */
export function redactUrl(url: string, cap = URL_SHOW_CAP): string {
  const { text, rest } = head(url, cap);
  const hash = text.indexOf('#');
  const beforeHash = hash < 0 ? text : text.slice(0, hash);
  const q = beforeHash.indexOf('?');
  let base = q < 0 ? beforeHash : beforeHash.slice(0, q);
  const sep = base.indexOf('://');
  let path: string;
  if (sep >= 0) {
    const authStart = sep + 3;
    const slash = base.indexOf('/', authStart);
    const authEnd = slash < 0 ? base.length : slash;
    const auth = base.slice(authStart, authEnd);
    const at = auth.lastIndexOf('@');
    const colon = auth.indexOf(':');
    const authShown = at >= 0 && colon >= 0 && colon < at ? `${auth.slice(0, colon + 1)}${R}${auth.slice(at)}` : auth;
    path = base.slice(authEnd);
    base = base.slice(0, authStart) + authShown;
  } else {
    path = base;
    base = '';
  }
  const pathShown = path.split('/').map((seg) => (looksLikeJwt(seg) ? R : seg)).join('/');
  let out = base + pathShown;
  if (q >= 0) out += `?${redactPairs(beforeHash.slice(q + 1))}`;
  if (hash >= 0) {
    const frag = text.slice(hash + 1);
    out += `#${frag.includes('=') ? redactPairs(frag) : looksLikeJwt(frag) ? R : frag}`;
  }
  return out + rest;
}

/**
 * Headers for showing or export: a secret-named header (Authorization, Cookie, Set-Cookie, DPoP,
 * X-Api-Key, X-CSRF-Token, ...) masked whole; the others through redactText, since a Location or a
 * Link can carry a code in its URL. A "__proto__" header stays a plain key.
 */
export function redactHeaders(h: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, isSecretName(k) ? R : redactText(v, 8 * 1024)]));
}

/** Form or query parameters for showing or export: secret-named values masked by the one rule. */
export function redactParams(p: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, isSecretName(k) ? R : v]));
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

/** The longest line a log entry quotes from an error. */
export const LOG_TEXT_MAX = 300;

/**
 * What a console line says about a thrown value. Engines quote the input in their messages (V8's
 * JSON.parse: `Unexpected token 'S', "Sx7k2Qp9"... is not valid JSON`; Firefox's URL constructor:
 * `URL constructor: https://rp/cb?code=… is not a valid URL.`), and recorded traffic is a
 * stranger's (issue 9), so the message is cut, flattened and redacted, and quoted spans are masked,
 * before it is logged. Never throws.
 */
export function logText(error: unknown, max = LOG_TEXT_MAX): string {
  let raw: string;
  try {
    const m: unknown = error instanceof Error ? error.message : error;
    raw = typeof m === 'string' ? m : String(m);
  } catch {
    raw = '';
  }
  const flat = raw.slice(0, max * 4).replace(/\s+/g, ' ').trim();
  // A quoted span is the engine quoting its input (V8 quotes a short one whole, with no name the rule
  // could judge): a log loses little without it. Linear: each run ends at the next quote or line end.
  const text = flat === '' ? 'an unknown error' : redactText(flat).replace(/"[^"\r\n]*"/g, `"${R}"`);
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
