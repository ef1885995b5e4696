/**
 * Recogniser and correlator together on sign-ins whose every value a hostile page chose (issue 9):
 * the recorder's serial queue runs these one request at a time, so a throw loses the request and a
 * slow step delays every other tab's recording. Whatever the values, each request is handled within
 * its budget, nothing throws, and every flow stays plain data that storage can hold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow';
import { anyText, b64url, charsOf, deepObject, expectNoPollution, FEW_RUNS, hugeText, jsonText, jwtText, quick, repeated } from '../fuzz.fixtures';
import { attachResponse, correlate, type LooseCall } from './correlate';
import { captureNotes } from './notes';
import { recognise } from './recognise';
import { capturedFindings } from './steps';
import type { ObservedRequest, ObservedResponse } from './types';

const OP = 'https://as.example';
const APP = 'https://app.example';
const value = fc.oneof({ arbitrary: fc.string({ minLength: 1, maxLength: 40 }), weight: 4 }, anyText, hugeText, jwtText);
/** encodeURIComponent throws on a lone surrogate; a page's URL carries U+FFFD there (toWellFormed, ES2024). */
const enc = (s: string): string => encodeURIComponent((s as string & { toWellFormed(): string }).toWellFormed());

/** One sign-in: authorization request, callback, code redemption with its answer, refresh, userinfo. */
const signIn = fc
  .record({
    state: value,
    code: value,
    verifier: value,
    challenge: value,
    redirect: fc.oneof(fc.constant(`${APP}/cb`), value),
    idToken: fc.oneof(jwtText, fc.constant(`${b64url('{"alg":"none"}')}.${b64url(deepObject(20_000))}.`)),
    refresh: value,
    answer: fc.oneof(jsonText, hugeText, anyText),
    status: fc.constantFrom(200, 400, 500),
    tab: fc.constantFrom(1, 2, -1),
  })
  .map((v): [ObservedRequest, ObservedResponse?][] => {
    const base = { tabId: v.tab, via: 'webrequest' as const, initiator: APP };
    const tokens: ObservedResponse = { at: 5, status: v.status, headers: { 'content-type': 'application/json' }, bodyText: v.answer };
    const good: ObservedResponse = { at: 5, status: 200, headers: {}, bodyText: JSON.stringify({ access_token: v.code, token_type: 'Bearer', id_token: v.idToken, refresh_token: v.refresh }) };
    return [
      [{ ...base, id: 'wr:1', at: 1, frame: 'main', method: 'GET', url: `${OP}/authorize?response_type=code&client_id=app&redirect_uri=${enc(v.redirect)}&state=${enc(v.state)}&code_challenge=${enc(v.challenge)}&code_challenge_method=S256` }],
      [{ ...base, id: 'wr:2', at: 2, frame: 'main', method: 'GET', url: `${APP}/cb?code=${enc(v.code)}&state=${enc(v.state)}#id_token=${v.idToken}` }],
      [{ ...base, id: 'wr:3', at: 3, frame: 'fetch', method: 'POST', url: `${OP}/token`, form: { grant_type: ['authorization_code'], code: [v.code], code_verifier: [v.verifier], redirect_uri: [v.redirect] }, response: tokens }],
      [{ ...base, id: 'ps:4', at: 4, frame: 'fetch', method: 'POST', url: `${OP}/token`, bodyText: `grant_type=authorization_code&code=${enc(v.code)}&code_verifier=${enc(v.verifier)}`, via: 'page-script' }, good],
      [{ ...base, id: 'wr:5', at: 6, frame: 'fetch', method: 'POST', url: `${OP}/token`, form: { grant_type: ['refresh_token'], refresh_token: [v.refresh] }, response: tokens }],
      [{ ...base, id: 'wr:6', at: 7, frame: 'fetch', method: 'GET', url: `${OP}/userinfo?access_token=${enc(v.code)}`, response: tokens }],
      [{ ...base, id: 'wr:7', at: 8, frame: 'fetch', method: 'GET', url: `${OP}/.well-known/openid-configuration`, response: { ...tokens, bodyText: v.answer } }],
    ];
  });

function run(requests: [ObservedRequest, ObservedResponse?][], flows: Flow[] = []): Flow[] {
  let loose: LooseCall[] = [];
  let n = 0;
  for (const [obs, later] of requests) {
    const size = charsOf(obs.url, obs.bodyText, obs.response?.bodyText, later?.bodyText) + Object.values(obs.form ?? {}).reduce((s, v) => s + charsOf(...v), 0);
    quick(size, () => {
      const rec = recognise(obs, { [`${OP}/userinfo`]: 'userinfo' });
      if (!rec) return;
      const out = correlate({ flows, loose, obs, rec, ctx: { site: APP, related: [obs.tabId] }, newId: () => `cap-${++n}` });
      loose = out.loose;
      if (out.result) flows = [out.result.flow, ...flows.filter((f) => f.id !== out.result!.flow.id)];
      if (later) attachResponse(flows, obs.id, later);
    });
  }
  for (const f of flows) {
    quick(0, () => captureNotes(f, { pageScriptSites: [APP], deepAvailable: true }));
    quick(0, () => capturedFindings(f));
  }
  return flows;
}

describe('recognise + correlate on hostile sign-ins', () => {
  it('every value chosen by the page: no throw, in budget, flows that storage can hold', () => {
    fc.assert(
      fc.property(fc.array(signIn, { minLength: 1, maxLength: 3 }), (runs) => {
        const flows = run(runs.flat());
        expectNoPollution();
        // Storage serialises flows: one that cannot be stringified is lost, or loses others.
        const text = JSON.stringify(flows);
        expect(typeof text).toBe('string');
        expect(flows.length).toBeLessThanOrEqual(runs.length * 7);
      }),
      FEW_RUNS,
    );
  });

  it('a flood of 1,000 OAuth-looking requests (the most flows the ring keeps) is handled in budget', () => {
    const flood: [ObservedRequest][] = Array.from({ length: 1000 }, (_, i) => [
      { id: `wr:${i}`, at: i, tabId: 1, frame: 'main', method: 'GET', via: 'webrequest', url: `${OP}/authorize?response_type=code&client_id=c${i % 7}&state=${repeated('s', 100)}${i}&redirect_uri=${enc(`${APP}/cb`)}` },
    ]);
    const start = performance.now();
    const flows = run(flood);
    expect(performance.now() - start).toBeLessThan(5000);
    expect(flows.length).toBe(1000);
  });
});
