/**
 * Recogniser and correlator together, on the requests the browser reported while the loopback apps
 * signed in against oidc-provider 9 (issuer http://127.0.0.1:9400, SPA :9401, server app :9402), in
 * the order and shape webRequest gave them (captured in an e2e run, codes and tokens shortened).
 */
import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow';
import { correlate, type LooseCall } from './correlate';
import { recognise } from './recognise';
import type { ObservedRequest } from './types';

const OP = 'http://127.0.0.1:9400';
const SPA = 'http://127.0.0.1:9401';
const WEB = 'http://127.0.0.1:9402';
const TAB = 20;

type Row = Omit<ObservedRequest, 'id' | 'via' | 'tabId'> & { tabId?: number };

const spaRun: Row[] = [
  { at: 1000, frame: 'main', method: 'GET', url: `${SPA}/` },
  { at: 1100, frame: 'other', method: 'GET', url: `${SPA}/app.js`, initiator: SPA },
  { at: 1200, frame: 'fetch', method: 'GET', url: `${OP}/.well-known/openid-configuration`, initiator: SPA },
  {
    at: 1300,
    frame: 'main',
    method: 'GET',
    initiator: SPA,
    url: `${OP}/auth?response_type=code&client_id=grantscope-spa&redirect_uri=http%3A%2F%2F127.0.0.1%3A9401%2Fcallback.html&scope=openid+profile+email+offline_access&state=2vQd9bXb&nonce=k1b2Zq&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&prompt=consent`,
  },
  { at: 1400, frame: 'main', method: 'GET', initiator: OP, url: `${OP}/interaction/Wq3-abc` },
  { at: 1500, frame: 'main', method: 'POST', initiator: OP, url: `${OP}/interaction/Wq3-abc/login`, form: { prompt: ['login'], login: ['alice'], password: ['any'] } },
  { at: 1600, frame: 'main', method: 'GET', initiator: OP, url: `${OP}/auth/Wq3-abc` },
  { at: 1700, frame: 'main', method: 'GET', initiator: OP, url: `${SPA}/callback.html?code=ReK5qQIr3uS6&state=2vQd9bXb&iss=http%3A%2F%2F127.0.0.1%3A9400` },
  { at: 1800, frame: 'fetch', method: 'GET', url: `${OP}/.well-known/openid-configuration`, initiator: SPA },
  {
    at: 1900,
    frame: 'fetch',
    method: 'POST',
    initiator: SPA,
    url: `${OP}/token`,
    form: { grant_type: ['authorization_code'], code: ['ReK5qQIr3uS6'], redirect_uri: [`${SPA}/callback.html`], client_id: ['grantscope-spa'], code_verifier: ['dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'] },
  },
  { at: 2000, frame: 'fetch', method: 'GET', url: `${OP}/me`, initiator: SPA },
  { at: 2100, frame: 'other', method: 'GET', url: `${SPA}/style.css`, initiator: SPA },
];

const webRun: Row[] = [
  { at: 5000, frame: 'main', method: 'GET', url: `${WEB}/login`, tabId: 21 },
  { at: 5001, frame: 'main', method: 'GET', initiator: WEB, tabId: 21, url: `${OP}/auth?response_type=code&client_id=grantscope-webapp&redirect_uri=http%3A%2F%2F127.0.0.1%3A9402%2Fcallback&scope=openid&state=w-77&nonce=n-77&code_challenge=abc&code_challenge_method=S256` },
  { at: 5100, frame: 'main', method: 'GET', initiator: OP, tabId: 21, url: `${WEB}/callback?code=srv-code&state=w-77&iss=http%3A%2F%2F127.0.0.1%3A9400` },
];

function run(rows: Row[], flows: Flow[] = [], known = {}): { flows: Flow[]; loose: LooseCall[] } {
  let loose: LooseCall[] = [];
  let n = 0;
  for (const r of rows) {
    const obs: ObservedRequest = { ...r, id: `wr:${++n}`, tabId: r.tabId ?? TAB, via: 'webrequest' };
    const rec = recognise(obs, known);
    if (!rec) continue;
    const out = correlate({ flows, loose, obs, rec, ctx: { site: SPA, related: [obs.tabId] }, newId: () => `cap-${flows.length}` });
    loose = out.loose;
    if (out.result) flows = [out.result.flow, ...flows.filter((f) => f.id !== out.result!.flow.id)];
  }
  return { flows, loose };
}

const kinds = (f: Flow) => f.steps.map((s) => (s.kind === 'exchange' ? s.label : s.kind));

describe('recognise + correlate on real request sequences', () => {
  it('turns the SPA login into one flow; pages, scripts and the provider\'s own interaction pages are not steps', () => {
    const { flows } = run(spaRun, [], { [`${OP}/me`]: 'userinfo' });
    expect(flows).toHaveLength(1);
    expect(kinds(flows[0]!)).toEqual(['Discovery', 'authorization-request', 'callback', 'Discovery', 'token-request', 'Userinfo']);
    expect(flows[0]!.status).toBe('redeeming');
    expect(flows[0]!.profile.issuer).toBe(OP);
    expect(flows[0]!.findings).toEqual([]);
  });

  it('keeps the server app\'s login apart from the SPA\'s, at "code delivered"', () => {
    const { flows } = run(webRun, run(spaRun).flows);
    expect(flows).toHaveLength(2);
    const web = flows.find((f) => f.profile.clientId === 'grantscope-webapp')!;
    expect(kinds(web)).toEqual(['authorization-request', 'callback']);
    expect(web.status).toBe('observed');
    expect(web.capture?.tabIds).toEqual([21]);
  });

  it('records an implicit answer from the redirect\'s Location, fragment included (OIDC Core 3.2.2.5)', () => {
    const { flows } = run([
      { at: 1, frame: 'main', method: 'GET', url: `${OP}/auth?response_type=id_token+token&client_id=grantscope-implicit&redirect_uri=${encodeURIComponent(`${SPA}/cb`)}&scope=openid&state=i1&nonce=n1` },
      { at: 2, frame: 'main', method: 'GET', url: `${SPA}/cb#access_token=at&token_type=Bearer&id_token=a.b.c&state=i1&expires_in=3600` },
      // The request to the redirect target itself carries no fragment: nothing to record twice.
      { at: 3, frame: 'main', method: 'GET', url: `${SPA}/cb` },
    ]);
    expect(kinds(flows[0]!)).toEqual(['authorization-request', 'callback']);
    expect(flows[0]!.status).toBe('complete');
    expect(flows[0]!.findings.map((f) => f.id)).toEqual(['implicit.token']);
  });

  it('keeps a callback nobody asked for as an orphan, and an error answer as the outcome', () => {
    const { flows } = run([
      { at: 1, frame: 'main', method: 'GET', url: `${SPA}/callback.html?error=access_denied&error_description=End-User+aborted+interaction&state=zz` },
    ]);
    expect(flows[0]!.steps[0]!.kind === 'callback' && flows[0]!.steps[0]!.orphan).toBe(true);
    expect(flows[0]!.outcome?.title).toBe('Provider returned error: access_denied');
  });
});
