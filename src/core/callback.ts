/**
 * Reading the authorization response at the redirect URI: RFC 6749 4.1.2 / 4.1.2.1 / 4.2.2,
 * OIDC Core 3.2.2.5. The checks on it live in callback-checks.ts.
 */
import { CLOSE, OPEN } from './export/placeholder';
import type { Finding } from './finding';
import { fail, ok, type Problem, type Result } from './result';

export { checkCallback } from './callback-checks';
/** Kept as a name for callers that read "callback check"; it is the shared Finding. */
export type CallbackCheck = Finding;

export interface CallbackParams {
  params: Record<string, string>;
  /** Where the parameters were; 'form_post' is a POST body (form-post.ts, Form Post Response Mode 2). */
  source: 'query' | 'fragment' | 'both' | 'none' | 'form_post';
  /** Names seen more than once (RFC 6749 3.1); the first value is the one in `params`. */
  duplicates: string[];
  /** Where each kept value came from; lets checks tell a token in the query from one in the fragment. */
  from?: Record<string, 'query' | 'fragment'>;
}

/**
 * Whether a URL the browser went to is this redirect URI: same scheme, host, port and path, compared
 * exactly (RFC 6749 3.1.2.3 / RFC 9700 4.1.3: no prefix matching), query and fragment of the visited
 * URL ignored except that the redirect URI's own query parameters must all be there (3.1.2 lets it
 * have one, and the server keeps it).
 */
export function matchesRedirectUri(url: string, redirectUri: string): boolean {
  if (!URL.canParse(url) || !URL.canParse(redirectUri)) return false;
  const a = new URL(url);
  const b = new URL(redirectUri);
  if (a.protocol !== b.protocol || a.hostname !== b.hostname || a.port !== b.port || a.pathname !== b.pathname) {
    return false;
  }
  // Both sides went through the same URL parser, so host case, default ports and dot segments are
  // normalised alike, for https and for custom schemes (com.example.app:/cb) alike.
  // Indexed once: getAll per name scans the whole query, quadratic on a hostile one (36 s, issue 9).
  const visited = new Map<string, Set<string>>();
  for (const [name, value] of new URLSearchParams(a.search)) {
    const values = visited.get(name) ?? new Set<string>();
    values.add(value);
    visited.set(name, values);
  }
  for (const [name, value] of new URLSearchParams(b.search)) {
    if (!visited.get(name)?.has(value)) return false;
  }
  return true;
}

/**
 * Every response parameter, from the query and the fragment (implicit and hybrid answer in the
 * fragment, OIDC Core 3.2.2.5), both read as application/x-www-form-urlencoded. A name seen twice,
 * in one part or across both, is recorded in `duplicates`; the first value (query first) is kept.
 */
/** The URL with each "#" inside a placeholder written %23: parsed, it reads back as "#". */
function placeholderHashes(url: string): string {
  let depth = 0;
  let out = '';
  for (const c of url) {
    if (c === OPEN) depth++;
    else if (c === CLOSE && depth > 0) depth--;
    out += c === '#' && depth > 0 ? '%23' : c;
  }
  return out;
}

export function parseCallbackUrl(url: string): Result<CallbackParams> {
  if (!URL.canParse(url)) return fail('bad-url', 'the callback is not an absolute URL');
  // A flow imported from a redacted bundle (issue 13) holds placeholders with a "#" in them
  // (‹code #1, …›): only a "#" outside one starts the fragment. Real URLs carry no raw "‹".
  const u = new URL(url.includes(OPEN) ? placeholderHashes(url) : url);
  const params: Record<string, string> = {};
  const from: Record<string, 'query' | 'fragment'> = {};
  // A Set, not an array's includes: thousands of repeated names made that quadratic (issue 9).
  const duplicates = new Set<string>();
  const seen = { query: false, fragment: false };
  const parts = [
    ['query', u.search.slice(1)],
    ['fragment', u.hash.slice(1)],
  ] as const;
  for (const [part, text] of parts) {
    for (const [name, value] of new URLSearchParams(text)) {
      seen[part] = true;
      if (Object.hasOwn(params, name)) {
        duplicates.add(name);
        continue;
      }
      params[name] = value;
      from[name] = part;
    }
  }
  const source = seen.query && seen.fragment ? 'both' : seen.query ? 'query' : seen.fragment ? 'fragment' : 'none';
  return ok({ params, source, duplicates: [...duplicates], from });
}

export type CallbackOutcome =
  | { kind: 'code'; code: string; state?: string; iss?: string }
  | { kind: 'tokens'; params: Record<string, string> }
  | { kind: 'error'; error: string; description?: string; uri?: string; state?: string; iss?: string }
  | { kind: 'invalid'; problem: Problem };

const present = (p: Record<string, string>, name: string): string | undefined =>
  Object.hasOwn(p, name) && p[name] !== '' ? p[name] : undefined;

/** Only the keys that are there, so outcomes compare and serialise cleanly. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * What the callback says happened. An error wins over anything else it carries (RFC 6749 4.1.2.1);
 * tokens before a code, since a hybrid answer (code id_token) carries both. The error description
 * is returned exactly as sent: the UI shows it as text and never as markup.
 */
export function classifyCallback(p: CallbackParams): CallbackOutcome {
  const q = p.params;
  const error = present(q, 'error');
  if (error !== undefined) {
    return defined({
      kind: 'error' as const,
      error,
      description: present(q, 'error_description'),
      uri: present(q, 'error_uri'),
      state: present(q, 'state'),
      iss: present(q, 'iss'),
    });
  }
  if (present(q, 'access_token') !== undefined || present(q, 'id_token') !== undefined) {
    return { kind: 'tokens', params: { ...q } };
  }
  const code = present(q, 'code');
  if (code !== undefined) {
    return defined({ kind: 'code' as const, code, state: present(q, 'state'), iss: present(q, 'iss') });
  }
  const problem =
    p.source === 'none'
      ? { code: 'no-params', message: 'the callback carries no parameters at all' }
      : { code: 'no-result', message: 'the callback has no code, no token and no error' };
  return { kind: 'invalid', problem };
}
