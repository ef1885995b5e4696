/**
 * Running launched flows leave a note in storage.local, so a reload of the extension (or a browser
 * restart), which empties storage.session, shows them as interrupted instead of losing them (fault
 * case 25; what the note holds: src/core/interrupted.ts).
 *
 *   inflight -> Record<id, Flow>   the running flows, each cut to ledgerEntry(); one gone once it ends
 *
 * One key, read by name: never a scan of storage.local, which may hold the recorded ring (thousands of
 * flows) when the person keeps recordings there.
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
import { logText } from '../core/redact';

const KEY = 'inflight';
type Notes = Record<string, Flow>;

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

  private async read(): Promise<Notes> {
    const got = (await this.disk.get(KEY))[KEY];
    return got && typeof got === 'object' ? (got as Notes) : {};
  }

  private notes(): Promise<Map<string, string>> {
    this.noted ??= this.read().then((all) => new Map(Object.entries(all).map(([id, f]) => [id, f.status])));
    return this.noted;
  }

  /** Runs `fn` after every earlier ledger change; never fails the flow write it follows. */
  private serialNote(fn: () => Promise<void>): Promise<void> {
    const next = this.ledgerChain.then(fn).catch((e: unknown) => console.error('Grantscope: in-flight note:', logText(e)));
    this.ledgerChain = next;
    return next;
  }

  /** Keeps the note of `flow` in step with it. */
  private note(flow: Flow | undefined): Promise<void> {
    if (!flow || flow.source !== 'launched' || flow.imported) return Promise.resolve();
    return this.serialNote(async () => {
      const notes = await this.notes();
      const was = notes.get(flow.id);
      const active = isActive(flow.status);
      if (active ? was === flow.status : was === undefined) return;
      const all = await this.read();
      if (active) all[flow.id] = ledgerEntry(flow);
      else delete all[flow.id];
      await this.disk.set({ [KEY]: all });
      if (active) notes.set(flow.id, flow.status);
      else notes.delete(flow.id);
    });
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
    await this.serialNote(async () => {
      await this.disk.remove(KEY);
      this.noted = Promise.resolve(new Map());
    });
  }

  /**
   * At start: a note whose flow is no longer in storage.session was left by an extension that was
   * reloaded (or a browser that closed) mid-flow; it becomes an interrupted flow. Returns how many.
   */
  async recoverInterrupted(now = Date.now()): Promise<number> {
    let n = 0;
    await this.serialNote(async () => {
      const all = await this.read();
      const notes = await this.notes();
      let changed = false;
      for (const [id, entry] of Object.entries(all)) {
        const live = await this.get(id);
        if (live && isActive(live.status)) continue;
        if (!live && entry?.id === id) {
          await super.put(interruptedFlow(entry, now));
          n++;
        }
        delete all[id];
        notes.delete(id);
        changed = true;
      }
      if (changed) await this.disk.set({ [KEY]: all });
    });
    return n;
  }
}
