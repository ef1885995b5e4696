/**
 * Token actions on recorded flows follow the trust model (src/core/capture/trust.ts, rule 5): a
 * planted endpoint is refused before any request, naming its host; the app's own endpoint and the
 * confirmed issuer's are used. fetch records what was sent where.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { correlate, type LooseCall } from '../core/capture/correlate';
import { confirmIssuer, readDiscovery } from '../core/capture/trust';
import type { ObservedRequest, Recognised } from '../core/capture/types';
import type { Flow } from '../core/flow';

const fake = vi.hoisted(() => {
  const data = new Map<string, unknown>();
  const area = {
    get: async (k: string | string[] | null) => Object.fromEntries((k === null ? [...data.keys()] : Array.isArray(k) ? k : [k]).filter((x) => data.has(x)).map((x) => [x, structuredClone(data.get(x))])),
    set: async (items: Record<string, unknown>) => void Object.entries(items).forEach(([x, v]) => data.set(x, structuredClone(v))),
    remove: async (k: string | string[]) => void (Array.isArray(k) ? k : [k]).forEach((x) => data.delete(x)),
  };
  return { area };
});
vi.mock('../shared/browser', () => ({
  default: {
    storage: { session: fake.area, local: fake.area },
    runtime: { id: 'grantscope', getURL: (p: string) => `chrome-extension://grantscope${p}` },
    declarativeNetRequest: { updateSessionRules: async () => undefined },
    // No webRequest: the worker records the Origin as not seen and does not wait for an event.
    webRequest: {},
  },
}));

const { FlowStore } = await import('./flow-store');
const { memoryKV } = await import('./kv');
const { runAction } = await import('./actions');

const ISS = 'https://idp.example';
const APP = 'https://app.example';
const EVIL = 'https://evil.example';

let sent: { url: string; auth: string | null }[];
beforeEach(() => {
  sent = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, auth: new Headers(init.headers).get('authorization') });
    return new Response('{"sub":"u1"}', { status: 200, headers: { 'content-type': 'application/json' } });
  });
});
afterEach(() => vi.unstubAllGlobals());

/** A recorded code flow at ISS with an access token; `userinfoAt`: the app called userinfo there. */
function recorded(userinfoAt?: string): Flow {
  let flows: Flow[] = [];
  let loose: LooseCall[] = [];
  let n = 0;
  const feed = (rec: Recognised, obs: Partial<ObservedRequest> & { url: string }) => {
    const full: ObservedRequest = { id: `wr:${++n}`, at: Date.now() + n, tabId: 1, frame: 'main', method: 'GET', via: 'webrequest', ...obs };
    const out = correlate({ flows, loose, obs: full, rec, ctx: { site: APP, related: [1] }, newId: () => 'cap-1' });
    loose = out.loose;
    if (out.result) flows = [out.result.flow];
  };
  const params = { client_id: 'c', response_type: 'code', redirect_uri: `${APP}/cb`, state: 's1', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' };
  feed({ kind: 'authorization-request', endpoint: `${ISS}/authorize`, params, duplicates: [] }, { url: `${ISS}/authorize?${new URLSearchParams(params)}` });
  feed({ kind: 'callback', redirectUri: `${APP}/cb`, params: { code: 'k', state: 's1' }, source: 'query', duplicates: [] }, { url: `${APP}/cb?code=k&state=s1` });
  const tp = { grant_type: 'authorization_code', code: 'k', redirect_uri: `${APP}/cb`, client_id: 'c', code_verifier: 'v'.repeat(43) };
  feed(
    { kind: 'token-request', endpoint: `${ISS}/token`, grantType: 'authorization_code', params: tp, format: 'form' },
    { url: `${ISS}/token`, method: 'POST', frame: 'fetch', response: { at: Date.now() + 50, status: 200, headers: {}, bodyText: JSON.stringify({ access_token: 'app-access-token', token_type: 'Bearer' }) } },
  );
  if (userinfoAt) feed({ kind: 'provider-call', call: 'userinfo', endpoint: userinfoAt, params: {} }, { url: userinfoAt, frame: 'fetch' });
  return flows[0]!;
}

async function run(f: Flow, action: 'userinfo' | 'introspect') {
  const flows = new FlowStore(memoryKV(), 10);
  await flows.put(f);
  const profiles = { secrets: async () => ({}) } as unknown as Parameters<typeof runAction>[0]['profiles'];
  return runAction({ flows, profiles }, f.id, action, {});
}

describe('token actions on a recorded flow', () => {
  it('a planted userinfo endpoint is refused, naming its host, and nothing is sent', async () => {
    const f = recorded();
    f.metadata = { ...f.metadata, userinfo_endpoint: `${EVIL}/steal`, introspection_endpoint: `${EVIL}/introspect` };
    await expect(run(f, 'userinfo')).rejects.toThrow(/Not sent to evil\.example/);
    await expect(run(f, 'introspect')).rejects.toThrow(/Not sent to evil\.example/);
    expect(sent).toEqual([]);
  });

  it('the userinfo endpoint the app called in this flow is used', async () => {
    await run(recorded(`${ISS}/userinfo`), 'userinfo');
    expect(sent).toEqual([{ url: `${ISS}/userinfo`, auth: 'Bearer app-access-token' }]);
  });

  it('the confirmed issuer\'s userinfo endpoint is used', async () => {
    const f = recorded();
    const d = readDiscovery(`${ISS}/.well-known/openid-configuration`, JSON.stringify({ issuer: ISS, userinfo_endpoint: `${ISS}/me` }));
    if (!d.ok) throw new Error(d.error.message);
    expect(confirmIssuer(f, d.value, 1)).toBe(true);
    await run(f, 'userinfo');
    expect(sent.map((s) => s.url)).toEqual([`${ISS}/me`]);
  });
});
