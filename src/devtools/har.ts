/**
 * A DevTools HAR entry (devtools.network.onRequestFinished; HAR 1.2 "entries") as an ObservedRequest.
 * DevTools shows what the page really sent and got, body included, but only while it is open on that
 * tab (platform notes). Chrome adds `_resourceType`; Firefox does not, so its loads count as "other".
 */
import { capText, fitHeaders } from '../core/capture/limits';
import { mightBeOAuth } from '../core/capture/prefilter';
import type { KnownEndpoints, ObservedRequest, RequestFrame } from '../core/capture/types';

interface HarHeader {
  name: string;
  value: string;
}

export interface HarEntry {
  startedDateTime?: string;
  /** Total time of the request in ms, -1 or absent when unknown. */
  time?: number;
  request: {
    method: string;
    url: string;
    headers?: HarHeader[];
    postData?: { mimeType?: string; text?: string; params?: { name: string; value?: string }[] };
  };
  response?: { status: number; headers?: HarHeader[]; content?: { mimeType?: string; encoding?: string } };
  _resourceType?: string;
}

/** What getContent() answered: Chrome gives (content, encoding), Firefox [content, mimeType]. */
export interface HarContent {
  content?: string | null;
  encoding?: string;
}

const FRAMES: Record<string, RequestFrame> = { document: 'main', xhr: 'fetch', fetch: 'fetch' };

function headerRecord(list: HarHeader[] | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const { name, value } of list ?? []) {
    // HTTP/2 pseudo-headers (":authority") are dropped by fitHeaders.
    if (typeof name !== 'string' || typeof value !== 'string') continue;
    const k = name.toLowerCase();
    out[k] = out[k] === undefined ? value : `${out[k]}, ${value}`;
  }
  return fitHeaders(out);
}

function formOf(params: { name: string; value?: string }[] | undefined): Record<string, string[]> | undefined {
  if (!params?.length) return undefined;
  // No prototype: a page's field named "__proto__" or "constructor" must be a field, not a crash.
  const form = Object.create(null) as Record<string, string[]>;
  for (const p of params) (form[p.name] ??= []).push(p.value ?? '');
  return form;
}

/**
 * The cheap prefilter on what the entry carries without asking for its body. `known`: provider
 * endpoints learned from discovery, so a call to one whose path says nothing (oidc-provider's userinfo
 * at /me) passes here as it does in the recorder.
 */
export function harWanted(entry: HarEntry, known?: KnownEndpoints): boolean {
  const { url, method, postData } = entry.request;
  const form = formOf(postData?.params);
  return mightBeOAuth({ url, method, ...(postData?.text ? { bodyText: postData.text } : {}), ...(form ? { form } : {}) }, known);
}

let counter = 0;

export function harToObserved(entry: HarEntry, tabId: number, body?: HarContent): ObservedRequest {
  const { request: req, response: res } = entry;
  const started = Date.parse(entry.startedDateTime ?? '');
  const at = Number.isFinite(started) ? started : Date.now();
  const obs: ObservedRequest = {
    id: `dt:${tabId}:${at.toString(36)}:${(counter++).toString(36)}`,
    at,
    tabId,
    frame: FRAMES[entry._resourceType ?? ''] ?? 'other',
    method: req.method.toUpperCase(),
    url: req.url,
    via: 'devtools',
  };
  const headers = headerRecord(req.headers);
  if (Object.keys(headers).length) obs.headers = headers;
  if (req.postData?.text) obs.bodyText = capText(req.postData.text);
  else if (req.postData?.params?.length) obs.form = formOf(req.postData.params);
  // Status 0: the request never got an answer (blocked, failed, cancelled).
  if (res && res.status > 0) {
    obs.response = { at: at + Math.max(0, entry.time ?? 0), status: res.status, headers: headerRecord(res.headers) };
    const text = body?.content;
    if (typeof text === 'string' && body?.encoding !== 'base64' && res.content?.encoding !== 'base64') obs.response.bodyText = capText(text);
  }
  return obs;
}
