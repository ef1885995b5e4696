/**
 * Deep capture (Chrome, the deep build only): chrome.debugger on a tab the person chose, which sees
 * every request and its response body, dedicated workers and cross-site frames included. Chrome shows its "started debugging this
 * browser" bar while attached and cannot make `debugger` an optional permission, so this lives in a
 * separate build (`npm run build:deep`) and the release build carries none of it (`__DEEP__`).
 *
 * Per tab and request (CDP Network domain, protocol 1.3):
 *   requestWillBeSent ──prefilter──> sink.request      (a redirect hop: sink.response for the hop before)
 *   responseReceived  ─────────────> status, headers kept
 *   loadingFinished   ─────────────> Network.getResponseBody, sink.response
 *   loadingFailed     ─────────────> sink.response without a body, when headers had come
 * onDetach (the person pressed Cancel on Chrome's bar, the tab closed) forgets the tab.
 */
import { BODY_CAP, capText, fitHeaders, fitObserved, noteCut } from '../core/capture/limits';
import { mightBeOAuth } from '../core/capture/prefilter';
import type { CaptureSink, KnownEndpoints, ObservedResponse, RequestFrame } from '../core/capture/types';
import { logText } from '../core/redact';

/** chrome.debugger's Debuggee / DebuggerSession: a tab, or a child session in it (Chrome 125+). */
interface Target {
  tabId?: number;
  sessionId?: string;
}

/** The part of chrome.debugger used here (promise form, Chrome 96+ in MV3). */
export interface DebuggerApi {
  attach(target: Target, version: string): Promise<void>;
  detach(target: Target): Promise<void>;
  sendCommand(target: Target, method: string, params?: object): Promise<unknown>;
  onEvent: { addListener(fn: (source: Target, method: string, params?: object) => void): void };
  onDetach: { addListener(fn: (source: Target, reason: string) => void): void };
}

export interface DeepCapture {
  attach(tabId: number): Promise<void>;
  detach(tabId: number): Promise<void>;
  attachedTabs(): number[];
}

interface CdpRequest {
  url: string;
  urlFragment?: string;
  method: string;
  headers?: Record<string, unknown>;
  postData?: string;
  hasPostData?: boolean;
}
interface CdpResponse {
  status: number;
  headers?: Record<string, unknown>;
}
interface WillBeSent {
  requestId: string;
  request: CdpRequest;
  type?: string;
  wallTime?: number;
  redirectResponse?: CdpResponse;
}
interface Tracked {
  id: string;
  /** The tab or child session (worker, out-of-process frame) the request belongs to. */
  target: Target;
  /** Whether the prefilter passed it; pending while a large post body is fetched. */
  ready: Promise<boolean>;
  response?: ObservedResponse;
}

/** Requests followed per tab at once; beyond it the oldest is dropped (a request that never finished). */
const MAX_TRACKED = 200;
const FRAMES: Record<string, RequestFrame> = { Document: 'main', XHR: 'fetch', Fetch: 'fetch' };

/** Requests are followed per tab, keyed by session too: ids come from each target's own counter. */
const keyOf = (t: Target, requestId: string) => `${t.sessionId ?? ''}|${requestId}`;

function headerRecord(h: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(h ?? {})) if (typeof v === 'string') out[k.toLowerCase()] = v;
  return fitHeaders(out);
}

/** The chrome.debugger API, read through globalThis: Firefox and the release build have none. */
export function chromeDebugger(): DebuggerApi | undefined {
  return (globalThis as { chrome?: { debugger?: DebuggerApi } }).chrome?.debugger;
}

/**
 * Deep capture over chrome.debugger; undefined in builds without `__DEEP__` (the constant makes the
 * other branch dead, so the bundler drops makeDeepCapture) or where the API is missing.
 */
export const deepCapture: (sink: CaptureSink, api?: DebuggerApi, known?: () => KnownEndpoints) => DeepCapture | undefined = __DEEP__
  ? (sink, api = chromeDebugger(), known) => (api ? makeDeepCapture(sink, api, known) : undefined)
  : () => undefined;

/**
 * `known`: provider endpoints learned from discovery (known-endpoints.ts), so a call to one whose path
 * says nothing (oidc-provider's userinfo at /me) passes the prefilter here too, as it does in the recorder.
 */
export function makeDeepCapture(sink: CaptureSink, api: DebuggerApi, known: () => KnownEndpoints = () => ({})): DeepCapture {
  const tabs = new Map<number, Map<string, Tracked>>();
  const hops = new Map<string, number>();

  const track = (tab: Map<string, Tracked>, requestId: string, t: Tracked) => {
    if (tab.size >= MAX_TRACKED) tab.delete(tab.keys().next().value as string);
    tab.set(requestId, t);
  };

  const onRequest = (tabId: number, target: Target, tab: Map<string, Tracked>, p: WillBeSent) => {
    const mapKey = keyOf(target, p.requestId);
    const before = tab.get(mapKey);
    // A redirect reuses the requestId: the earlier hop ends here, its Location in redirectResponse.
    if (before) {
      tab.delete(mapKey);
      if (p.redirectResponse) {
        const response = { at: Date.now(), status: p.redirectResponse.status, headers: headerRecord(p.redirectResponse.headers) };
        void before.ready.then((wanted) => wanted && sink.response(before.id, response));
      }
    }
    // Each hop of a redirect chain gets its own id: "dbg:tab:request", then "#2", "#3".
    const key = `${tabId}:${p.requestId}`;
    const hop = p.redirectResponse ? (hops.get(key) ?? 1) + 1 : 1;
    if (hop > 1) hops.set(key, hop);
    if (hops.size > MAX_TRACKED) hops.delete(hops.keys().next().value as string);
    const id = `dbg:${key}${hop > 1 ? `#${hop}` : ''}`;
    const r = p.request;
    const url = r.url + (r.urlFragment ?? '');
    // Cut to the recorder's limits (URL, body) before the prefilter reads anything (issue 9).
    const report = (bodyText: string | undefined): boolean => {
      const obs = fitObserved({
        id,
        at: p.wallTime ? Math.round(p.wallTime * 1000) : Date.now(),
        tabId,
        frame: FRAMES[p.type ?? ''] ?? 'other',
        method: r.method,
        url,
        ...(bodyText !== undefined ? { bodyText } : {}),
        via: 'debugger',
      });
      if (!mightBeOAuth(obs, known())) return false;
      const headers = headerRecord(r.headers);
      sink.request(Object.keys(headers).length ? { ...obs, headers } : obs);
      return true;
    };
    if (r.postData !== undefined || !r.hasPostData) {
      if (report(r.postData)) track(tab, mapKey, { id, target, ready: Promise.resolve(true) });
      return;
    }
    // A body too large to come inline: followed until it has been read and judged.
    const ready = api
      .sendCommand(target, 'Network.getRequestPostData', { requestId: p.requestId })
      .then((got) => (got as { postData?: string }).postData, () => undefined)
      .then(report);
    track(tab, mapKey, { id, target, ready });
  };

  const onFinished = async (tab: Map<string, Tracked>, mapKey: string, requestId: string, failed: boolean) => {
    const t = tab.get(mapKey);
    if (!t) return;
    tab.delete(mapKey);
    if (!(await t.ready) || !t.response) return;
    const response = t.response;
    if (!failed) {
      const got = (await api.sendCommand(t.target, 'Network.getResponseBody', { requestId }).catch(() => undefined)) as { body?: string; base64Encoded?: boolean } | undefined;
      if (typeof got?.body === 'string' && !got.base64Encoded) {
        response.bodyText = capText(got.body, BODY_CAP);
        if (got.body.length > BODY_CAP) response.cut = noteCut(response.cut, 'answer', got.body.length);
      }
    }
    sink.response(t.id, response);
  };

  /**
   * Network on for a tab or child session. Post bodies up to 64 KB arrive inline in requestWillBeSent;
   * larger ones are asked for. Auto-attach (flat sessions, chrome.debugger child sessions since Chrome
   * 125) brings in dedicated workers and cross-site frames; where it is refused, the tab alone is watched.
   */
  const enable = async (target: Target) => {
    await api.sendCommand(target, 'Network.enable', { maxPostDataSize: 65536 });
    await api.sendCommand(target, 'Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true }).catch(() => undefined);
  };

  api.onEvent.addListener((source, method, params) => {
    const tabId = source.tabId;
    const tab = tabId === undefined ? undefined : tabs.get(tabId);
    if (tabId === undefined || !tab || !params) return;
    const target: Target = source.sessionId ? { tabId, sessionId: source.sessionId } : { tabId };
    const p = params as { requestId: string; response?: CdpResponse; sessionId?: string };
    const fail = (err: unknown) => console.error('Grantscope deep capture:', logText(err));
    if (method === 'Network.requestWillBeSent') onRequest(tabId, target, tab, p as WillBeSent);
    else if (method === 'Network.responseReceived' && p.response) {
      const t = tab.get(keyOf(target, p.requestId));
      if (t) t.response = { at: Date.now(), status: p.response.status, headers: headerRecord(p.response.headers) };
    } else if (method === 'Network.loadingFinished') void onFinished(tab, keyOf(target, p.requestId), p.requestId, false).catch(fail);
    else if (method === 'Network.loadingFailed') void onFinished(tab, keyOf(target, p.requestId), p.requestId, true).catch(fail);
    // A worker or out-of-process frame joined the tab (auto-attach below): watch its network too.
    else if (method === 'Target.attachedToTarget' && p.sessionId) void enable({ tabId, sessionId: p.sessionId }).catch(() => undefined);
  });
  api.onDetach.addListener((source) => {
    if (source.tabId !== undefined) tabs.delete(source.tabId);
  });

  return {
    async attach(tabId) {
      if (tabs.has(tabId)) return;
      await api.attach({ tabId }, '1.3');
      tabs.set(tabId, new Map());
      try {
        await enable({ tabId });
      } catch (err) {
        tabs.delete(tabId);
        await api.detach({ tabId }).catch(() => undefined);
        throw err;
      }
    },
    async detach(tabId) {
      if (!tabs.delete(tabId)) return;
      await api.detach({ tabId }).catch(() => undefined);
    },
    attachedTabs: () => [...tabs.keys()],
  };
}
