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
 */
import type { WebRequest } from 'webextension-polyfill';
import { BODY_CAP, capText, fitHeaders } from '../core/capture/limits';
import type { CaptureSink, ObservedRequest } from '../core/capture/types';
import browser from '../shared/browser';
import { observedRequest } from './record-webrequest';

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
    let done = false;
    const report = () => {
      open.delete(requestId);
      sink.request({ ...request, response: { at: Date.now(), status: entry.status, headers: fitHeaders(entry.headers), bodyText: capText(text) } });
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
      filter.write(e.data);
      if (done) return;
      text += decoder.decode(e.data, { stream: true });
      if (text.length >= BODY_CAP) {
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

  webRequest.onBeforeRequest.addListener(
    (d) => {
      try {
        if (wanted(d)) watch(d);
      } catch (err) {
        console.error('Grantscope response filter:', err instanceof Error ? err.message : err);
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
      for (const h of d.responseHeaders ?? []) {
        if (h.value === undefined) continue;
        const k = h.name.toLowerCase();
        entry.headers[k] = entry.headers[k] === undefined ? h.value : `${entry.headers[k]}, ${h.value}`;
      }
      entry.whenSeen?.();
    },
    FILTER,
    ['responseHeaders'],
  );
  return true;
}
