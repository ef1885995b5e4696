/**
 * The recorder: every source's observations (webRequest here; the page script, DevTools, Firefox's
 * response filter and the debugger elsewhere) come through one CaptureSink, pass the cheap prefilter,
 * the on/pause switch and the site rules, and are then recognised and correlated one at a time: events
 * for one flow arrive together (a redirect and its target), and the correlator must see each result
 * before the next. Nothing about a request that is not OAuth is kept.
 */
import { correlate } from '../core/capture/correlate';
import { mightBeOAuth } from '../core/capture/prefilter';
import { recognise } from '../core/capture/recognise';
import { siteAllowed } from '../core/capture/settings';
import { attachResponse } from '../core/capture/correlate';
import type { CaptureSink, ObservedRequest, ObservedResponse, Recognised } from '../core/capture/types';
import type { Flow } from '../core/flow';
import { randomToken } from '../core/pkce';
import { CAPTURE_ID_PREFIX, type CaptureStore } from './capture-store';
import { openersAmong } from '../core/capture/tab-labels';
import { relatedTabs } from '../core/capture/tabs';
import { captureState } from './capture-settings';
import type { FlowStore } from './flow-store';
import { checkCapturedIdTokens } from './capture-id-token';
import { updateBadges } from './badge';
import { siteLimit } from './site-limit';
import { knownEndpoints, learnDiscovery } from './known-endpoints';
import { originOf } from '../core/capture/captured-flow';
import { issuerCandidates, issuerRefusal } from '../core/capture/trust';
import type { WantedRequest } from './firefox-filter';
import { initQueue, type InitQueueLimits } from '../core/capture/init-queue';
import { correlationQuery, launchedQuery, responseQuery } from '../core/capture/flow-index';
import { logText } from '../core/redact';

export interface RecorderDeps {
  captures: CaptureStore;
  /** Launched flows: their login tabs are the launcher's to watch, not the recorder's. */
  launched: FlowStore;
  /** This extension's own origin: its requests are never recorded. */
  ownOrigin: string;
  /**
   * Settles once the worker has read what recording depends on (settings, learned endpoints, the
   * capture store's area). Until then events are queued, not looked at (START_QUEUE). Absent: ready.
   */
  ready?: Promise<unknown>;
}

/**
 * Events that arrive while the worker starts (issue 9, item 6). The event that wakes a stopped worker
 * is often the authorization request itself (measured: it reached the listener 5 ms after the worker
 * started, 2 ms before its settings and learned endpoints had loaded). Judged then, the prefilter
 * would see an empty list of learned endpoints and throw away a request to an endpoint known only from
 * discovery (a userinfo at /me); nothing orders the two. So nothing is judged before `ready`: events
 * wait in arrival order, raw, and go through the usual path once it settles. Bounded, since any page
 * can send events while the worker starts: at most 500 events and 2 MB (URL, body, form and answer
 * text, in UTF-16 code units); past either bound the newest are refused and counted, and the count is
 * logged. Under the bounds none is dropped (src/core/capture/init-queue.ts).
 */
const START_QUEUE: InitQueueLimits = { maxItems: 500, maxBytes: 2 * 1024 * 1024 };

type Incoming = { kind: 'request'; obs: ObservedRequest } | { kind: 'response'; requestId: string; res: ObservedResponse };

const FORM_SIZE_KEYS = 200;
function sizeOfIncoming(e: Incoming): number {
  const res = e.kind === 'request' ? e.obs.response : e.res;
  let n = (res?.bodyText?.length ?? 0) + 64;
  if (e.kind === 'request') {
    n += e.obs.url.length + (e.obs.bodyText?.length ?? 0);
    let keys = 0;
    for (const k in e.obs.form ?? {}) {
      // A form with more fields than this counts as too large for the queue: no unbounded walk here.
      if (++keys > FORM_SIZE_KEYS) return Number.MAX_SAFE_INTEGER;
      n += k.length + (e.obs.form![k] ?? []).reduce((m, v) => m + (typeof v === 'string' ? v.length : 0), 0);
    }
  }
  return n;
}

export function makeRecorder(deps: RecorderDeps): CaptureSink {
  let chain: Promise<unknown> = Promise.resolve();
  const queue = (fn: () => Promise<void>) => {
    chain = chain.then(fn).catch((e: unknown) => console.error('Grantscope recorder:', logText(e)));
  };
  const accept = (e: Incoming) => {
    if (e.kind === 'response') {
      queue(() => respond(deps, e.requestId, e.res));
      return;
    }
    const obs = e.obs;
    if (obs.initiator?.startsWith(deps.ownOrigin) || !mightBeOAuth(obs, knownEndpoints())) return;
    queue(() => record(deps, obs));
  };
  const start = initQueue<Incoming>(START_QUEUE, sizeOfIncoming, accept);
  const open = () => {
    start.open();
    if (start.dropped) console.warn(`Grantscope recorder: ${start.dropped} events arrived while the worker started, beyond its queue (${START_QUEUE.maxItems} events, ${START_QUEUE.maxBytes} bytes), and were not recorded.`);
  };
  if (deps.ready) void deps.ready.then(open, open);
  else open();
  return {
    request(obs) {
      start.push({ kind: 'request', obs });
    },
    response(requestId, res) {
      start.push({ kind: 'response', requestId, res });
    },
  };
}

/**
 * Which responses Firefox's filter reads: provider answers worth a body (token, userinfo, discovery,
 * ...), not navigations to the app, whose bodies are its pages.
 */
export const wantedByFilter: WantedRequest = (d) => {
  const raw = d.requestBody?.raw?.[0]?.bytes as ArrayBuffer | undefined;
  const form = d.requestBody?.formData as Record<string, string[]> | undefined;
  const obs = { url: d.url, method: d.method, ...(form ? { form } : {}), ...(raw ? { bodyText: new TextDecoder().decode(raw.slice(0, 4096)) } : {}) };
  if (!mightBeOAuth(obs, knownEndpoints())) return false;
  const r = recognise({ ...obs, id: '', at: 0, tabId: -1, frame: 'fetch', via: 'firefox-filter' }, knownEndpoints());
  return r?.kind === 'token-request' || r?.kind === 'provider-call';
};

/** The app's page: the origin a callback lands on, else the page that made the request. */
function siteOf(obs: ObservedRequest, rec: Recognised): string | undefined {
  const from = rec.kind === 'callback' ? rec.redirectUri : obs.initiator;
  return from ? originOf(from) : undefined;
}

async function record(deps: RecorderDeps, obs: ObservedRequest): Promise<void> {
  const { settings, paused } = await captureState();
  if (!settings.recording || paused) return;
  if (!siteAllowed(settings, [obs.url, obs.initiator])) return;
  const rec = recognise(obs, knownEndpoints());
  if (!rec) return;
  await deps.captures.ready;
  if (await launchedOwns(deps.launched, obs, rec)) return;
  const store = deps.captures;
  const [loose, openers] = await Promise.all([store.loose(), store.openers()]);
  const related = relatedTabs(obs.tabId, openers);
  // Only the flows this event could belong to are read (issue 10, item 5: flat with the ring's size):
  // looked up by state, code, tab, ... in the worker's index, every flow a matcher could pick, in
  // ring order (flow-index.ts).
  const flows = await store.flows.select(correlationQuery(obs, rec, related));
  const site = siteOf(obs, rec);
  const out = correlate({ flows, loose, obs, rec, ctx: { ...(site ? { site } : {}), related }, newId: () => CAPTURE_ID_PREFIX + randomToken(9) });
  // Fault case 34: a site starting flows in a flood is refused before a new one takes room. The
  // worker's clock, not the report's `at`, which a page can forge.
  if (out.result?.created && !siteLimit.admit(obs.initiator ?? site ?? obs.url, Date.now())) return;
  if (out.loose !== loose) await store.setLoose(out.loose);
  if (out.result) {
    // Which of the flow's tabs opened which, so its steps can say "login popup opened by the app's tab" (issue 11).
    const cap = out.result.flow.capture;
    const among = cap ? openersAmong(cap.tabIds, openers) : undefined;
    if (cap && among) cap.openers = among;
    await saved(deps, out.result.flow);
  }
  if (rec.kind === 'provider-call' && rec.call === 'discovery') discovered(deps, obs.url);
}

/**
 * A page fetched a discovery document. The worker fetches it itself, outside this serial queue (not
 * awaited here: a URL that never answers delays nothing), and only a document that passes the trust
 * model (src/core/capture/trust.ts) is learned and confirms the issuer of the stored flows whose own
 * requests went to its host; no other flow changes. The body the page reported is shown on its step
 * only; a document that fails is named on that step ("discovery at URL names issuer X").
 */
function discovered(deps: RecorderDeps, url: string): void {
  const store = deps.captures.flows;
  void learnDiscovery(url)
    .then(async ({ fresh, result }) => {
      if (!fresh) return;
      if (!result.ok && result.error.code === 'busy') return;
      const unnamed = (f: Flow) => f.steps.find((s) => s.kind === 'exchange' && s.request.url === url && !s.problem);
      for (const f of await store.all()) {
        if (!result.ok) {
          if (!unnamed(f)) continue;
          await store.update(f.id, (cur) => {
            const step = unnamed(cur);
            if (step?.kind !== 'exchange') return undefined;
            step.problem = `Not used: ${result.error.message}`;
            return cur;
          });
        } else if (f.capture && !f.capture.issuerConfirmed && !issuerRefusal(f, result.value.issuer) && issuerCandidates(f, [result.value]).includes(result.value.issuer)) {
          await checkCapturedIdTokens(store, f.id);
        }
      }
    })
    .catch((e: unknown) => console.error('Grantscope: discovery:', logText(e)));
}

async function respond(deps: RecorderDeps, requestId: string, res: ObservedResponse): Promise<void> {
  await deps.captures.ready;
  const flow = attachResponse(await deps.captures.flows.select(responseQuery(requestId)), requestId, res);
  if (flow) await saved(deps, flow);
}

async function saved(deps: RecorderDeps, flow: Flow): Promise<void> {
  await deps.captures.flows.put(flow);
  await updateBadges(deps.captures, flow.capture?.tabIds ?? []);
  // Signature and claim checks fetch keys: they run after the step is safely stored.
  void checkCapturedIdTokens(deps.captures.flows, flow.id);
}

/**
 * Steps of a flow Grantscope launched: that flow records them already. Known by its login tab, or by
 * the state it sent (the browser sign-in window of launchWebAuthFlow belongs to no tab).
 */
async function launchedOwns(launched: FlowStore, obs: ObservedRequest, rec: Recognised): Promise<boolean> {
  const state = rec.kind === 'authorization-request' || rec.kind === 'callback' ? rec.params.state : undefined;
  const flows = await launched.select(launchedQuery(obs, state));
  if (obs.tabId >= 0 && flows.some((f) => f.tabId === obs.tabId && f.status === 'authorizing')) return true;
  return flows.some((f) =>
    f.steps.some((s) => (s.kind === 'authorization-request' || s.kind === 'callback') && (s.url === obs.url || (!!state && s.params.state === state))),
  );
}
