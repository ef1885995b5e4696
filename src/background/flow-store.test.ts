import { describe, expect, it } from 'vitest';
import { fitFlow, jsonBytes } from '../core/capture/fit-flow';
import type { Flow, FlowStatus } from '../core/flow';
import { blankProfile } from '../core/profile';
import { FlowStore, type StoreOptions } from './flow-store';
import { type KV, memoryKV } from './kv';

const flow = (id: string, at = 0): Flow => ({
  id,
  createdAt: at,
  updatedAt: at,
  source: 'launched',
  grant: 'authorization',
  profile: { ...blankProfile('p'), issuer: 'https://op.example', clientId: 'c', redirectUri: 'https://app.example/cb' },
  findings: [],
  metadata: { issuer: 'https://op.example' },
  status: 'authorizing',
  steps: [],
});
const secrets = { state: 's', nonce: 'n', codeVerifier: 'v' };

describe('FlowStore', () => {
  it('keeps flows newest first, with their secrets under their own key', async () => {
    const kv = memoryKV();
    const store = new FlowStore(kv, 10);
    await store.add(flow('a'), secrets);
    await store.add(flow('b'), secrets);
    expect((await store.all()).map((f) => f.id)).toEqual(['b', 'a']);
    expect(await store.secrets('a')).toEqual(secrets);
    expect(kv.data.get('flow:a')).not.toHaveProperty('state');
  });

  it('drops the oldest flows, and their secrets, beyond the bound', async () => {
    const kv = memoryKV();
    const store = new FlowStore(kv, 2);
    for (const id of ['a', 'b', 'c']) await store.add(flow(id), secrets);
    expect((await store.all()).map((f) => f.id)).toEqual(['c', 'b']);
    expect(kv.data.has('flow:a')).toBe(false);
    expect(kv.data.has('secret:a')).toBe(false);
  });

  it('serialises updates so concurrent events cannot both move a flow on', async () => {
    const store = new FlowStore(memoryKV(), 10);
    await store.add(flow('a'));
    let moved = 0;
    const claim = () =>
      store.update('a', (f) => {
        if (f.status !== 'authorizing') return undefined;
        moved += 1;
        f.status = 'callback-received';
        return f;
      });
    await Promise.all([claim(), claim(), claim()]);
    expect(moved).toBe(1);
    expect((await store.get('a'))?.status).toBe('callback-received');
  });

  it('keeps going after a failed write, and leaves earlier data intact', async () => {
    const kv = memoryKV();
    const store = new FlowStore(kv, 10);
    await store.add(flow('a'));
    const set = kv.set;
    kv.set = () => Promise.reject(new Error('QUOTA_BYTES quota exceeded'));
    await expect(store.add(flow('b'))).rejects.toThrow('quota');
    kv.set = set;
    expect((await store.all()).map((f) => f.id)).toEqual(['a']);
    await store.add(flow('c'));
    expect((await store.all()).map((f) => f.id)).toEqual(['c', 'a']);
  });

  it('drops secrets on request and clears everything', async () => {
    const kv = memoryKV();
    const store = new FlowStore(kv, 10);
    await store.add(flow('a'), secrets);
    await store.dropSecrets('a');
    expect(await store.secrets('a')).toBeUndefined();
    await store.clear();
    expect(kv.data.size).toBe(0);
  });

  it('returns undefined when updating a flow that is gone', async () => {
    const store = new FlowStore(memoryKV(), 10);
    expect(await store.update('nope', (f) => f)).toBeUndefined();
  });
});

/**
 * A KV that refuses, as storage.session does, a write that would take the total past `limit` bytes
 * (key length plus JSON bytes, roughly what Chrome counts); the write is all or nothing.
 */
function quotaKV(limit: number): KV & { data: Map<string, unknown>; used(): number } {
  const kv = memoryKV();
  const size = (k: string, v: unknown) => k.length + (jsonBytes(v) ?? 0);
  const used = () => [...kv.data].reduce((n, [k, v]) => n + size(k, v), 0);
  const set = kv.set.bind(kv);
  return Object.assign(kv, {
    used,
    async set(items: Record<string, unknown>) {
      const after = used() + Object.entries(items).reduce((n, [k, v]) => n + size(k, v) - (kv.data.has(k) ? size(k, kv.data.get(k)) : 0), 0);
      if (after > limit) throw new Error('QUOTA_BYTES quota exceeded');
      return set(items);
    },
  });
}

const KB = 1024;
const MB = 1024 * KB;
const CAPTURE_KEYS = { index: 'captures', flow: 'cap:', secret: 'capsecret:' };
/** The recorded ring as capture-store.ts sets it up, with smaller numbers. */
const recordedOpts = (byteBudget: number): StoreOptions => ({ keys: CAPTURE_KEYS, noun: 'recorded flow', byteBudget, evictFloor: byteBudget / 2, keepActive: false, fit: (f, b) => fitFlow(f, b).flow });

/** A recorded flow of about `size` bytes, made by a site at a time of day. */
function recorded(id: string, size = 7 * KB, site = 'https://app.example', status: FlowStatus = 'complete'): Flow {
  const f: Flow = { ...flow(id, Date.UTC(2026, 10, 28, 17, 2)), source: 'captured', status, capture: { tabIds: [1], sites: [site] } };
  f.steps = [{ kind: 'callback', at: 1, url: `${site}/cb?code=c&x=${'a'.repeat(Math.max(0, size - 900))}`, params: { code: 'c' }, source: 'query', findings: [] }];
  return f;
}
const ids = async (s: FlowStore) => (await s.all()).map((f) => f.id);

describe('FlowStore sized by bytes', () => {
  it('keeps as many recorded flows as the byte budget holds, dropping the oldest', async () => {
    const store = new FlowStore(memoryKV(), 1000, recordedOpts(50 * KB));
    for (let i = 0; i < 10; i++) await store.put(recorded(`f${i}`));
    expect(await ids(store)).toEqual(['f9', 'f8', 'f7', 'f6', 'f5', 'f4', 'f3']);
    const use = await store.usage();
    expect(use).toMatchObject({ flows: 7, budget: 50 * KB });
    expect(use.bytes).toBeLessThanOrEqual(50 * KB);
    expect(use.bytes).toBeGreaterThan(45 * KB);
    expect(store.problem).toBeUndefined();
  });

  it('stores an oversized flow cut, with its notice, and drops nothing else', async () => {
    const kv = quotaKV(10 * MB);
    const store = new FlowStore(kv, 100, recordedOpts(3.5 * MB));
    for (let i = 0; i < 5; i++) await store.put(recorded(`mine${i}`));
    // Four 1.6 MB callback URLs, then one 11 MB form field (issue 9's repro).
    for (let i = 0; i < 4; i++) await store.put(recorded(`big${i}`, 1.6 * MB, 'https://evil.example'));
    const field = recorded('field', 1 * KB, 'https://evil.example');
    field.steps.push({ kind: 'token-request', at: 2, url: 'https://op.example/token', method: 'POST', headers: {}, params: { grant_type: 'authorization_code', x: 'y'.repeat(11 * MB) } });
    await store.put(field);
    expect(await ids(store)).toEqual(['field', 'big3', 'big2', 'big1', 'big0', 'mine4', 'mine3', 'mine2', 'mine1', 'mine0']);
    for (let i = 0; i < 5; i++) expect(await store.get(`mine${i}`)).toEqual(recorded(`mine${i}`));
    const big = await store.get('big0');
    expect(jsonBytes(big)).toBeLessThanOrEqual(256 * KB);
    expect(big?.capture?.notices?.[0]).toMatch(/^This flow was cut to fit 256 KB \(it was 1\.6 MB\): the callback URL was 1\.6 MB/);
    expect((await store.get('field'))?.capture?.notices?.[0]).toMatch(/the token request parameter "x" was 11\.0 MB/);
    expect(store.problem).toBeUndefined();
    expect(kv.used()).toBeLessThan(2 * MB);
  });

  it('fits a flow changed through update() as well', async () => {
    const store = new FlowStore(memoryKV(), 100, recordedOpts(3.5 * MB));
    await store.put(recorded('a'));
    const got = await store.update('a', (f) => {
      f.metadata = { ...f.metadata, jwks_uri: `https://evil.example/${'k'.repeat(MB)}` };
      return f;
    });
    expect(jsonBytes(got)).toBeLessThanOrEqual(256 * KB);
    expect(jsonBytes(await store.get('a'))).toBeLessThanOrEqual(256 * KB);
  });
});

describe('FlowStore when storage is full (fault case 24)', () => {
  it('does not drop the person\'s flows when something else fills the storage, and says so truly', async () => {
    const kv = quotaKV(1 * MB);
    const store = new FlowStore(kv, 100, recordedOpts(600 * KB));
    for (let i = 0; i < 5; i++) await store.put(recorded(`mine${i}`));
    await kv.set({ 'capture:known': 'e'.repeat(1 * MB - kv.used() - 2 * KB) });
    await expect(store.put(recorded('new'))).rejects.toThrow(/Storage is full/);
    expect(await ids(store)).toEqual(['mine4', 'mine3', 'mine2', 'mine1', 'mine0']);
    expect(store.problem).toMatch(/^Storage is full \(QUOTA_BYTES quota exceeded\): a recorded flow \(7 KB\) could not be stored\. Earlier flows are kept\. Recorded flows use \d+ KB of it\.$/);
  });

  it('first tries the flow cut tighter, and keeps every earlier flow', async () => {
    const kv = quotaKV(300 * KB);
    const store = new FlowStore(kv, 100, recordedOpts(1 * MB));
    for (let i = 0; i < 5; i++) await store.put(recorded(`mine${i}`));
    await kv.set({ other: 'o'.repeat(300 * KB - kv.used() - 60 * KB) });
    await store.put(recorded('new', 100 * KB));
    expect(await ids(store)).toEqual(['new', 'mine4', 'mine3', 'mine2', 'mine1', 'mine0']);
    expect(jsonBytes(await store.get('new'))).toBeLessThanOrEqual(32 * KB);
    expect(store.problem).toBe('Storage is nearly full: a recorded flow was stored cut to 32 KB. Earlier flows are kept.');
  });

  it('drops only the oldest flows it needs when the ring itself fills the storage, and names them', async () => {
    const kv = quotaKV(200 * KB);
    const store = new FlowStore(kv, 1000, recordedOpts(300 * KB));
    for (let i = 0; i < 20; i++) await store.put(recorded(`f${i}`, 9 * KB, `https://site${i}.example`)).catch(() => undefined);
    const before = await ids(store);
    store.problem = undefined;
    await store.put(recorded('new', 30 * KB));
    const after = await ids(store);
    const dropped = before.filter((i) => !after.includes(i));
    expect(after[0]).toBe('new');
    expect(after.slice(1)).toEqual(before.slice(0, before.length - dropped.length));
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped.length).toBeLessThanOrEqual(before.length / 2);
    const first = before[before.length - 1]!.slice(1);
    expect(store.problem).toMatch(new RegExp(`^Storage was full: the ${dropped.length} oldest recorded flows were dropped to store a new one \\(site${first}\\.example at \\d\\d:\\d\\d, `));
    expect(store.problem).not.toMatch(/kept/);
    // The message stays until cleared: a later write that fits does not hide it.
    await store.put(recorded('small', 1 * KB));
    expect(store.problem).toMatch(/^Storage was full/);
  });

  it('never drops a running launched flow; the error is visible and earlier data intact', async () => {
    const kv = quotaKV(60 * KB);
    const store = new FlowStore(kv, 100);
    const launched = (id: string, status: FlowStatus, size = 9 * KB) => ({ ...recorded(id, size), source: 'launched' as const, capture: undefined, status });
    await store.add(launched('run1', 'authorizing'), secrets);
    await store.add(launched('old', 'complete', 12 * KB));
    await store.add(launched('run2', 'redeeming'), secrets);
    await store.add(launched('done', 'complete'));
    await kv.set({ other: 'o'.repeat(60 * KB - kv.used() - 2 * KB) });
    await store.add(launched('new', 'authorizing'), secrets);
    expect(await ids(store)).toEqual(['new', 'done', 'run2', 'run1']);
    expect(store.problem).toMatch(/^Storage was full: the oldest flow was dropped to store a new one \(op\.example at \d\d:\d\d\)\.$/);
    expect(await store.secrets('run1')).toEqual(secrets);
    await store.add(launched('new2', 'authorizing'));
    expect(await ids(store)).toEqual(['new2', 'new', 'run2', 'run1']);
    expect(store.problem).toMatch(/^Storage was full: the oldest flow was dropped to store a new one \(op\.example at \d\d:\d\d\)\.$/);
    // Only running flows are left: none is dropped, the launch fails with a visible, true error.
    await expect(store.add(launched('new3', 'authorizing'))).rejects.toThrow(/^Storage is full \(QUOTA_BYTES quota exceeded\): a flow \(9 KB\) could not be stored\. Earlier flows are kept\./);
    expect(await ids(store)).toEqual(['new2', 'new', 'run2', 'run1']);
    expect(await store.secrets('run1')).toEqual(secrets);
  });

  it('names the flows beyond the ring\'s bound it dropped early when the write still fails', async () => {
    const kv = quotaKV(40 * KB);
    const store = new FlowStore(kv, 2, recordedOpts(MB));
    await store.put(recorded('a'));
    await store.put(recorded('b'));
    await kv.set({ other: 'o'.repeat(40 * KB - kv.used() - 1 * KB) });
    await expect(store.put(recorded('c', 20 * KB))).rejects.toThrow(/^Storage is full \(QUOTA_BYTES quota exceeded\): the oldest recorded flow was dropped to make room \(app\.example at \d\d:\d\d\), and a recorded flow \(20 KB\) could not be stored\.$/);
    expect(await ids(store)).toEqual(['b']);
  });

  it('has the recorded ring give up its oldest before a launched flow is dropped or refused', async () => {
    const kv = quotaKV(200 * KB);
    const ring = new FlowStore(kv, 1000, recordedOpts(100 * KB));
    const store = new FlowStore(kv, 100, { makeRoom: (bytes) => ring.shed(bytes) });
    const launched = (id: string) => ({ ...recorded(id, 9 * KB), source: 'launched' as const, capture: undefined });
    await store.add(launched('mine'));
    for (let i = 0; i < 11; i++) await ring.put(recorded(`r${i}`, 9 * KB, `https://site${i}.example`));
    await kv.set({ other: 'o'.repeat(200 * KB - kv.used() - 4 * KB) });
    const before = await ids(ring);
    await store.add(launched('new'));
    expect(await ids(store)).toEqual(['new', 'mine']);
    const after = await ids(ring);
    const dropped = before.filter((i) => !after.includes(i));
    expect(dropped.length).toBeGreaterThan(0);
    expect(after).toEqual(before.slice(0, after.length));
    expect(ring.problem).toMatch(new RegExp(`^Storage was full: the (${dropped.length} )?oldest recorded flows? (was|were) dropped to make room for a launched flow \\(site${before[before.length - 1]!.slice(1)}\\.example at `));
    expect(store.problem).toBeUndefined();
  });

  it('keeps what it had and names the problem when the write fails for another reason', async () => {
    const kv = memoryKV();
    const store = new FlowStore(kv, 100);
    await store.put(flow('a'));
    kv.set = async () => {
      throw new Error('IO error');
    };
    await expect(store.put(flow('b'))).rejects.toThrow('Could not store a flow: IO error. Earlier flows are kept.');
    expect((await store.all()).map((f) => f.id)).toEqual(['a']);
  });

  it('shrinks to a smaller ring at once', async () => {
    const store = new FlowStore(memoryKV(), 10);
    for (let i = 0; i < 6; i++) await store.put(flow(`f${i}`));
    await store.resize(2);
    expect((await store.all()).map((f) => f.id)).toEqual(['f5', 'f4']);
  });

  it('clears every key it owns, also flows a failed write left out of the index, and its problem', async () => {
    const kv = memoryKV();
    const store = new FlowStore(kv, 10, recordedOpts(MB));
    await store.add(recorded('a'), secrets);
    await kv.set({ 'cap:orphan': recorded('orphan'), 'capsecret:orphan': secrets, flows: ['x'], 'flow:x': flow('x') });
    store.problem = 'Storage was full: …';
    await store.clear();
    expect([...kv.data.keys()].sort()).toEqual(['flow:x', 'flows']);
    expect(store.problem).toBeUndefined();
    expect(await store.usage()).toMatchObject({ flows: 0, bytes: 0 });
  });
});
