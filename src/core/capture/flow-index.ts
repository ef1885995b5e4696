/**
 * A compact index of stored flows (issue 10, item 5: costs that stay flat). The recorder used to read
 * every stored flow for every OAuth event, and the flow list every flow for its summaries; with the
 * ring at 1,000 flows of 7 KB that is 7 MB read and parsed per event. Each flow now has a small entry
 * holding what correlation looks at (state, code, code_challenge, refresh tokens, device and PAR
 * steps, client_id + redirect_uri, tabs, request ids, times) and its list summary. The worker keeps
 * the entries in memory (flow-store.ts stores one per flow beside it and reads them back on start),
 * picks the flows an event could belong to from them, and reads only those.
 *
 * The rule that keeps the correlator's behaviour unchanged: `candidate` is a superset filter. Every
 * flow a matcher in match.ts (or the repeat merge and attachResponse in correlate.ts) could pick
 * passes it; the real matcher then runs on the flows read, in ring order, so ties and "first in
 * order" come out as before. Secret values (state, code, verifier, refresh and device tokens) are
 * kept only as a truncated SHA-256, never as themselves: the index is not a second copy of them, and
 * a collision only adds a candidate.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { base64url } from 'jose';
import { type Flow, type FlowSummary, summarize, tokenSets } from '../flow';
import { authParams } from './match';
import type { ObservedRequest, Recognised } from './types';

/** Bumped when the entry's shape changes: older stored entries are rebuilt from their flows. */
export const INDEX_VERSION = 1;

export interface FlowIndexEntry {
  v: number;
  id: string;
  createdAt: number;
  updatedAt: number;
  status: Flow['status'];
  /** Recorded: every tab a step was seen in; launched: its login tab. */
  tabs: number[];
  hasCallback: boolean;
  hasAuthRequest: boolean;
  /** A pushed authorization request (RFC 9126) / a device authorization step: few flows have one. */
  hasPar: boolean;
  hasDevice: boolean;
  /** Hashes: the state sent, codes received, the code_challenge, refresh tokens received. */
  state?: string;
  codes: string[];
  challenge?: string;
  refresh: string[];
  /** Launched flows: hashes of the authorization request's and callback's URLs and states. */
  urls: string[];
  states: string[];
  clientId: string;
  redirectUri?: string;
  /** Every request id a step was seen under (attachResponse), and each seen step's tab and time (repeat merge). */
  requestIds: string[];
  seen: [tab: number, at: number][];
  summary: FlowSummary;
  /** The flow's JSON bytes as stored (the ring's byte budget counts them). */
  bytes: number;
}

/** A truncated SHA-256 (96 bits): enough to tell values apart, never enough to give one back. */
export function digest(value: string): string {
  return base64url.encode(sha256(new TextEncoder().encode(value)).subarray(0, 12));
}

/** RFC 7636 4.6: the S256 challenge of a verifier. */
const s256 = (verifier: string) => base64url.encode(sha256(new TextEncoder().encode(verifier)));

export function entryOf(f: Flow, bytes: number): FlowIndexEntry {
  const auth = authParams(f);
  const codes: string[] = [];
  const urls: string[] = [];
  const states: string[] = [];
  const requestIds: string[] = [];
  const seen: [number, number][] = [];
  let hasPar = false;
  let hasDevice = false;
  for (const s of f.steps) {
    if (s.kind === 'callback' && s.params.code) codes.push(digest(s.params.code));
    if (s.kind === 'authorization-request' || s.kind === 'callback') {
      urls.push(digest(s.url));
      if (s.params.state) states.push(digest(s.params.state));
    }
    if (s.kind === 'exchange' && s.label === 'Pushed authorization request') hasPar = true;
    if (s.kind === 'exchange' && s.label === 'Device authorization') hasDevice = true;
    if ('seen' in s && s.seen) {
      requestIds.push(s.seen.requestId, ...(s.seen.alsoIds ?? []));
      seen.push([s.seen.tabId, s.at]);
    }
  }
  const refresh = tokenSets(f)
    .map((t) => t.tokens.refresh_token)
    .filter((t): t is string => typeof t === 'string')
    .map(digest);
  const tabs = f.capture?.tabIds ?? (f.tabId !== undefined ? [f.tabId] : []);
  return {
    v: INDEX_VERSION,
    id: f.id,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    status: f.status,
    tabs: [...tabs],
    hasCallback: f.steps.some((s) => s.kind === 'callback'),
    hasAuthRequest: f.steps.some((s) => s.kind === 'authorization-request'),
    hasPar,
    hasDevice,
    ...(auth?.state ? { state: digest(auth.state) } : {}),
    codes,
    ...(auth?.code_challenge ? { challenge: digest(auth.code_challenge) } : {}),
    refresh,
    urls,
    states,
    clientId: f.profile.clientId,
    ...(f.profile.redirectUri ? { redirectUri: f.profile.redirectUri } : {}),
    requestIds,
    seen,
    summary: summarize(f),
    bytes,
  };
}

/** A stored entry as read back: one of this version with the fields the filters read, else undefined (rebuilt). */
export function validEntry(v: unknown, id: string): FlowIndexEntry | undefined {
  const e = v as Partial<FlowIndexEntry> | null | undefined;
  if (!e || typeof e !== 'object' || e.v !== INDEX_VERSION || e.id !== id) return undefined;
  const arrays = [e.tabs, e.codes, e.refresh, e.urls, e.states, e.requestIds, e.seen];
  if (!arrays.every(Array.isArray) || typeof e.summary !== 'object' || e.summary === null || typeof e.bytes !== 'number') return undefined;
  return e as FlowIndexEntry;
}

/** Same window as correlate.ts's MERGE_WINDOW_MS, with a second of slack: a superset is safe. */
const MERGE_WINDOW_MS = 11_000;

const related = (e: FlowIndexEntry, tabs: number[]) => e.tabs.some((t) => tabs.includes(t));

/**
 * The filter for one recognised request: true for every flow correlate() could put it into (see the
 * header). `relatedTabs` as the recorder computes it (the tab and those tied to it by an opener).
 */
export function correlationFilter(obs: ObservedRequest, rec: Recognised, relatedTabs: number[]): (e: FlowIndexEntry) => boolean {
  // A repeat of a step already recorded (correlate.ts mergeRepeat): same tab, close in time.
  const repeat = (e: FlowIndexEntry) => e.seen.some(([tab, at]) => tab === obs.tabId && Math.abs(at - obs.at) <= MERGE_WINDOW_MS);
  const match = matchFilter(obs, rec, relatedTabs);
  return (e) => repeat(e) || match(e);
}

function matchFilter(obs: ObservedRequest, rec: Recognised, tabs: number[]): (e: FlowIndexEntry) => boolean {
  const none = () => false;
  switch (rec.kind) {
    case 'authorization-request':
      // flowForRequestUri: a PAR push with no authorization request yet.
      return rec.params.request_uri ? (e) => e.hasPar && !e.hasAuthRequest : none;
    case 'callback': {
      // flowForCallback: by state, else a request still authorizing in a related tab.
      const state = rec.params.state ? digest(rec.params.state) : undefined;
      return (e) => !e.hasCallback && ((!!state && e.state === state) || (e.status === 'authorizing' && related(e, tabs)));
    }
    case 'token-request': {
      const p = rec.params;
      if (rec.grantType === 'authorization_code') {
        // flowForCodeRedemption: by code, by PKCE (plain or S256), by client in a related tab.
        const code = p.code ? digest(p.code) : undefined;
        const challenges = p.code_verifier ? [digest(p.code_verifier), digest(s256(p.code_verifier))] : [];
        return (e) =>
          (!!code && e.codes.includes(code)) ||
          (!!e.challenge && challenges.includes(e.challenge)) ||
          (e.status === 'observed' && related(e, tabs) && (!p.client_id || e.clientId === p.client_id) && (!p.redirect_uri || e.redirectUri === p.redirect_uri));
      }
      if (rec.grantType === 'refresh_token') {
        const rt = p.refresh_token ? digest(p.refresh_token) : undefined;
        return rt ? (e) => e.refresh.includes(rt) : none;
      }
      // flowForDeviceCode matches the code anywhere in the device answer's body: every device flow.
      if (rec.grantType === 'urn:ietf:params:oauth:grant-type:device_code') return p.device_code ? (e) => e.hasDevice : none;
      return none;
    }
    case 'provider-call':
      // flowForProviderCall: same tab only.
      return rec.call === 'par' || rec.call === 'device-authorization' ? none : (e) => e.tabs.includes(obs.tabId);
  }
}

/** attachResponse: the flow holding a step seen under this request id. */
export const responseFilter =
  (requestId: string) =>
  (e: FlowIndexEntry): boolean =>
    e.requestIds.includes(requestId);

/**
 * A launched flow that owns this event (recorder.ts launchedOwns): its login tab while authorizing,
 * or the same authorization/callback URL or state.
 */
export function launchedFilter(obs: ObservedRequest, state: string | undefined): (e: FlowIndexEntry) => boolean {
  const url = digest(obs.url);
  const st = state ? digest(state) : undefined;
  return (e) => (obs.tabId >= 0 && e.status === 'authorizing' && e.tabs.includes(obs.tabId)) || e.urls.includes(url) || (!!st && e.states.includes(st));
}
