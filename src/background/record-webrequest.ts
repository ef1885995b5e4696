/**
 * The recorder's first source: the browser's network events, which see every tab, popup and frame,
 * request bodies included, but no response bodies in Chrome (platform notes). A redirect's Location
 * carries the fragment, where implicit and hybrid answers live (OIDC Core 3.2.2.5), so redirects are
 * recorded as requests to their target. The filter leaves out images, scripts, styles and fonts:
 * OAuth travels in navigations, frames and fetch/XHR, so ordinary page loads wake nothing.
 */
import { REQUEST_BODY_CAP, fitForm, fitObserved } from '../core/capture/limits';
import type { CaptureSink, CaptureVia, ObservedRequest, RequestFrame } from '../core/capture/types';
import browser, { type WebRequest } from '../shared/browser';

const TYPES: WebRequest.ResourceType[] = ['main_frame', 'sub_frame', 'xmlhttprequest', 'other'];
const FILTER = { urls: ['http://*/*', 'https://*/*'], types: TYPES };

const frameOf = (t: string): RequestFrame => (t === 'main_frame' ? 'main' : t === 'sub_frame' ? 'sub' : t === 'xmlhttprequest' ? 'fetch' : 'other');

/** Chrome names the page origin `initiator`; Firefox gives `originUrl` / `documentUrl`. */
function initiatorOf(d: { initiator?: string; originUrl?: string; documentUrl?: string }): string | undefined {
  const raw = d.initiator ?? d.documentUrl ?? d.originUrl;
  if (!raw || raw === 'null') return undefined;
  try {
    return new URL(raw).origin;
  } catch {
    return undefined;
  }
}

/**
 * The request body, cut before anything reads it (limits.ts): form fields by fitForm, a raw body
 * decoded from its first REQUEST_BODY_CAP bytes only (a UTF-8 char is at least one byte).
 */
function bodyOf(body: WebRequest.OnBeforeRequestDetailsTypeRequestBodyType | undefined): Pick<ObservedRequest, 'form' | 'bodyText' | 'cut'> {
  if (!body) return {};
  if (body.formData) {
    const fitted = fitForm(body.formData as unknown as Record<string, unknown>);
    return { form: fitted.form, ...(fitted.cut !== undefined ? { cut: { form: fitted.cut } } : {}) };
  }
  const bytes = body.raw?.[0]?.bytes as ArrayBuffer | undefined;
  if (!bytes) return {};
  const size = bytes.byteLength;
  return {
    bodyText: new TextDecoder().decode(bytes.slice(0, REQUEST_BODY_CAP)),
    ...(size > REQUEST_BODY_CAP ? { cut: { body: size } } : {}),
  };
}

/**
 * What an onBeforeRequest event says about a request, under the webRequest id ('wr:' + requestId),
 * held to the recorder's limits (fitObserved: a 1.6 MB URL is cut to 16 KB and marked) before any
 * prefilter or recogniser sees it. Firefox's response filter reports the same request with its answer,
 * as `firefox-filter`.
 */
export function observedRequest(d: WebRequest.OnBeforeRequestDetailsType, via: CaptureVia): ObservedRequest {
  const initiator = initiatorOf(d);
  return fitObserved({
    id: `wr:${d.requestId}`,
    at: d.timeStamp,
    tabId: d.tabId,
    frame: frameOf(d.type),
    method: d.method,
    url: d.url,
    ...(initiator ? { initiator } : {}),
    ...(d.method === 'POST' ? bodyOf(d.requestBody ?? undefined) : {}),
    via,
  });
}

export function registerWebRequestSource(sink: CaptureSink): void {
  browser.webRequest.onBeforeRequest.addListener(
    (d) => {
      sink.request(observedRequest(d, 'webrequest'));
      return undefined;
    },
    FILTER,
    ['requestBody'],
  );
  browser.webRequest.onBeforeRedirect.addListener((d) => {
    // Cut like every request (a 1.6 MB Location is a 16 KB step, marked), before the prefilter.
    sink.request(fitObserved({
      id: `wr:${d.requestId}:${d.timeStamp}`,
      at: d.timeStamp,
      tabId: d.tabId,
      frame: frameOf(d.type),
      method: 'GET',
      url: d.redirectUrl,
      ...(initiatorOf(d) ? { initiator: initiatorOf(d)! } : {}),
      via: 'webrequest',
    }));
  }, FILTER);
}
