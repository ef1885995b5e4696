/**
 * A security review of the trust model (issue 9): each test is one thing a hostile page tries, as
 * the recorder would see it. Recording is on for every site, so the "page" here is any site in any
 * tab, or a third-party script in the app's own tab. A test that passes is an attack that held.
 */
import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow';
import { correlate, type LooseCall } from './correlate';
import { discoveryEndpoints } from './recognise-provider';
import { recognise } from './recognise';
import { actionTarget, fetchableUrl, flowOrigins, issuerCandidates, issuerForDiscoveryUrl, issuerRefusal, readDiscovery } from './trust';
import type { ObservedRequest, ObservedResponse, Recognised } from './types';

const IDP = 'https://idp.example';
const APP = 'https://app.example';
const EVIL = 'https://evil.example';
const ok = (bodyText: string): ObservedResponse => ({ at: 0, status: 200, headers: { 'content-type': 'application/json' }, bodyText });

function session() {
  let flows: Flow[] = [];
  let loose: LooseCall[] = [];
  let n = 0;
  let t = 1_800_000_000_000;
  const feed = (rec: Recognised, o: Partial<ObservedRequest> & { url: string }, related?: number[]) => {
    t += 500;
    const obs: ObservedRequest = { id: `wr:${++n}`, at: t, tabId: 1, frame: 'main', method: 'GET', via: 'webrequest', ...o };
    const out = correlate({ flows, loose, obs, rec, ctx: { site: APP, related: related ?? [obs.tabId] }, newId: () => `f${flows.length + 1}` });
    loose = out.loose;
    if (out.result) flows = [out.result.flow, ...flows.filter((f) => f.id !== out.result!.flow.id)];
    return out;
  };
  const token = (endpoint: string, params: Record<string, string>, tabId: number, body?: string) =>
    feed(
      { kind: 'token-request', endpoint, grantType: params.grant_type!, params, format: 'form' },
      { url: endpoint, method: 'POST', frame: 'fetch', tabId, ...(body ? { response: ok(body) } : {}) },
    );
  return { feed, token, flows: () => flows };
}

const hosts = (f: Flow) => f.steps.flatMap((s) => ('url' in s ? [new URL(s.url).host] : s.kind === 'exchange' ? [new URL(s.request.url).host] : []));
const flowOf = (s: ReturnType<typeof session>, id: string) => s.flows().find((f) => f.id === id)!;

describe('trust model under attack: steps a page injects into the person\'s flow', () => {
  it('a device-code poll from another tab with a one-letter device_code does not join the device flow', () => {
    const s = session();
    s.feed(
      { kind: 'provider-call', call: 'device-authorization', endpoint: `${IDP}/device`, params: { client_id: 'tv' } },
      { url: `${IDP}/device`, method: 'POST', frame: 'fetch', response: ok(JSON.stringify({ device_code: 'GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS', user_code: 'WDJB-MJHT', verification_uri: `${IDP}/device` })) },
    );
    const real = { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: 'GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS', client_id: 'tv' };
    s.token(`${IDP}/token`, real, 1, JSON.stringify({ access_token: 'at', token_type: 'Bearer', refresh_token: 'app-rt' }));
    const id = s.flows()[0]!.id;
    // Another site, another tab: "G" is a substring of every device answer's body.
    s.token(`${EVIL}/token`, { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: 'G' }, 9);
    const f = flowOf(s, id);
    expect(hosts(f)).not.toContain('evil.example');
    expect(flowOrigins(f)).toEqual([IDP]);
    expect(actionTarget(f, 'refresh')).toEqual({ url: `${IDP}/token`, why: 'app-called' });
  });

  it('an authorization request from another tab with a short request_uri does not join a PAR flow', () => {
    const s = session();
    s.feed(
      { kind: 'provider-call', call: 'par', endpoint: `${IDP}/par`, params: { client_id: 'app', response_type: 'code', state: 'st', redirect_uri: `${APP}/cb` } },
      { url: `${IDP}/par`, method: 'POST', frame: 'fetch', response: { ...ok('{"request_uri":"urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c","expires_in":60}'), status: 201 } },
    );
    const id = s.flows()[0]!.id;
    s.feed({ kind: 'authorization-request', endpoint: `${EVIL}/authorize`, params: { client_id: 'app', request_uri: 'urn' }, duplicates: [] }, { url: `${EVIL}/authorize?client_id=app&request_uri=urn`, tabId: 9 });
    const f = flowOf(s, id);
    expect(hosts(f)).not.toContain('evil.example');
    expect(issuerRefusal(f, EVIL)).toMatch(/not a host this flow/);
  });

  it('a code redemption with no client_id, code or verifier, from the app\'s tab, does not join an observed flow', () => {
    const s = session();
    // A confidential client: its server redeems the code, so the browser records no token request.
    const params = { client_id: 'app', response_type: 'code', redirect_uri: `${APP}/cb`, state: 'st-123456' };
    s.feed({ kind: 'authorization-request', endpoint: `${IDP}/authorize`, params, duplicates: [] }, { url: `${IDP}/authorize?${new URLSearchParams(params)}` });
    s.feed({ kind: 'callback', redirectUri: `${APP}/cb`, params: { code: 'real-code', state: 'st-123456' }, source: 'query', duplicates: [] }, { url: `${APP}/cb?code=real-code&state=st-123456` });
    const id = s.flows()[0]!.id;
    expect(flowOf(s, id).status).toBe('observed');
    // A third-party script in the same tab (or the next site the person opens in it).
    s.token(`${EVIL}/token`, { grant_type: 'authorization_code', code: 'x' }, 1);
    const f = flowOf(s, id);
    expect(hosts(f)).not.toContain('evil.example');
    expect(issuerRefusal(f, EVIL)).toMatch(/not a host this flow/);
    expect(actionTarget(f, 'refresh')).not.toMatchObject({ url: `${EVIL}/token` });
  });

  it('a code redemption with the right public client_id but another code does not join a flow that received its code', () => {
    const s = session();
    const params = { client_id: 'app', response_type: 'code', redirect_uri: `${APP}/cb`, state: 'st-123456' };
    s.feed({ kind: 'authorization-request', endpoint: `${IDP}/authorize`, params, duplicates: [] }, { url: `${IDP}/authorize?${new URLSearchParams(params)}` });
    s.feed({ kind: 'callback', redirectUri: `${APP}/cb`, params: { code: 'real-code', state: 'st-123456' }, source: 'query', duplicates: [] }, { url: `${APP}/cb?code=real-code&state=st-123456` });
    const id = s.flows()[0]!.id;
    s.token(`${EVIL}/token`, { grant_type: 'authorization_code', code: 'x', client_id: 'app', redirect_uri: `${APP}/cb` }, 1);
    expect(hosts(flowOf(s, id))).not.toContain('evil.example');
  });

  it('a userinfo call to a host whose origin is a prefix of the provider\'s does not join the flow', () => {
    const s = session();
    const params = { client_id: 'app', response_type: 'token', redirect_uri: `${APP}/cb`, state: 'st-123456' };
    s.feed({ kind: 'authorization-request', endpoint: 'https://login.example.com/authorize', params, duplicates: [] }, { url: `https://login.example.com/authorize?${new URLSearchParams(params)}` });
    const id = s.flows()[0]!.id;
    // https://login.example.co is not https://login.example.com, but "https://login.example.com/authorize" starts with it.
    s.feed({ kind: 'provider-call', call: 'userinfo', endpoint: 'https://login.example.co/userinfo', params: {} }, { url: 'https://login.example.co/userinfo', frame: 'fetch' });
    const f = flowOf(s, id);
    expect(hosts(f)).not.toContain('login.example.co');
    expect(actionTarget(f, 'userinfo')).not.toMatchObject({ url: 'https://login.example.co/userinfo' });
  });
});

describe('trust model under attack: what the worker would fetch', () => {
  it.each([
    ['http://127.0.0.1.evil.example/x', false],
    ['http://localhost.evil.example/x', false],
    ['http://localhost./x', false],
    ['http://[::ffff:127.0.0.1]/x', false],
    ['https://user@idp.example/x', false],
    ['https://idp.example%2F@evil.example/x', false],
    ['https://idp.example/x#frag', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['ftp://idp.example/', false],
    ['http://0x7f.1/x', true], // it is 127.0.0.1: loopback, allowed by rule 6
    ['http://127.1/x', true],
    ['https://192.168.1.1/x', true], // https on a private address: rule 6 allows it (noted in the report)
  ])('fetchableUrl(%s) is %s', (url, allowed) => {
    expect(fetchableUrl(url).ok).toBe(allowed);
  });

  it.each([
    ['https://idp.example/../evil.example/.well-known/openid-configuration'],
    ['https://evil.example/.well-known/openid-configuration?x'],
    ['https://idp.example/.well-known/openid-configuration#x'],
    ['https://u@idp.example/.well-known/openid-configuration'],
  ])('issuerForDiscoveryUrl(%s) is refused or stays on its own host', (url) => {
    const iss = issuerForDiscoveryUrl(url);
    if (iss) expect(new URL(iss).host).toBe(new URL(url).host);
    else expect(iss).toBeUndefined();
  });

  it('an issuer with path tricks, user info, or a near-miss host is refused for a flow on idp.example', () => {
    const s = session();
    const params = { client_id: 'app', response_type: 'code', redirect_uri: `${APP}/cb`, state: 'st-123456' };
    s.feed({ kind: 'authorization-request', endpoint: `${IDP}/authorize`, params, duplicates: [] }, { url: `${IDP}/authorize?${new URLSearchParams(params)}` });
    const f = s.flows()[0]!;
    for (const bad of ['https://idp.example.evil.example', 'https://idp.example.', 'https://evil.example@idp.example', 'https://idp.example:8443', 'http://idp.example', 'https://xn--idp-example-evil.example', 'https://idp.exampl']) {
      expect(issuerRefusal(f, bad), bad).toBeDefined();
    }
    // A path on the flow's own host is the flow's host: the URL parser resolves "..", so the fetch stays there.
    expect(issuerRefusal(f, 'https://idp.example/../evil')).toBeUndefined();
    expect(issuerRefusal(f, 'https://IDP.example')).toBeUndefined();
  });
});

describe('trust model under attack: documents a page makes the worker learn', () => {
  const flowOnIdp = () => {
    const s = session();
    const params = { client_id: 'app', response_type: 'code', redirect_uri: `${APP}/cb`, state: 'st-123456' };
    s.feed({ kind: 'authorization-request', endpoint: `${IDP}/authorize`, params, duplicates: [] }, { url: `${IDP}/authorize?${new URLSearchParams(params)}` });
    return s.flows()[0]!;
  };

  it('documents on the page\'s own hosts naming the flow\'s endpoints do not crowd the flow\'s own issuer out of the candidates', () => {
    const f = flowOnIdp();
    // Four valid documents (rule 1 holds: each is its own issuer's), each naming the real authorization endpoint.
    const planted = ['a', 'b', 'c', 'd'].map((t) => {
      const iss = `${EVIL}/${t}`;
      const d = readDiscovery(`${iss}/.well-known/openid-configuration`, JSON.stringify({ issuer: iss, authorization_endpoint: `${IDP}/authorize`, token_endpoint: `${IDP}/token` }));
      if (!d.ok) throw new Error(d.error.message);
      return d.value;
    });
    const c = issuerCandidates(f, planted);
    expect(c).toContain(IDP);
    expect(issuerRefusal(f, c[0]!)).toBeUndefined();
  });

  // Was broken: a page serves a valid document for its own origin whose token_endpoint is another
  // site's login form, and the person's POSTs to that form were recorded as token requests, username
  // and password included. Fixed in recognise.ts: a POST to a learned endpoint whose body was read
  // must carry the parameter its role requires (grant_type for a token endpoint, and so on).
  it('a page\'s own valid document cannot make the recorder record another site\'s login POST', () => {
    const d = readDiscovery(`${EVIL}/.well-known/openid-configuration`, JSON.stringify({ issuer: EVIL, authorization_endpoint: `${EVIL}/authorize`, token_endpoint: 'https://bank.example/login' }));
    expect(d.ok).toBe(true);
    const known = d.ok ? d.value.endpoints : discoveryEndpoints({});
    const login: ObservedRequest = { id: 'wr:1', at: 0, tabId: 3, frame: 'main', method: 'POST', via: 'webrequest', url: 'https://bank.example/login', form: { username: ['alice'], password: ['hunter2'] } };
    expect(recognise(login)).toBeNull(); // without the planted document the login is not OAuth
    const rec = recognise(login, known);
    expect(rec).toBeNull();
    // The same URL still records what really is a token request or a userinfo call.
    expect(recognise({ ...login, form: { grant_type: ['authorization_code'], code: ['c'] } }, known)?.kind).toBe('token-request');
    const ui = { ...known, 'https://bank.example/profile': 'userinfo' as const };
    expect(recognise({ ...login, url: 'https://bank.example/profile', form: { username: ['alice'], password: ['hunter2'] } }, ui)).toBeNull();
    expect(recognise({ ...login, url: 'https://bank.example/profile', method: 'GET', form: undefined }, ui)?.kind).toBe('provider-call');
  });
});

describe('trust model under attack: residual, left for the team', () => {
  // BROKE, not fixed here: a flow that sent no state (already flagged state-omitted, RFC 9700 2.1.1)
  // takes the first callback to its redirect_uri from a related tab. A script in the app's tab (an
  // iframe to the app's own callback URL) delivers a code of its choosing before the provider's
  // answer arrives, then "redeems" that code at its own host: the redemption joins by code, so the
  // page's host becomes one the flow used (rule 2a) and its token endpoint one "the app called"
  // (rule 5b). Matching by state is the fix for apps that send it; for stateless flows the callback
  // match could also require the callback to follow a navigation from the provider's origin
  // (Referer/initiator), which match.ts does not see today.
  it.fails('a stateless flow does not take a page\'s own callback and then its redemption at the page\'s host', () => {
    const s = session();
    const params = { client_id: 'app', response_type: 'code', redirect_uri: `${APP}/cb` };
    s.feed({ kind: 'authorization-request', endpoint: `${IDP}/authorize`, params, duplicates: [] }, { url: `${IDP}/authorize?${new URLSearchParams(params)}` });
    const id = s.flows()[0]!.id;
    s.feed({ kind: 'callback', redirectUri: `${APP}/cb`, params: { code: 'chosen', iss: EVIL }, source: 'query', duplicates: [] }, { url: `${APP}/cb?code=chosen`, frame: 'sub' });
    s.token(`${EVIL}/token`, { grant_type: 'authorization_code', code: 'chosen' }, 1);
    expect(issuerRefusal(flowOf(s, id), EVIL)).toBeDefined();
  });
});
