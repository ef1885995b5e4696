import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow';
import { attachResponse, correlate, type LooseCall } from './correlate';
import { verifierMatches } from './match';
import type { CaptureVia, ObservedRequest, ObservedResponse, Recognised } from './types';

// Real shapes from oidc-provider 9 on loopback (test/provider/demo-provider.ts) and an SPA on :9401.
const ISS = 'http://127.0.0.1:9400';
const SPA = 'http://127.0.0.1:9401';
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'; // RFC 7636 Appendix B
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

const tokens = (rt = 'rt-1') => JSON.stringify({ access_token: 'at-1', token_type: 'Bearer', expires_in: 3600, refresh_token: rt, scope: 'openid offline_access' });
const ok = (bodyText: string, at: number): ObservedResponse => ({ at, status: 200, headers: { 'content-type': 'application/json' }, bodyText });

/** A recorder session: feeds events through correlate() and keeps what a store would keep. */
function session() {
  let flows: Flow[] = [];
  let loose: LooseCall[] = [];
  let n = 0;
  let t = 1_800_000_000_000;
  const feed = (rec: Recognised, o: Partial<ObservedRequest> & { url: string }, related?: number[]) => {
    t += 500;
    const obs: ObservedRequest = { id: `wr:${++n}`, at: t, tabId: 1, frame: 'main', method: 'GET', via: 'webrequest', ...o };
    const out = correlate({ flows, loose, obs, rec, ctx: { site: SPA, related: related ?? [obs.tabId] }, newId: () => `f${flows.length + 1}` });
    loose = out.loose;
    if (out.result) flows = [out.result.flow, ...flows.filter((f) => f.id !== out.result!.flow.id)];
    return out;
  };
  const authorize = (state: string, tabId = 1, extra: Record<string, string> = {}) => {
    const params = { client_id: 'grantscope-spa', response_type: 'code', redirect_uri: `${SPA}/callback.html`, scope: 'openid offline_access', state, code_challenge: CHALLENGE, code_challenge_method: 'S256', nonce: `n-${state}`, ...extra };
    return feed({ kind: 'authorization-request', endpoint: `${ISS}/auth`, params, duplicates: [] }, { url: `${ISS}/auth?${new URLSearchParams(params)}`, tabId });
  };
  const callback = (params: Record<string, string>, tabId = 1, via: CaptureVia = 'webrequest') =>
    feed({ kind: 'callback', redirectUri: `${SPA}/callback.html`, params, source: 'query', duplicates: [] }, { url: `${SPA}/callback.html?${new URLSearchParams(params)}`, tabId, via });
  const redeem = (params: Record<string, string>, o: { tabId?: number; via?: CaptureVia; body?: string; related?: number[]; status?: number } = {}) => {
    const all = { grant_type: 'authorization_code', client_id: 'grantscope-spa', redirect_uri: `${SPA}/callback.html`, ...params };
    return feed(
      { kind: 'token-request', endpoint: `${ISS}/token`, grantType: all.grant_type, params: all, format: 'form' },
      {
        url: `${ISS}/token`,
        method: 'POST',
        frame: 'fetch',
        tabId: o.tabId ?? 1,
        via: o.via ?? 'webrequest',
        ...(o.body !== undefined ? { response: { ...ok(o.body, t + 100), status: o.status ?? 200 } } : {}),
      },
      o.related,
    );
  };
  return { feed, authorize, callback, redeem, flows: () => flows, loose: () => loose };
}

const kinds = (f: Flow) => f.steps.map((s) => (s.kind === 'exchange' ? `exchange:${s.label}` : s.kind));

describe('correlate', () => {
  it('ties an SPA code + PKCE flow together, discovery included, and reads the token answer', () => {
    const s = session();
    const d = s.feed({ kind: 'provider-call', call: 'discovery', endpoint: `${ISS}/.well-known/openid-configuration`, params: {} }, { url: `${ISS}/.well-known/openid-configuration`, frame: 'fetch' });
    expect(d.result).toBeUndefined();
    expect(s.loose()).toHaveLength(1);
    // The page script reports the same call with its answer: it joins the waiting call.
    s.feed({ kind: 'provider-call', call: 'discovery', endpoint: `${ISS}/.well-known/openid-configuration`, params: {} }, { url: `${ISS}/.well-known/openid-configuration`, frame: 'fetch', via: 'page-script', response: ok('{"issuer":"x"}', 0) });
    expect(s.loose()).toHaveLength(1);
    expect(s.loose()[0]!.step.seen?.via).toEqual(['webrequest', 'page-script']);
    expect(s.loose()[0]!.step.response?.bodyText).toBe('{"issuer":"x"}');
    s.authorize('s1');
    s.callback({ code: 'c1', state: 's1', iss: ISS });
    s.redeem({ code: 'c1', code_verifier: VERIFIER }, { via: 'page-script', body: tokens() });
    const [f] = s.flows();
    expect(s.flows()).toHaveLength(1);
    expect(kinds(f!)).toEqual(['exchange:Discovery', 'authorization-request', 'callback', 'token-request', 'token-response']);
    expect(f!.status).toBe('complete');
    expect(f!.outcome?.title).toBe('Tokens received');
    expect(f!.profile.clientId).toBe('grantscope-spa');
    expect(f!.profile.issuer).toBe(ISS);
    expect(f!.capture?.issuerGuessed).toBe(false);
    expect(f!.findings).toEqual([]);
    expect(s.loose()).toEqual([]);
  });

  it('follows a login popup: request and callback in the popup, redemption in the opener', () => {
    const s = session();
    s.authorize('p1', 2);
    s.callback({ code: 'pc', state: 'p1' }, 2);
    s.redeem({ code: 'pc', code_verifier: VERIFIER }, { tabId: 1, related: [1, 2], via: 'page-script', body: tokens() });
    expect(s.flows()).toHaveLength(1);
    expect(s.flows()[0]!.capture?.tabIds).toEqual([2, 1]);
    expect(s.flows()[0]!.status).toBe('complete');
  });

  it('keeps two flows in two tabs apart, whatever order their steps come in', () => {
    const s = session();
    s.authorize('A', 1);
    s.authorize('B', 2);
    s.callback({ code: 'cB', state: 'B' }, 2);
    s.callback({ code: 'cA', state: 'A' }, 1);
    s.redeem({ code: 'cA', code_verifier: 'x'.repeat(43) }, { tabId: 1, body: tokens('rtA'), via: 'page-script' });
    s.redeem({ code: 'cB', code_verifier: 'y'.repeat(43) }, { tabId: 2, body: tokens('rtB'), via: 'page-script' });
    const byState = (st: string) => s.flows().find((f) => f.steps.some((x) => x.kind === 'authorization-request' && x.params.state === st))!;
    expect(s.flows()).toHaveLength(2);
    expect(byState('A').steps.filter((x) => x.kind === 'callback').map((x) => x.kind === 'callback' && x.params.code)).toEqual(['cA']);
    expect(byState('B').steps.filter((x) => x.kind === 'token-request').map((x) => x.kind === 'token-request' && x.params.code)).toEqual(['cB']);
    expect(byState('A').capture?.tabIds).toEqual([1]);
  });

  it('says a server-side app holds the code when no browser request redeems it', () => {
    const s = session();
    s.authorize('w1', 3, { client_id: 'grantscope-webapp' });
    s.callback({ code: 'wc', state: 'w1' }, 3);
    const [f] = s.flows();
    expect(f!.status).toBe('observed');
    expect(f!.outcome?.title).toBe('Code delivered to the app');
  });

  it('keeps a callback no request was seen for, as an orphan (fault case 19)', () => {
    const s = session();
    s.callback({ code: 'lost', state: 'nobody' }, 4);
    const [f] = s.flows();
    const cb = f!.steps[0]!;
    expect(cb.kind === 'callback' && cb.orphan).toBe(true);
    expect(f!.profile.redirectUri).toBe(`${SPA}/callback.html`);
    expect(cb.kind === 'callback' && cb.findings).toEqual([]);
  });

  it('keeps the names a form_post callback carried twice on its step, and flags them (RFC 6749 3.1)', () => {
    const s = session();
    s.authorize('d1', 1, { response_mode: 'form_post' });
    s.feed({ kind: 'callback', redirectUri: `${SPA}/callback.html`, params: { code: 'dc', state: 'd1' }, source: 'form_post', duplicates: ['state'] }, { url: `${SPA}/callback.html`, method: 'POST' });
    const cb = s.flows()[0]!.steps[1]!;
    expect(cb.kind === 'callback' && cb.duplicates).toEqual(['state']);
    expect(cb.kind === 'callback' && cb.findings.map((f) => f.id)).toEqual(['callback.duplicate-param']);
  });

  it('merges the same request reported by two sources, keeping the answer only one saw', () => {
    const s = session();
    s.authorize('m1');
    s.callback({ code: 'mc', state: 'm1' });
    s.callback({ code: 'mc', state: 'm1' }, 1, 'devtools');
    s.redeem({ code: 'mc', code_verifier: VERIFIER });
    s.redeem({ code: 'mc', code_verifier: VERIFIER }, { via: 'page-script', body: tokens() });
    const [f] = s.flows();
    expect(kinds(f!)).toEqual(['authorization-request', 'callback', 'token-request', 'token-response']);
    const cb = f!.steps[1]!;
    expect(cb.kind === 'callback' && cb.seen?.via).toEqual(['webrequest', 'devtools']);
    const req = f!.steps[2]!;
    expect(req.kind === 'token-request' && req.seen?.via).toEqual(['webrequest', 'page-script']);
    const answer = f!.steps[3]!;
    expect(answer.kind === 'token-response' && answer.seen?.via).toEqual(['page-script']);
  });

  it('pairs a response reported later with its request by request id (Firefox filter, debugger)', () => {
    const s = session();
    s.authorize('r1');
    s.callback({ code: 'rc', state: 'r1' });
    const out = s.redeem({ code: 'rc' });
    expect(out.result!.flow.status).toBe('redeeming');
    const id = out.result!.flow.steps.at(-1)!.kind === 'token-request' ? 'wr:3' : '';
    const f = attachResponse(s.flows(), id, ok(tokens(), Date.now()));
    expect(f?.status).toBe('complete');
    expect(attachResponse(s.flows(), id, ok(tokens(), Date.now()))).toBeUndefined();
  });

  it('pairs a later response with a request another source reported first (webRequest, then the debugger)', () => {
    const s = session();
    s.authorize('d1');
    s.callback({ code: 'dc', state: 'd1' });
    s.redeem({ code: 'dc', code_verifier: VERIFIER });
    // The debugger's report of the same call merges into the webRequest step, under its own id.
    s.feed(
      { kind: 'token-request', endpoint: `${ISS}/token`, grantType: 'authorization_code', params: { grant_type: 'authorization_code', client_id: 'grantscope-spa', redirect_uri: `${SPA}/callback.html`, code: 'dc', code_verifier: VERIFIER }, format: 'form' },
      { id: 'dbg:1:7.1', url: `${ISS}/token`, method: 'POST', frame: 'fetch', via: 'debugger' },
    );
    expect(kinds(s.flows()[0]!)).toEqual(['authorization-request', 'callback', 'token-request']);
    const f = attachResponse(s.flows(), 'dbg:1:7.1', ok(tokens(), Date.now()));
    expect(f?.status).toBe('complete');
    expect(kinds(f!)).toEqual(['authorization-request', 'callback', 'token-request', 'token-response']);
    const answer = f!.steps.at(-1)!;
    // Only the debugger read the answer: network events in Chrome see no response bodies.
    expect(answer.kind === 'token-response' && answer.seen?.via).toEqual(['debugger']);
    expect(attachResponse(s.flows(), 'dbg:1:7.1', ok(tokens(), Date.now()))).toBeUndefined();
  });

  it('keeps two debugger requests to one URL apart, and a redirect hop of one together', () => {
    const s = session();
    const disco = { kind: 'provider-call', call: 'discovery', endpoint: `${ISS}/.well-known/openid-configuration`, params: {} } as const;
    const url = `${ISS}/.well-known/openid-configuration`;
    s.authorize('d2');
    s.feed(disco, { id: 'dbg:1:8.1', url, frame: 'fetch', via: 'debugger' });
    s.feed(disco, { id: 'dbg:1:8.2', url, frame: 'fetch', via: 'debugger' });
    s.feed(disco, { id: 'dbg:1:8.2#2', url, frame: 'fetch', via: 'debugger' });
    expect(kinds(s.flows()[0]!)).toEqual(['authorization-request', 'exchange:Discovery', 'exchange:Discovery']);
  });

  it('finds the flow by code_verifier when the code itself was never seen', () => {
    const s = session();
    s.authorize('v1');
    s.redeem({ code: 'unseen', code_verifier: VERIFIER }, { body: tokens() });
    expect(s.flows()).toHaveLength(1);
  });

  it('appends refreshes to the flow that received the refresh token; an unknown one starts a flow', () => {
    const s = session();
    s.authorize('t1');
    s.callback({ code: 'tc', state: 't1' });
    s.redeem({ code: 'tc' }, { body: tokens('rt-A'), via: 'page-script' });
    s.feed({ kind: 'token-request', endpoint: `${ISS}/token`, grantType: 'refresh_token', params: { grant_type: 'refresh_token', refresh_token: 'rt-A', client_id: 'grantscope-spa' }, format: 'form' }, { url: `${ISS}/token`, method: 'POST', frame: 'fetch', via: 'page-script', response: ok(tokens('rt-B'), 0) });
    expect(s.flows()).toHaveLength(1);
    expect(s.flows()[0]!.outcome?.title).toBe('Tokens refreshed');
    s.feed({ kind: 'token-request', endpoint: `${ISS}/token`, grantType: 'refresh_token', params: { grant_type: 'refresh_token', refresh_token: 'other' }, format: 'form' }, { url: `${ISS}/token`, method: 'POST', frame: 'fetch' });
    expect(s.flows()).toHaveLength(2);
    expect(s.flows()[0]!.grant).toBe('refresh_token');
  });

  it('fails the flow on an error callback or an error token answer, with the error as text', () => {
    const s = session();
    s.authorize('e1');
    s.callback({ error: 'access_denied', error_description: 'End-User aborted interaction', state: 'e1' });
    expect(s.flows()[0]!.status).toBe('failed');
    expect(s.flows()[0]!.outcome).toMatchObject({ title: 'Provider returned error: access_denied', detail: 'End-User aborted interaction' });
    s.authorize('e2');
    s.callback({ code: 'ec', state: 'e2' });
    s.redeem({ code: 'ec' }, { body: JSON.stringify({ error: 'invalid_grant', error_description: 'grant request is invalid' }), status: 400, via: 'page-script' });
    expect(s.flows()[0]!.status).toBe('failed');
    expect(s.flows()[0]!.outcome?.title).toBe('Token endpoint refused: invalid_grant');
  });

  it('keeps a broken token answer as a failed step that names the problem (fault cases 1-3)', () => {
    const s = session();
    s.authorize('h1');
    s.callback({ code: 'hc', state: 'h1' });
    s.redeem({ code: 'hc' }, { body: '<html><body>502 Bad Gateway</body></html>', status: 502, via: 'page-script' });
    const [f] = s.flows();
    expect(f!.status).toBe('failed');
    expect(f!.outcome?.title).toBe('The token endpoint answer is not usable');
    expect(f!.outcome?.detail).toMatch(/502/);
    // Everything captured before the broken answer is still there.
    expect(kinds(f!)).toEqual(['authorization-request', 'callback', 'token-request', 'token-response']);
    s.authorize('h2');
    s.callback({ code: 'hc2', state: 'h2' });
    s.redeem({ code: 'hc2' }, { body: '{"', via: 'page-script' });
    expect(s.flows()[0]!.status).toBe('failed');
  });

  it('joins a PAR push, its request_uri and the callback matched by the pushed state (RFC 9126)', () => {
    const s = session();
    const pushed = { client_id: 'grantscope-spa', response_type: 'code', state: 'par1', redirect_uri: `${SPA}/callback.html`, code_challenge: CHALLENGE, code_challenge_method: 'S256' };
    s.feed({ kind: 'provider-call', call: 'par', endpoint: `${ISS}/request`, params: pushed }, { url: `${ISS}/request`, method: 'POST', frame: 'fetch', via: 'page-script', response: { ...ok('{"request_uri":"urn:ietf:params:oauth:request_uri:abc","expires_in":60}', 0), status: 201 } });
    s.feed({ kind: 'authorization-request', endpoint: `${ISS}/auth`, params: { client_id: 'grantscope-spa', request_uri: 'urn:ietf:params:oauth:request_uri:abc' }, duplicates: [] }, { url: `${ISS}/auth?client_id=grantscope-spa&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc` });
    s.callback({ code: 'parc', state: 'par1' });
    expect(s.flows()).toHaveLength(1);
    expect(kinds(s.flows()[0]!)).toEqual(['exchange:Pushed authorization request', 'authorization-request', 'callback']);
    expect(s.flows()[0]!.findings).toEqual([]);
  });

  it('flags what the app sent: no PKCE, no state (RFC 9700 2.1.1)', () => {
    const s = session();
    s.feed({ kind: 'authorization-request', endpoint: `${ISS}/auth`, params: { client_id: 'c', response_type: 'code', redirect_uri: `${SPA}/cb` }, duplicates: [] }, { url: `${ISS}/auth?client_id=c&response_type=code` });
    expect(s.flows()[0]!.findings.map((f) => f.id)).toEqual(['pkce.missing', 'csrf.protection']);
  });

  it('starts flows for grants without a front channel, naming unknown grant types', () => {
    const s = session();
    s.feed({ kind: 'token-request', endpoint: `${ISS}/token`, grantType: 'client_credentials', params: { grant_type: 'client_credentials' }, format: 'form' }, { url: `${ISS}/token`, method: 'POST', frame: 'fetch' });
    s.feed({ kind: 'token-request', endpoint: `${ISS}/token`, grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer', params: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer' }, format: 'form' }, { url: `${ISS}/token`, method: 'POST', frame: 'fetch' });
    expect(s.flows().map((f) => [f.grant, f.capture?.grantType])).toEqual([
      ['other', 'urn:ietf:params:oauth:grant-type:jwt-bearer'],
      ['client_credentials', undefined],
    ]);
  });

  it('leaves a call from an unrelated tab out of another app\'s flow of the same provider', () => {
    const s = session();
    s.authorize('x1', 3, { client_id: 'grantscope-webapp' });
    s.feed({ kind: 'provider-call', call: 'discovery', endpoint: `${ISS}/.well-known/openid-configuration`, params: {} }, { url: `${ISS}/.well-known/openid-configuration`, frame: 'fetch', tabId: 5 });
    expect(kinds(s.flows()[0]!)).toEqual(['authorization-request']);
    expect(s.loose()).toHaveLength(1);
  });

  it('keeps a tab opened from the app\'s tab to its own login: its discovery call waits for its own flow', () => {
    const s = session();
    s.authorize('A', 1);
    s.feed({ kind: 'provider-call', call: 'discovery', endpoint: `${ISS}/.well-known/openid-configuration`, params: {} }, { url: `${ISS}/.well-known/openid-configuration`, frame: 'fetch', tabId: 2 }, [2, 1]);
    expect(kinds(s.flows()[0]!)).toEqual(['authorization-request']);
    const b = s.feed({ kind: 'authorization-request', endpoint: `${ISS}/auth`, params: { client_id: 'grantscope-spa', response_type: 'code', state: 'B' }, duplicates: [] }, { url: `${ISS}/auth?state=B`, tabId: 2 }, [2, 1]);
    expect(kinds(b.result!.flow)).toEqual(['exchange:Discovery', 'authorization-request']);
  });

  it('attaches userinfo after the login to the flow of the same provider', () => {
    const s = session();
    s.authorize('u1');
    s.feed({ kind: 'provider-call', call: 'userinfo', endpoint: `${ISS}/me`, params: {} }, { url: `${ISS}/me`, frame: 'fetch' });
    expect(kinds(s.flows()[0]!)).toEqual(['authorization-request', 'exchange:Userinfo']);
  });
});

describe('verifierMatches (RFC 7636 4.6)', () => {
  it.each([
    [VERIFIER, CHALLENGE, 'S256', true],
    [VERIFIER, CHALLENGE, undefined, false],
    [VERIFIER, VERIFIER, 'plain', true],
    [VERIFIER, VERIFIER, undefined, true],
    ['wrong', CHALLENGE, 'S256', false],
    [VERIFIER, CHALLENGE, 'S512', false],
  ])('%s / %s / %s -> %s', (v, c, m, want) => expect(verifierMatches(v, c, m)).toBe(want));
});
