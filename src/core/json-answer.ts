/**
 * Reading a JSON answer from an OAuth endpoint. The token endpoint (RFC 6749 5.2), the device
 * authorization endpoint (RFC 8628 3.2) and the PAR endpoint (RFC 9126 2.3) all answer errors the
 * same way, so one reader turns every hostile or broken answer into a named problem (guide
 * fault-cases.md 1-3, 7, 8). Nothing here throws, and every message and preview is redacted.
 */
import { clip } from './clip';
import { parseJsonBounded } from './json-bounds';
import { preview, redactText } from './redact';
import { ok, type Problem, type Result } from './result';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>; // lower-case names
  bodyText: string;
}

/** 'too-large' and 'too-deep' (json-bounds.ts): refused before, or right after, JSON.parse. */
export type AnswerProblemCode = 'unexpected-status' | 'not-json' | 'not-object' | 'bad-field' | 'oauth-error' | 'too-large' | 'too-deep';

/** A Problem with the evidence the UI shows: the OAuth error as text, the challenge, a preview. */
export interface AnswerProblem extends Problem {
  code: AnswerProblemCode;
  status: number;
  error?: string;
  errorDescription?: string;
  errorUri?: string;
  challenge?: string; // WWW-Authenticate
  preview?: string; // redacted, <= 200 chars
  field?: string;
}

/** How to name the endpoint and its answer in messages: 'the token endpoint', 'the token response'. */
export interface AnswerNames {
  endpoint: string;
  response: string;
}

const PREVIEW_MAX = 200;

/** Lower-case names are promised, but a stray "Cache-Control" must not turn into a false warning. */
export function header(h: Record<string, string>, name: string): string | undefined {
  if (Object.hasOwn(h, name)) return h[name];
  const key = Object.keys(h).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : h[key];
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** 'null', 'an array', 'number'...: what a member was instead of what it should be. */
export const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The OAuth error members are short by design (RFC 6749 5.2: error is an ASCII code), but a hostile
 * server sends 250 K of them (issue 9): what is kept and redacted is cut first.
 */
const ERROR_MAX = 256;
const DESCRIPTION_MAX = 4096;

/**
 * V8's JSON.parse messages quote the input ('Unexpected token..., "{"access_t"... is not valid JSON'),
 * which may be part of a token: the quoted snippet is dropped, the rest redacted.
 */
function parseErrorText(err: unknown): string {
  const raw = err instanceof Error ? err.message.slice(0, 400) : 'invalid JSON';
  return redactText(raw.replace(/,\s*(?:\.\.\.)?".*"(?:\.\.\.)?\s*is not valid JSON\s*$/s, '')).slice(0, 120);
}

/** The evidence every non-OAuth problem carries: status, challenge, and a preview of a non-empty body. */
function evidence(answer: HttpAnswer): Omit<AnswerProblem, 'code' | 'message'> {
  const challenge = header(answer.headers, 'www-authenticate');
  return {
    status: answer.status,
    ...(challenge !== undefined ? { challenge } : {}),
    ...(answer.bodyText.slice(0, 4096).trim() ? { preview: preview(answer.bodyText, PREVIEW_MAX) } : {}),
  };
}

const problem = (p: AnswerProblem): { ok: false; error: AnswerProblem } => ({ ok: false, error: p });

/** A member of an otherwise good answer has the wrong type or value; the message names the field. */
export function badField(answer: HttpAnswer, field: string, message: string): { ok: false; error: AnswerProblem } {
  return problem({ code: 'bad-field', message, field, ...evidence(answer) });
}

/** RFC 6749 5.2: an error answer is a JSON object with a string `error`, whatever the status. */
function oauthError(doc: Record<string, unknown>, answer: HttpAnswer, names: AnswerNames): AnswerProblem {
  const error = clip(String(doc.error), ERROR_MAX);
  const challenge = header(answer.headers, 'www-authenticate');
  const description = str(doc.error_description);
  const uri = str(doc.error_uri);
  // `error` is meant to be a short ASCII code, but a hostile server picks its own.
  return {
    code: 'oauth-error',
    message: `${names.endpoint} answered ${redactText(error).slice(0, 80)} (HTTP ${answer.status})`,
    status: answer.status,
    error,
    ...(description !== undefined ? { errorDescription: clip(description, DESCRIPTION_MAX) } : {}), // plain text, shown as text
    ...(uri !== undefined ? { errorUri: clip(uri, DESCRIPTION_MAX) } : {}),
    ...(challenge !== undefined ? { challenge } : {}),
  };
}

/**
 * The answer's JSON object, if it is a 2xx with one and not an OAuth error. The callers check the
 * members and any more exact status (200 for tokens, 201 for PAR) themselves.
 */
export function readJsonObject(answer: HttpAnswer, names: AnswerNames): Result<Record<string, unknown>, AnswerProblem> {
  const { status } = answer;
  // Cut or refused before anything else looks at it: size first, then depth (json-bounds.ts).
  const parsed = parseJsonBounded(answer.bodyText, names.response);
  if (!parsed.ok && parsed.error.code !== 'not-json') {
    return problem({ code: parsed.error.code, message: parsed.error.message, ...evidence(answer) });
  }
  const doc = parsed.ok ? parsed.value : undefined;
  const parseError = parsed.ok ? undefined : parsed.error.parseError;
  const json = parsed.ok;

  if (isObject(doc) && typeof doc.error === 'string') return problem(oauthError(doc, answer, names));
  if (status < 200 || status > 299) {
    const what = json ? (isObject(doc) ? 'JSON without an error member' : 'JSON but not an object') : 'not JSON';
    return problem({ code: 'unexpected-status', message: `unexpected status ${status}, ${what}`, ...evidence(answer) });
  }
  if (!json) {
    return problem({ code: 'not-json', message: `${names.response} is not JSON: ${parseErrorText(parseError)}`, ...evidence(answer) });
  }
  if (!isObject(doc)) {
    return problem({ code: 'not-object', message: `${names.response} is not a JSON object (got ${kind(doc)})`, ...evidence(answer) });
  }
  return ok(doc);
}
