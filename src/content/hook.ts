/**
 * The opt-in page script's wrapping of fetch and XMLHttpRequest (world MAIN, document_start).
 *
 * Chrome's webRequest cannot read response bodies (platform notes), so on sites a person opted in we
 * watch the page's own calls: a single-page app redeeming its code with fetch is a token answer nothing
 * else in the extension sees. The page must not notice: same return values and thrown errors, its body
 * streams never read (we read clones, taken before the page's own handlers run), and the originals are
 * kept from install time so a page patching fetch or XHR later cannot break us. Only calls the cheap
 * prefilter passes are reported. No `browser` here: the extension API does not exist in the page's world.
 */
import { REQUEST_BODY_CAP, capText, fitObserved, noteCut } from '../core/capture/limits';
import { mightBeOAuth } from '../core/capture/prefilter';
import type { ObservedRequest, ObservedResponse } from '../core/capture/types';
import { type BodyText, type Capped, SKIP_BODY, bodyOf, headerRecord, parseHeaderBlock, readCapped } from './read';

export interface WindowLike {
  fetch: typeof fetch;
  XMLHttpRequest?: { prototype: XMLHttpRequest };
  location: { href: string; origin: string };
}

export type Emit = (obs: ObservedRequest) => void;

/** What is known of a call before it leaves. */
interface Outgoing extends BodyText {
  url: string;
  method: string;
  headers?: Record<string, string>;
  at: number;
}

const INSTALLED = Symbol.for('grantscope.page-hook');
const apply = Reflect.apply;
const stringify = JSON.stringify;
const URLCtor = URL;
const brand = (v: unknown): string => Object.prototype.toString.call(v);

let counter = 0;
// crypto.randomUUID exists only in secure contexts; an http:// test site is not one.
const newId = () => `ps:${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** A URL as fetch/open would resolve it, reading nothing the page could have given side effects. */
function urlOf(u: unknown, base: string): string | undefined {
  const s = typeof u === 'string' ? u : brand(u) === '[object URL]' ? (u as URL).href : undefined;
  if (s === undefined) return undefined;
  try {
    return new URLCtor(s, base).href;
  } catch {
    return undefined;
  }
}

/** The report, held to the recorder's limits (a page's megabyte URL is cut here, and marked). */
function observed(o: Outgoing, initiator: string, response?: ObservedResponse): ObservedRequest {
  const obs: ObservedRequest = { id: newId(), at: o.at, tabId: -1, frame: 'fetch', method: o.method, url: o.url, initiator, via: 'page-script' };
  if (o.form) obs.form = o.form;
  if (o.bodyText !== undefined) obs.bodyText = o.bodyText;
  if (o.headers) obs.headers = o.headers;
  if (o.cut) obs.cut = o.cut;
  if (response) obs.response = response;
  return fitObserved(obs);
}

/** Wraps fetch and XMLHttpRequest on `win`; reports OAuth-looking calls, with their answers, to `emit`. */
export function installHook(win: WindowLike, emit: Emit): void {
  const marked = win as unknown as Record<symbol, boolean>;
  if (marked[INSTALLED]) return;
  marked[INSTALLED] = true;
  const report = (o: Outgoing, response?: ObservedResponse) => {
    try {
      emit(observed(o, win.location.origin, response));
    } catch {
      // Reporting must never surface in the page.
    }
  };
  hookFetch(win, report);
  hookXhr(win, report);
}

type Report = (o: Outgoing, response?: ObservedResponse) => void;

function hookFetch(win: WindowLike, report: Report): void {
  const original = win.fetch;
  if (typeof original !== 'function') return;
  // Method shorthand: named "fetch" and, like the original, not a constructor.
  const wrapper = {
    fetch(this: unknown, ...args: unknown[]): Promise<Response> {
      let out: { o: Outgoing; body?: Promise<Capped> } | undefined;
      try {
        out = describeFetch(args[0], args[1], win.location.href);
      } catch {
        out = undefined;
      }
      const p = apply(original, this, args) as Promise<Response>;
      if (!out || (!out.body && !mightBeOAuth(out.o))) return p;
      const { o, body } = out;
      try {
        // Registered before the page gets `p`, so this reaction runs first and clones the body unread.
        p.then(
          (res) => void settle(o, body, answerOf(res)).then(report.bind(null, o), () => undefined),
          () => void settle(o, body).then(report.bind(null, o), () => undefined),
        );
      } catch {
        // A non-promise from an earlier patch: nothing to watch.
      }
      return p;
    },
  };
  win.fetch = wrapper.fetch as typeof fetch;
}

/**
 * fetch(input, init): input is a URL string, a URL or a Request; init overrides method, headers and body
 * (Fetch Standard, "new Request"). A Request's own body is read from a clone only when it is text-typed.
 */
function describeFetch(input: unknown, init: unknown, base: string): { o: Outgoing; body?: Promise<Capped> } | undefined {
  const req = brand(input) === '[object Request]' ? (input as Request) : undefined;
  const url = req ? req.url : urlOf(input, base);
  if (!url) return undefined;
  const o: Outgoing = { url, method: req ? req.method : 'GET', at: Date.now() };
  const headers = headerRecord(req?.headers);
  if (headers) o.headers = headers;
  const i = init && typeof init === 'object' ? (init as RequestInit) : undefined;
  if (typeof i?.method === 'string') o.method = i.method.toUpperCase();
  if (i?.headers !== undefined) {
    const h = headerRecord(i.headers);
    if (h) o.headers = h;
    else delete o.headers;
  }
  if (i && i.body !== undefined && i.body !== null) return { o: { ...o, ...bodyOf(i.body) } };
  if (req?.body && o.method !== 'GET' && o.method !== 'HEAD' && /urlencoded|json|text\//i.test(o.headers?.['content-type'] ?? '')) {
    return { o, body: readCapped(req.clone(), REQUEST_BODY_CAP) };
  }
  return { o };
}

/** Status and headers now; the body from a clone made now, read later. */
function answerOf(res: Response): Promise<ObservedResponse> {
  const at = Date.now();
  const answer: ObservedResponse = { at, status: res.status, headers: headerRecord(res.headers) ?? {} };
  if (res.type === 'opaque' || res.type === 'opaqueredirect' || SKIP_BODY.test(answer.headers['content-type'] ?? '')) {
    return Promise.resolve(answer);
  }
  const copy = res.clone();
  return readCapped(copy).then(
    ({ text, cut }) => ({ ...answer, bodyText: text, ...(cut !== undefined ? { cut: { answer: cut } } : {}) }),
    () => answer,
  );
}

/** Waits for a Request body read from a clone, then applies the prefilter that waited for it. */
async function settle(o: Outgoing, body: Promise<Capped> | undefined, answer?: Promise<ObservedResponse>): Promise<ObservedResponse | undefined> {
  if (body) {
    const read = await body.catch(() => undefined);
    o.bodyText = read?.text;
    if (read?.cut !== undefined) o.cut = noteCut(o.cut, 'body', read.cut);
    if (!mightBeOAuth(o)) throw new Error('not OAuth');
  }
  return answer ? await answer : undefined;
}

interface XhrCall {
  o: Outgoing;
  /** The send() this call's loadend listener belongs to; a later send() or open() replaces it. */
  armed?: object;
}

function hookXhr(win: WindowLike, report: Report): void {
  const proto = win.XMLHttpRequest?.prototype;
  if (!proto) return;
  const { open, send, setRequestHeader, getAllResponseHeaders, addEventListener } = proto;
  const calls = new WeakMap<object, XhrCall>();
  const wrappers = {
    open(this: XMLHttpRequest, ...args: unknown[]): void {
      apply(open, this, args);
      const url = urlOf(args[1], win.location.href);
      if (typeof args[0] === 'string' && url) calls.set(this, { o: { method: args[0].toUpperCase(), url, at: 0 } });
      else calls.delete(this);
    },
    setRequestHeader(this: XMLHttpRequest, ...args: unknown[]): void {
      apply(setRequestHeader, this, args);
      const call = calls.get(this);
      const [name, value] = args;
      if (!call || typeof name !== 'string' || typeof value !== 'string') return;
      const h = (call.o.headers ??= {});
      const key = name.toLowerCase();
      h[key] = h[key] === undefined ? value : `${h[key]}, ${value}`;
    },
    send(this: XMLHttpRequest, ...args: unknown[]): void {
      const call = calls.get(this);
      if (call) {
        try {
          arm(this, call, args[0]);
        } catch {
          // Never let watching break the page's send().
        }
      }
      apply(send, this, args);
    },
  };
  const arm = (xhr: XMLHttpRequest, call: XhrCall, body: unknown) => {
    const o: Outgoing = { ...call.o, ...bodyOf(body), at: Date.now() };
    if (call.o.headers) o.headers = { ...call.o.headers };
    const token = {};
    call.armed = token;
    if (!mightBeOAuth(o)) return;
    // Added before the original send(), so a synchronous request's loadend is seen too.
    apply(addEventListener, xhr, [
      'loadend',
      () => {
        if (call.armed !== token || calls.get(xhr) !== call) return;
        call.armed = undefined;
        void xhrAnswer(xhr, getAllResponseHeaders).then((answer) => report(o, answer), () => report(o));
      },
      { once: true },
    ]);
  };
  proto.open = wrappers.open as XMLHttpRequest['open'];
  proto.setRequestHeader = wrappers.setRequestHeader;
  proto.send = wrappers.send;
}

/** The answer of a finished XHR; none when it failed, was aborted or timed out (status 0). */
async function xhrAnswer(xhr: XMLHttpRequest, allHeaders: () => string): Promise<ObservedResponse | undefined> {
  if (xhr.readyState !== 4 || xhr.status === 0) return undefined;
  const answer: ObservedResponse = { at: Date.now(), status: xhr.status, headers: parseHeaderBlock(String(apply(allHeaders, xhr, []))) };
  if (SKIP_BODY.test(answer.headers['content-type'] ?? '')) return answer;
  const type = xhr.responseType;
  const r: unknown = xhr.response;
  let text: string | undefined;
  if (type === '' || type === 'text') text = xhr.responseText;
  else if (type === 'json') text = r === null ? undefined : stringify(r);
  else if (type === 'arraybuffer' && brand(r) === '[object ArrayBuffer]') text = new TextDecoder().decode(r as ArrayBuffer);
  else if (type === 'blob' && r && typeof (r as Blob).text === 'function') text = await (r as Blob).text();
  if (text !== undefined) {
    answer.bodyText = capText(text);
    if (text.length > answer.bodyText.length) answer.cut = { answer: text.length };
  }
  return answer;
}
