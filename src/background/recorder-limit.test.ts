/**
 * The recorder asks the per-site limit before it stores a new flow (fault case 34): a flood from one
 * site stops at the limit, a step joining an existing flow still goes through, and other sites are
 * not held up. The browser module is a fake with memory storage.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ObservedRequest } from '../core/capture/types';
import { SITE_FLOWS_PER_MINUTE } from '../core/capture/site-rate';
import { memoryKV } from './kv';

const fake = vi.hoisted(() => ({
  session: undefined as unknown as ReturnType<typeof memoryKV>,
  local: undefined as unknown as ReturnType<typeof memoryKV>,
}));

vi.mock('../shared/browser', () => ({
  default: {
    get storage() {
      return { session: fake.session, local: fake.local, onChanged: { addListener: () => undefined } };
    },
    action: { setBadgeText: async () => undefined },
    runtime: {},
  },
}));

const { CaptureStore } = await import('./capture-store');
const { FlowStore } = await import('./flow-store');
const { makeRecorder } = await import('./recorder');
const { siteLimit } = await import('./site-limit');

let n = 0;
const authorize = (origin: string, state: string): ObservedRequest => ({
  id: `wr:${++n}`,
  at: Date.now(),
  tabId: 5,
  frame: 'main',
  method: 'GET',
  url: `https://op.example/authorize?response_type=code&client_id=app&redirect_uri=${encodeURIComponent(`${origin}/cb`)}&state=${state}`,
  initiator: origin,
  via: 'webrequest',
});
const callback = (origin: string, state: string): ObservedRequest => ({
  id: `wr:${++n}`,
  at: Date.now(),
  tabId: 5,
  frame: 'main',
  method: 'GET',
  url: `${origin}/cb?code=c-${state}&state=${state}`,
  initiator: 'https://op.example',
  via: 'webrequest',
});

beforeEach(() => {
  fake.session = memoryKV();
  fake.local = memoryKV();
  siteLimit.clear();
});

async function settled(captures: InstanceType<typeof CaptureStore>): Promise<string[]> {
  let last = -1;
  for (;;) {
    await new Promise((r) => setTimeout(r, 20));
    const ids = (await captures.flows.all()).map((f) => f.id);
    if (ids.length === last) return ids;
    last = ids.length;
  }
}

describe('record() and the per-site limit', () => {
  it('stores at most the limit of new flows a minute from one site, and says so once', async () => {
    const captures = new CaptureStore(false, 1000, { session: fake.session, local: fake.local });
    const sink = makeRecorder({ captures, launched: new FlowStore(memoryKV(), 10), ownOrigin: 'chrome-extension://self' });
    for (let i = 0; i < SITE_FLOWS_PER_MINUTE + 15; i++) sink.request(authorize('https://evil.example', `flood-${i}`));
    // A step of a flow already kept still joins it; another site still records.
    sink.request(callback('https://evil.example', 'flood-0'));
    sink.request(authorize('https://app.example', 'mine'));
    expect(await settled(captures)).toHaveLength(SITE_FLOWS_PER_MINUTE + 1);
    const all = await captures.flows.all();
    expect(all.filter((f) => f.capture?.sites.includes('https://app.example'))).toHaveLength(1);
    const first = all.find((f) => f.steps.some((s) => s.kind === 'authorization-request' && s.params.state === 'flood-0'));
    expect(first?.steps.map((s) => s.kind)).toEqual(['authorization-request', 'callback']);
    expect(siteLimit.notice()).toBe(`evil.example started too many flows (more than ${SITE_FLOWS_PER_MINUTE} a minute); 15 ignored.`);
  });
});
