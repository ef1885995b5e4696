import { describe, expect, it } from 'vitest';
import { blankProfile } from '../profile';
import type { Flow } from '../flow';
import { correlate, type LooseCall } from './correlate';
import {
  actionTarget,
  confirmIssuer,
  fetchableUrl,
  flowOrigins,
  idTokenKeys,
  issuerCandidates,
  issuerForDiscoveryUrl,
  issuerRefusal,
  readDiscovery,
  trimMetadata,
  type DiscoveryRead,
  MAX_DOC_CHARS,
} from './trust';
import type { ObservedRequest, Recognised } from './types';

const ISS = 'https://idp.example';
const APP = 'https://app.example';
const EVIL = 'https://evil.example';

const doc = (issuer: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    userinfo_endpoint: `${issuer}/me`,
    jwks_uri: `${issuer}/jwks`,
    introspection_endpoint: `${issuer}/introspect`,
    ...extra,
  });

const read = (url: string, body: string): DiscoveryRead => {
  const r = readDiscovery(url, body);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** A recorded flow, built the way the recorder builds one (correlate), with the steps asked for. */
function recorded(o: { calls?: { url: string; call: 'userinfo' | 'introspection'; tabId?: number }[]; tokenAt?: string; iss?: string; idToken?: string } = {}): Flow {
  let flows: Flow[] = [];
  let loose: LooseCall[] = [];
  let n = 0;
  const feed = (rec: Recognised, obs: Partial<ObservedRequest> & { url: string }) => {
    const full: ObservedRequest = { id: `wr:${++n}`, at: 1_800_000_000_000 + n * 500, tabId: 1, frame: 'main', method: 'GET', via: 'webrequest', ...obs };
    const out = correlate({ flows, loose, obs: full, rec, ctx: { site: APP, related: [full.tabId] }, newId: () => `cap-${n}` });
    loose = out.loose;
    if (out.result) flows = [out.result.flow, ...flows.filter((f) => f.id !== out.result!.flow.id)];
  };
  const params = { client_id: 'c', response_type: 'code', redirect_uri: `${APP}/cb`, state: 's1', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256', nonce: 'n1' };
  feed({ kind: 'authorization-request', endpoint: `${ISS}/authorize`, params, duplicates: [] }, { url: `${ISS}/authorize?${new URLSearchParams(params)}` });
  const cb = { code: 'code-1', state: 's1', ...(o.iss ? { iss: o.iss } : {}), ...(o.idToken ? { id_token: o.idToken } : {}) };
  feed({ kind: 'callback', redirectUri: `${APP}/cb`, params: cb, source: 'query', duplicates: [] }, { url: `${APP}/cb?${new URLSearchParams(cb)}` });
  const tokenAt = o.tokenAt ?? `${ISS}/token`;
  const tp = { grant_type: 'authorization_code', code: 'code-1', redirect_uri: `${APP}/cb`, client_id: 'c', code_verifier: 'v'.repeat(43) };
  feed(
    { kind: 'token-request', endpoint: tokenAt, grantType: 'authorization_code', params: tp, format: 'form' },
    { url: tokenAt, method: 'POST', frame: 'fetch', response: { at: 1_800_000_100_000, status: 200, headers: {}, bodyText: JSON.stringify({ access_token: 'at-1', token_type: 'Bearer', refresh_token: 'rt-1' }) } },
  );
  for (const c of o.calls ?? []) feed({ kind: 'provider-call', call: c.call, endpoint: c.url, params: {} }, { url: c.url, frame: 'fetch', tabId: c.tabId ?? 1 });
  return flows[0]!;
}

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (payload: object) => `${b64({ alg: 'RS256', kid: 'k1' })}.${b64(payload)}.c2ln`;

describe('fetchableUrl (rule 6)', () => {
  it.each([
    ['https', 'https://idp.example/jwks', true],
    ['http on loopback', 'http://127.0.0.1:9400/jwks', true],
    ['http localhost', 'http://localhost:8080/.well-known/openid-configuration', true],
    ['http [::1]', 'http://[::1]:8080/jwks', true],
    ['http elsewhere', 'http://intranet.example/jwks', false],
    ['http on a LAN address', 'http://192.168.1.1/jwks', false],
    ['user name in the URL', 'https://user:pw@idp.example/jwks', false],
    ['a fragment', 'https://idp.example/jwks#x', false],
    ['another scheme', 'file:///etc/passwd', false],
    ['not a URL', 'idp.example/jwks', false],
    ['a megabyte URL', `https://idp.example/${'a'.repeat(1_000_000)}`, false],
  ])('%s', (_n, url, want) => {
    expect(fetchableUrl(url).ok).toBe(want);
  });
});

describe('issuerForDiscoveryUrl: the inverse of discoveryUrls', () => {
  it.each([
    ['OIDC, origin issuer', `${ISS}/.well-known/openid-configuration`, ISS],
    ['OIDC, path issuer', 'https://login.example/tenant/v2.0/.well-known/openid-configuration', 'https://login.example/tenant/v2.0'],
    ['RFC 8414, origin issuer', `${ISS}/.well-known/oauth-authorization-server`, ISS],
    ['RFC 8414 3.1, path issuer', 'https://example.com/.well-known/oauth-authorization-server/issuer1', 'https://example.com/issuer1'],
    ['a query is never a discovery URL of an issuer', `${ISS}/.well-known/openid-configuration?x=1`, undefined],
    ['a fragment neither', `${ISS}/.well-known/openid-configuration#x`, undefined],
    ['not a well-known path', `${ISS}/config.json`, undefined],
    ['a longer well-known name', `${ISS}/.well-known/openid-configuration-evil`, undefined],
  ])('%s', (_n, url, want) => {
    expect(issuerForDiscoveryUrl(url)).toBe(want);
  });
});

describe('readDiscovery (rule 1)', () => {
  it.each([
    ['issuer matches the OIDC URL', `${ISS}/.well-known/openid-configuration`, doc(ISS), true],
    ['issuer matches the RFC 8414 URL', `${ISS}/.well-known/oauth-authorization-server`, doc(ISS), true],
    ['a trailing slash names the same URL (OIDC Discovery 4.1)', `${ISS}/.well-known/openid-configuration`, doc(`${ISS}/`), true],
    ['another issuer: the planted Google document', `${EVIL}/.well-known/openid-configuration`, doc('https://accounts.google.com'), false],
    ['its own origin, but a path issuer at the origin URL', `${EVIL}/.well-known/openid-configuration`, doc(`${EVIL}/tenant`), false],
    ['no issuer', `${ISS}/.well-known/openid-configuration`, JSON.stringify({ token_endpoint: `${ISS}/token` }), false],
    ['not JSON', `${ISS}/.well-known/openid-configuration`, '<html>', false],
    ['an endpoint that is not a URL', `${ISS}/.well-known/openid-configuration`, doc(ISS, { token_endpoint: 42 }), false],
    ['larger than the cap', `${ISS}/.well-known/openid-configuration`, doc(ISS, { pad: 'x'.repeat(MAX_DOC_CHARS) }), false],
  ])('%s', (_n, url, body, want) => {
    expect(readDiscovery(url, body).ok).toBe(want);
  });

  it('names the URL and the issuer a mismatching document claims', () => {
    const r = readDiscovery(`${EVIL}/.well-known/openid-configuration`, doc('https://accounts.google.com'));
    expect(r.ok ? '' : r.error.message).toMatch(/^discovery at https:\/\/evil\.example\/\.well-known\/openid-configuration names issuer https:\/\/accounts\.google\.com/);
  });

  it('learns endpoints for recognition only from a document that passed', () => {
    expect(read(`${ISS}/.well-known/openid-configuration`, doc(ISS)).endpoints).toMatchObject({ [`${ISS}/me`]: 'userinfo', [`${ISS}/token`]: 'token' });
  });

  it('trims what a flow keeps: long URLs, big lists and other members go', () => {
    const m = trimMetadata({ issuer: ISS, jwks_uri: `${ISS}/jwks`, userinfo_endpoint: `${ISS}/${'a'.repeat(5000)}`, scopes_supported: Array(500).fill('openid'), op_policy_uri: `${ISS}/p`, blob: { a: 1 } }, ISS);
    expect(m).toEqual({ issuer: ISS, jwks_uri: `${ISS}/jwks`, scopes_supported: Array(64).fill('openid') });
  });
});

describe('confirming a recorded flow\'s issuer (rule 2)', () => {
  const good = () => read(`${ISS}/.well-known/openid-configuration`, doc(ISS));

  it('a new flow is a guess: nothing confirmed, ID tokens cannot verify', () => {
    const f = recorded();
    expect(f.capture?.issuerGuessed).toBe(true);
    expect(f.capture?.issuerConfirmed).toBeUndefined();
    const k = idTokenKeys(f);
    expect(k.ok).toBe(false);
    expect(k.ok ? '' : k.error.message).toMatch(/^Could not verify: issuer not confirmed \(.*guess/);
  });

  it('the origins are those the flow\'s own authorization and token requests went to', () => {
    expect(flowOrigins(recorded({ tokenAt: 'https://tokens.idp.example/oauth/token' }))).toEqual([ISS, 'https://tokens.idp.example']);
  });

  it.each([
    ['its own issuer', ISS, undefined],
    ['a path issuer on the same host', `${ISS}/tenant`, undefined],
    ['a host the flow never talked to', 'https://accounts.google.com', /accounts\.google\.com is not a host this flow/],
    ['the attacker', EVIL, /evil\.example is not a host/],
    ['not an issuer URL', `${ISS}?x=1`, /not an issuer URL/],
  ])('issuerRefusal: %s', (_n, issuer, want) => {
    const r = issuerRefusal(recorded(), issuer);
    if (want) expect(r).toMatch(want);
    else expect(r).toBeUndefined();
  });

  it('a document that passed rule 1 confirms a flow on its host, and only that flow', () => {
    const f = recorded();
    const other = recorded();
    other.steps = other.steps.map((s) => (s.kind === 'authorization-request' || s.kind === 'token-request' ? { ...s, url: s.url.replace(ISS, 'https://other-idp.example') } : s));
    expect(confirmIssuer(f, good(), 1)).toBe(true);
    expect(f.capture).toMatchObject({ issuerGuessed: false, issuerConfirmed: { issuer: ISS, discoveryUrl: `${ISS}/.well-known/openid-configuration` } });
    expect(idTokenKeys(f)).toEqual({ ok: true, value: { issuer: ISS, jwksUri: `${ISS}/jwks` } });
    expect(confirmIssuer(other, good(), 1)).toBe(false);
    expect(other.capture?.issuerConfirmed).toBeUndefined();
  });

  it('an attacker\'s document for its own origin changes no flow of another host', () => {
    const f = recorded();
    const before = structuredClone(f);
    const planted = read(`${EVIL}/.well-known/openid-configuration`, doc(EVIL, { userinfo_endpoint: `${EVIL}/steal`, jwks_uri: `${EVIL}/keys` }));
    expect(confirmIssuer(f, planted, 1)).toBe(false);
    expect(issuerCandidates(f, [planted])).not.toContain(EVIL);
    expect(f).toEqual(before);
    expect(actionTarget(f, 'userinfo')).toHaveProperty('refused');
  });

  it('the first confirmed issuer stays', () => {
    const f = recorded();
    confirmIssuer(f, good(), 1);
    const path = read(`${ISS}/tenant/.well-known/openid-configuration`, doc(`${ISS}/tenant`));
    expect(confirmIssuer(f, path, 2)).toBe(false);
    expect(f.capture?.issuerConfirmed?.issuer).toBe(ISS);
  });

  it('candidates: a fetched document naming the flow\'s endpoints first, then the callback iss, the ID token iss, the origin', () => {
    const f = recorded({ iss: `${ISS}/from-iss`, idToken: jwt({ iss: `${ISS}/from-token` }) });
    const tenant = read(`${ISS}/t1/.well-known/openid-configuration`, JSON.stringify({ issuer: `${ISS}/t1`, authorization_endpoint: `${ISS}/authorize`, token_endpoint: `${ISS}/token` }));
    expect(issuerCandidates(f, [tenant])).toEqual([`${ISS}/t1`, `${ISS}/from-iss`, `${ISS}/from-token`, ISS]);
  });
});

describe('ID token keys (rule 4)', () => {
  it('come from the confirmed document only, never from a jwks_uri the flow merely recorded', () => {
    const f = recorded();
    f.metadata = { ...f.metadata, jwks_uri: `${EVIL}/keys` }; // a planted or page-called jwks_uri
    expect(idTokenKeys(f).ok).toBe(false);
    confirmIssuer(f, read(`${ISS}/.well-known/openid-configuration`, doc(ISS)), 1);
    expect(idTokenKeys(f)).toEqual({ ok: true, value: { issuer: ISS, jwksUri: `${ISS}/jwks` } });
  });

  it('a confirmed document whose jwks_uri is plain http elsewhere is not fetched', () => {
    const f = recorded();
    confirmIssuer(f, read(`${ISS}/.well-known/openid-configuration`, doc(ISS, { jwks_uri: 'http://keys.example/jwks' })), 1);
    const k = idTokenKeys(f);
    expect(k.ok ? '' : k.error.message).toMatch(/jwks_uri is not fetched/);
  });
});

describe('actionTarget (rule 5)', () => {
  it.each([
    ['confirmed issuer\'s userinfo', { confirm: true }, 'userinfo', { url: `${ISS}/me`, why: 'issuer-discovery' }],
    ['confirmed issuer\'s introspection', { confirm: true }, 'introspect', { url: `${ISS}/introspect`, why: 'issuer-discovery' }],
    ['an endpoint the app called in this flow', { calls: [{ url: `${ISS}/userinfo`, call: 'userinfo' as const }] }, 'userinfo', { url: `${ISS}/userinfo`, why: 'app-called' }],
    ['the app\'s call with its query left off', { calls: [{ url: `${ISS}/userinfo?schema=openid`, call: 'userinfo' as const }] }, 'userinfo', { url: `${ISS}/userinfo`, why: 'app-called' }],
    ['the token endpoint the app redeemed at', {}, 'refresh', { url: `${ISS}/token`, why: 'app-called' }],
  ] as const)('sends to %s', (_n, o, action, want) => {
    const f = recorded('calls' in o ? { calls: [...o.calls] } : {});
    if ('confirm' in o) confirmIssuer(f, read(`${ISS}/.well-known/openid-configuration`, doc(ISS)), 1);
    expect(actionTarget(f, action)).toEqual(want);
  });

  it('refuses a planted userinfo endpoint, naming its host', () => {
    const f = recorded();
    f.metadata = { ...f.metadata, userinfo_endpoint: `${EVIL}/steal` };
    expect(actionTarget(f, 'userinfo')).toEqual({ refused: expect.stringMatching(/^Not sent to evil\.example: it is neither named by this flow's confirmed issuer's discovery nor a userinfo endpoint the app called/) });
  });

  it('refuses with the reason when nothing is known', () => {
    const t = actionTarget(recorded(), 'introspect');
    expect('refused' in t && t.refused).toMatch(/^Not sent: the issuer is not confirmed \(.*\), and the app called no introspection endpoint/);
  });

  it('refuses an endpoint the app called over plain http to another host', () => {
    const f = recorded();
    f.steps.push({ kind: 'exchange', label: 'Userinfo', at: 1, seen: { via: ['webrequest'], tabId: 1, frame: 'fetch', requestId: 'wr:99' }, request: { url: 'http://idp.example/userinfo', method: 'GET', headers: {}, params: {} } });
    expect(actionTarget(f, 'userinfo')).toEqual({ refused: expect.stringMatching(/not https/) });
  });

  it('Grantscope\'s own earlier exchanges do not count as the app\'s calls', () => {
    const f = recorded();
    f.steps.push({ kind: 'exchange', label: 'Userinfo', at: 1, request: { url: `${EVIL}/userinfo`, method: 'GET', headers: {}, params: {} } });
    expect(actionTarget(f, 'userinfo')).toHaveProperty('refused');
  });

  it('launched flows send where the person\'s profile and its discovery say', () => {
    const f: Flow = { ...recorded(), source: 'launched', profile: blankProfile('p'), metadata: { issuer: ISS, userinfo_endpoint: `${ISS}/me` } };
    delete f.capture;
    expect(actionTarget(f, 'userinfo')).toEqual({ url: `${ISS}/me`, why: 'profile' });
    expect(actionTarget(f, 'revoke')).toEqual({ refused: 'The provider advertises no revocation_endpoint. Set it by hand in the profile.' });
  });
});
