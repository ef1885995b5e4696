import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64url } from 'jose';
import type { Flow } from '../flow';
import { CATALOG } from '../rules/catalog';
import { attachResponse, correlate, type LooseCall } from './correlate';
import { correlationFilter, correlationQuery, digest, entryOf, FlowIndex, type FlowIndexEntry, type IndexQuery, launchedFilter, launchedQuery, responseQuery, validEntry } from './flow-index';
import type { CaptureVia, ObservedRequest, Recognised } from './types';

const ISS = 'http://127.0.0.1:9400';
const SPA = 'http://127.0.0.1:9401';
const s256 = (v: string) => base64url.encode(sha256(new TextEncoder().encode(v)));

/** A small deterministic generator: the same session every run, varied enough to reach every matcher. */
function rng(seed: number) {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(a: T[]): T => a[Math.floor(next() * a.length)]! };
}

interface Event {
  rec: Recognised;
  obs: ObservedRequest;
  related: number[];
}

/**
 * Events of many logins at once in a few tabs: authorization requests (some with PKCE plain or S256,
 * some without state), callbacks by state or without, redemptions by code, verifier or client,
 * refreshes, device polling, PAR, provider calls, repeats from a second source, answers reported later.
 */
function events(seed: number, count: number): (Event | { response: string; at: number })[] {
  const r = rng(seed);
  const out: (Event | { response: string; at: number })[] = [];
  const logins: { state?: string; verifier: string; method: 'S256' | 'plain'; tab: number; code?: string; rt?: string; device?: string }[] = [];
  let t = 1_800_000_000_000;
  let n = 0;
  const obs = (o: Partial<ObservedRequest> & { url: string; tabId: number }, via: CaptureVia = 'webrequest'): ObservedRequest => ({ id: `wr:${++n}`, at: (t += r.int(3) * 400 + 100), frame: 'fetch', method: 'GET', via, ...o });
  for (let i = 0; i < count; i++) {
    const tab = 1 + r.int(4);
    const related = r.next() < 0.3 ? [tab, tab + 1] : [tab];
    const k = r.int(10);
    const login = logins.length ? r.pick(logins) : undefined;
    if (k <= 2 || !login) {
      const state = r.next() < 0.8 ? `st-${i}` : undefined;
      const l = { ...(state ? { state } : {}), verifier: `verifier-${i}-${'x'.repeat(40)}`, method: r.next() < 0.7 ? ('S256' as const) : ('plain' as const), tab };
      logins.push(l);
      const params = { client_id: `client-${r.int(3)}`, response_type: 'code', redirect_uri: `${SPA}/cb`, ...(state ? { state } : {}), code_challenge: l.method === 'S256' ? s256(l.verifier) : l.verifier, code_challenge_method: l.method };
      out.push({ rec: { kind: 'authorization-request', endpoint: `${ISS}/auth`, params, duplicates: [] }, obs: obs({ url: `${ISS}/auth?${new URLSearchParams(params)}`, tabId: tab, frame: 'main' }), related });
    } else if (k === 3) {
      login.code = `code-${i}`;
      const params = { code: login.code, ...(login.state && r.next() < 0.9 ? { state: login.state } : {}) };
      out.push({ rec: { kind: 'callback', redirectUri: `${SPA}/cb`, params, source: 'query', duplicates: [] }, obs: obs({ url: `${SPA}/cb?${new URLSearchParams(params)}`, tabId: r.next() < 0.8 ? login.tab : tab, frame: 'main' }), related });
    } else if (k === 4) {
      login.rt = `rt-${i}`;
      const by = r.int(3);
      const params = { grant_type: 'authorization_code', client_id: `client-${r.int(3)}`, redirect_uri: `${SPA}/cb`, ...(by === 0 && login.code ? { code: login.code } : {}), ...(by === 1 ? { code_verifier: login.verifier } : {}) };
      const body = JSON.stringify({ access_token: `at-${i}`, token_type: 'Bearer', refresh_token: login.rt });
      const o = obs({ url: `${ISS}/token`, method: 'POST', tabId: login.tab });
      out.push({ rec: { kind: 'token-request', endpoint: `${ISS}/token`, grantType: 'authorization_code', params, format: 'form' }, obs: r.next() < 0.5 ? { ...o, response: { at: o.at + 50, status: 200, headers: {}, bodyText: body } } : o, related });
      if (r.next() < 0.3) out.push({ response: o.id, at: o.at + 80 });
    } else if (k === 5 && login.rt) {
      const params = { grant_type: 'refresh_token', refresh_token: r.next() < 0.8 ? login.rt : 'unknown-rt' };
      out.push({ rec: { kind: 'token-request', endpoint: `${ISS}/token`, grantType: 'refresh_token', params, format: 'form' }, obs: obs({ url: `${ISS}/token`, method: 'POST', tabId: tab }), related });
    } else if (k === 6) {
      login.device = `dc-${i}`;
      out.push({
        rec: { kind: 'provider-call', call: 'device-authorization', endpoint: `${ISS}/device/auth`, params: { client_id: 'tv' } },
        obs: { ...obs({ url: `${ISS}/device/auth`, method: 'POST', tabId: tab }), response: { at: t, status: 200, headers: {}, bodyText: JSON.stringify({ device_code: login.device, user_code: 'ABCD' }) } },
        related,
      });
      const params = { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: r.next() < 0.8 ? login.device : 'dc' };
      out.push({ rec: { kind: 'token-request', endpoint: `${ISS}/token`, grantType: params.grant_type, params, format: 'form' }, obs: obs({ url: `${ISS}/token`, method: 'POST', tabId: tab }), related });
    } else if (k === 7) {
      const uri = `urn:ietf:params:oauth:request_uri:${i}`;
      out.push({
        rec: { kind: 'provider-call', call: 'par', endpoint: `${ISS}/request`, params: { client_id: 'client-1', state: `par-${i}` } },
        obs: { ...obs({ url: `${ISS}/request`, method: 'POST', tabId: tab }), response: { at: t, status: 201, headers: {}, bodyText: JSON.stringify({ request_uri: uri }) } },
        related,
      });
      const params = { client_id: 'client-1', request_uri: r.next() < 0.8 ? uri : 'urn:other' };
      t += 12_000; // past the repeat window: found by its request_uri, not as a repeat
      out.push({ rec: { kind: 'authorization-request', endpoint: `${ISS}/auth`, params, duplicates: [] }, obs: obs({ url: `${ISS}/auth?${new URLSearchParams(params)}`, tabId: tab, frame: 'main' }), related });
    } else if (k === 8) {
      const call = r.pick(['userinfo', 'jwks', 'discovery'] as const);
      out.push({ rec: { kind: 'provider-call', call, endpoint: `${ISS}/${call}`, params: {} }, obs: obs({ url: `${ISS}/${call}`, tabId: tab }), related });
    } else {
      // The last request again, from another source: a repeat to merge.
      const last = out.filter((e): e is Event => 'rec' in e).at(-1)!;
      out.push({ ...last, obs: { ...last.obs, id: `ps:${++n}`, via: 'page-script', at: last.obs.at + r.int(3) * 5000 } });
    }
  }
  return out;
}

/** The flows (in ring order) an index of `all` finds for a query: its keys and its filter. */
// An entry per flow object, as the store keeps one per write: the summary in it runs the rules engine
// (about a millisecond), and rebuilding every entry for every event would make this test quadratic in it.
const entries = new WeakMap<Flow, FlowIndexEntry>();
const cachedEntry = (f: Flow): FlowIndexEntry => entries.get(f) ?? (entries.set(f, entryOf(f, 0)), entries.get(f)!);

function found(all: Flow[], q: IndexQuery): Flow[] {
  const index = new FlowIndex();
  index.load(all.map(cachedEntry));
  const ids = index.find(q).map((e) => e.id);
  return all.filter((f) => ids.includes(f.id));
}

/** Runs a session twice: correlate over every flow, and over only the flows the index finds. */
function runBoth(seed: number, count: number) {
  let all: Flow[] = [];
  let loose: LooseCall[] = [];
  let ids = 0;
  let compared = 0;
  for (const e of events(seed, count)) {
    if ('response' in e) {
      const res = { at: e.at, status: 200, headers: {}, bodyText: '{"access_token":"late"}' };
      const full = attachResponse(structuredClone(all), e.response, res);
      const picked = attachResponse(structuredClone(found(all, responseQuery(e.response))), e.response, res);
      expect(picked).toEqual(full);
      if (full) all = [full, ...all.filter((f) => f.id !== full.id)];
      continue;
    }
    const input = (flows: Flow[]) => ({ flows: structuredClone(flows), loose: structuredClone(loose), obs: e.obs, rec: e.rec, ctx: { site: SPA, related: e.related }, newId: () => `f${ids}` });
    const full = correlate(input(all));
    const picked = correlate(input(found(all, correlationQuery(e.obs, e.rec, e.related))));
    expect(picked).toEqual(full);
    compared++;
    ids++;
    loose = full.loose;
    if (full.result) all = [full.result.flow, ...all.filter((f) => f.id !== full.result!.flow.id)];
  }
  return { flows: all, compared };
}

// Hundreds of correlations run twice over cloned rings: seconds on a loaded 2-core machine.
describe('flow index: the correlator decides as before', { timeout: 30_000 }, () => {
  it.each([1, 2, 3, 4, 5, 6])('seed %i: every event goes to the same flow (and the same loose list) reading only the candidates', (seed) => {
    const { flows, compared } = runBoth(seed, 300);
    expect(compared).toBeGreaterThan(250);
    // The session reached the matchers: several flows with a callback, a token answer, a device step and a PAR.
    expect(flows.filter((f) => f.steps.some((s) => s.kind === 'callback')).length).toBeGreaterThan(5);
    expect(flows.filter((f) => f.steps.some((s) => s.kind === 'token-response')).length).toBeGreaterThan(3);
    expect(flows.some((f) => f.steps.some((s) => s.kind === 'exchange' && s.label === 'Device authorization'))).toBe(true);
    expect(flows.some((f) => f.steps.some((s) => s.kind === 'exchange' && s.label === 'Pushed authorization request'))).toBe(true);
  });

  it('keeps ring order: a flow written again keeps its place, a new one is the newest', () => {
    const { flows } = runBoth(3, 60);
    const index = new FlowIndex();
    index.load(flows.map((f) => entryOf(f, 0)));
    expect(index.all().map((e) => e.id)).toEqual(flows.map((f) => f.id));
    index.set(entryOf(flows[5]!, 1), false);
    expect(index.all().map((e) => e.id)).toEqual(flows.map((f) => f.id));
    index.set(entryOf(flows[5]!, 1), true);
    expect(index.all()[0]!.id).toBe(flows[5]!.id);
    index.delete(flows[5]!.id);
    expect(index.size).toBe(flows.length - 1);
    expect(index.count(`tab:${flows[5]!.capture!.tabIds[0]}`)).toBe(flows.filter((f, i) => i !== 5 && f.capture!.tabIds.includes(flows[5]!.capture!.tabIds[0]!)).length);
  });

  it('lets few flows through for a typical event in a long ring', () => {
    const { flows } = runBoth(11, 400);
    const auth = flows.find((f) => f.steps.some((s) => s.kind === 'authorization-request' && s.params.state))!;
    const state = auth.steps.find((s) => s.kind === 'authorization-request')!.kind === 'authorization-request' ? (auth.steps[0] as { params: Record<string, string> }).params.state! : '';
    const obs: ObservedRequest = { id: 'wr:x', at: 1_900_000_000_000, tabId: 99, frame: 'main', method: 'GET', url: `${SPA}/cb?state=${state}`, via: 'webrequest' };
    const keep = correlationFilter(obs, { kind: 'callback', redirectUri: `${SPA}/cb`, params: { state, code: 'c' }, source: 'query', duplicates: [] }, [99]);
    const passed = flows.filter((f) => keep(entryOf(f, 0)));
    expect(passed.length).toBeLessThanOrEqual(1);
    expect(flows.length).toBeGreaterThan(50);
  });
});

describe('flow index entries', () => {
  const flow = (): Flow =>
    ({
      id: 'cap-1',
      createdAt: 1,
      updatedAt: 2,
      status: 'complete',
      grant: 'authorization',
      source: 'captured',
      profile: { clientId: 'c', issuer: ISS, redirectUri: `${SPA}/cb`, endpoints: {} },
      capture: { tabIds: [4], sites: [SPA] },
      steps: [
        { kind: 'authorization-request', at: 1, url: `${ISS}/auth?state=secret-state`, params: { state: 'secret-state', code_challenge: 'ch' }, seen: { requestId: 'wr:1', tabId: 4, via: ['webrequest'] } },
        { kind: 'callback', at: 2, url: `${SPA}/cb?code=secret-code`, params: { code: 'secret-code' }, source: 'query', findings: [], seen: { requestId: 'wr:2', tabId: 4, via: ['webrequest'], alsoIds: ['ps:9'] } },
      ],
      findings: [],
    }) as unknown as Flow;

  it('holds no secret value as itself: state and code only as a truncated hash', () => {
    const e = entryOf(flow(), 10);
    const text = JSON.stringify(e);
    expect(text).not.toContain('secret-state');
    expect(text).not.toContain('secret-code');
    expect(e.state).toBe(digest('secret-state'));
    expect(e.codes).toEqual([digest('secret-code')]);
    expect(e.requestIds).toEqual(['wr:1', 'wr:2', 'ps:9']);
    expect(e.summary.id).toBe('cap-1');
    expect(e.bytes).toBe(10);
  });

  it('reads back only an entry of this version for this id (else it is rebuilt)', () => {
    const e = entryOf(flow(), 10);
    expect(validEntry(structuredClone(e), 'cap-1')).toEqual(e);
    expect(validEntry(e, 'cap-2')).toBeUndefined();
    expect(validEntry({ ...e, v: 0 }, 'cap-1')).toBeUndefined();
    // Judged by another rule catalog (an update added rules): the verdict is stale, rebuild.
    expect(validEntry({ ...e, rules: 'older-catalog' }, 'cap-1')).toBeUndefined();
    // Judged by the same catalog before a judge changed (the rules review's false alarms): stale too, so
    // a stored list row ("1 warning") never disagrees with the detail judged afresh.
    expect(validEntry({ ...e, rules: digest(CATALOG.map((r) => `${r.id}:${r.severity}:${r.set}`).join(',')) }, 'cap-1')).toBeUndefined();
    expect(validEntry({ ...e, codes: 'x' }, 'cap-1')).toBeUndefined();
    expect(validEntry(null, 'cap-1')).toBeUndefined();
  });

  it('finds a launched flow by its login tab while authorizing, its URL or its state', () => {
    const f = { ...flow(), capture: undefined, tabId: 7, status: 'authorizing' } as unknown as Flow;
    const e = entryOf(f, 0);
    const obs = (o: Partial<ObservedRequest>): ObservedRequest => ({ id: 'wr:1', at: 0, tabId: -1, frame: 'main', method: 'GET', url: 'https://x/', via: 'webrequest', ...o });
    expect(launchedFilter(obs({ tabId: 7 }), undefined)(e)).toBe(true);
    expect(launchedFilter(obs({ url: `${ISS}/auth?state=secret-state` }), undefined)(e)).toBe(true);
    expect(launchedFilter(obs({}), 'secret-state')(e)).toBe(true);
    expect(launchedFilter(obs({ tabId: 8 }), 'other')(e)).toBe(false);
    // The lookup keys find it the same ways.
    const index = new FlowIndex();
    index.load([e]);
    expect(index.find(launchedQuery(obs({ tabId: 7 }), undefined))).toEqual([e]);
    expect(index.find(launchedQuery(obs({ url: `${ISS}/auth?state=secret-state` }), undefined))).toEqual([e]);
    expect(index.find(launchedQuery(obs({}), 'secret-state'))).toEqual([e]);
    expect(index.find(launchedQuery(obs({ tabId: 8 }), 'other'))).toEqual([]);
  });
});

describe('entry size with the search text (issue 12)', () => {
  it('a real flow adds under 1 KB of search text to its entry; a hostile one at most SUMMARY_SEARCH_MAX', async () => {
    const { loadFlow } = await import('../compare/fixtures');
    const { SUMMARY_SEARCH_MAX } = await import('../flow');
    for (const name of ['code-pkce', 'code-pkce-refreshed', 'implicit', 'hybrid', 'code-jwt-access', 'spa-recorded'] as const) {
      const e = entryOf(loadFlow(name), 1);
      expect(e.summary.searchText!.length).toBeGreaterThan(100);
      expect(e.summary.searchText!.length).toBeLessThan(1024);
    }
    const hostile = loadFlow('code-pkce');
    const req = hostile.steps[0]!;
    if (req.kind !== 'authorization-request') throw new Error('fixture');
    req.params = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`p${i}`, `v${i}`]));
    expect(entryOf(hostile, 1).summary.searchText!.length).toBeLessThanOrEqual(SUMMARY_SEARCH_MAX);
  });
});
