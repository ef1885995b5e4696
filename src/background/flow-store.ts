/**
 * Flows and their secrets in storage.session, one key per flow, so a flow survives the service worker
 * being stopped between the redirect and the code redemption (Chrome stops idle workers after 30 s).
 *
 *   flows            -> string[]      newest first; bounded, the oldest go first
 *   flow:<id>        -> Flow
 *   secret:<id>      -> FlowSecrets   state, nonce, code_verifier: never sent to the UI
 *
 * Writes go through one promise chain: webRequest events for the same redirect can arrive together.
 *
 * Room (fault case 24, issue 9): a store may have a byte budget (recorded flows: the oldest beyond it
 * go, as beyond the count) and a fit (recorded flows: cut to 256 KB before every write, so one
 * oversized flow never pushes others out). When storage still says it is full, in this order:
 *   1. flows already beyond the ring's bound go (they were going anyway);
 *   2. the flow is fitted to a tighter budget and tried again;
 *   3. another store is asked to make room first (launched flows ask the recorded ring: the oldest
 *      captures go first);
 *   4. the oldest flows go, enough for the write, at most half the store, only while this store's own
 *      flows take at least `evictFloor` bytes (below that, something else fills the storage and
 *      dropping the person's flows would lose them to it) and never a flow still running (launched).
 * Every drop in 3 and 4 is said in `problem`, naming how many and which; "Earlier flows are kept" is said
 * only when none was dropped.
 *
 * Costs that stay flat (issue 10, item 5): beside each flow a small index entry (meta:<id>, see
 * src/core/capture/flow-index.ts) is written in the same storage call. The worker reads the id list
 * and the entries once (rebuilding any entry missing or of an older shape from its flow), then keeps
 * them in memory, updated on every write, drop and clear: this store is the only writer of its keys
 * in the worker. Lists are served from the entries' summaries and the recorder reads only the flows
 * an event could belong to (select), never the whole store.
 */
import { type Flow, type FlowSecrets, type FlowSummary, isActive } from '../core/flow';
import { formatBytes, jsonBytes, utf8Bytes } from '../core/capture/fit-flow';
import { entryOf, FlowIndex, type FlowIndexEntry, type IndexQuery, validEntry } from '../core/capture/flow-index';
import type { KV } from './kv';

/** Storage key names; captured flows use their own (src/background/capture-store.ts). */
export interface StoreKeys {
  index: string;
  flow: string;
  secret: string;
  /** Prefix of each flow's index entry; `<index>:meta:` when not named. */
  meta?: string;
}

export interface StoreOptions {
  keys?: StoreKeys;
  /** How messages name one of these flows: "flow", "recorded flow". */
  noun?: string;
  /** The most the flows may take together, in JSON bytes; the oldest beyond it go. */
  byteBudget?: number;
  /** Makes a flow fit before each write; called again with a tighter budget when storage is full. */
  fit?: (f: Flow, budget?: number) => Flow;
  /** Storage full: this store's flows are dropped for room only while they take at least this much. */
  evictFloor?: number;
  /** Never drop a flow that is still running to make room (launched flows: their login is under way). */
  keepActive?: boolean;
  /**
   * Storage full: asked, before this store drops any of its own, to free about `bytes` elsewhere;
   * returns how many flows it dropped (launched flows ask the recorded ring: the oldest captures go
   * first, fault case 24).
   */
  makeRoom?: (bytes: number) => Promise<number>;
}

/**
 * Flows and index entries are stored as JSON text (issue 10, item 5, capacity). Chrome counts an
 * object in storage.session at about 2.8 times its JSON (measured: a 3.4 KB recorded flow took
 * 9.5 KB of the 10 MB quota, a 1 KB index entry 3.3 KB) but a string at its length (3.4 KB, 1.0 KB),
 * so text holds about 2.8 times as many flows and the ring's byte budget (counted in JSON bytes)
 * is what storage counts. A value stored as an object (before this, or by hand) is still read.
 */
function fromStored(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return undefined;
  }
}

const asFlow = (v: unknown): Flow | undefined => {
  const f = fromStored(v);
  return typeof f === 'object' && f !== null && typeof (f as Flow).id === 'string' ? (f as Flow) : undefined;
};

/** The id list (newest first) and the index of every flow, in the worker's memory. */
interface Memory {
  ids: string[];
  index: FlowIndex;
}

const LAUNCHED: StoreKeys = { index: 'flows', flow: 'flow:', secret: 'secret:', meta: 'flowmeta:' };

/** Storage full: the budget a flow is fitted to before any other flow is dropped. */
export const TIGHT_FIT = 32 * 1024;
/** Storage full: retries (each may drop more) before the write is given up. */
const ATTEMPTS = 4;

/** Chrome's and Firefox's quota errors both say so in their message. */
const isQuotaError = (e: unknown) => e instanceof Error && /quota/i.test(e.message);
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** "app.example at 17:02", to name a dropped flow without any of its values. */
function describe(f: Flow): string {
  const where = f.capture?.sites[0] ?? f.profile.issuer;
  let host: string;
  try {
    host = new URL(where).host;
  } catch {
    host = where.slice(0, 60) || 'unknown site';
  }
  const at = new Date(f.createdAt);
  const time = Number.isNaN(at.getTime()) ? '' : ` at ${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
  return `${host}${time}`;
}

function listed(flows: Flow[]): string {
  const named = flows.slice(0, 3).map(describe);
  return flows.length > 3 ? `${named.join(', ')} and ${flows.length - 3} more` : named.join(', ');
}

export class FlowStore {
  private chain: Promise<unknown> = Promise.resolve();
  /**
   * The last write that failed or dropped flows for lack of room, in plain words (fault case 24). It
   * stays until the next such event or clear(): a drop the person never saw would be a silent one.
   */
  problem: string | undefined;
  /** JSON bytes per stored flow; read once from storage when first needed, then kept current. */
  private sizes: Map<string, number> | undefined;
  private readonly keys: StoreKeys;
  private readonly noun: string;
  /** The id list (newest first) and each flow's index entry, once read from storage. */
  private mem: Memory | undefined;
  private loading: Promise<Memory> | undefined;

  constructor(
    private readonly kv: KV,
    private max: number,
    private readonly opts: StoreOptions = {},
  ) {
    this.keys = opts.keys ?? LAUNCHED;
    this.noun = opts.noun ?? 'flow';
  }

  get storage(): KV {
    return this.kv;
  }

  /** Runs `fn` after every earlier write has finished. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private flowKey = (id: string) => `${this.keys.flow}${id}`;
  private secretKey = (id: string) => `${this.keys.secret}${id}`;
  private metaKey = (id: string) => `${this.metaPrefix}${id}`;
  private get metaPrefix(): string {
    return this.keys.meta ?? `${this.keys.index}:meta:`;
  }

  private async index(): Promise<string[]> {
    return [...(await this.loaded()).ids];
  }

  /**
   * The id list and entries, read from storage on first use (worker start). An entry missing or of
   * an older shape is rebuilt from its flow and stored; an id whose flow is gone is left out.
   */
  private loaded(): Promise<Memory> {
    if (this.mem) return Promise.resolve(this.mem);
    this.loading ??= (async () => {
      const INDEX = this.keys.index;
      const v = (await this.kv.get(INDEX))[INDEX];
      const stored = Array.isArray(v) ? [...new Set(v.filter((x): x is string => typeof x === 'string'))] : [];
      const metas = stored.length ? await this.kv.get(stored.map(this.metaKey)) : {};
      const entries = new Map<string, FlowIndexEntry>();
      const missing: string[] = [];
      for (const id of stored) {
        const e = validEntry(fromStored(metas[this.metaKey(id)]), id);
        if (e) entries.set(id, e);
        else missing.push(id);
      }
      if (missing.length) {
        const got = await this.kv.get(missing.map(this.flowKey));
        const rebuilt: Record<string, string> = {};
        for (const id of missing) {
          const f = asFlow(got[this.flowKey(id)]);
          if (!f) continue;
          const e = entryOf(f, jsonBytes(f) ?? 0);
          entries.set(id, e);
          rebuilt[this.metaKey(id)] = JSON.stringify(e);
        }
        // Best effort: without them the next start rebuilds them again.
        if (Object.keys(rebuilt).length) await this.kv.set(rebuilt).catch(() => undefined);
      }
      if (!this.mem) {
        const ids = stored.filter((id) => entries.has(id));
        const index = new FlowIndex();
        index.load(ids.map((id) => entries.get(id)!));
        this.mem = { ids, index };
      }
      return this.mem;
    })();
    return this.loading;
  }

  /**
   * After a successful write: the id list as stored, the entry written (`front`: as the newest, else
   * in its place) and the flows gone.
   */
  private commit(ids: string[], written: FlowIndexEntry | undefined, front: boolean, gone: string[] = []): void {
    if (!this.mem) return;
    this.mem.ids = ids;
    if (written) this.mem.index.set(written, front);
    for (const id of gone) this.mem.index.delete(id);
  }

  /** Every flow's index entry, newest first. */
  async entries(): Promise<FlowIndexEntry[]> {
    return (await this.loaded()).index.all();
  }

  /**
   * The flows the query finds, newest first: looked up by key in memory and read by key from
   * storage, never the whole store.
   */
  async select(q: IndexQuery): Promise<Flow[]> {
    const ids = (await this.loaded()).index.find(q).map((e) => e.id);
    if (ids.length === 0) return [];
    const got = await this.kv.get(ids.map(this.flowKey));
    return ids.map((id) => asFlow(got[this.flowKey(id)])).filter((f): f is Flow => !!f);
  }

  /** How many flows ran in this tab. */
  async countInTab(tabId: number): Promise<number> {
    return (await this.loaded()).index.count(`tab:${tabId}`);
  }

  async get(id: string): Promise<Flow | undefined> {
    return asFlow((await this.kv.get(this.flowKey(id)))[this.flowKey(id)]);
  }

  async all(): Promise<Flow[]> {
    const ids = await this.index();
    if (ids.length === 0) return [];
    const got = await this.kv.get(ids.map(this.flowKey));
    return ids.map((id) => asFlow(got[this.flowKey(id)])).filter((f): f is Flow => !!f);
  }

  /** The list's rows, from the index entries: no flow is read. */
  async summaries(): Promise<FlowSummary[]> {
    return (await this.entries()).map((e) => e.summary);
  }

  /** How many flows are kept and the bytes they take, against the byte budget when there is one. */
  usage(): Promise<{ flows: number; bytes: number; budget?: number }> {
    return this.serial(async () => {
      const ids = await this.index();
      const sizes = await this.sizeMap();
      const bytes = ids.reduce((n, id) => n + (sizes.get(id) ?? 0), 0);
      return { flows: ids.length, bytes, ...(this.opts.byteBudget ? { budget: this.opts.byteBudget } : {}) };
    });
  }

  private async sizeMap(): Promise<Map<string, number>> {
    if (!this.sizes) {
      const { ids, index } = await this.loaded();
      this.sizes = new Map(ids.map((id) => [id, index.get(id)?.bytes ?? 0]));
    }
    return this.sizes;
  }

  /** Adds a new flow (and its secrets) as the newest, dropping the oldest beyond the bounds. */
  add(flow: Flow, secrets?: FlowSecrets): Promise<void> {
    return this.serial(async () => {
      await this.write(flow, secrets, true);
    });
  }

  /** Writes a flow, new (as the newest) or known (in its place); see the header for a full storage. */
  put(flow: Flow): Promise<void> {
    return this.serial(async () => {
      await this.write(flow, undefined, false);
    });
  }

  /** A new bound; flows beyond it go now. */
  resize(max: number): Promise<void> {
    this.max = max;
    return this.serial(async () => {
      const ids = await this.index();
      const dropped = ids.splice(max);
      if (dropped.length) await this.drop(ids, dropped);
    });
  }

  /**
   * The JSON text and bytes of the flow being written, made once per write: the byte budget, the
   * index entry, the stored text and the size map each serialised the same flow again (4 times per
   * recorded event). Only set inside write(), which runs alone (serial), for the object it measured.
   */
  private measuring: { f: Flow; text: string; bytes: number } | undefined;

  private measured(f: Flow): { text: string; bytes: number } | undefined {
    if (this.measuring?.f === f) return this.measuring;
    let text: string | undefined;
    try {
      text = JSON.stringify(f);
    } catch {
      return undefined;
    }
    if (text === undefined) return undefined;
    const m = { f, text, bytes: utf8Bytes(text) };
    this.measuring = m;
    return m;
  }

  private bytesOf(f: Flow): number {
    return this.measured(f)?.bytes ?? 0;
  }

  private async write(flow: Flow, secrets: FlowSecrets | undefined, newest: boolean): Promise<Flow> {
    try {
      return await this.writeMeasured(flow, secrets, newest);
    } finally {
      this.measuring = undefined;
    }
  }

  private async writeMeasured(flow: Flow, secrets: FlowSecrets | undefined, newest: boolean): Promise<Flow> {
    const fitted = this.opts.fit ? this.opts.fit(flow) : flow;
    const mem = await this.loaded();
    const known = mem.index.has(flow.id);
    const front = newest || !known;
    // A flow written again keeps its place: the id list is neither rebuilt nor stored again.
    // A new flow is not in the list: no per-id filter over the whole ring (a callback per stored id).
    const ids = front ? (mem.ids.includes(flow.id) ? [flow.id, ...mem.ids.filter((i) => i !== flow.id)] : [flow.id, ...mem.ids]) : [...mem.ids];
    const planned = await this.overflow(ids, fitted);
    const indexChanged = planned.length > 0 || front;
    // `gone`: flows withRoom dropped for room meanwhile; the index written must not name them.
    const stored = await this.withRoom(
      fitted,
      async (f, gone) => {
        const m = this.measured(f);
        const entry = entryOf(f, m?.bytes ?? 0);
        const next = gone.size ? ids.filter((i) => !gone.has(i)) : ids;
        await this.kv.set({
          [this.flowKey(f.id)]: m?.text ?? JSON.stringify(f),
          [this.metaKey(f.id)]: JSON.stringify(entry),
          ...(secrets ? { [this.secretKey(f.id)]: secrets } : {}),
          ...(indexChanged || gone.size ? { [this.keys.index]: next } : {}),
        });
        this.commit(next, entry, front, planned);
      },
      planned,
    );
    if (planned.length) await this.removeFlows(planned);
    return stored;
  }

  /**
   * Takes out of `ids` (newest first) the flows beyond the count and the byte budget, oldest first,
   * never the one being written; returns them.
   */
  private async overflow(ids: string[], writing: Flow): Promise<string[]> {
    const dropped = ids.length > this.max ? ids.splice(this.max).filter((i) => i !== writing.id) : [];
    if (dropped.length && !ids.includes(writing.id)) ids.push(writing.id);
    const budget = this.opts.byteBudget;
    if (!budget) return dropped;
    const sizes = await this.sizeMap();
    const size = (i: string) => (i === writing.id ? this.bytesOf(writing) : (sizes.get(i) ?? 0));
    // The index keeps the stored total, so a write need not add up every flow (flat with the ring's
    // size); counted afresh when the two could differ (a flow stored but not in the list).
    const mem = this.mem;
    let total =
      mem && mem.ids.length === mem.index.size && sizes.size === mem.index.size
        ? mem.index.bytes - dropped.reduce((n, i) => n + (sizes.get(i) ?? 0), 0) - (sizes.get(writing.id) ?? 0) + size(writing.id)
        : ids.reduce((n, i) => n + size(i), 0);
    for (let k = ids.length - 1; k >= 0 && total > budget; k--) {
      const id = ids[k]!;
      if (id === writing.id) continue;
      total -= size(id);
      dropped.push(id);
      ids.splice(k, 1);
    }
    return dropped;
  }

  private async removeFlows(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.kv.remove(ids.flatMap((i) => [this.flowKey(i), this.secretKey(i), this.metaKey(i)]));
    for (const i of ids) this.sizes?.delete(i);
    const mem = this.mem;
    if (!mem || !ids.some((i) => mem.index.has(i) || mem.ids.includes(i))) return;
    const gone = new Set(ids);
    this.commit(mem.ids.filter((i) => !gone.has(i)), undefined, false, ids);
  }

  private async drop(kept: string[], dropped: string[]): Promise<void> {
    await this.kv.set({ [this.keys.index]: kept });
    this.commit([...kept], undefined, false, dropped);
    await this.removeFlows(dropped);
  }

  /**
   * Runs a write of `flow`, making room when storage is full (the header says how). Returns the flow
   * as stored (it may have been fitted tighter).
   */
  private async withRoom(flow: Flow, write: (f: Flow, gone: Set<string>) => Promise<void>, planned: string[] = []): Promise<Flow> {
    let current = flow;
    const dropped: Flow[] = [];
    const gone = new Set<string>();
    let plannedGone = planned.length === 0;
    /** Flows beyond the ring's bound, dropped before the write: said only if the write then fails. */
    const bounded: Flow[] = [];
    let tightened = !this.opts.fit;
    let askedElsewhere = false;
    let rounds = 0;
    for (let attempt = 0; ; attempt++) {
      try {
        await write(current, gone);
        this.sizes?.set(current.id, this.bytesOf(current));
        if (dropped.length) this.problem = `Storage was full: the ${this.many(dropped.length)} dropped to store a new one (${listed(dropped)}).`;
        else if (current !== flow) this.problem = `Storage is nearly full: a ${this.noun} was stored cut to ${formatBytes(TIGHT_FIT)}. Earlier flows are kept.`;
        return current;
      } catch (e) {
        if (!isQuotaError(e) || attempt >= ATTEMPTS) throw this.failed(e, current, [...bounded, ...dropped]);
        if (!plannedGone) {
          // Beyond the ring's bound already: they go now rather than after the write.
          plannedGone = true;
          const got = await this.kv.get(planned.map(this.flowKey));
          bounded.push(...planned.map((i) => asFlow(got[this.flowKey(i)])).filter((f): f is Flow => !!f));
          await this.drop((await this.index()).filter((i) => !planned.includes(i)), planned);
          for (const i of planned) gone.add(i);
          continue;
        }
        if (!tightened) {
          tightened = true;
          const tighter = this.opts.fit!(current, TIGHT_FIT);
          if (tighter !== current) {
            current = tighter;
            continue;
          }
        }
        const need = await this.need(current, rounds++);
        if (!askedElsewhere && this.opts.makeRoom) {
          askedElsewhere = true;
          if ((await this.opts.makeRoom(need)) > 0) continue;
        }
        const more = await this.evict(current.id, need, dropped.length);
        if (more.length === 0) throw this.failed(e, current, [...bounded, ...dropped]);
        dropped.push(...more);
        for (const f of more) gone.add(f.id);
      }
    }
  }

  /** "3 oldest recorded flows were", "oldest flow was". */
  private many(n: number): string {
    return n === 1 ? `oldest ${this.noun} was` : `${n} oldest ${this.noun}s were`;
  }

  /** What a write adds (a known flow only its growth), at least 1 KB; twice that each later round. */
  private async need(writing: Flow, round: number): Promise<number> {
    const sizes = await this.sizeMap();
    return Math.max(1024, this.bytesOf(writing) - (sizes.get(writing.id) ?? 0)) * 2 ** round;
  }

  /**
   * Storage full for another store (launched flows): drops the oldest of these flows to free about
   * `bytes`, on the same terms as for its own writes, and says so in `problem`. Returns how many went.
   */
  shed(bytes: number): Promise<number> {
    return this.serial(async () => {
      const out = await this.evict(undefined, bytes, 0);
      if (out.length) this.problem = `Storage was full: the ${this.many(out.length)} dropped to make room for a launched flow (${listed(out)}).`;
      return out.length;
    });
  }

  /** The oldest flows that may go to free `need` bytes (never `except`), removed from storage here. */
  private async evict(except: string | undefined, need: number, alreadyDropped: number): Promise<Flow[]> {
    const ids = await this.index();
    const sizes = await this.sizeMap();
    const own = ids.reduce((n, i) => n + (i === except ? 0 : (sizes.get(i) ?? 0)), 0);
    if (own < (this.opts.evictFloor ?? 0)) return [];
    // Half the store at most, counted from what it held before this write began.
    const room = Math.floor((ids.length + alreadyDropped) / 2) - alreadyDropped;
    const got = await this.kv.get(ids.map(this.flowKey));
    const out: Flow[] = [];
    let freed = 0;
    for (const id of [...ids].reverse()) {
      if (freed >= need || out.length >= room) break;
      const f = asFlow(got[this.flowKey(id)]);
      if (id === except || (f && this.opts.keepActive !== false && isActive(f.status))) continue;
      if (f) out.push(f);
      freed += sizes.get(id) ?? 0;
      ids.splice(ids.indexOf(id), 1);
    }
    if (out.length) await this.drop(ids, out.map((f) => f.id));
    return out;
  }

  /** The error a failed write throws, its message true about what was dropped (and kept in problem). */
  private failed(e: unknown, flow: Flow, dropped: Flow[]): Error {
    const size = formatBytes(jsonBytes(flow) ?? 0);
    const before = dropped.length ? `the ${this.many(dropped.length)} dropped to make room (${listed(dropped)}), and ` : '';
    const kept = dropped.length ? '' : ' Earlier flows are kept.';
    const own = this.sizes ? ` ${this.noun[0]!.toUpperCase()}${this.noun.slice(1)}s use ${formatBytes([...this.sizes.values()].reduce((a, b) => a + b, 0))} of it.` : '';
    this.problem = isQuotaError(e)
      ? `Storage is full (${messageOf(e)}): ${before}a ${this.noun} (${size}) could not be stored.${kept}${dropped.length ? '' : own}`
      : `Could not store a ${this.noun}: ${messageOf(e)}.${dropped.length ? ` Before that, the ${this.many(dropped.length)} dropped (${listed(dropped)}).` : kept}`;
    return new Error(this.problem, { cause: e });
  }

  /** Changes a stored flow. `fn` returns the new flow, or undefined to leave it as it is. */
  update(id: string, fn: (f: Flow) => Flow | undefined): Promise<Flow | undefined> {
    return this.serial(async () => {
      const cur = await this.get(id);
      if (!cur) return undefined;
      const next = fn(structuredClone(cur));
      if (!next) return cur;
      next.updatedAt = Date.now();
      return this.write(next, undefined, false);
    });
  }

  async secrets(id: string): Promise<FlowSecrets | undefined> {
    return (await this.kv.get(this.secretKey(id)))[this.secretKey(id)] as FlowSecrets | undefined;
  }

  /**
   * Secrets are dropped once the flow no longer needs them. The DPoP key stays while the flow does:
   * its tokens are bound to it, and refresh, userinfo and the token tests need it (RFC 9449 5, 7).
   */
  dropSecrets(id: string): Promise<void> {
    return this.serial(async () => {
      const kept = (await this.secrets(id))?.dpopKey;
      if (kept) await this.kv.set({ [this.secretKey(id)]: { dpopKey: kept } });
      else await this.kv.remove(this.secretKey(id));
    });
  }

  /** Removes every key of this store, also flows a failed write left out of the index. */
  clear(): Promise<void> {
    return this.serial(async () => {
      const { index, flow, secret } = this.keys;
      const meta = this.metaPrefix;
      const keys = Object.keys(await this.kv.get(null)).filter((k) => k === index || k.startsWith(flow) || k.startsWith(secret) || k.startsWith(meta));
      if (keys.length) await this.kv.remove(keys);
      this.mem = { ids: [], index: new FlowIndex() };
      this.loading = Promise.resolve(this.mem);
      this.sizes = new Map();
      this.problem = undefined;
    });
  }
}
