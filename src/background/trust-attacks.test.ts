/**
 * A security review of the recorder with the trust model (issue 9), end to end: what a hostile page
 * in the app's tab or another tab does, and what the worker then believes and fetches. Harness as in
 * recorder-trust.test.ts: browser.storage in memory, fetch a table of URLs (each call's init kept).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ObservedRequest } from '../core/capture/types';
import { actionTarget } from '../core/capture/trust';

// browser.storage as the in-memory KV every background test uses (kv.ts has no browser import).
const fake = await vi.hoisted(async () => {
  const { memoryKV } = await import('./kv');
  return { session: memoryKV(), local: memoryKV() };
});
vi.mock('../shared/browser', () => ({
  default: {
    storage: { session: fake.session, local: fake.local, onChanged: { addListener: () => undefined } },
    action: { setBadgeText: async () => undefined },
  },
}));

const { FlowStore } = await import('./flow-store');
const { memoryKV } = await import('./kv');
const { makeRecorder } = await import('./recorder');
const { clearKnownEndpoints } = await import('./known-endpoints');
type Captures = Parameters<typeof makeRecorder>[0]['captures'];

const ISS = 'https://idp.example';
const APP = 'https://app.example';
const EVIL = 'https://evil.example';
const WELL_KNOWN = '/.well-known/openid-configuration';

let served: Record<string, { body: string } | 'hang'>;
let asked: string[];
let inits: RequestInit[];

beforeEach(async () => {
  served = {};
  asked = [];
  inits = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    asked.push(url);
    inits.push(init);
    const a = served[url];
    if (a === 'hang') return new Promise<Response>((_, reject) => init.signal?.addEventListener('abort', () => reject(Object.assign(new Error('t'), { name: 'TimeoutError' }))));
    if (!a) throw new TypeError('Failed to fetch');
    return new Response(a.body, { status: 200 });
  });
  await clearKnownEndpoints();
});
afterEach(() => vi.unstubAllGlobals());

function recorder() {
  const flows = new FlowStore(memoryKV(), 50);
  let loose: unknown[] = [];
  const captures = { flows, ready: Promise.resolve(), loose: async () => loose, setLoose: async (l: unknown[]) => void (loose = l), openers: async () => ({}) } as unknown as Captures;
  const sink = makeRecorder({ captures, launched: new FlowStore(memoryKV(), 10), ownOrigin: 'chrome-extension://grantscope' });
  let n = 0;
  const see = (o: Partial<ObservedRequest> & { url: string }) => sink.request({ id: `wr:${++n}`, at: Date.now(), tabId: 1, frame: 'fetch', method: 'GET', via: 'webrequest', initiator: APP, ...o });
  const authorize = () =>
    see({ frame: 'main', url: `${ISS}/authorize?${new URLSearchParams({ client_id: 'c', response_type: 'code', redirect_uri: `${APP}/cb`, state: 's1', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' })}` });
  return { flows, see, authorize };
}

const until = async <T>(fn: () => Promise<T | undefined>, ms = 1000): Promise<T | undefined> => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 10))) {
    const v = await fn();
    if (v) return v;
  }
  return undefined;
};

describe('recorder under attack', () => {
  it('a provider with no discovery: a page in the app\'s tab cannot make its own host the flow\'s confirmed issuer with a code redemption', async () => {
    // GitHub-like: no discovery document at the provider, so the flow stays unconfirmed.
    served[`${EVIL}${WELL_KNOWN}`] = { body: JSON.stringify({ issuer: EVIL, authorization_endpoint: `${EVIL}/authorize`, token_endpoint: `${EVIL}/token`, userinfo_endpoint: `${EVIL}/steal`, jwks_uri: `${EVIL}/keys` }) };
    const r = recorder();
    r.authorize();
    r.see({ frame: 'main', url: `${APP}/cb?code=real-code&state=s1` });
    const observed = await until(async () => ((await r.flows.all())[0]?.status === 'observed' ? (await r.flows.all())[0] : undefined));
    expect(observed).toBeDefined();
    // A third-party script in the app's tab: its host's document, then a "redemption" at its own host.
    r.see({ url: `${EVIL}${WELL_KNOWN}`, initiator: APP });
    r.see({ method: 'POST', url: `${EVIL}/token`, initiator: APP, bodyText: 'grant_type=authorization_code&code=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await new Promise((res) => setTimeout(res, 300));
    const after = (await r.flows.get(observed!.id))!;
    expect(after.steps.some((s) => 'url' in s && s.url.startsWith(EVIL))).toBe(false);
    expect(after.capture?.issuerConfirmed).toBeUndefined();
    expect(actionTarget(after, 'userinfo')).toHaveProperty('refused');
  });

  it('the worker\'s fetches send no cookies and follow no redirect', async () => {
    served[`${ISS}${WELL_KNOWN}`] = { body: JSON.stringify({ issuer: ISS, authorization_endpoint: `${ISS}/authorize` }) };
    const r = recorder();
    r.authorize();
    await until(async () => (await r.flows.all())[0]?.capture?.issuerConfirmed);
    expect(inits.length).toBeGreaterThan(0);
    for (const i of inits) expect(i).toMatchObject({ redirect: 'manual', credentials: 'omit' });
  });

  it('blind requests: a page\'s discovery URL is fetched on https hosts, private ones included, never on plain http off loopback', async () => {
    const r = recorder();
    r.see({ url: `http://10.0.0.1${WELL_KNOWN}`, initiator: EVIL, tabId: 2 });
    r.see({ url: `http://127.0.0.1.evil.example${WELL_KNOWN}`, initiator: EVIL, tabId: 2 });
    r.see({ url: `https://192.168.1.1${WELL_KNOWN}`, initiator: EVIL, tabId: 2 });
    r.see({ url: `${EVIL}/x/../y${WELL_KNOWN}?q`, initiator: EVIL, tabId: 2 });
    await until(async () => (asked.length ? asked : undefined), 500);
    await new Promise((res) => setTimeout(res, 100));
    expect(asked.some((u) => u.startsWith('http://'))).toBe(false);
    // Rule 6 allows https anywhere: the worker (no CORS, no Private Network Access checks) does GET a
    // private address's well-known URL when a page names it. The answer goes nowhere but the trust
    // model, no cookies are sent and no redirect is followed; noted in the review, not changed.
    expect(asked).toContain(`https://192.168.1.1${WELL_KNOWN}`);
  });
});
