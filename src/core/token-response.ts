/**
 * Reading a token endpoint's answer: RFC 6749 5.1 (success) and 5.2 (error).
 * Every hostile or broken answer becomes a named result (guide fault-cases.md 1-8), never a throw,
 * and no message carries a token: previews and parse errors go through redactText.
 */
import { failed, type Finding } from './finding';
import { preview, redactText } from './redact';
import { checkTokenFields, type TokenSet } from './token-fields';

export type { TokenSet } from './token-fields';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>; // lower-case names
  bodyText: string;
}

export type TokenResponseResult =
  | { ok: true; tokens: TokenSet; warnings: Finding[] }
  | {
      ok: false;
      problem: 'unexpected-status' | 'not-json' | 'not-object' | 'bad-field' | 'oauth-error';
      message: string;
      status: number;
      error?: string;
      errorDescription?: string;
      errorUri?: string;
      challenge?: string; // WWW-Authenticate
      preview?: string; // redacted, <= 200 chars
      field?: string;
    };

type Failure = Extract<TokenResponseResult, { ok: false }>;

const PREVIEW_MAX = 200;

/** Lower-case names are promised, but a stray "Cache-Control" must not turn into a false warning. */
function header(h: Record<string, string>, name: string): string | undefined {
  if (Object.hasOwn(h, name)) return h[name];
  const key = Object.keys(h).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : h[key];
}

/**
 * V8's JSON.parse messages quote the input ('Unexpected token..., "{"access_t"... is not valid JSON'),
 * which may be part of a token: the quoted snippet is dropped, the rest redacted.
 */
function parseErrorText(err: unknown): string {
  const raw = err instanceof Error ? err.message : 'invalid JSON';
  return redactText(raw.replace(/,\s*(?:\.\.\.)?".*"(?:\.\.\.)?\s*is not valid JSON\s*$/s, '')).slice(0, 120);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** RFC 6749 5.2: an error answer is a JSON object with a string `error`. */
function oauthError(doc: Record<string, unknown>, status: number, challenge: string | undefined): Failure {
  const error = String(doc.error);
  // `error` is meant to be a short ASCII code (RFC 6749 5.2), but a hostile server picks its own.
  const out: Failure = {
    ok: false,
    problem: 'oauth-error',
    message: `the token endpoint answered ${redactText(error).slice(0, 80)} (HTTP ${status})`,
    status,
    error,
  };
  const description = str(doc.error_description);
  const uri = str(doc.error_uri);
  if (description !== undefined) out.errorDescription = description; // plain text, shown as text
  if (uri !== undefined) out.errorUri = uri;
  if (challenge !== undefined) out.challenge = challenge;
  return out;
}

export function parseTokenResponse(answer: HttpAnswer): TokenResponseResult {
  const { status, bodyText } = answer;
  const challenge = header(answer.headers, 'www-authenticate');
  const extra = {
    status,
    ...(challenge !== undefined ? { challenge } : {}),
    ...(bodyText.trim() ? { preview: preview(bodyText, PREVIEW_MAX) } : {}),
  };

  let doc: unknown;
  let parseError: unknown;
  try {
    doc = JSON.parse(bodyText);
  } catch (err) {
    parseError = err;
  }
  const json = parseError === undefined;

  if (isObject(doc) && typeof doc.error === 'string') return oauthError(doc, status, challenge);
  if (status < 200 || status > 299) {
    const what = json ? (isObject(doc) ? 'JSON without an error member' : 'JSON but not an object') : 'not JSON';
    return { ok: false, problem: 'unexpected-status', message: `unexpected status ${status}, ${what}`, ...extra };
  }
  if (!json) {
    return { ok: false, problem: 'not-json', message: `the token response is not JSON: ${parseErrorText(parseError)}`, ...extra };
  }
  if (!isObject(doc)) {
    const got = doc === null ? 'null' : Array.isArray(doc) ? 'an array' : typeof doc;
    return { ok: false, problem: 'not-object', message: `the token response is not a JSON object (got ${got})`, ...extra };
  }

  const fields = checkTokenFields(doc);
  if (!fields.ok) {
    return { ok: false, problem: 'bad-field', message: fields.message, field: fields.field, ...extra };
  }
  const warnings = [...fields.warnings];
  // RFC 6749 5.1: "MUST include the HTTP Cache-Control response header field with a value of no-store".
  const cache = header(answer.headers, 'cache-control');
  if (!cache || !/(?:^|,)\s*no-store\s*(?:,|$)/i.test(cache)) {
    warnings.push(failed('cache-control-no-store', 'warning', 'RFC 6749 5.1', 'the token response lacks Cache-Control: no-store', { expected: 'no-store', actual: cache ?? '(none)' }));
  }
  if (status !== 200) {
    warnings.push(failed('status-not-200', 'warning', 'RFC 6749 5.1', `a token response should be 200 OK, got ${status}`, { expected: '200', actual: String(status) }));
  }
  const type = header(answer.headers, 'content-type');
  if (!type || !/^application\/(?:[a-z0-9.+-]*\+)?json\b/i.test(type.trim())) {
    warnings.push(failed('content-type-not-json', 'warning', 'RFC 6749 5.1', 'the token response is not labelled application/json', { expected: 'application/json', actual: type ?? '(none)' }));
  }
  return { ok: true, tokens: fields.tokens, warnings };
}
