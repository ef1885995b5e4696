/**
 * Every size the recorder holds outside input to, in one place (issue 9, fault case 31): a page can
 * send megabyte URLs, bodies, form fields and headers, and each source cuts them here BEFORE the
 * prefilter, the recogniser or any regular expression looks at them. What was cut is marked on the
 * request (`cut`, part -> length before), so the step can say "cut at 16 KB".
 *
 * The numbers: token and discovery answers are a few KB and the cap only stops a large page or a
 * stream from filling storage.session (10 MB for everything, platform notes); no browser sends a URL
 * over 16 KB that a server would take (most refuse 8 KB); a form field of 64 KB holds any real
 * assertion or request object; a header over 8 KB is refused by nginx's default buffer.
 */
import type { Cut, CutPart, ObservedRequest, ObservedResponse } from './types';

/** A response body (token, userinfo, discovery answer). */
export const BODY_CAP = 256 * 1024;
/** A request's URL, fragment included. */
export const URL_CAP = 16 * 1024;
/** A request body read as text (JSON, urlencoded). */
export const REQUEST_BODY_CAP = 64 * 1024;
/** Each form field's value, and a whole form's names and values together. */
export const FIELD_CAP = 64 * 1024;
export const FORM_CAP = 256 * 1024;
/** Form fields kept (names), and values kept under one name. */
export const FORM_KEYS_MAX = 200;
export const FORM_VALUES_MAX = 100;
/** A form field's name: no real one is longer. */
export const FORM_NAME_CAP = 1024;
/** Held to what parseObserved (observed.ts) accepts: 100 headers, 8 KB a value (nginx's default line). */
export const HEADERS_MAX = 100;
export const HEADER_VALUE_CAP = 8 * 1024;
/** Request ids and origins are short; 2 KB leaves room for a long origin and refuses a payload. */
export const SHORT_CAP = 2048;

/** What each cut part was cut at, for the notice. */
export const CAPS: Readonly<Record<CutPart, number>> = { url: URL_CAP, body: REQUEST_BODY_CAP, form: FIELD_CAP, headers: HEADER_VALUE_CAP, answer: BODY_CAP };

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/;

/** The text cut to the cap (in UTF-16 units, which is what storage and JSON count). */
export function capText(text: string, cap = BODY_CAP): string {
  return text.length > cap ? text.slice(0, cap) : text;
}

/** Adds a part's length before cutting to a cut record (keeping the largest seen). */
export function noteCut(cut: Cut | undefined, part: CutPart, before: number): Cut {
  return { ...cut, [part]: Math.max(before, cut?.[part] ?? 0) };
}

/**
 * Headers fitted to those limits: odd names (HTTP/2 pseudo-headers) dropped, long values (a big
 * Cookie) cut, so one header does not get a whole report refused. fromEntries keeps "__proto__" a key.
 */
export function fitHeaders(h: Record<string, string>): Record<string, string> {
  const kept = Object.entries(h).filter(([k]) => HEADER_NAME.test(k)).slice(0, HEADERS_MAX);
  return Object.fromEntries(kept.map(([k, v]) => [k, capText(v, HEADER_VALUE_CAP)]));
}

/** Whether fitHeaders would change anything, without building a copy. */
function headersFit(h: Record<string, string>): boolean {
  let n = 0;
  for (const k in h) {
    if (!Object.hasOwn(h, k)) continue;
    if (++n > HEADERS_MAX || !HEADER_NAME.test(k) || h[k]!.length > HEADER_VALUE_CAP) return false;
  }
  return true;
}

export interface FittedForm {
  form: Record<string, string[]>;
  /** The form's size (names and values, in chars) before cutting, when anything was cut. */
  cut?: number;
  /** A name held something other than an array of strings (only a forged report does this). */
  malformed?: boolean;
}

/**
 * A form (webRequest's formData shape: name -> values, in body order) cut to the limits: at most
 * FORM_KEYS_MAX names of FORM_NAME_CAP chars, FORM_VALUES_MAX values a name, FIELD_CAP chars a value
 * and FORM_CAP in all. Stops reading once full, so an 11 MB field or a million names costs the cap.
 */
export function fitForm(form: Readonly<Record<string, unknown>>): FittedForm {
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  let total = 0;
  let before = 0;
  let cut = false;
  let malformed = false;
  let names = 0;
  for (const k in form) {
    if (!Object.hasOwn(form, k)) continue;
    const vals = form[k];
    if (!Array.isArray(vals)) {
      malformed = true;
      continue;
    }
    if (names >= FORM_KEYS_MAX || total >= FORM_CAP) {
      cut = true;
      before += k.length + (vals as unknown[]).reduce<number>((n, v) => n + (typeof v === 'string' ? v.length : 0), 0);
      continue;
    }
    names++;
    const name = capText(k, FORM_NAME_CAP);
    before += k.length;
    total += name.length;
    if (name !== k) cut = true;
    const kept: string[] = [];
    for (let i = 0; i < vals.length; i++) {
      const v: unknown = vals[i];
      if (typeof v !== 'string') {
        malformed = true;
        continue;
      }
      before += v.length;
      if (i >= FORM_VALUES_MAX || total >= FORM_CAP) {
        cut = true;
        continue;
      }
      const value = capText(v, Math.min(FIELD_CAP, FORM_CAP - total));
      if (value !== v) cut = true;
      total += value.length;
      kept.push(value);
    }
    out[name] = kept;
  }
  // A plain object again (fromEntries defines properties, so "__proto__" stays an ordinary key).
  const plain = Object.fromEntries(Object.entries(out));
  return { form: plain, ...(cut ? { cut: before } : {}), ...(malformed ? { malformed } : {}) };
}

function fitResponse(res: ObservedResponse): ObservedResponse {
  const long = res.bodyText !== undefined && res.bodyText.length > BODY_CAP;
  if (!long && headersFit(res.headers)) return res;
  const out: ObservedResponse = { ...res, headers: fitHeaders(res.headers) };
  if (long) {
    out.bodyText = capText(res.bodyText!);
    out.cut = noteCut(res.cut, 'answer', res.bodyText!.length);
  }
  return out;
}

/**
 * The request held to every limit above: the same object when it already fits (the common case
 * costs a few length checks), else a copy with the long parts cut and `cut` saying which. Each
 * source calls this before its prefilter; the recorder's sink calls it again, so nothing uncut
 * reaches the recogniser whichever source it came from.
 */
export function fitObserved(obs: ObservedRequest): ObservedRequest {
  let out = obs;
  const copy = () => (out === obs ? (out = { ...obs }) : out);
  if (obs.url.length > URL_CAP) {
    const o = copy();
    o.url = capText(obs.url, URL_CAP);
    o.cut = noteCut(o.cut, 'url', obs.url.length);
  }
  if (obs.bodyText !== undefined && obs.bodyText.length > REQUEST_BODY_CAP) {
    const o = copy();
    o.bodyText = capText(obs.bodyText, REQUEST_BODY_CAP);
    o.cut = noteCut(o.cut, 'body', obs.bodyText.length);
  }
  if (obs.form) {
    const fitted = fitForm(obs.form);
    if (fitted.cut !== undefined || fitted.malformed) {
      const o = copy();
      o.form = fitted.form;
      if (fitted.cut !== undefined) o.cut = noteCut(o.cut, 'form', fitted.cut);
    }
  }
  if (obs.headers && !headersFit(obs.headers)) {
    const o = copy();
    o.headers = fitHeaders(obs.headers);
    o.cut = noteCut(o.cut, 'headers', HEADER_VALUE_CAP + 1);
  }
  if (obs.initiator !== undefined && obs.initiator.length > SHORT_CAP) {
    const o = copy();
    delete o.initiator;
  }
  if (obs.response) {
    const res = fitResponse(obs.response);
    if (res !== obs.response) copy().response = res;
  }
  return out;
}

/** A response held to the limits, for sources that report answers apart (sink.response). */
export { fitResponse };

const NAMES: Record<CutPart, string> = { url: 'URL', body: 'request body', form: 'form fields', headers: 'headers', answer: 'response body' };

/** "1.6 MB", "64 KB", "900 bytes". */
export function sizeText(n: number): string {
  if (n < 1024) return `${n} chars`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** "URL cut at 16 KB (was 1.6 MB); response body cut at 256 KB": what a step lost, for the panel. */
export function cutText(cut: Cut): string {
  return (Object.keys(NAMES) as CutPart[])
    .filter((p) => typeof cut[p] === 'number')
    .map((p) => `${NAMES[p]} cut at ${sizeText(CAPS[p])}${cut[p]! > CAPS[p] ? ` (was ${sizeText(cut[p]!)})` : ''}`)
    .join('; ');
}
