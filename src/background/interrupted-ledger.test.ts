import { describe, expect, it } from 'vitest';
import type { Flow } from '../core/flow';
import { blankProfile } from '../core/profile';
import { LedgeredFlowStore } from './interrupted-ledger';
import { memoryKV } from './kv';

const flow = (id: string, over: Partial<Flow> = {}): Flow => ({
  id,
  createdAt: 1,
  updatedAt: 1,
  source: 'launched',
  grant: 'authorization',
  profile: { ...blankProfile('p'), issuer: 'https://op.example', clientId: 'c', redirectUri: 'https://app.example/cb' },
  findings: [],
  metadata: { issuer: 'https://op.example' },
  status: 'authorizing',
  steps: [{ kind: 'authorization-request', at: 1, url: 'https://op.example/auth?state=S', params: { client_id: 'c', state: 'S' } }],
  ...over,
});

/** The ids of the flows noted on disk. */
const noteKeys = (disk: ReturnType<typeof memoryKV>) => Object.keys((disk.data.get('inflight') as object | undefined) ?? {});

describe('LedgeredFlowStore (fault case 25)', () => {
  it('notes a running flow on disk, without its state, and forgets it once the flow ends', async () => {
    const disk = memoryKV();
    const store = new LedgeredFlowStore(memoryKV(), 10, {}, disk);
    await store.add(flow('a'), { state: 'S', nonce: 'n' });
    expect(noteKeys(disk)).toEqual(['a']);
    expect(JSON.stringify(disk.data.get('inflight'))).not.toContain('"S"');
    await store.update('a', (f) => ({ ...f, status: 'complete' }));
    expect(noteKeys(disk)).toEqual([]);
  });

  it('a reload (storage.session emptied) turns a running flow into an interrupted one; its note goes', async () => {
    const disk = memoryKV();
    await new LedgeredFlowStore(memoryKV(), 10, {}, disk).add(flow('a'));
    const fresh = new LedgeredFlowStore(memoryKV(), 10, {}, disk);
    expect(await fresh.recoverInterrupted(50)).toBe(1);
    const a = await fresh.get('a');
    expect(a?.status).toBe('interrupted');
    expect(a?.outcome?.title).toContain('Start it again');
    expect(noteKeys(disk)).toEqual([]);
    expect(await fresh.recoverInterrupted()).toBe(0);
  });

  it('a worker that merely stopped finds its flow still running: nothing is interrupted, the note stays', async () => {
    const disk = memoryKV();
    const session = memoryKV();
    await new LedgeredFlowStore(session, 10, {}, disk).add(flow('a'));
    const restarted = new LedgeredFlowStore(session, 10, {}, disk);
    expect(await restarted.recoverInterrupted()).toBe(0);
    expect((await restarted.get('a'))?.status).toBe('authorizing');
    expect(noteKeys(disk)).toEqual(['a']);
    // The restarted store knows the note: the flow's end removes it.
    await restarted.update('a', (f) => ({ ...f, status: 'failed' }));
    expect(noteKeys(disk)).toEqual([]);
  });

  it('writes the disk only when the stage changes; recorded flows are never noted; clear removes notes', async () => {
    const disk = memoryKV();
    let writes = 0;
    const counting = { ...disk, set: async (i: Record<string, unknown>) => ((writes += 1), disk.set(i)) };
    const store = new LedgeredFlowStore(memoryKV(), 10, {}, counting);
    await store.add(flow('a'));
    await store.update('a', (f) => ({ ...f, findings: [] }));
    await store.update('a', (f) => ({ ...f, status: 'callback-received' }));
    expect(writes).toBe(2);
    await store.add(flow('r', { source: 'captured' }));
    expect(noteKeys(disk)).toEqual(['a']);
    await store.clear();
    expect(noteKeys(disk)).toEqual([]);
  });
});
