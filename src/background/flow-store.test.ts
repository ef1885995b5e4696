import { describe, expect, it } from 'vitest';
import type { Flow } from '../core/flow';
import { blankProfile } from '../core/profile';
import { FlowStore } from './flow-store';
import { memoryKV } from './kv';

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

describe('FlowStore when storage is full (fault case 24)', () => {
  it('drops the oldest half, keeps the newest, stores the new flow and says so', async () => {
    const kv = memoryKV();
    const store = new FlowStore(kv, 100, { index: 'captures', flow: 'cap:', secret: 'capsecret:' });
    for (let i = 0; i < 8; i++) await store.put(flow(`f${i}`));
    let full = true;
    const set = kv.set.bind(kv);
    kv.set = async (items) => {
      if (full && Object.keys(items).includes('cap:new')) {
        full = false;
        throw new Error('QUOTA_BYTES quota exceeded');
      }
      return set(items);
    };
    await store.put(flow('new'));
    const ids = (await store.all()).map((f) => f.id);
    expect(ids[0]).toBe('new');
    expect(ids).toContain('f7');
    expect(ids).not.toContain('f0');
    expect(store.problem).toMatch(/Storage was full: the 4 oldest flows were dropped/);
    expect([...kv.data.keys()].filter((k) => k.startsWith('cap:'))).toHaveLength(ids.length);
  });

  it('keeps what it had and names the problem when the write fails for another reason', async () => {
    const kv = memoryKV();
    const store = new FlowStore(kv, 100);
    await store.put(flow('a'));
    kv.set = async () => {
      throw new Error('IO error');
    };
    await expect(store.put(flow('b'))).rejects.toThrow('Could not store a flow: IO error');
    expect((await store.all()).map((f) => f.id)).toEqual(['a']);
  });

  it('shrinks to a smaller ring at once', async () => {
    const store = new FlowStore(memoryKV(), 10);
    for (let i = 0; i < 6; i++) await store.put(flow(`f${i}`));
    await store.resize(2);
    expect((await store.all()).map((f) => f.id)).toEqual(['f5', 'f4']);
  });
});
