/**
 * providerFetchSeen (issue 10): a refused Origin rule is an error and nothing is sent; the Origin
 * recorded is the one seen leaving (onSendHeaders), not the one asked for; each rule is removed after
 * its request; two requests to one URL take turns, so their rules never overlap.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type ClientProfile, blankProfile } from '../core/profile';

type Listener = (d: { tabId: number; method: string; url: string; requestHeaders?: { name: string; value?: string }[] }) => void;

const fake = vi.hoisted(() => {
  const data = new Map<string, unknown>();
  const state = {
    rules: new Map<number, { condition: Record<string, unknown>; action: Record<string, unknown> }>(),
    refuse: undefined as string | undefined,
    listeners: new Set<Listener>(),
    specs: [] as string[][],
    refuseExtraHeaders: false,
    log: [] as string[],
  };
  const area = {
    get: async (k: string) => (data.has(k) ? { [k]: data.get(k) } : {}),
    set: async (items: Record<string, unknown>) => void Object.entries(items).forEach(([x, v]) => data.set(x, v)),
  };
  const browser = {
    storage: { session: area },
    runtime: { id: 'grantscope@grantscope.dev', getURL: (p: string) => `moz-extension://5b0c7e52-8f3a-4d61-9c2e-7a1d4f6b3e90${p}` },
    declarativeNetRequest: {
      updateSessionRules: async (u: { removeRuleIds?: number[]; addRules?: { id: number; condition: Record<string, unknown>; action: Record<string, unknown> }[] }) => {
        if (u.addRules?.length && state.refuse) throw new Error(state.refuse);
        for (const id of u.removeRuleIds ?? []) if (state.rules.delete(id)) state.log.push(`remove ${id}`);
        for (const r of u.addRules ?? []) {
          state.rules.set(r.id, r);
          state.log.push(`add ${r.id}`);
        }
      },
    },
    webRequest: {
      onSendHeaders: {
        addListener: (l: Listener, _f: unknown, spec: string[]) => {
          if (state.refuseExtraHeaders && spec.includes('extraHeaders')) throw new Error('Invalid enumeration value "extraHeaders"');
          state.specs.push(spec);
          state.listeners.add(l);
        },
        removeListener: (l: Listener) => state.listeners.delete(l),
      },
    },
  };
  return { state, browser, data };
});
vi.mock('../shared/browser', () => ({ default: fake.browser }));

const { providerFetchSeen } = await import('./provider-fetch');

const TOKEN = 'http://127.0.0.1:9400/token';
const profile = (over: Partial<ClientProfile> = {}): ClientProfile => ({ ...blankProfile('p'), issuer: 'http://127.0.0.1:9400', clientId: 'c', redirectUri: 'http://127.0.0.1:9401/cb', authMethod: 'none', ...over });

/** A network that applies the Origin rule like a browser would, and tells the listeners what left. */
function network(browserOrigin: string | null) {
  const sent: string[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push(url);
    const rule = [...fake.state.rules.values()].find((r) => new RegExp(String(r.condition.regexFilter)).test(url));
    const header = (rule?.action.requestHeaders as { operation: string; value?: string }[] | undefined)?.[0];
    const origin = header ? (header.operation === 'set' ? header.value! : null) : browserOrigin;
    for (const l of fake.state.listeners) l({ tabId: -1, method: init.method ?? 'GET', url, requestHeaders: origin === null ? [] : [{ name: 'Origin', value: origin }] });
    await new Promise((r) => setTimeout(r, 5));
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  });
  return sent;
}

beforeEach(() => {
  fake.state.rules.clear();
  fake.state.refuse = undefined;
  fake.state.listeners.clear();
  fake.state.specs = [];
  fake.state.refuseExtraHeaders = false;
  fake.state.log = [];
  fake.data.clear();
});

describe('providerFetchSeen', () => {
  it('a refused rule is an error the person sees, and the request is not sent', async () => {
    const sent = network('moz-extension://5b0c7e52-8f3a-4d61-9c2e-7a1d4f6b3e90');
    fake.state.refuse = 'Invalid domain grantscope@grantscope.dev';
    const r = await providerFetchSeen(profile(), TOKEN, { method: 'POST' }, 1000);
    expect(sent).toEqual([]);
    expect(r.notSent).toBe(true);
    expect(r.got).toEqual({ ok: false, message: expect.stringContaining('Origin could not be set to http://127.0.0.1:9401: Invalid domain grantscope@grantscope.dev') });
    expect(r.got.ok ? '' : r.got.message).toContain('moz-extension://5b0c7e52-8f3a-4d61-9c2e-7a1d4f6b3e90');
  });

  it('names the extension by its initiator host (Firefox: the UUID, never the gecko id), one URL and method, the worker only', async () => {
    network(null);
    let condition: Record<string, unknown> = {};
    const spy = vi.spyOn(fake.browser.declarativeNetRequest, 'updateSessionRules').mockImplementationOnce(async (u) => {
      condition = u.addRules![0]!.condition;
    });
    await providerFetchSeen(profile(), TOKEN, { method: 'POST' }, 1000);
    spy.mockRestore();
    expect(condition).toMatchObject({ initiatorDomains: ['5b0c7e52-8f3a-4d61-9c2e-7a1d4f6b3e90'], tabIds: [-1], requestMethods: ['post'] });
    expect(String(condition.regexFilter)).toContain('9400/token');
  });

  it('records the Origin seen leaving, and removes the rule after the request', async () => {
    network('moz-extension://x');
    const r = await providerFetchSeen(profile(), TOKEN, { method: 'POST' }, 1000);
    expect(r.origin).toEqual({ seen: true, value: 'http://127.0.0.1:9401' });
    expect(fake.state.rules.size).toBe(0);
    expect(fake.state.listeners.size).toBe(0);
  });

  it('the browser’s own: no rule, and what left is what is recorded', async () => {
    network('moz-extension://x');
    const r = await providerFetchSeen(profile({ origin: 'browser' }), TOKEN, { method: 'POST' }, 1000);
    expect(fake.state.log).toEqual([]);
    expect(r.origin).toEqual({ seen: true, value: 'moz-extension://x' });
  });

  it('a confidential client: dropped, and seen leaving with none', async () => {
    network('moz-extension://x');
    const r = await providerFetchSeen(profile({ authMethod: 'client_secret_basic' }), TOKEN, { method: 'POST' }, 1000);
    expect(r.origin).toEqual({ seen: true, value: null });
  });

  it('asks for extraHeaders (Chrome shows Origin only with it), and does without where the browser refuses it (Firefox)', async () => {
    network(null);
    await providerFetchSeen(profile(), TOKEN, { method: 'POST' }, 1000);
    expect(fake.state.specs.at(-1)).toEqual(['requestHeaders', 'extraHeaders']);
    fake.state.refuseExtraHeaders = true;
    const r = await providerFetchSeen(profile(), TOKEN, { method: 'POST' }, 1000);
    expect(fake.state.specs.at(-1)).toEqual(['requestHeaders']);
    expect(r.origin.seen).toBe(true);
  });

  it('two requests to one URL take turns: the second rule is added only after the first is removed', async () => {
    network(null);
    await Promise.all([providerFetchSeen(profile(), TOKEN, { method: 'POST' }, 1000), providerFetchSeen(profile({ authMethod: 'client_secret_basic' }), TOKEN, { method: 'POST' }, 1000)]);
    expect(fake.state.log).toEqual(['add 1', 'remove 1', 'add 2', 'remove 2']);
  });
});
