/**
 * The recorder with the trust model (issue 9, "Stalled recording" and "Token theft"): a page's
 * discovery URL is fetched by the worker outside the serial queue, and a planted document changes
 * no recorded flow. browser.storage is in memory; fetch is a table of URLs.
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

beforeEach(async () => {
  served = {};
  asked = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    asked.push(url);
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

describe('recorder and the trust model', () => {
  it('discovery URLs that never answer do not delay recording a sign-in (fault case 33)', async () => {
    const r = recorder();
    for (let i = 0; i < 6; i++) {
      served[`${EVIL}/t${i}${WELL_KNOWN}`] = 'hang';
      r.see({ url: `${EVIL}/t${i}${WELL_KNOWN}`, initiator: EVIL, tabId: 2 });
    }
    const started = Date.now();
    r.authorize();
    const flow = await until(async () => (await r.flows.all())[0], 2000);
    expect(flow?.steps.map((s) => s.kind)).toEqual(['authorization-request']);
    expect(Date.now() - started).toBeLessThan(2000);
    // The worker did ask for them (two at a time): they hang outside the recorder's queue.
    expect(asked.filter((u) => u.startsWith(EVIL)).length).toBeGreaterThanOrEqual(2);
  });

  it('a page\'s discovery document for its own origin or another issuer changes no flow of another host (fault cases 29, 30)', async () => {
    const r = recorder();
    r.authorize();
    const before = await until(async () => (await r.flows.all())[0]);
    served[`${EVIL}${WELL_KNOWN}`] = { body: JSON.stringify({ issuer: EVIL, authorization_endpoint: `${ISS}/authorize`, token_endpoint: `${ISS}/token`, userinfo_endpoint: `${EVIL}/steal`, jwks_uri: `${EVIL}/keys` }) };
    served[`${EVIL}/g${WELL_KNOWN}`] = { body: JSON.stringify({ issuer: 'https://accounts.google.com', userinfo_endpoint: `${EVIL}/steal` }) };
    r.see({ url: `${EVIL}${WELL_KNOWN}`, initiator: EVIL, tabId: 2 });
    r.see({ url: `${EVIL}/g${WELL_KNOWN}`, initiator: EVIL, tabId: 2 });
    await new Promise((res) => setTimeout(res, 200));
    const after = (await r.flows.get(before!.id))!;
    expect(after.profile.issuer).toBe(ISS);
    expect(after.capture?.issuerConfirmed).toBeUndefined();
    expect(JSON.stringify(after.metadata)).not.toContain(EVIL);
    expect(actionTarget(after, 'userinfo')).toHaveProperty('refused');
  });

  it('the issuer\'s own document, fetched by the worker, confirms the flow', async () => {
    served[`${ISS}${WELL_KNOWN}`] = { body: JSON.stringify({ issuer: ISS, authorization_endpoint: `${ISS}/authorize`, userinfo_endpoint: `${ISS}/me`, jwks_uri: `${ISS}/jwks` }) };
    const r = recorder();
    r.authorize();
    const confirmed = await until(async () => (await r.flows.all())[0]?.capture?.issuerConfirmed);
    expect(confirmed).toMatchObject({ issuer: ISS, discoveryUrl: `${ISS}${WELL_KNOWN}` });
    expect(actionTarget((await r.flows.all())[0]!, 'userinfo')).toEqual({ url: `${ISS}/me`, why: 'issuer-discovery' });
  });
});
