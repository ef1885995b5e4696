/**
 * What the browser benchmarks store before they measure: recorded flows made by the correlator from
 * a login's real requests (authorization request, callback, code redemption with its token answer,
 * as the recorder stores them), padded to a size, and launched flows; each with its index entry, as
 * src/background/flow-store.ts writes them: JSON text (so a worker starting reads the index, not
 * every flow, and storage counts them as it does the extension's own).
 */
import { correlate } from '../src/core/capture/correlate';
import { entryOf } from '../src/core/capture/flow-index';
import { jsonBytes } from '../src/core/capture/fit-flow';
import type { ObservedRequest, Recognised } from '../src/core/capture/types';
import type { Flow } from '../src/core/flow';
import { blankProfile } from '../src/core/profile';

const ISS = 'https://login.bench.example';
const DAY = Date.UTC(2026, 10, 28, 8, 0);

/** One recorded login, about `bytes` of JSON (its token answer padded). */
export function recordedFlow(i: number, bytes: number): Flow {
  const app = `https://app-${i % 37}.bench.example`;
  const tabId = 100 + (i % 40);
  const at = DAY + i * 30_000;
  const state = `state-${i}`;
  const code = `code-${i}`;
  const base = (k: number): Omit<ObservedRequest, 'url' | 'method' | 'frame'> => ({ id: `wr:${i}-${k}`, at: at + k * 400, tabId, via: 'webrequest', initiator: app });
  let flows: Flow[] = [];
  const feed = (obs: ObservedRequest, rec: Recognised) => {
    const out = correlate({ flows, loose: [], obs, rec, ctx: { site: app, related: [tabId] }, newId: () => `cap-bench-${i}` });
    if (out.result) flows = [out.result.flow];
  };
  const auth = { response_type: 'code', client_id: `client-${i % 5}`, redirect_uri: `${app}/callback`, scope: 'openid profile email offline_access', state, code_challenge: `challenge-${i}-${'c'.repeat(30)}`, code_challenge_method: 'S256', nonce: `nonce-${i}` };
  feed({ ...base(0), frame: 'main', method: 'GET', url: `${ISS}/authorize?${new URLSearchParams(auth)}` }, { kind: 'authorization-request', endpoint: `${ISS}/authorize`, params: auth, duplicates: [] });
  feed({ ...base(1), frame: 'main', method: 'GET', url: `${app}/callback?code=${code}&state=${state}` }, { kind: 'callback', redirectUri: `${app}/callback`, params: { code, state }, source: 'query', duplicates: [] });
  const form = { grant_type: 'authorization_code', code, redirect_uri: `${app}/callback`, client_id: `client-${i % 5}`, code_verifier: `verifier-${i}-${'v'.repeat(40)}` };
  const answer = (pad: number) => JSON.stringify({ access_token: `at-${i}-${'a'.repeat(pad)}`, token_type: 'Bearer', expires_in: 3600, refresh_token: `rt-${i}`, scope: auth.scope });
  const redeem = (pad: number): [ObservedRequest, Recognised] => [
    { ...base(2), frame: 'fetch', method: 'POST', url: `${ISS}/token`, response: { at: at + 900, status: 200, headers: { 'content-type': 'application/json' }, bodyText: answer(pad) } },
    { kind: 'token-request', endpoint: `${ISS}/token`, grantType: 'authorization_code', params: form, format: 'form' },
  ];
  const before = flows;
  feed(...redeem(0));
  const size = jsonBytes(flows[0]) ?? 0;
  flows = before;
  // The answer appears in the flow more than once (the step and its raw text): pad by what is missing.
  feed(...redeem(Math.max(0, Math.floor((bytes - size) / 2))));
  return flows[0]!;
}

export function launchedFlow(i: number): Flow {
  const at = DAY + i * 60_000;
  return {
    id: `launched-bench-${i}`,
    createdAt: at,
    updatedAt: at + 2000,
    source: 'launched',
    grant: 'authorization',
    responseType: 'code',
    profile: { ...blankProfile(`profile-${i % 4}`), issuer: ISS, clientId: `launched-${i % 4}`, redirectUri: 'https://launched.bench.example/cb' },
    findings: [],
    metadata: { issuer: ISS },
    status: 'complete',
    tabId: 5000 + i,
    steps: [{ kind: 'authorization-request', at, url: `${ISS}/authorize?state=launched-${i}`, params: { state: `launched-${i}` } }],
  };
}

/** storage.session items holding `recorded` recorded and `launched` launched flows, newest first. */
export function storedItems(recorded: number, launched: number, bytes: number): Record<string, unknown> {
  const items: Record<string, unknown> = {};
  const rec = Array.from({ length: recorded }, (_, i) => recordedFlow(i, bytes)).reverse();
  const lau = Array.from({ length: launched }, (_, i) => launchedFlow(i)).reverse();
  items.captures = rec.map((f) => f.id);
  items.flows = lau.map((f) => f.id);
  for (const f of rec) {
    items[`cap:${f.id}`] = JSON.stringify(f);
    items[`capmeta:${f.id}`] = JSON.stringify(entryOf(f, jsonBytes(f) ?? 0));
  }
  for (const f of lau) {
    items[`flow:${f.id}`] = JSON.stringify(f);
    items[`flowmeta:${f.id}`] = JSON.stringify(entryOf(f, jsonBytes(f) ?? 0));
  }
  return items;
}
