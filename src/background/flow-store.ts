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

const INDEX = 'flows';
const flowKey = (id: string) => `flow:${id}`;
const secretKey = (id: string) => `secret:${id}`;

export class FlowStore {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly kv: KV,
    private readonly max: number,
  ) {}

  /** Runs `fn` after every earlier write has finished. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async index(): Promise<string[]> {
    const v = (await this.kv.get(INDEX))[INDEX];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  }

  async get(id: string): Promise<Flow | undefined> {
    return (await this.kv.get(flowKey(id)))[flowKey(id)] as Flow | undefined;
  }

  async all(): Promise<Flow[]> {
    const ids = await this.index();
    if (ids.length === 0) return [];
    const got = await this.kv.get(ids.map(flowKey));
    return ids.map((id) => got[flowKey(id)] as Flow | undefined).filter((f): f is Flow => !!f);
  }

  async summaries(): Promise<FlowSummary[]> {
    return (await this.all()).map(summarize);
  }

  /** Adds a new flow (and its secrets), dropping the oldest beyond the bound. */
  add(flow: Flow, secrets?: FlowSecrets): Promise<void> {
    return this.serial(async () => {
      const ids = [flow.id, ...(await this.index()).filter((i) => i !== flow.id)];
      const dropped = ids.splice(this.max);
      await this.kv.set({
        [flowKey(flow.id)]: flow,
        ...(secrets ? { [secretKey(flow.id)]: secrets } : {}),
        [INDEX]: ids,
      });
      if (dropped.length) await this.kv.remove(dropped.flatMap((i) => [flowKey(i), secretKey(i)]));
    });
  }

  /** Changes a stored flow. `fn` returns the new flow, or undefined to leave it as it is. */
  update(id: string, fn: (f: Flow) => Flow | undefined): Promise<Flow | undefined> {
    return this.serial(async () => {
      const cur = await this.get(id);
      if (!cur) return undefined;
      const next = fn(structuredClone(cur));
      if (!next) return cur;
      next.updatedAt = Date.now();
      await this.kv.set({ [flowKey(id)]: next });
      return next;
    });
  }

  async secrets(id: string): Promise<FlowSecrets | undefined> {
    return (await this.kv.get(secretKey(id)))[secretKey(id)] as FlowSecrets | undefined;
  }

  /**
   * Secrets are dropped once the flow no longer needs them. The DPoP key stays while the flow does:
   * its tokens are bound to it, and refresh, userinfo and the token tests need it (RFC 9449 5, 7).
   */
  dropSecrets(id: string): Promise<void> {
    return this.serial(async () => {
      const kept = (await this.secrets(id))?.dpopKey;
      if (kept) await this.kv.set({ [secretKey(id)]: { dpopKey: kept } });
      else await this.kv.remove(secretKey(id));
    });
  }

  clear(): Promise<void> {
    return this.serial(async () => {
      const ids = await this.index();
      await this.kv.remove([INDEX, ...ids.flatMap((i) => [flowKey(i), secretKey(i)])]);
    });
  }
}
