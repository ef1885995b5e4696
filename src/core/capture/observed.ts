/**
 * ObservedRequests that arrive over the message channel, from content scripts (the opt-in page
 * script) and the DevTools page, checked before the recorder believes them. A hostile page can send
 * anything a content script can, so every field is type-checked and size-capped, unknown fields are
 * dropped, and what comes back is a fresh copy that shares nothing with the message.
 * URLs, bodies and forms longer than their caps (limits.ts) are cut, and marked `cut`, the way every
 * source cuts them (the start of a token answer is still worth showing); anything else out of bounds
 * (headers, ids, origins, types) refuses the whole request.
 */
import { type FittedForm, HEADERS_MAX, HEADER_VALUE_CAP, SHORT_CAP, URL_CAP, fitForm, fitObserved, noteCut } from './limits';
import type { CaptureVia, Cut, CutPart, ObservedRequest, ObservedResponse, RequestFrame } from './types';

const VIA: readonly CaptureVia[] = ['webrequest', 'page-script', 'devtools', 'firefox-filter', 'debugger'];
const FRAMES: readonly RequestFrame[] = ['main', 'sub', 'fetch', 'other'];
/** RFC 9110 5.6.2 token, as a method is; 20 chars is more than any registered method needs. */
const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,20}$/;
/** A header name is a token too (RFC 9110 5.1). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/;

/** Thrown inside this file only, and caught in parseObserved. */
class Refused extends Error {}

/** A plain object (from any realm): not an array, Date, Map or null. */
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.prototype.toString.call(v) === '[object Object]';

const PARTS: readonly CutPart[] = ['url', 'body', 'form', 'headers', 'answer'];

function str(v: unknown, cap: number): string {
  if (typeof v !== 'string' || v.length > cap) throw new Refused();
  return v;
}

function optional<T>(r: Record<string, unknown>, name: string, read: (v: unknown) => T): T | undefined {
  return Object.hasOwn(r, name) && r[name] !== undefined ? read(r[name]) : undefined;
}

function num(v: unknown, ok: (n: number) => boolean): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) throw new Refused();
  return v;
}

/** An http(s) URL; a long one is cut by fitObserved before it is parsed here. */
function httpUrl(v: unknown): string {
  if (typeof v !== 'string') throw new Refused();
  const s = v.length > URL_CAP ? v.slice(0, URL_CAP) : v;
  if (!URL.canParse(s) || !/^https?:$/.test(new URL(s).protocol)) throw new Refused();
  return v;
}

/** A source's own note of what it cut (the page script cuts before it reports): known parts, sizes. */
function cutNote(v: unknown): Cut {
  if (!isRecord(v)) throw new Refused();
  const out: Cut = {};
  for (const p of PARTS) if (Object.hasOwn(v, p)) out[p] = num(v[p], (n) => n >= 0);
  return out;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(v as T)) throw new Refused();
  return v as T;
}

function headers(v: unknown): Record<string, string> {
  if (!isRecord(v)) throw new Refused();
  const entries = Object.entries(v);
  if (entries.length > HEADERS_MAX) throw new Refused();
  // fromEntries defines properties, so a "__proto__" header stays an ordinary key.
  return Object.fromEntries(entries.map(([k, val]) => {
    if (!HEADER_NAME.test(k)) throw new Refused();
    return [k, str(val, HEADER_VALUE_CAP)];
  }));
}

/** webRequest's formData shape: name -> values, in body order; cut to the limits by fitObserved. */
function form(v: unknown): FittedForm {
  if (!isRecord(v)) throw new Refused();
  const fitted = fitForm(v);
  if (fitted.malformed) throw new Refused();
  return fitted;
}

/** A body as text; fitObserved cuts it (a response at BODY_CAP, a request body at REQUEST_BODY_CAP) and notes it. */
const body = (v: unknown): string => {
  if (typeof v !== 'string') throw new Refused();
  return v;
};

function response(v: unknown): ObservedResponse {
  if (!isRecord(v)) throw new Refused();
  const bodyText = optional(v, 'bodyText', body);
  const cut = optional(v, 'cut', cutNote);
  return {
    at: num(v.at, (n) => n >= 0),
    status: num(v.status, (n) => Number.isInteger(n) && n >= 0 && n <= 999),
    headers: headers(v.headers),
    ...(bodyText !== undefined ? { bodyText } : {}),
    ...(cut !== undefined ? { cut } : {}),
  };
}

function observed(v: unknown): ObservedRequest {
  if (!isRecord(v)) throw new Refused();
  const method = str(v.method, 20);
  if (!METHOD.test(method)) throw new Refused();
  const out: ObservedRequest = {
    id: str(v.id, SHORT_CAP),
    at: num(v.at, (n) => n >= 0),
    tabId: num(v.tabId, (n) => Number.isInteger(n) && n >= -1),
    frame: oneOf(v.frame, FRAMES),
    method,
    url: httpUrl(v.url),
    via: oneOf(v.via, VIA),
  };
  // Absent optional fields stay absent rather than becoming `undefined` keys.
  const initiator = optional(v, 'initiator', (x) => str(x, SHORT_CAP));
  if (initiator !== undefined) out.initiator = initiator;
  const f = optional(v, 'form', form);
  if (f !== undefined) out.form = f.form;
  const bodyText = optional(v, 'bodyText', body);
  if (bodyText !== undefined) out.bodyText = bodyText;
  const h = optional(v, 'headers', headers);
  if (h !== undefined) out.headers = h;
  const res = optional(v, 'response', response);
  if (res !== undefined) out.response = res;
  const cut = optional(v, 'cut', cutNote);
  if (cut !== undefined) out.cut = cut;
  if (f?.cut !== undefined) out.cut = noteCut(out.cut, 'form', f.cut);
  return out;
}

/**
 * A clean copy of a well-formed ObservedRequest, or undefined when anything about it is wrong.
 * Never throws: whatever a page managed to send, the recorder gets a request or nothing.
 */
export function parseObserved(v: unknown): ObservedRequest | undefined {
  try {
    return fitObserved(observed(v));
  } catch {
    return undefined;
  }
}
