/**
 * Events that arrive while the worker starts are queued, not dropped (issue 9, item 6): the recorder
 * judges nothing before its `ready` settles, then records what came meanwhile in arrival order. The
 * browser module is a fake with memory storage.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ObservedRequest } from '../core/capture/types';
import { KNOWN_ENDPOINTS_KEY } from '../shared/constants';
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
const { clearKnownEndpoints, loadKnownEndpoints } = await import('./known-endpoints');
const { siteLimit } = await import('./site-limit');

const APP = 'https://app.example';
const OP = 'https://op.example';
let n = 0;
const obs = (url: string, extra: Partial<ObservedRequest> = {}): ObservedRequest => ({ id: `wr:${++n}`, at: Date.now(), tabId: 7, frame: 'main', method: 'GET', url, via: 'webrequest', ...extra });
const authorize = (state: string) =>
  obs(`${OP}/authorize?response_type=code&client_id=app&redirect_uri=${encodeURIComponent(`${APP}/cb`)}&state=${state}&code_challenge=${'c'.repeat(43)}&code_challenge_method=S256`, { initiator: APP });
const callback = (state: string) => obs(`${APP}/cb?code=code-${state}&state=${state}`, { initiator: OP });

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

async function settled(captures: InstanceType<typeof CaptureStore>) {
  let last = '';
  for (;;) {
    await new Promise((r) => setTimeout(r, 20));
    const flows = await captures.flows.all();
    const now = JSON.stringify(flows.map((f) => f.steps.map((s) => s.kind)));
    if (now === last) return flows;
    last = now;
  }
}

beforeEach(async () => {
  fake.session = memoryKV();
  fake.local = memoryKV();
  siteLimit.clear();
  await clearKnownEndpoints();
});

describe('the recorder while its worker starts', () => {
  it('records nothing before ready, then the authorization request and its callback as one flow, in order', async () => {
    const captures = new CaptureStore(false, 100, { session: fake.session, local: fake.local });
    const ready = deferred();
    const sink = makeRecorder({ captures, launched: new FlowStore(memoryKV(), 10), ownOrigin: 'chrome-extension://self', ready: ready.promise });
    sink.request(authorize('s1'));
    sink.request(callback('s1'));
    expect(await settled(captures)).toEqual([]);
    ready.resolve();
    const flows = await settled(captures);
    expect(flows.map((f) => f.steps.map((s) => s.kind))).toEqual([['authorization-request', 'callback']]);
    // The callback found the request it answers: not an orphan (no "no request was recorded" note).
    const cb = flows[0]!.steps.find((s) => s.kind === 'callback');
    expect(cb?.kind === 'callback' && !cb.orphan).toBe(true);
  });

  it('a ready that fails still opens the queue: events are recorded, not held for ever', async () => {
    const captures = new CaptureStore(false, 100, { session: fake.session, local: fake.local });
    const sink = makeRecorder({ captures, launched: new FlowStore(memoryKV(), 10), ownOrigin: 'chrome-extension://self', ready: Promise.reject(new Error('storage said no')) });
    sink.request(authorize('s2'));
    expect((await settled(captures)).map((f) => f.steps.length)).toEqual([1]);
  });

  it('judges a request by the endpoints learned before the restart, once they have loaded', async () => {
    // A userinfo endpoint at /me says nothing by its path: only discovery, learned earlier, names it.
    await fake.session.set({ [KNOWN_ENDPOINTS_KEY]: { [`${OP}/me`]: 'userinfo' } });
    const captures = new CaptureStore(false, 100, { session: fake.session, local: fake.local });
    const ready = deferred();
    const sink = makeRecorder({ captures, launched: new FlowStore(memoryKV(), 10), ownOrigin: 'chrome-extension://self', ready: ready.promise });
    sink.request(authorize('s3'));
    sink.request(obs(`${OP}/me`, { frame: 'fetch', initiator: APP }));
    await loadKnownEndpoints();
    ready.resolve();
    const flows = await settled(captures);
    const seen = flows.flatMap((f) => f.steps.map((s) => (s.kind === 'exchange' ? `exchange:${s.request.url}` : s.kind)));
    expect(seen).toContain(`exchange:${OP}/me`);
  });

  it('without a ready, records at once (other callers and tests)', async () => {
    const captures = new CaptureStore(false, 100, { session: fake.session, local: fake.local });
    const sink = makeRecorder({ captures, launched: new FlowStore(memoryKV(), 10), ownOrigin: 'chrome-extension://self' });
    sink.request(authorize('s4'));
    expect((await settled(captures)).map((f) => f.steps.length)).toEqual([1]);
  });
});
