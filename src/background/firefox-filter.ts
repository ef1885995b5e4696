/**
 * Response bodies in Firefox: webRequest.filterResponseData (needs webRequestBlocking and
 * webRequestFilterResponse; Firefox only, platform notes). For the requests `wanted` picks (the
 * recorder's prefilter), a StreamFilter sees the body as it arrives: every chunk is written on
 * unchanged at once, a copy of the first BODY_CAP characters is kept, and at the end the request goes
 * to the sink again with its answer, as source `firefox-filter` (the page script and DevTools report
 * the same way). The correlator merges that repeat into the step the network events made, so the step
 * says the filter saw it, and a call still waiting in the loose list (discovery before the login) gets
 * its body too. Status and headers come from onHeadersReceived, held only while the body streams. A
 * filter that has its copy disconnects, so the rest of a large body bypasses us.
 *
 * The onBeforeRequest listener is blocking (filterResponseData must be called in it), so every page
 * load in the browser waits while it runs (issue 9, "frozen worker"): it does bounded work only. The
 * URL and form `wanted` sees are cut to the recorder's limits first (limits.ts), each chunk is written
 * on before anything else, only the bytes that can still fit the copy are decoded, the copy stops at
 * BODY_CAP (marked cut), and a failing sink never reaches the stream.
 */
import type { WebRequest } from 'webextension-polyfill';
import { BODY_CAP, HEADERS_MAX, HEADER_VALUE_CAP, URL_CAP, capText, fitForm, fitHeaders } from '../core/capture/limits';
import type { CaptureSink, ObservedRequest } from '../core/capture/types';
import browser from '../shared/browser';
import { observedRequest } from './record-webrequest';
import { logText } from '../core/redact';

export type WantedRequest = (d: { url: string; method: string; requestBody?: WebRequest.OnBeforeRequestDetailsTypeRequestBodyType }) => boolean;

type WebRequestLike = Pick<typeof browser.webRequest, 'onBeforeRequest' | 'onHeadersReceived'> & {
  filterResponseData?: (requestId: string) => WebRequest.StreamFilter;
};

const FILTER: WebRequest.RequestFilter = { urls: ['<all_urls>'], types: ['xmlhttprequest', 'main_frame', 'sub_frame', 'other'] };
/** Bodies streaming at once; more than this and the oldest is reported without status and headers. */
const MAX_OPEN = 64;

/** How long a finished body waits for its status and headers (see `finish`). */
const HEADERS_WAIT_MS = 2000;

interface Open {
  status: number;
  headers: Record<string, string>;
  seen: boolean;
  /** Set when the body ended before onHeadersReceived was delivered. */
  whenSeen?: () => void;
}

/** True when this browser can filter responses and the listeners are in place. */
export function registerFirefoxFilter(sink: CaptureSink, wanted: WantedRequest, webRequest: WebRequestLike | undefined = browser.webRequest): boolean {
  const filterResponseData = webRequest?.filterResponseData;
  if (!webRequest || typeof filterResponseData !== 'function') return false;
  const open = new Map<string, Open>();

  const watch = (d: WebRequest.OnBeforeRequestDetailsType) => {
    const requestId = d.requestId;
    const filter = filterResponseData.call(webRequest, requestId);
    const request: ObservedRequest = observedRequest(d, 'firefox-filter');
    const entry: Open = { status: 0, headers: {}, seen: false };
    if (open.size >= MAX_OPEN) open.delete(open.keys().next().value as string);
    open.set(requestId, entry);
    const decoder = new TextDecoder();
    let text = '';
    /** Chars seen past the copy's end, when the body went on (at least BODY_CAP + 1). */
    let cutAt = 0;
    let done = false;
    const report = () => {
      open.delete(requestId);
      const response = { at: Date.now(), status: entry.status, headers: fitHeaders(entry.headers), bodyText: capText(text), ...(cutAt ? { cut: { answer: cutAt } } : {}) };
      try {
        sink.request({ ...request, response });
      } catch (err) {
        console.error('Grantscope response filter:', logText(err));
      }
    };
    // The filter's events and webRequest's come over different channels: a small body can end before
    // onHeadersReceived is delivered (seen in Firefox 153 ESR), so the report waits for it, briefly.
    const finish = () => {
      done = true;
      if (entry.seen) return report();
      const timer = setTimeout(report, HEADERS_WAIT_MS);
      entry.whenSeen = () => {
        clearTimeout(timer);
        report();
      };
    };
    filter.ondata = (e) => {
      // The page's bytes first, unchanged, whatever happens after.
      filter.write(e.data);
      if (done) return;
      // A UTF-16 unit takes at most 3 UTF-8 bytes: decoding more than this cannot add to the copy.
      const room = (BODY_CAP - text.length) * 3 + 3;
      const over = e.data.byteLength > room;
      text += decoder.decode(over ? e.data.slice(0, room) : e.data, { stream: !over });
      if (over || text.length >= BODY_CAP) {
        cutAt = Math.max(text.length, BODY_CAP + 1);
        text = capText(text);
        finish();
        filter.disconnect();
      }
    };
    filter.onstop = () => {
      filter.close();
      if (done) return;
      text += decoder.decode();
      finish();
    };
    filter.onerror = () => {
      open.delete(requestId);
    };
  };

  /** What `wanted` sees: the URL and form cut to the recorder's limits, so its patterns run on bounded text. */
  const cutForWanted = (d: WebRequest.OnBeforeRequestDetailsType): Parameters<WantedRequest>[0] => {
    const form = d.requestBody?.formData;
    return {
      url: capText(d.url, URL_CAP),
      method: d.method,
      ...(d.requestBody ? { requestBody: form ? ({ formData: fitForm(form as unknown as Record<string, unknown>).form } as unknown as WebRequest.OnBeforeRequestDetailsTypeRequestBodyType) : d.requestBody } : {}),
    };
  };

  webRequest.onBeforeRequest.addListener(
    (d) => {
      try {
        if (wanted(cutForWanted(d))) watch(d);
      } catch (err) {
        console.error('Grantscope response filter:', logText(err));
      }
      return {};
    },
    FILTER,
    ['blocking', 'requestBody'],
  );
  webRequest.onHeadersReceived.addListener(
    (d) => {
      const entry = open.get(d.requestId);
      if (!entry) return;
      entry.status = d.statusCode;
      entry.seen = true;
      entry.headers = Object.create(null) as Record<string, string>;
      let names = 0;
      for (const h of d.responseHeaders ?? []) {
        if (h.value === undefined) continue;
        const k = h.name.toLowerCase();
        const had = entry.headers[k];
        // Held to the limits while joining: a thousand Set-Cookie lines must not build a megabyte string.
        if (had === undefined && ++names > HEADERS_MAX) continue;
        if (had !== undefined && had.length >= HEADER_VALUE_CAP) continue;
        entry.headers[k] = had === undefined ? capText(h.value, HEADER_VALUE_CAP) : capText(`${had}, ${h.value}`, HEADER_VALUE_CAP);
      }
      entry.whenSeen?.();
    },
    FILTER,
    ['responseHeaders'],
  );
  return true;
}
