/**
 * The trust model wired into the worker (src/core/capture/trust.ts): discovery the worker fetches
 * itself, issuer confirmation, ID token verification of recorded flows, and what stays untouched
 * when a page plants documents. fetch is a table of URLs; browser.storage is in memory.
 */
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { correlate, type LooseCall } from '../core/capture/correlate';
import type { ObservedRequest, Recognised } from '../core/capture/types';
import type { Flow } from '../core/flow';

// browser.storage as the in-memory KV every background test uses (kv.ts has no browser import).
const fake = await vi.hoisted(async () => {
  const { memoryKV } = await import('./kv');
  return { session: memoryKV(), local: memoryKV() };
});
vi.mock('../shared/browser', () => ({ default: { storage: { session: fake.session, local: fake.local } } }));

const { FlowStore } = await import('./flow-store');
const { memoryKV } = await import('./kv');
const { clearKnownEndpoints, knownEndpoints, learnDiscovery } = await import('./known-endpoints');
const { confirmFlowIssuer } = await import('./issuer-trust');
const { checkCapturedIdTokens } = await import('./capture-id-token');

const ISS = 'https://idp.example';
const APP = 'https://app.example';
const EVIL = 'https://evil.example';
const WELL_KNOWN = '/.well-known/openid-configuration';

/** URL -> answer; anything else is a network failure. Every URL asked for is logged. */
let served: Record<string, { status?: number; body: string } | 'hang'>;
let asked: string[];

function stubFetch() {
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    asked.push(url);
    const a = served[url];
    if (a === 'hang') {
      return new Promise<Response>((_, reject) => init.signal?.addEventListener('abort', () => reject(Object.assign(new Error('timed out'), { name: 'TimeoutError' }))));
    }
    if (!a) throw new TypeError('Failed to fetch');
    return new Response(a.body, { status: a.status ?? 200, headers: { 'content-type': 'application/json' } });
  });
}

const doc = (issuer: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, userinfo_endpoint: `${issuer}/me`, jwks_uri: `${issuer}/jwks`, ...extra });

let idpKeys: { privateKey: CryptoKey; jwks: string };
let evilKeys: { privateKey: CryptoKey; jwks: string };
const keys = async (kid: string) => {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateKey, jwks: JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] }) };
};
const idToken = (k: CryptoKey, kid: string, iss: string) =>
  new SignJWT({ nonce: 'n1' }).setProtectedHeader({ alg: 'ES256', kid }).setIssuer(iss).setAudience('c').setSubject('u1').setIssuedAt().setExpirationTime('5m').sign(k);

/** A recorded code flow at ISS, stored, with the token answer carrying `id`. */
async function storedFlow(id?: string) {
  const store = new FlowStore(memoryKV(), 10);
  let flows: Flow[] = [];
  let loose: LooseCall[] = [];
  let n = 0;
  const feed = (rec: Recognised, obs: Partial<ObservedRequest> & { url: string }) => {
    const full: ObservedRequest = { id: `wr:${++n}`, at: Date.now() + n, tabId: 1, frame: 'main', method: 'GET', via: 'webrequest', ...obs };
    const out = correlate({ flows, loose, obs: full, rec, ctx: { site: APP, related: [1] }, newId: () => 'cap-1' });
    loose = out.loose;
    if (out.result) flows = [out.result.flow];
  };
  const params = { client_id: 'c', response_type: 'code', redirect_uri: `${APP}/cb`, state: 's1', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256', nonce: 'n1' };
  feed({ kind: 'authorization-request', endpoint: `${ISS}/authorize`, params, duplicates: [] }, { url: `${ISS}/authorize?${new URLSearchParams(params)}` });
  feed({ kind: 'callback', redirectUri: `${APP}/cb`, params: { code: 'k', state: 's1' }, source: 'query', duplicates: [] }, { url: `${APP}/cb?code=k&state=s1` });
  const body = JSON.stringify({ access_token: 'at-1', token_type: 'Bearer', ...(id ? { id_token: id } : {}) });
  const tp = { grant_type: 'authorization_code', code: 'k', redirect_uri: `${APP}/cb`, client_id: 'c', code_verifier: 'v'.repeat(43) };
  feed({ kind: 'token-request', endpoint: `${ISS}/token`, grantType: 'authorization_code', params: tp, format: 'form' }, { url: `${ISS}/token`, method: 'POST', frame: 'fetch', response: { at: Date.now() + 99, status: 200, headers: {}, bodyText: body } });
  await store.put(flows[0]!);
  return { store, id: flows[0]!.id };
}

const verificationOf = (f: Flow | undefined) => {
  const s = f?.steps.find((x) => x.kind === 'token-response');
  return s?.kind === 'token-response' ? { v: s.verification, iss: s.findings?.find((x) => x.id === 'idtoken.iss') } : undefined;
};

beforeAll(async () => {
  idpKeys = await keys('idp-1');
  evilKeys = await keys('evil-1');
});

beforeEach(async () => {
  asked = [];
  served = {};
  stubFetch();
  await clearKnownEndpoints();
});
afterEach(() => vi.unstubAllGlobals());

describe('discovery the worker reads (rule 1)', () => {
  it('learns the endpoints of a document whose issuer is its URL', async () => {
    served[`${ISS}${WELL_KNOWN}`] = { body: doc(ISS) };
    const r = await learnDiscovery(`${ISS}${WELL_KNOWN}`);
    expect(r).toMatchObject({ fresh: true, result: { ok: true, value: { issuer: ISS } } });
    expect(knownEndpoints()).toMatchObject({ [`${ISS}/me`]: 'userinfo' });
  });

  it('a document whose issuer is not its URL is unused: nothing learned', async () => {
    served[`${EVIL}${WELL_KNOWN}`] = { body: doc('https://accounts.google.com', { userinfo_endpoint: `${EVIL}/steal` }) };
    const r = await learnDiscovery(`${EVIL}${WELL_KNOWN}`);
    expect(r.result.ok ? '' : r.result.error.message).toMatch(/^discovery at https:\/\/evil\.example\/\.well-known\/openid-configuration names issuer https:\/\/accounts\.google\.com/);
    expect(knownEndpoints()).toEqual({});
  });

  it('a URL that is no issuer\'s discovery URL is never fetched (no blind requests)', async () => {
    expect((await learnDiscovery(`${EVIL}${WELL_KNOWN}?target=internal`)).result.ok).toBe(false);
    expect((await learnDiscovery(`http://192.168.1.1${WELL_KNOWN}`)).result.ok).toBe(false);
    expect(asked).toEqual([]);
  });

  it('an answer over the cap is not read', async () => {
    served[`${ISS}${WELL_KNOWN}`] = { body: doc(ISS, { pad: 'x'.repeat(600 * 1024) }) };
    const r = await learnDiscovery(`${ISS}${WELL_KNOWN}`);
    expect(r.result.ok ? '' : r.result.error.message).toMatch(/larger than 512 KB/);
    expect(knownEndpoints()).toEqual({});
  });

  it('learned endpoints are capped by size, oldest out first', async () => {
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`x${i}_endpoint`, `${ISS}/${'p'.repeat(1800)}${i}`]));
    served[`${ISS}${WELL_KNOWN}`] = { body: doc(ISS, many) };
    await learnDiscovery(`${ISS}${WELL_KNOWN}`);
    const size = Object.entries(knownEndpoints()).reduce((n, [k, v]) => n + k.length + v.length, 0);
    expect(size).toBeLessThanOrEqual(64 * 1024);
  });

  it('a fetch that fails is not retried at once (cached)', async () => {
    expect((await learnDiscovery(`${ISS}${WELL_KNOWN}`)).fresh).toBe(true);
    expect((await learnDiscovery(`${ISS}${WELL_KNOWN}`)).fresh).toBe(false);
    expect(asked).toEqual([`${ISS}${WELL_KNOWN}`]);
  });
});

describe('recorded flows (rules 2-4)', () => {
  it('a flow on the issuer\'s host is confirmed from the document the worker fetched', async () => {
    served[`${ISS}${WELL_KNOWN}`] = { body: doc(ISS) };
    const { store, id } = await storedFlow();
    const f = await confirmFlowIssuer(store, id);
    expect(f?.capture).toMatchObject({ issuerGuessed: false, issuerConfirmed: { issuer: ISS, metadata: { userinfo_endpoint: `${ISS}/me` } } });
  });

  it('an attacker\'s documents for its own origin and for another issuer change no flow', async () => {
    served[`${EVIL}${WELL_KNOWN}`] = { body: doc(EVIL, { userinfo_endpoint: `${EVIL}/steal`, jwks_uri: `${EVIL}/keys` }) };
    served[`${EVIL}/google${WELL_KNOWN}`] = { body: doc('https://accounts.google.com') };
    const { store, id } = await storedFlow();
    const before = await store.get(id);
    await learnDiscovery(`${EVIL}${WELL_KNOWN}`);
    await learnDiscovery(`${EVIL}/google${WELL_KNOWN}`);
    const after = await confirmFlowIssuer(store, id);
    expect(after?.capture?.issuerConfirmed).toBeUndefined();
    expect(after?.metadata).toEqual(before?.metadata);
    expect(after?.profile.issuer).toBe(ISS);
    expect(asked.filter((u) => u.startsWith(EVIL))).toEqual([`${EVIL}${WELL_KNOWN}`, `${EVIL}/google${WELL_KNOWN}`]);
  });

  it('an unconfirmed issuer never verifies: "could not verify", iss not compared, no keys fetched', async () => {
    const { store, id } = await storedFlow(await idToken(idpKeys.privateKey, 'idp-1', ISS));
    await checkCapturedIdTokens(store, id);
    const r = verificationOf(await store.get(id));
    expect(r?.v).toMatchObject({ status: 'keys-unreachable', message: expect.stringMatching(/^Could not verify: issuer not confirmed \(/) });
    expect(r?.iss?.status).toBe('n/a');
    expect(asked.some((u) => u.includes('jwks'))).toBe(false);
  });

  it('a confirmed issuer verifies with the keys its own document names', async () => {
    served[`${ISS}${WELL_KNOWN}`] = { body: doc(ISS) };
    served[`${ISS}/jwks`] = { body: idpKeys.jwks };
    const { store, id } = await storedFlow(await idToken(idpKeys.privateKey, 'idp-1', ISS));
    await checkCapturedIdTokens(store, id);
    const r = verificationOf(await store.get(id));
    expect(r?.v?.status).toBe('verified');
    expect(r?.iss?.status).toBe('pass');
  });

  it('a forged token naming another issuer fails iss and is checked against the flow issuer\'s keys', async () => {
    served[`${ISS}${WELL_KNOWN}`] = { body: doc(ISS, { jwks_uri: `${ISS}/jwks2` }) };
    served[`${ISS}/jwks2`] = { body: idpKeys.jwks };
    served[`${EVIL}${WELL_KNOWN}`] = { body: doc(EVIL) };
    served[`${EVIL}/jwks`] = { body: evilKeys.jwks };
    const { store, id } = await storedFlow(await idToken(evilKeys.privateKey, 'idp-1', EVIL));
    await learnDiscovery(`${EVIL}${WELL_KNOWN}`);
    await checkCapturedIdTokens(store, id);
    const r = verificationOf(await store.get(id));
    expect(r?.v?.status).toBe('bad-signature');
    expect(r?.v?.keySource).toBe(`${ISS}/jwks2`);
    expect(r?.iss?.status).toBe('fail');
    expect(asked).not.toContain(`${EVIL}/jwks`);
  });

  it('a token checked before its issuer was confirmed is checked again once it is', async () => {
    const { store, id } = await storedFlow(await idToken(idpKeys.privateKey, 'idp-1', ISS));
    await checkCapturedIdTokens(store, id);
    expect(verificationOf(await store.get(id))?.v?.status).toBe('keys-unreachable');
    served[`${ISS}${WELL_KNOWN}`] = { body: doc(ISS, { jwks_uri: `${ISS}/jwks3` }) };
    served[`${ISS}/jwks3`] = { body: idpKeys.jwks };
    await clearKnownEndpoints(); // the failed fetch would otherwise be remembered for a minute
    await checkCapturedIdTokens(store, id);
    expect(verificationOf(await store.get(id))?.v?.status).toBe('verified');
  });
});

describe('fetches off the recorder queue', () => {
  it('discovery URLs that never answer hold up neither other discovery nor a flow\'s confirmation', async () => {
    const hanging = Array.from({ length: 12 }, (_, i) => `${EVIL}/t${i}${WELL_KNOWN}`);
    for (const u of hanging) served[u] = 'hang';
    served[`${ISS}${WELL_KNOWN}`] = { body: doc(ISS) };
    const stuck = hanging.map((u) => learnDiscovery(u));
    // The page lane is full (two in flight, eight waiting): the rest give up at once, named.
    const late = await Promise.race([Promise.all(stuck.slice(10)), new Promise<'still waiting'>((r) => setTimeout(() => r('still waiting'), 200))]);
    expect(late === 'still waiting' ? late : late.map((x) => (x.result.ok ? 'ok' : x.result.error.code))).toEqual(['busy', 'busy']);
    const { store, id } = await storedFlow();
    expect((await confirmFlowIssuer(store, id))?.capture?.issuerConfirmed?.issuer).toBe(ISS);
  });
});
