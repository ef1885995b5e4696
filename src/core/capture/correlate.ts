/**
 * The correlator: puts each recognised request into the flow it belongs to, or starts one.
 *
 * One flow runs from the authorization request to the callback, the code redemption and later
 * refreshes, across the app's tab and a login popup or new tab (match.ts says how steps are tied).
 * The same request can be reported by several sources (network events, the page script, DevTools);
 * a repeat within a few seconds merges into the step already there, adding what it saw (a response
 * body the network events lacked). A callback no recorded request led to is kept as an orphan flow
 * (fault case 19). Provider calls seen before any flow (discovery before the login) wait in a small
 * loose list and join the next flow of the same provider in a related tab.
 *
 * Pure: it returns the flow it changed or made; the caller stores it.
 */
import type { ExchangeStep, Flow, FlowStep, StepSeen } from '../flow';
import { addStep, canonicalResponseType, type CaptureContext, exchangeStep, GRANT_OF, newCapturedFlow, originOf, seenOf, setIssuer } from './captured-flow';
import { flowForCallback, flowForCodeRedemption, flowForDeviceCode, flowForProviderCall, flowForRefresh, flowForRequestUri } from './match';
import { answerStep, capturedFindings } from './steps';
import { settle } from './settle';
import type { CaptureVia, ObservedRequest, ObservedResponse, Recognised } from './types';

export type { CaptureContext } from './captured-flow';

/** A provider call with no flow yet, and where it was made. */
export interface LooseCall {
  step: ExchangeStep;
  origin: string;
}

export interface Correlated {
  flow: Flow;
  created: boolean;
}

const MERGE_WINDOW_MS = 10_000;
export const LOOSE_MAX = 30;
const LOOSE_AGE_MS = 600_000;

/**
 * A source's request id without its redirect hop: "wr:19:1795…" and "wr:19" are one request, as are
 * "dbg:5:11.2#2" and "dbg:5:11.2". Other sources' ids are whole ("dbg:5:11.2" and "dbg:5:11.3" differ).
 */
const baseId = (id: string) => {
  const hopless = id.split('#')[0]!;
  return hopless.startsWith('wr:') ? hopless.split(':').slice(0, 2).join(':') : hopless;
};

/** Every id a step was reported under: its first source's, then the others'. */
const idsOf = (seen: StepSeen) => [seen.requestId, ...(seen.alsoIds ?? [])];

/**
 * The same request reported twice: by one source under one request id (a redirect's Location, then
 * the request to it), or by another source with the same URL close in time (and, for a token call,
 * the same parameters). One source reporting the URL again is a second request (a page that fetches
 * discovery twice).
 */
const sameRequest = (s: FlowStep & { seen?: StepSeen }, obs: ObservedRequest, rec: Recognised): boolean => {
  if (Math.abs(s.at - obs.at) > MERGE_WINDOW_MS || !s.seen || s.seen.tabId !== obs.tabId) return false;
  if (s.seen.via.includes(obs.via) && !idsOf(s.seen).some((id) => baseId(id) === baseId(obs.id))) return false;
  const url = 'url' in s ? s.url : s.kind === 'exchange' ? s.request.url : undefined;
  if (url !== obs.url) return false;
  if (s.kind === 'token-request' && rec.kind === 'token-request') return JSON.stringify(sorted(s.params)) === JSON.stringify(sorted(rec.params));
  return true;
};

const sorted = (p: Record<string, string>) => Object.entries(p).sort(([a], [b]) => (a < b ? -1 : 1));

/** A repeat of a step some source already reported: merge what this report adds. */
function mergeRepeat(flows: Flow[], obs: ObservedRequest, rec: Recognised): Correlated | undefined {
  for (const f of flows) {
    const i = f.steps.findIndex((s) => 'seen' in s && s.seen && kindOf(rec) === s.kind && sameRequest(s, obs, rec));
    if (i < 0) continue;
    const step = f.steps[i]!;
    if ('seen' in step && step.seen && !step.seen.via.includes(obs.via)) step.seen.via.push(obs.via);
    // Its answer may come later under this source's own id (the debugger's): keep it to find the step by.
    if ('seen' in step && step.seen && !idsOf(step.seen).includes(obs.id)) step.seen.alsoIds = [...(step.seen.alsoIds ?? []), obs.id];
    if (obs.response) addResponse(f, step, obs.response, obs.via);
    settle(f);
    return { flow: f, created: false };
  }
  return undefined;
}

const kindOf = (rec: Recognised): FlowStep['kind'] =>
  rec.kind === 'provider-call' ? 'exchange' : rec.kind === 'token-request' ? 'token-request' : rec.kind;

/**
 * A response for a step: a token answer after its request, or an exchange's answer in place. The
 * answer is credited to the source that read it (network events in Chrome read none), and a second
 * source reading the same answer is added to it.
 */
function addResponse(f: Flow | undefined, step: FlowStep, res: ObservedResponse, via: CaptureVia): boolean {
  if (step.kind === 'exchange') {
    if (step.response?.bodyText) return false;
    step.response = { status: res.status, headers: res.headers, bodyText: res.bodyText ?? '' };
    return true;
  }
  if (!f || step.kind !== 'token-request' || !step.seen) return false;
  const ids = idsOf(step.seen);
  const known = f.steps.find((s) => s.kind === 'token-response' && !!s.seen && ids.includes(s.seen.requestId));
  if (known) {
    if (known.kind === 'token-response' && known.seen && !known.seen.via.includes(via)) known.seen.via.push(via);
    return false;
  }
  f.steps.splice(f.steps.indexOf(step) + 1, 0, answerStep(step.seen, res, via));
  return true;
}

/** The source behind a request id (see each source's id prefix). */
const VIA_OF_PREFIX: Record<string, CaptureVia> = { dbg: 'debugger', dt: 'devtools', ps: 'page-script', wr: 'firefox-filter' };

/**
 * A response reported after its request (the debugger): found by the reporting source's own request
 * id, which is the step's first id or, when another source reported the request first, in alsoIds.
 */
export function attachResponse(flows: Flow[], requestId: string, res: ObservedResponse): Flow | undefined {
  for (const f of flows) {
    const step = f.steps.find((s) => 'seen' in s && !!s.seen && idsOf(s.seen).includes(requestId));
    if (step && addResponse(f, step, res, VIA_OF_PREFIX[requestId.split(':')[0]!] ?? 'webrequest')) {
      settle(f);
      return f;
    }
  }
  return undefined;
}

/** Flows start from an authorization request, a PAR push, a device authorization, or a lone token call. */
function start(obs: ObservedRequest, rec: Recognised, ctx: CaptureContext, id: string): Flow {
  const base = { id, at: obs.at, tabId: obs.tabId, ...(ctx.site ? { site: ctx.site } : {}) };
  if (rec.kind === 'authorization-request' || (rec.kind === 'provider-call' && rec.call === 'par')) {
    const rt = canonicalResponseType(rec.params.response_type);
    return newCapturedFlow({ ...base, grant: 'authorization', endpoint: rec.endpoint, ...(rt ? { responseType: rt } : {}) });
  }
  if (rec.kind === 'token-request') {
    const grant = GRANT_OF[rec.grantType] ?? 'other';
    return newCapturedFlow({ ...base, grant, endpoint: rec.endpoint, ...(grant === 'other' ? { grantType: rec.grantType } : {}) });
  }
  if (rec.kind === 'callback') return newCapturedFlow({ ...base, grant: 'authorization', redirectUri: rec.redirectUri });
  return newCapturedFlow({ ...base, grant: 'device_code', endpoint: rec.endpoint });
}

function stepFor(obs: ObservedRequest, rec: Recognised): FlowStep {
  const seen = seenOf(obs);
  switch (rec.kind) {
    case 'authorization-request':
      return { kind: 'authorization-request', at: obs.at, url: obs.url, params: rec.params, seen };
    case 'callback':
      return { kind: 'callback', at: obs.at, url: obs.url, params: rec.params, source: rec.source, ...(rec.duplicates?.length ? { duplicates: [...rec.duplicates] } : {}), findings: [], seen };
    case 'token-request':
      return { kind: 'token-request', at: obs.at, url: obs.url, method: obs.method, headers: obs.headers ?? {}, params: rec.params, seen };
    case 'provider-call':
      return exchangeStep(obs, rec.call, rec.params);
  }
}

function findFlow(flows: Flow[], rec: Recognised, ctx: CaptureContext, now: number, tabId: number): Flow | undefined {
  switch (rec.kind) {
    case 'authorization-request':
      return rec.params.request_uri ? flowForRequestUri(flows, rec.params.request_uri, rec.params.client_id, ctx.related, now) : undefined;
    case 'callback':
      return flowForCallback(flows, rec.params, rec.redirectUri, ctx.related, now);
    case 'token-request':
      if (rec.grantType === 'authorization_code') return flowForCodeRedemption(flows, rec.params, ctx.related, now);
      if (rec.grantType === 'refresh_token') return flowForRefresh(flows, rec.params.refresh_token);
      if (rec.grantType === GRANT_KEYS.device) return flowForDeviceCode(flows, rec.params.device_code);
      return undefined;
    case 'provider-call':
      // Same tab only: a tab opened from the app's tab may run its own login of the same provider.
      return rec.call === 'par' || rec.call === 'device-authorization' ? undefined : flowForProviderCall(flows, rec.endpoint, [tabId], now);
  }
}

const GRANT_KEYS = { device: 'urn:ietf:params:oauth:grant-type:device_code' };

export interface CorrelateInput {
  /** Captured flows, any order. */
  flows: Flow[];
  loose: LooseCall[];
  obs: ObservedRequest;
  rec: Recognised;
  ctx: CaptureContext;
  newId: () => string;
}

/**
 * Puts one recognised request into a flow. Returns the flow changed or made (undefined when the
 * request only joined the loose list) and the loose list as it now stands.
 */
export function correlate(input: CorrelateInput): { result?: Correlated; loose: LooseCall[] } {
  const { flows, obs, rec, ctx } = input;
  const now = obs.at;
  let loose = input.loose.filter((l) => now - l.step.at < LOOSE_AGE_MS);
  const repeat = mergeRepeat(flows, obs, rec);
  if (repeat) return { result: repeat, loose };
  const waiting = loose.find((l) => kindOf(rec) === 'exchange' && sameRequest(l.step, obs, rec));
  if (waiting) {
    if (waiting.step.seen && !waiting.step.seen.via.includes(obs.via)) waiting.step.seen.via.push(obs.via);
    if (obs.response) addResponse(undefined, waiting.step, obs.response, obs.via);
    return { loose: [...loose] };
  }

  let flow = findFlow(flows, rec, ctx, now, obs.tabId);
  const created = !flow;
  if (!flow) {
    if (rec.kind === 'provider-call' && rec.call !== 'par' && rec.call !== 'device-authorization') {
      const step = exchangeStep(obs, rec.call, rec.params);
      return { loose: [{ step, origin: originOf(rec.endpoint) ?? '' }, ...loose].slice(0, LOOSE_MAX) };
    }
    flow = start(obs, rec, ctx, input.newId());
    // Calls made to this provider just before, in a related tab, belong to this flow's start.
    const host = originOf('endpoint' in rec ? rec.endpoint : '') ?? '';
    const mine = loose.filter((l) => l.origin === host && (l.step.seen?.tabId === undefined || ctx.related.includes(l.step.seen.tabId)));
    for (const l of mine) addStep(flow, l.step, undefined, ctx);
    loose = loose.filter((l) => !mine.includes(l));
  }
  const step = stepFor(obs, rec);
  if (step.kind === 'callback' && created) step.orphan = true;
  addStep(flow, step, rec, ctx);
  if (obs.response) addResponse(flow, step, obs.response, obs.via);
  flow.findings = capturedFindings(flow);
  if (step.kind === 'callback') {
    step.findings = capturedFindings(flow, step);
    // RFC 9207 2: the iss parameter names the issuer that answered.
    if (step.params.iss) setIssuer(flow, step.params.iss);
  }
  settle(flow);
  flow.updatedAt = Math.max(flow.updatedAt, obs.at);
  return { result: { flow, created }, loose };
}
