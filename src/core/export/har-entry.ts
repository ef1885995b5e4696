/**
 * One HAR entry (HAR 1.2, log.entries[]) as the ObservedRequest a capture source would report, not
 * yet checked: importHar hands each to parseObserved, which refuses what is malformed and cuts what
 * is too long, as for any source. Chrome adds `_resourceType`; Firefox does not, so the kind of load
 * is read from Sec-Fetch-Dest (Fetch Metadata) when that is missing.
 *
 * A redirect's Location with a fragment (an implicit or hybrid answer, OIDC Core 3.2.2.5) is reported
 * as a request of its own: the browser never sends the fragment, so the next entry lacks it.
 */
import { fitHeaders } from '../capture/limits';
import type { RequestFrame } from '../capture/types';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** HAR's [{name, value}] as one record; repeats joined as a list header is (RFC 9110 5.3). */
function headerRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(v)) return out;
  for (const h of v.slice(0, 500)) {
    if (!isObj(h) || typeof h.name !== 'string' || typeof h.value !== 'string') continue;
    const k = h.name.toLowerCase();
    out[k] = Object.hasOwn(out, k) ? `${out[k]}, ${h.value}` : h.value;
  }
  return fitHeaders(out);
}

const RESOURCE_FRAME: Record<string, RequestFrame> = { document: 'main', xhr: 'fetch', fetch: 'fetch', iframe: 'sub' };
const DEST_FRAME: Record<string, RequestFrame> = { document: 'main', iframe: 'sub', frame: 'sub', empty: 'fetch' };

function frameOf(entry: Record<string, unknown>, headers: Record<string, string>, mime: string): RequestFrame {
  const rt = typeof entry._resourceType === 'string' ? entry._resourceType : '';
  if (rt) return RESOURCE_FRAME[rt] ?? 'other';
  const dest = headers['sec-fetch-dest'];
  if (dest) return DEST_FRAME[dest] ?? 'other';
  return mime.startsWith('text/html') ? 'main' : 'fetch';
}

/** Body text: base64 content decoded when it is text (HAR 1.2 content.encoding). */
function contentText(c: unknown): string | undefined {
  if (!isObj(c) || typeof c.text !== 'string') return undefined;
  if (c.encoding !== 'base64') return c.text;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(c.text.slice(0, 512 * 1024)), (ch) => ch.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** postData.params (Firefox gives them for urlencoded bodies) as webRequest's formData shape. */
function formOf(pd: Record<string, unknown>): Record<string, string[]> | undefined {
  if (!Array.isArray(pd.params) || pd.params.length === 0 || typeof pd.text === 'string') return undefined;
  const out: Record<string, string[]> = {};
  for (const p of pd.params.slice(0, 500)) {
    if (!isObj(p) || typeof p.name !== 'string') continue;
    const v = typeof p.value === 'string' ? safeDecode(p.value) : '';
    const name = safeDecode(p.name);
    // Own properties only: a parameter named 'constructor' or 'toString' found Object.prototype's and
    // threw, and one named '__proto__' would have set the record's prototype.
    if (!Object.hasOwn(out, name)) Object.defineProperty(out, name, { value: [], enumerable: true, writable: true, configurable: true });
    out[name]!.push(v);
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replaceAll('+', ' '));
  } catch {
    return s;
  }
}

/** The observed request(s) of one entry, or [] when the entry is unreadable. */
export function harEntryObserved(e: unknown, index: number): unknown[] {
  if (!isObj(e) || !isObj(e.request) || typeof e.startedDateTime !== 'string') return [];
  const at = Date.parse(e.startedDateTime);
  const req = e.request;
  if (!Number.isFinite(at) || typeof req.url !== 'string' || typeof req.method !== 'string') return [];
  const headers = headerRecord(req.headers);
  const res = isObj(e.response) ? e.response : undefined;
  const resHeaders = headerRecord(res?.headers);
  const content = isObj(res?.content) ? res.content : undefined;
  const mime = typeof content?.mimeType === 'string' ? content.mimeType : '';
  const time = typeof e.time === 'number' && Number.isFinite(e.time) && e.time >= 0 ? e.time : 0;
  const origin = headers.origin && headers.origin !== 'null' ? headers.origin : headers.referer && URL.canParse(headers.referer) ? new URL(headers.referer).origin : undefined;
  const out: Record<string, unknown> = { id: `har:${index}`, at, tabId: 0, frame: frameOf(e, headers, mime), method: req.method.toUpperCase(), url: req.url, via: 'devtools', headers, ...(origin ? { initiator: origin } : {}) };
  const pd = isObj(req.postData) ? req.postData : undefined;
  if (pd) {
    const form = formOf(pd);
    if (form) out.form = form;
    else if (typeof pd.text === 'string') out.bodyText = pd.text;
  }
  const status = typeof res?.status === 'number' ? res.status : 0;
  // Status 0: the request never got an answer (blocked, cancelled): no response to report.
  if (res && status > 0) {
    const bodyText = contentText(content);
    out.response = { at: at + time, status, headers: resHeaders, ...(bodyText !== undefined ? { bodyText } : {}) };
  }
  const location = resHeaders.location ?? (typeof res?.redirectURL === 'string' ? res.redirectURL : '');
  if (status >= 300 && status < 400 && location.includes('#') && URL.canParse(location, req.url)) {
    const target = new URL(location, req.url).href;
    return [out, { id: `har:${index}#loc`, at: at + time, tabId: 0, frame: 'main', method: 'GET', url: target, via: 'devtools', ...(origin ? { initiator: new URL(req.url).origin } : {}) }];
  }
  return [out];
}
