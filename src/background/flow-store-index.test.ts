import { describe, expect, it } from 'vitest';
import { fitFlow, jsonBytes } from '../core/capture/fit-flow';
import { entryOf } from '../core/capture/flow-index';
import { type Flow, summarize } from '../core/flow';
import { blankProfile } from '../core/profile';
import { FlowStore, type StoreOptions } from './flow-store';
import { type KV, memoryKV } from './kv';

// The in-memory index (issue 10, item 5) must say what storage says after every kind of change, and a
// new worker must read the same index back (or rebuild it from the flows).

const KB = 1024;
const KEYS = { index: 'captures', flow: 'cap:', secret: 'capsecret:', meta: 'capmeta:' };
const ring = (byteBudget: number): StoreOptions => ({ keys: KEYS, noun: 'recorded flow', byteBudget, evictFloor: byteBudget / 2, keepActive: false, fit: (f, b) => fitFlow(f, b).flow });

function recorded(id: string, tab = 1, size = 2 * KB, state = `st-${id}`): Flow {
  return {
    id,
    createdAt: 1000,
    updatedAt: 1000,
    source: 'captured',
    grant: 'authorization',
    profile: { ...blankProfile('p'), issuer: 'https://op.example', clientId: 'c', redirectUri: 'https://app.example/cb' },
    findings: [],
    metadata: { issuer: 'https://op.example' },
    status: 'authorizing',
    capture: { tabIds: [tab], sites: ['https://app.example'] },
    steps: [{ kind: 'authorization-request', at: 1000, url: `https://op.example/auth?state=${state}&pad=${'a'.repeat(Math.max(0, size - 900))}`, params: { state }, seen: { requestId: `wr:${id}`, tabId: tab, frame: 'main', via: ['webrequest'] } }],
  };
}

/** The index in memory equals one computed from the stored flows, and one a new worker reads back. */
async function consistent(store: FlowStore, kv: KV & { data: Map<string, unknown> }, opts: StoreOptions): Promise<void> {
  const flows = await store.all();
  const fromFlows = flows.map((f) => entryOf(f, jsonBytes(f) ?? 0));
  expect(await store.entries()).toEqual(fromFlows);
  expect(await store.summaries()).toEqual(flows.map(summarize));
  const restarted = new FlowStore(kv, 1000, opts);
  expect(await restarted.entries()).toEqual(fromFlows);
  // No entry is left behind for a flow that is gone.
  const metas = [...kv.data.keys()].filter((k) => k.startsWith(KEYS.meta)).map((k) => k.slice(KEYS.meta.length));
  expect(metas.sort()).toEqual(flows.map((f) => f.id).sort());
}

describe('FlowStore index', () => {
  it('stays consistent through put, update, resize, clear and a restart', async () => {
    const kv = memoryKV();
    const opts = ring(1000 * KB);
    const store = new FlowStore(kv, 5, opts);
    for (const id of ['a', 'b', 'c']) await store.put(recorded(id));
    await consistent(store, kv, opts);
    await store.update('b', (f) => ({ ...f, status: 'observed', capture: { tabIds: [1, 2], sites: ['https://app.example'] } }));
    await consistent(store, kv, opts);
    expect(await store.countInTab(2)).toBe(1);
    for (const id of ['d', 'e', 'f', 'g']) await store.put(recorded(id));
    expect((await store.entries()).map((e) => e.id)).toEqual(['g', 'f', 'e', 'd', 'c']);
    await consistent(store, kv, opts);
    await store.resize(2);
    expect((await store.entries()).map((e) => e.id)).toEqual(['g', 'f']);
    await consistent(store, kv, opts);
    await store.clear();
    expect(await store.entries()).toEqual([]);
    await consistent(store, kv, opts);
  });

  it('drops the entries of flows evicted by the byte budget', async () => {
    const kv = memoryKV();
    const opts = ring(20 * KB);
    const store = new FlowStore(kv, 1000, opts);
    for (let i = 0; i < 20; i++) await store.put(recorded(`f${i}`, 1, 3 * KB));
    const kept = (await store.entries()).map((e) => e.id);
    expect(kept.length).toBeLessThan(10);
    expect(kept[0]).toBe('f19');
    await consistent(store, kv, opts);
  });

  it('drops the entries of flows evicted when storage is full, and of flows shed for another store', async () => {
    const kv = memoryKV();
    const opts = ring(40 * KB);
    const store = new FlowStore(kv, 1000, opts);
    for (let i = 0; i < 10; i++) await store.put(recorded(`f${i}`, 1, 3 * KB));
    const set = kv.set.bind(kv);
    let refusals = 1;
    kv.set = async (items) => {
      if (refusals-- > 0) throw new Error('QUOTA_BYTES quota exceeded');
      return set(items);
    };
    await store.put(recorded('big', 1, 3 * KB));
    kv.set = set;
    expect(store.problem).toMatch(/dropped/);
    expect((await store.entries())[0]!.id).toBe('big');
    await consistent(store, kv, opts);
    expect(await store.shed(6 * KB)).toBeGreaterThan(0);
    await consistent(store, kv, opts);
  });

  it('rebuilds entries missing from storage (flows stored before the index) on start, and stores them', async () => {
    const kv = memoryKV();
    const opts = ring(1000 * KB);
    const store = new FlowStore(kv, 1000, opts);
    for (const id of ['a', 'b', 'c']) await store.put(recorded(id));
    kv.data.delete('capmeta:b');
    kv.data.set('capmeta:c', { v: 0 });
    const restarted = new FlowStore(kv, 1000, opts);
    expect((await restarted.summaries()).map((s) => s.id)).toEqual(['c', 'b', 'a']);
    expect(kv.data.has('capmeta:b')).toBe(true);
    await consistent(restarted, kv, opts);
  });

  it('reads only the flows the query finds (by key, then its filter), newest first', async () => {
    const kv = memoryKV();
    const opts = ring(1000 * KB);
    const store = new FlowStore(kv, 1000, opts);
    for (let i = 0; i < 50; i++) await store.put(recorded(`f${i}`, i));
    const restarted = new FlowStore(kv, 1000, opts);
    await restarted.entries();
    const get = kv.get.bind(kv);
    const asked: string[] = [];
    kv.get = async (keys) => {
      asked.push(...(Array.isArray(keys) ? keys : keys === null ? ['*'] : [keys]));
      return get(keys);
    };
    const got = await restarted.select({ keys: ['tab:7', 'tab:30', 'tab:31'], keep: (e) => !e.tabs.includes(31) });
    expect(got.map((f) => f.id)).toEqual(['f30', 'f7']);
    expect(asked).toEqual(['cap:f30', 'cap:f7']);
  });

  it('an index entry holds no state, code or token as itself', async () => {
    const kv = memoryKV();
    const store = new FlowStore(kv, 10, ring(1000 * KB));
    await store.put(recorded('a', 1, 1 * KB, 'the-secret-state'));
    expect(JSON.stringify(kv.data.get('capmeta:a'))).not.toContain('the-secret-state');
  });

  it('stores flows and entries as JSON text (what storage counts at its length), and still reads objects stored before', async () => {
    const kv = memoryKV();
    const opts = ring(1000 * KB);
    const store = new FlowStore(kv, 10, opts);
    await store.put(recorded('a'));
    expect(typeof kv.data.get('cap:a')).toBe('string');
    expect(typeof kv.data.get('capmeta:a')).toBe('string');
    expect((await store.get('a'))?.id).toBe('a');
    // An object stored by an older version, with no entry: read, indexed, its entry written as text.
    kv.data.set('cap:old', recorded('old'));
    kv.data.set('captures', ['a', 'old']);
    const restarted = new FlowStore(kv, 10, opts);
    expect((await restarted.summaries()).map((s) => s.id)).toEqual(['a', 'old']);
    expect((await restarted.get('old'))?.id).toBe('old');
    expect(typeof kv.data.get('capmeta:old')).toBe('string');
    kv.data.set('cap:bad', '{not json');
    expect(await restarted.get('bad')).toBeUndefined();
  });
});
