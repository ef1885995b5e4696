/**
 * Flows and their secrets in storage.session, one key per flow, so a flow survives the service worker
 * being stopped between the redirect and the code redemption (Chrome stops idle workers after 30 s).
 *
 *   flows            -> string[]      newest first; bounded, the oldest go first
 *   flow:<id>        -> Flow
 *   secret:<id>      -> FlowSecrets   state, nonce, code_verifier: never sent to the UI
 *
 * Writes go through one promise chain: webRequest events for the same redirect can arrive together.
 */
import { type Flow, type FlowSecrets, type FlowSummary, summarize } from '../core/flow';
import type { KV } from './kv';

/** Storage key names; captured flows use their own (src/background/capture-store.ts). */
export interface StoreKeys {
  index: string;
  flow: string;
  secret: string;
}

const LAUNCHED: StoreKeys = { index: 'flows', flow: 'flow:', secret: 'secret:' };

/** Chrome's and Firefox's quota errors both say so in their message. */
const isQuotaError = (e: unknown) => e instanceof Error && /quota/i.test(e.message);

export class FlowStore {
  private chain: Promise<unknown> = Promise.resolve();
  /** The last write that failed for lack of room, in plain words (fault case 24). */
  problem: string | undefined;

  constructor(
    private readonly kv: KV,
    private max: number,
    private readonly keys: StoreKeys = LAUNCHED,
  ) {}

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

  private async index(): Promise<string[]> {
    const INDEX = this.keys.index;
    const v = (await this.kv.get(INDEX))[INDEX];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  }

  async get(id: string): Promise<Flow | undefined> {
    return (await this.kv.get(this.flowKey(id)))[this.flowKey(id)] as Flow | undefined;
  }

  async all(): Promise<Flow[]> {
    const ids = await this.index();
    if (ids.length === 0) return [];
    const got = await this.kv.get(ids.map(this.flowKey));
    return ids.map((id) => got[this.flowKey(id)] as Flow | undefined).filter((f): f is Flow => !!f);
  }

  async summaries(): Promise<FlowSummary[]> {
    return (await this.all()).map(summarize);
  }

  /** Adds a new flow (and its secrets), dropping the oldest beyond the bound. */
  add(flow: Flow, secrets?: FlowSecrets): Promise<void> {
    return this.serial(() => this.insert(flow, secrets));
  }

  /**
   * Writes a flow, new or known. When storage is full the oldest flows go, half at a time, and the
   * write is tried again; what was stored before stays readable throughout (fault case 24).
   */
  put(flow: Flow): Promise<void> {
    return this.serial(async () => {
      const known = (await this.index()).includes(flow.id);
      if (known) await this.withRoom(() => this.kv.set({ [this.flowKey(flow.id)]: flow }));
      else await this.insert(flow);
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

  private async insert(flow: Flow, secrets?: FlowSecrets): Promise<void> {
    const ids = [flow.id, ...(await this.index()).filter((i) => i !== flow.id)];
    const dropped = ids.splice(this.max);
    await this.withRoom(() =>
      this.kv.set({ [this.flowKey(flow.id)]: flow, ...(secrets ? { [this.secretKey(flow.id)]: secrets } : {}), [this.keys.index]: ids }),
    );
    if (dropped.length) await this.kv.remove(dropped.flatMap((i) => [this.flowKey(i), this.secretKey(i)]));
  }

  private async drop(kept: string[], dropped: string[]): Promise<void> {
    await this.kv.set({ [this.keys.index]: kept });
    await this.kv.remove(dropped.flatMap((i) => [this.flowKey(i), this.secretKey(i)]));
  }

  private async withRoom(write: () => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await write();
        if (attempt === 0) this.problem = undefined;
        return;
      } catch (e) {
        const ids = await this.index();
        if (!isQuotaError(e) || attempt >= 3 || ids.length < 2) {
          this.problem = `Could not store a flow: ${e instanceof Error ? e.message : String(e)}. Earlier flows are kept.`;
          throw new Error(this.problem, { cause: e });
        }
        // The oldest half goes first; the newest flows are the ones a person is looking at.
        const keep = Math.max(1, Math.floor(ids.length / 2));
        await this.drop(ids.slice(0, keep), ids.slice(keep));
        this.problem = `Storage was full: the ${ids.length - keep} oldest flows were dropped.`;
      }
    }
  }

  /** Changes a stored flow. `fn` returns the new flow, or undefined to leave it as it is. */
  update(id: string, fn: (f: Flow) => Flow | undefined): Promise<Flow | undefined> {
    return this.serial(async () => {
      const cur = await this.get(id);
      if (!cur) return undefined;
      const next = fn(structuredClone(cur));
      if (!next) return cur;
      next.updatedAt = Date.now();
      await this.kv.set({ [this.flowKey(id)]: next });
      return next;
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

  clear(): Promise<void> {
    return this.serial(async () => {
      const ids = await this.index();
      await this.kv.remove([this.keys.index, ...ids.flatMap((i) => [this.flowKey(i), this.secretKey(i)])]);
    });
  }
}
