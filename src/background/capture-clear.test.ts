/**
 * "Clear recorded flows" clears everything the recorder keeps, and the status says how much room the
 * ring uses and which site was refused (issue 9). The browser module is a fake with memory storage.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Flow } from '../core/flow';
import { blankProfile } from '../core/profile';
import { KNOWN_ENDPOINTS_KEY } from '../shared/constants';
import { memoryKV } from './kv';

const fake = vi.hoisted(() => ({
  session: undefined as unknown as ReturnType<typeof memoryKV>,
  local: undefined as unknown as ReturnType<typeof memoryKV>,
  badges: [] as { tabId: number; text: string }[],
}));

vi.mock('../shared/browser', () => ({
  default: {
    get storage() {
      return { session: fake.session, local: fake.local, onChanged: { addListener: () => undefined } };
    },
    action: {
      setBadgeText: async (d: { tabId: number; text: string }) => void fake.badges.push(d),
    },
    permissions: { contains: async () => true },
    runtime: {},
    scripting: undefined,
  },
}));

const { CaptureStore, RING_BYTES } = await import('./capture-store');
const { captureHandlers } = await import('./capture-handlers');
const { updateBadges } = await import('./badge');
const { knownEndpoints, loadKnownEndpoints } = await import('./known-endpoints');
const { siteLimit } = await import('./site-limit');

const recorded = (id: string, tab: number): Flow => ({
  id,
  createdAt: 1,
  updatedAt: 1,
  source: 'captured',
  grant: 'authorization',
  profile: { ...blankProfile('p'), issuer: 'https://op.example', clientId: 'app', redirectUri: 'https://app.example/cb' },
  findings: [],
  metadata: { issuer: 'https://op.example' },
  status: 'complete',
  steps: [{ kind: 'callback', at: 1, url: 'https://app.example/cb?code=c', params: { code: 'c' }, source: 'query', findings: [] }],
  capture: { tabIds: [tab], sites: ['https://app.example'] },
});

function setup() {
  const captures = new CaptureStore(false, 100, { session: fake.session, local: fake.local });
  const handlers = captureHandlers({ captures: () => captures, sink: { request: () => undefined, response: () => undefined }, firefoxFilter: false });
  return { captures, handlers };
}

beforeEach(() => {
  fake.session = memoryKV();
  fake.local = memoryKV();
  fake.badges = [];
  siteLimit.clear();
});

describe('capture/clear', () => {
  it('leaves no recorder data in either storage area, and keeps the settings and the pause', async () => {
    const { captures, handlers } = setup();
    await fake.local.set({ captureSettings: { recording: true }, profiles: [] });
    await fake.session.set({ capturePaused: false, 'flow:l1': { id: 'l1' }, flows: ['l1'] });
    await captures.flows.add(recorded('cap-1', 7), { state: 's' });
    await captures.flows.put(recorded('cap-2', 8));
    await captures.setLoose([{ step: { kind: 'exchange', label: 'Discovery', at: Date.now(), request: { url: 'https://op.example/.well-known/openid-configuration', method: 'GET', headers: {}, params: {} } }, origin: 'https://op.example' }]);
    await captures.setOpener(8, 7);
    await updateBadges(captures, [7, 8]);
    await fake.session.set({ [KNOWN_ENDPOINTS_KEY]: { 'https://evil.example/me': 'userinfo' } });
    await loadKnownEndpoints();
    // Left in the other area by a move between areas that a stopped worker cut short.
    await fake.local.set({ captures: ['cap-0'], 'cap:cap-0': recorded('cap-0', 6) });
    await fake.session.set({ 'capture:added-later': 1 });
    for (let i = 0; i < 25; i++) siteLimit.admit('https://evil.example', Date.now());
    expect(knownEndpoints()).not.toEqual({});
    expect([...fake.session.data.keys()].filter((k) => k.startsWith('cap')).length).toBeGreaterThan(4);

    await handlers['capture/clear']();

    expect([...fake.session.data.keys()].sort()).toEqual(['capturePaused', 'flow:l1', 'flows']);
    expect([...fake.local.data.keys()].sort()).toEqual(['captureSettings', 'profiles']);
    expect(knownEndpoints()).toEqual({});
    expect(siteLimit.notice()).toBeUndefined();
    expect(fake.badges.filter((b) => b.text === '').map((b) => b.tabId).sort()).toEqual([7, 8]);
    const status = await handlers['capture/status']();
    expect(status).toMatchObject({ captured: 0, storage: { flows: 0, bytes: 0, budget: RING_BYTES } });
    expect(status.notice).toBeUndefined();
    expect(status.problem).toBeUndefined();
  });
});

describe('capture/status', () => {
  it('says how much room the recorded flows take, and which site was refused', async () => {
    const { captures, handlers } = setup();
    await captures.flows.put(recorded('cap-1', 7));
    for (let i = 0; i < 23; i++) siteLimit.admit('https://a.evil.example', Date.now());
    const status = await handlers['capture/status']();
    expect(status.captured).toBe(1);
    expect(status.storage?.flows).toBe(1);
    expect(status.storage?.bytes).toBeGreaterThan(500);
    expect(status.notice).toBe('evil.example started too many flows (more than 20 a minute); 3 ignored.');
  });
});

describe('CaptureStore.setLoose', () => {
  it('cuts each waiting call and keeps the total bounded, newest first', async () => {
    const { captures } = setup();
    const call = (n: number, body: number) => ({ step: { kind: 'exchange' as const, label: 'Discovery', at: n, request: { url: `https://op${n}.example/d`, method: 'GET', headers: {}, params: {} }, response: { status: 200, headers: {}, bodyText: 'x'.repeat(body) } }, origin: `https://op${n}.example` });
    await captures.setLoose(Array.from({ length: 30 }, (_, i) => call(i, 200_000)));
    let kept = await captures.loose();
    expect(kept).toHaveLength(30);
    expect(kept[0]!.step.response?.bodyText).toMatch(/…\[cut: 200000 chars\]$/);
    // Thirty calls just under their own cap: the oldest (at the end) go beyond 256 KB in all.
    await captures.setLoose(Array.from({ length: 30 }, (_, i) => call(i, 30_000)));
    kept = await captures.loose();
    expect(kept.length).toBeGreaterThan(1);
    expect(kept.length).toBeLessThan(30);
    expect(kept.map((c) => c.origin)).toEqual(Array.from({ length: kept.length }, (_, i) => `https://op${i}.example`));
    expect(JSON.stringify(kept).length).toBeLessThanOrEqual(256 * 1024);
  });
});
