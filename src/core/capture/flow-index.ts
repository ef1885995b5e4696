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
import { CATALOG, JUDGES_REVISION } from '../rules/catalog';
import { authParams } from './match';
import type { ObservedRequest, Recognised } from './types';

/**
 * Bumped when the entry's shape changes: older stored entries are rebuilt from their flows (3: the
 * summary carries the verdict and row facts; 4: and its search text, at most 2 KB, about 600 bytes
 * for a real flow: 0.6 MB for the ring's 1,000 flows).
 */
export const INDEX_VERSION = 4;

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
  /** Every request id a step was seen under (attachResponse), and each seen step's tab, time and URL hash (repeat merge). */
  requestIds: string[];
  seen: [tab: number, at: number, url: string][];
  summary: FlowSummary;
  /** The rule catalog the summary's verdict was judged by (rulesKey): another catalog rebuilds the entry. */
  rules: string;
  /** The flow's JSON bytes as stored (the ring's byte budget counts them). */
  bytes: number;
}

/** A truncated SHA-256 (96 bits): enough to tell values apart, never enough to give one back. */
export function digest(value: string): string {
  return base64url.encode(sha256(new TextEncoder().encode(value)).subarray(0, 12));
}

let rules: string | undefined;
/**
 * A fingerprint of the rule catalog (ids, severities, sets, and the judges' revision): an update that adds or changes rules
 * makes every stored summary's verdict stale, so a worker starting rebuilds those entries once.
 */
export function rulesKey(): string {
  rules ??= digest(`${JUDGES_REVISION};${CATALOG.map((r) => `${r.id}:${r.severity}:${r.set}`).join(',')}`);
  return rules;
}

/** RFC 7636 4.6: the S256 challenge of a verifier. */
const s256 = (verifier: string) => base64url.encode(sha256(new TextEncoder().encode(verifier)));

export function entryOf(f: Flow, bytes: number): FlowIndexEntry {
  const auth = authParams(f);
  const codes: string[] = [];
  const urls: string[] = [];
  const states: string[] = [];
  const requestIds: string[] = [];
  const seen: [number, number, string][] = [];
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
      const url = 'url' in s ? s.url : s.kind === 'exchange' ? s.request.url : '';
      seen.push([s.seen.tabId, s.at, digest(url)]);
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
    rules: rulesKey(),
    bytes,
  };
}

/** A stored entry as read back: one of this version with the fields the filters read, else undefined (rebuilt). */
export function validEntry(v: unknown, id: string): FlowIndexEntry | undefined {
  const e = v as Partial<FlowIndexEntry> | null | undefined;
  if (!e || typeof e !== 'object' || e.v !== INDEX_VERSION || e.id !== id || e.rules !== rulesKey()) return undefined;
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
  // A repeat of a step already recorded (correlate.ts mergeRepeat): same tab and URL, close in time.
  const url = digest(obs.url);
  const repeat = (e: FlowIndexEntry) => e.seen.some(([tab, at, u]) => tab === obs.tabId && u === url && Math.abs(at - obs.at) <= MERGE_WINDOW_MS);
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

/**
 * The lookup keys of an entry: each names a value a query asks by (a state, a code, a tab with a
 * status, a request id, ...). A query's keys must cover every entry its filter lets through, so the
 * filter runs on a few entries, not on every one (flat with the ring's size).
 */
export function keysOf(e: FlowIndexEntry): string[] {
  const k: string[] = [];
  if (e.state) k.push(`st:${e.state}`);
  for (const c of e.codes) k.push(`cd:${c}`);
  if (e.challenge) k.push(`ch:${e.challenge}`);
  for (const r of e.refresh) k.push(`rt:${r}`);
  for (const id of e.requestIds) k.push(`rq:${id}`);
  // Bucketed by time, so a query for a repeat finds the steps of its few seconds, not every step of
  // a tab to the same URL (a token endpoint all day long).
  for (const [tab, at, url] of e.seen) k.push(`sw:${tab}|${url}|${Math.floor(at / MERGE_WINDOW_MS)}`);
  for (const u of e.urls) k.push(`url:${u}`);
  for (const st of e.states) k.push(`sts:${st}`);
  for (const t of e.tabs) {
    k.push(`tab:${t}`);
    if (e.status === 'authorizing') k.push(`authorizing:${t}`);
    if (e.status === 'observed') k.push(`observed:${t}`);
  }
  if (e.hasPar && !e.hasAuthRequest) k.push('par');
  if (e.hasDevice) k.push('device');
  return [...new Set(k)];
}

/** What to look up, and the filter the entries found must pass. */
export interface IndexQuery {
  keys: string[];
  keep: (e: FlowIndexEntry) => boolean;
}

/** The query for correlationFilter: its keys cover every entry it lets through. */
export function correlationQuery(obs: ObservedRequest, rec: Recognised, relatedTabs: number[]): IndexQuery {
  const url = digest(obs.url);
  const bucket = Math.floor(obs.at / MERGE_WINDOW_MS);
  // |at - obs.at| <= MERGE_WINDOW_MS puts a step in this bucket or a neighbour.
  const keys = [bucket - 1, bucket, bucket + 1].map((b) => `sw:${obs.tabId}|${url}|${b}`);
  const p = rec.params;
  switch (rec.kind) {
    case 'authorization-request':
      if (p.request_uri) keys.push('par');
      break;
    case 'callback':
      if (p.state) keys.push(`st:${digest(p.state)}`);
      keys.push(...relatedTabs.map((t) => `authorizing:${t}`));
      break;
    case 'token-request':
      if (rec.grantType === 'authorization_code') {
        if (p.code) keys.push(`cd:${digest(p.code)}`);
        if (p.code_verifier) keys.push(`ch:${digest(p.code_verifier)}`, `ch:${digest(s256(p.code_verifier))}`);
        keys.push(...relatedTabs.map((t) => `observed:${t}`));
      } else if (rec.grantType === 'refresh_token' && p.refresh_token) keys.push(`rt:${digest(p.refresh_token)}`);
      else if (rec.grantType === 'urn:ietf:params:oauth:grant-type:device_code') keys.push('device');
      break;
    case 'provider-call':
      keys.push(`tab:${obs.tabId}`);
      break;
  }
  return { keys, keep: correlationFilter(obs, rec, relatedTabs) };
}

export const responseQuery = (requestId: string): IndexQuery => ({ keys: [`rq:${requestId}`], keep: responseFilter(requestId) });

export function launchedQuery(obs: ObservedRequest, state: string | undefined): IndexQuery {
  const keys = [`url:${digest(obs.url)}`];
  if (obs.tabId >= 0) keys.push(`authorizing:${obs.tabId}`);
  if (state) keys.push(`sts:${digest(state)}`);
  return { keys, keep: launchedFilter(obs, state) };
}

/**
 * The entries of one store in memory: by id, by lookup key, and in ring order (newest first; a flow
 * written again keeps its place, as flow-store.ts keeps it).
 */
export class FlowIndex {
  private readonly byId = new Map<string, { e: FlowIndexEntry; seq: number; keys: string[] }>();
  private readonly byKey = new Map<string, Set<string>>();
  private counter = 0;
  private total = 0;

  get size(): number {
    return this.byId.size;
  }

  /** The stored bytes of every flow indexed, kept as entries come and go. */
  get bytes(): number {
    return this.total;
  }

  get(id: string): FlowIndexEntry | undefined {
    return this.byId.get(id)?.e;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Adds or replaces an entry; `front`: it becomes the newest (else a known one keeps its place). */
  set(e: FlowIndexEntry, front: boolean): void {
    const old = this.byId.get(e.id);
    if (old) this.unlink(e.id, old.keys);
    this.total += e.bytes - (old?.e.bytes ?? 0);
    const keys = keysOf(e);
    for (const k of keys) {
      let ids = this.byKey.get(k);
      if (!ids) this.byKey.set(k, (ids = new Set()));
      ids.add(e.id);
    }
    this.byId.set(e.id, { e, seq: front || !old ? ++this.counter : old.seq, keys });
  }

  /** Loads entries in ring order (newest first). */
  load(entries: FlowIndexEntry[]): void {
    for (const e of [...entries].reverse()) this.set(e, true);
  }

  delete(id: string): void {
    const old = this.byId.get(id);
    if (!old) return;
    this.unlink(id, old.keys);
    this.total -= old.e.bytes;
    this.byId.delete(id);
  }

  private unlink(id: string, keys: string[]): void {
    for (const k of keys) {
      const ids = this.byKey.get(k);
      ids?.delete(id);
      if (ids?.size === 0) this.byKey.delete(k);
    }
  }

  /** How many entries hold this key. */
  count(key: string): number {
    return this.byKey.get(key)?.size ?? 0;
  }

  /** The entries found by the query's keys that pass its filter, newest first. */
  find(q: IndexQuery): FlowIndexEntry[] {
    const hits = new Set<string>();
    for (const k of q.keys) for (const id of this.byKey.get(k) ?? []) hits.add(id);
    const found: { e: FlowIndexEntry; seq: number }[] = [];
    for (const id of hits) {
      const x = this.byId.get(id);
      if (x && q.keep(x.e)) found.push(x);
    }
    return found.sort((a, b) => b.seq - a.seq).map((x) => x.e);
  }

  /** Every entry, newest first. */
  all(): FlowIndexEntry[] {
    return [...this.byId.values()].sort((a, b) => b.seq - a.seq).map((x) => x.e);
  }
}
