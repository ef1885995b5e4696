/**
 * Running launched flows leave a note in storage.local, so a reload of the extension (or a browser
 * restart), which empties storage.session, shows them as interrupted instead of losing them (fault
 * case 25; what the note holds: src/core/interrupted.ts).
 *
 *   inflight:<id> -> Flow   a running flow, cut to ledgerEntry(); gone once the flow ends
 *
 * LedgeredFlowStore is the launched flows' store with the note kept in step: written when a flow
 * starts or changes stage, removed when it ends. A worker that merely stopped finds its flows still in
 * storage.session and leaves their notes alone; recoverInterrupted() turns a note with no flow behind
 * it into an interrupted flow.
 */
import { type Flow, type FlowSecrets, isActive } from '../core/flow';
import { interruptedFlow, ledgerEntry } from '../core/interrupted';
import { FlowStore, type StoreOptions } from './flow-store';
import type { KV } from './kv';

const PREFIX = 'inflight:';

export class LedgeredFlowStore extends FlowStore {
  /** The stage each noted flow was noted at, so a write that changes no stage costs no disk write. */
  private noted: Promise<Map<string, string>> | undefined;
  private ledgerChain: Promise<unknown> = Promise.resolve();

  constructor(
    kv: KV,
    max: number,
    opts: StoreOptions,
    private readonly disk: KV,
  ) {
    super(kv, max, opts);
  }

  private notes(): Promise<Map<string, string>> {
    this.noted ??= this.disk.get(null).then((all) => {
      const m = new Map<string, string>();
      for (const [k, v] of Object.entries(all)) if (k.startsWith(PREFIX)) m.set(k.slice(PREFIX.length), (v as Flow).status);
      return m;
    });
    return this.noted;
  }

  /** Keeps the note of `flow` in step with it; never fails the write it follows. */
  private note(flow: Flow | undefined): Promise<void> {
    if (!flow || flow.source !== 'launched') return Promise.resolve();
    const run = async () => {
      const notes = await this.notes();
      const was = notes.get(flow.id);
      if (isActive(flow.status)) {
        if (was === flow.status) return;
        await this.disk.set({ [PREFIX + flow.id]: ledgerEntry(flow) });
        notes.set(flow.id, flow.status);
      } else if (was !== undefined) {
        await this.disk.remove(PREFIX + flow.id);
        notes.delete(flow.id);
      }
    };
    const next = this.ledgerChain.then(run).catch((e: unknown) => console.error('Grantscope: in-flight note:', e instanceof Error ? e.message : String(e)));
    this.ledgerChain = next;
    return next;
  }

  override async add(flow: Flow, secrets?: FlowSecrets): Promise<void> {
    await super.add(flow, secrets);
    await this.note(flow);
  }

  override async put(flow: Flow): Promise<void> {
    await super.put(flow);
    await this.note(flow);
  }

  override async update(id: string, fn: (f: Flow) => Flow | undefined): Promise<Flow | undefined> {
    const f = await super.update(id, fn);
    await this.note(f);
    return f;
  }

  override async clear(): Promise<void> {
    await super.clear();
    const keys = Object.keys(await this.disk.get(null)).filter((k) => k.startsWith(PREFIX));
    if (keys.length) await this.disk.remove(keys);
    this.noted = Promise.resolve(new Map());
  }

  /**
   * At start: a note whose flow is no longer in storage.session was left by an extension that was
   * reloaded (or a browser that closed) mid-flow; it becomes an interrupted flow. Returns how many.
   */
  async recoverInterrupted(now = Date.now()): Promise<number> {
    const all = await this.disk.get(null);
    let n = 0;
    for (const [k, v] of Object.entries(all)) {
      if (!k.startsWith(PREFIX)) continue;
      const entry = v as Flow;
      const id = k.slice(PREFIX.length);
      const live = await this.get(id);
      if (live && isActive(live.status)) continue;
      if (!live && entry.id === id) {
        await super.put(interruptedFlow(entry, now));
        n++;
      }
      await this.disk.remove(k);
      (await this.notes()).delete(id);
    }
    return n;
  }
}
