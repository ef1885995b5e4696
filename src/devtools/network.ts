/**
 * Feeds the recorder from the DevTools network log of the inspected tab: every finished request the
 * prefilter passes is sent as 'capture/devtools', with its response body when DevTools has it.
 * onRequestFinished fires only while this DevTools window is open (and, in Firefox, once its Network
 * panel has been shown at least once: MDN devtools.network.onRequestFinished).
 */
import { BODY_CAP, FIELD_CAP, FORM_KEYS_MAX, FORM_NAME_CAP, HEADERS_MAX, HEADER_VALUE_CAP, REQUEST_BODY_CAP, URL_CAP, capText, fitObserved, noteCut } from '../core/capture/limits';
import type { Cut, KnownEndpoints, ObservedRequest } from '../core/capture/types';
import { KNOWN_ENDPOINTS_KEY } from '../shared/constants';
import type { Connector } from '../ui/connector';
import { type HarContent, type HarEntry, harToObserved, harWanted } from './har';

export type Finished = HarEntry & { getContent: (cb?: (content: string, encoding: string) => void) => unknown };

export interface NetworkApi {
  onRequestFinished: { addListener(fn: (r: Finished) => void): void };
}

/**
 * getContent() differs by browser: Chrome's DevTools calls back with (content, encoding) and returns
 * nothing; Firefox and the polyfill return a promise of [content, second] (the polyfill refuses a
 * callback argument, throwing at once). Whichever answers first wins.
 */
export function contentOf(entry: Finished): Promise<HarContent> {
  return new Promise((resolve) => {
    const done = (content?: unknown, encoding?: unknown) =>
      resolve({ content: typeof content === 'string' ? content : null, ...(typeof encoding === 'string' ? { encoding } : {}) });
    let answer: unknown;
    try {
      answer = entry.getContent(done);
    } catch {
      answer = entry.getContent();
    }
    if (answer && typeof (answer as Promise<unknown>).then === 'function') {
      (answer as Promise<unknown>).then(
        (v) => (Array.isArray(v) ? done(v[0], v[1]) : done(v)),
        () => done(),
      );
    }
  });
}

/** What followKnownEndpoints needs of `browser.storage`. */
export interface SessionStorageApi {
  /** Absent where this page may not use it (Firefox gives DevTools pages what content scripts get). */
  session?: { get(key: string): Promise<Record<string, unknown>> };
  onChanged: { addListener(fn: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void };
}

/**
 * The provider endpoints the worker has learned from discovery documents, which it keeps in
 * storage.session (background/known-endpoints.ts): read once, then kept current as it learns more.
 * A change that lands before the first read answers wins over that read's older value. Where the
 * page may not read storage.session, nothing is known and only the prefilter's hints let calls through.
 */
export function followKnownEndpoints(storage: SessionStorageApi): () => KnownEndpoints {
  let known: KnownEndpoints = {};
  let changed = false;
  const take = (v: unknown) => {
    known = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as KnownEndpoints) : {};
  };
  try {
    storage.onChanged.addListener((changes, area) => {
      if (area !== 'session' || !Object.hasOwn(changes, KNOWN_ENDPOINTS_KEY)) return;
      changed = true;
      take(changes[KNOWN_ENDPOINTS_KEY]?.newValue);
    });
    storage.session
      ?.get(KNOWN_ENDPOINTS_KEY)
      .then((got) => {
        if (!changed) take(got[KNOWN_ENDPOINTS_KEY]);
      })
      .catch(() => undefined);
  } catch {
    // No storage API in this page at all: nothing is known.
  }
  return () => known;
}

type HarHeaders = { name: string; value: string }[] | undefined;

/** A header list held to what fitHeaders keeps, values cut, before har.ts joins repeats. */
const cutHeaders = (list: HarHeaders): HarHeaders =>
  list && list.slice(0, HEADERS_MAX * 2).map((h) => (typeof h?.value === 'string' && h.value.length > HEADER_VALUE_CAP ? { ...h, value: h.value.slice(0, HEADER_VALUE_CAP) } : h));

/**
 * The entry cut to the recorder's limits (limits.ts) BEFORE the prefilter or anything else reads it
 * (issue 9): the URL, the posted text, the posted fields (names, count, values) and the header lists.
 * What was cut is returned too, so the report says so. The page decides all of these.
 */
export function cutEntry(entry: HarEntry): { entry: HarEntry; cut?: Cut } {
  const req = entry.request;
  let cut: Cut | undefined;
  const url = typeof req.url === 'string' && req.url.length > URL_CAP ? ((cut = noteCut(cut, 'url', req.url.length)), req.url.slice(0, URL_CAP)) : req.url;
  let postData = req.postData;
  if (postData) {
    const { text, params } = postData;
    const longText = typeof text === 'string' && text.length > REQUEST_BODY_CAP;
    const longParams = Array.isArray(params) && (params.length > FORM_KEYS_MAX || params.some((p) => (p?.value?.length ?? 0) > FIELD_CAP || (p?.name?.length ?? 0) > FORM_NAME_CAP));
    if (longText) cut = noteCut(cut, 'body', text.length);
    if (longParams) cut = noteCut(cut, 'form', params.reduce((n, p) => n + (p?.name?.length ?? 0) + (p?.value?.length ?? 0), 0));
    if (longText || longParams) {
      postData = {
        ...postData,
        ...(longText ? { text: text.slice(0, REQUEST_BODY_CAP) } : {}),
        ...(longParams ? { params: params.slice(0, FORM_KEYS_MAX).map((p) => ({ name: capText(p.name, FORM_NAME_CAP), ...(typeof p.value === 'string' ? { value: capText(p.value, FIELD_CAP) } : {}) })) } : {}),
      };
    }
  }
  const request = { ...req, url, ...(postData ? { postData } : {}), headers: cutHeaders(req.headers) ?? [] };
  const response = entry.response && { ...entry.response, headers: cutHeaders(entry.response.headers) ?? [] };
  return { entry: { ...entry, request, ...(response ? { response } : {}) }, ...(cut ? { cut } : {}) };
}

/** The answer's text cut to BODY_CAP, with its length before when it was longer. */
function cutContent(c: HarContent | undefined): { content?: HarContent; cut?: number } {
  const text = c?.content;
  if (!c || typeof text !== 'string' || text.length <= BODY_CAP) return c ? { content: c } : {};
  return { content: { ...c, content: text.slice(0, BODY_CAP) }, cut: text.length };
}

/** What the DevTools page sends for a finished entry: cut, marked, and held to the limits again. */
export function reportOf(raw: HarEntry, tabId: number, content?: HarContent): ObservedRequest {
  const { entry, cut } = cutEntry(raw);
  const answer = cutContent(content);
  const obs = harToObserved(entry, tabId, answer.content);
  if (cut) obs.cut = cut;
  if (answer.cut !== undefined && obs.response) obs.response.cut = noteCut(obs.response.cut, 'answer', answer.cut);
  return fitObserved(obs);
}

/**
 * `known`: provider endpoints learned from discovery (followKnownEndpoints), so a call to one whose
 * path says nothing (oidc-provider's userinfo at /me) is sent too, as the recorder would take it.
 */
export function watchNetwork(network: NetworkApi, tabId: number, send: Connector['send'], known: () => KnownEndpoints = () => ({})): void {
  network.onRequestFinished.addListener((raw) => {
    let wanted: boolean;
    try {
      wanted = harWanted(cutEntry(raw).entry, known());
    } catch {
      return;
    }
    if (!wanted) return;
    const status = raw.response?.status ?? 0;
    // Redirects and failures have no body worth asking for.
    const body = status >= 200 && (status < 300 || status >= 400) ? contentOf(raw).catch(() => undefined) : Promise.resolve(undefined);
    void body
      .then((content) => send('capture/devtools', { request: reportOf(raw, tabId, content) }))
      .catch(() => undefined);
  });
}
