/**
 * Reading a request's parameters for the recogniser (recognise.ts): the query, and a POST body as the
 * browser parsed it (webRequest formData), as urlencoded text, or as a JSON object.
 */
import { parseFormPostBody } from '../form-post';

/** Only the start of a body is read: OAuth bodies are a few KB, and a page may upload megabytes. */
export const BODY_LIMIT = 64 * 1024;
/** No endpoint or redirect path is this long; a longer one is matched as if it said nothing. */
export const PATH_MAX = 2048;

export interface Params {
  /** First value of each name. */
  params: Record<string, string>;
  /** Names sent more than once (RFC 6749 3.1: parameters must not be included more than once). */
  duplicates: string[];
}

export interface BodyParams extends Params {
  format: 'form' | 'json';
}

/** Own properties only, so a parameter named "constructor" or "toString" is no surprise. */
export const has = (p: Record<string, string>, name: string): boolean => Object.hasOwn(p, name);

export function collect(entries: Iterable<[string, string]>): Params {
  const params: Record<string, string> = {};
  // A Set, not duplicates.includes: 60,000 names each sent twice made that quadratic (25 s).
  const duplicates = new Set<string>();
  for (const [name, value] of entries) {
    if (has(params, name)) duplicates.add(name);
    else params[name] = value;
  }
  return { params, duplicates: [...duplicates] };
}

export const queryParams = (u: URL): Params => collect(u.searchParams);

/**
 * A hand-built body ("grant_type=...&redirect_uri=https://app/cb") leaves ':' and '/' unescaped, which
 * the strict browser-serialiser check in form-post.ts refuses; servers read it anyway. One line of
 * name=value pairs, nothing that looks like JSON, XML or multipart.
 */
const LOOSE_FORM = /^[A-Za-z0-9_.~%+-]+=[^\r\n<>{}"]*$/;

function readJson(text: string): BodyParams | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined; // not JSON, or cut at BODY_LIMIT
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  // Top-level scalars only: a grant_type nested in GraphQL variables is not a token request.
  const entries: [string, string][] = [];
  for (const [name, value] of Object.entries(v)) {
    if (typeof value === 'string') entries.push([name, value]);
    else if (typeof value === 'number' || typeof value === 'boolean') entries.push([name, String(value)]);
  }
  // JSON.parse keeps the last of repeated members, so duplicates cannot be seen here.
  return { ...collect(entries), format: 'json' };
}

/**
 * The start of a parsed form, as for a text body: fields in order while names and values fit in
 * BODY_LIMIT characters, the one that crosses it cut (issue 9: one 11 MB form field).
 */
function formStart(form: Record<string, string[]>): Record<string, string[]> {
  if (typeof form !== 'object' || form === null || Array.isArray(form)) return form;
  let left = BODY_LIMIT;
  const out: [string, string[]][] = [];
  for (const [name, values] of Object.entries(form)) {
    if (left <= 0) break;
    left -= name.length;
    if (!Array.isArray(values)) {
      out.push([name, values]); // parseFormPostBody names the bad shape
      continue;
    }
    const kept: string[] = [];
    for (const v of values) {
      if (left <= 0) break;
      const cut = typeof v === 'string' && v.length > left ? v.slice(0, Math.max(left, 0)) : v;
      kept.push(cut);
      left -= typeof cut === 'string' ? cut.length : 0;
    }
    out.push([name.slice(0, BODY_LIMIT), kept]);
  }
  // fromEntries defines own properties, so a field named "__proto__" stays a field.
  return Object.fromEntries(out);
}

/** The body's parameters, or undefined when there is none or it is neither a form nor a JSON object. */
export function readBody(req: { form?: Record<string, string[]>; bodyText?: string }): BodyParams | undefined {
  if (req.form !== undefined) {
    const r = parseFormPostBody(formStart(req.form));
    return r.ok ? { params: r.value.params, duplicates: r.value.duplicates, format: 'form' } : undefined;
  }
  if (typeof req.bodyText !== 'string') return undefined;
  const text = req.bodyText.slice(0, BODY_LIMIT).trim();
  if (text === '') return undefined;
  if (text.startsWith('{')) return readJson(text);
  const strict = parseFormPostBody(undefined, text);
  if (strict.ok) return { params: strict.value.params, duplicates: strict.value.duplicates, format: 'form' };
  return LOOSE_FORM.test(text) ? { ...collect(new URLSearchParams(text)), format: 'form' } : undefined;
}
