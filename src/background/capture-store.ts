/**
 * Where captured flows live: a ring of the newest flows, apart from launched ones, in storage.session
 * (gone when the browser closes) unless the person opts in to keep them in storage.local. They hold
 * codes and tokens, so that choice is the person's (README, "Recording").
 *
 *   captures          -> string[]  newest first, at most ringSize and RING_BYTES
 *   cap:<id>          -> Flow       source 'captured', cut to 256 KB before every write (fit-flow.ts)
 *   capmeta:<id>      -> its index entry (src/core/capture/flow-index.ts), written with it
 *   capture:loose     -> LooseCall[] (session) provider calls waiting for their flow, LOOSE_BYTES at most
 *   capture:openers   -> Record<tab, opener tab> (session) login popups and the tabs that opened them
 *
 * Any page can feed the recorder (issue 9), so room is counted in bytes: a flow too large is stored cut
 * with a notice instead of pushing the person's flows out, and a full storage never drops them
 * silently (flow-store.ts says how).
 */
import { fitFlow, fitValue, jsonBytes } from '../core/capture/fit-flow';
import type { LooseCall } from '../core/capture/correlate';
import browser from '../shared/browser';
import { FlowStore, type StoreOptions } from './flow-store';
import type { KV } from './kv';

const KEYS = { index: 'captures', flow: 'cap:', secret: 'capsecret:', meta: 'capmeta:' };
/** The recorder's small keys all start so (badge.ts, known-endpoints.ts too); clear() removes them all. */
const RECORDER_PREFIX = 'capture:';
const LOOSE = `${RECORDER_PREFIX}loose`;
const OPENERS = `${RECORDER_PREFIX}openers`;
const OPENERS_MAX = 200;

/**
 * The recorded ring's share of storage, in JSON bytes. storage.session holds 10 MB. Flows are stored
 * as JSON text (flow-store.ts), which Chrome counts at its length (an object it counted at about 2.8
 * times its JSON, measured in bench/: that is why fewer than 900 flows of 7 KB fit before). 5.5 MB
 * of flows, plus an index entry of about 1 KB per flow beside each (up to 1 MB for a full ring of
 * 1,000), leaves about 3.5 MB for launched flows, their secrets and the recorder's small keys. The
 * Recording view says how many more fit (status.storage).
 */
export const RING_BYTES = 5.5 * 1024 * 1024;
/** Loose provider calls (a discovery answer before its login): each cut to 32 KB, 256 KB in all. */
const LOOSE_CALL_BYTES = 32 * 1024;
const LOOSE_BYTES = 256 * 1024;

const RING: StoreOptions = {
  keys: KEYS,
  noun: 'recorded flow',
  byteBudget: RING_BYTES,
  // Storage full while the ring holds less than half its share: something else fills it, and
  // dropping the person's flows for it would lose them to a stranger's data.
  evictFloor: RING_BYTES / 2,
  keepActive: false,
  fit: (f, budget) => fitFlow(f, budget).flow,
};

/** The two storage areas, passed in so tests can hand in fakes. */
export interface StorageAreas {
  session: KV;
  local: KV;
}

export const CAPTURE_ID_PREFIX = 'cap-';

export class CaptureStore {
  private store: FlowStore;
  private readonly areas: StorageAreas;
  /** Settles once the stored settings chose the storage area and the ring size (worker start). */
  ready: Promise<void> = Promise.resolve();

  constructor(keep: boolean, ringSize: number, areas?: StorageAreas) {
    this.areas = areas ?? { session: browser.storage.session, local: browser.storage.local };
    this.store = new FlowStore(keep ? this.areas.local : this.areas.session, ringSize, RING);
  }

  get flows(): FlowStore {
    return this.store;
  }

  /** Moves every captured flow to the other storage area when "keep recorded flows" changes. */
  async configure(keep: boolean, ringSize: number): Promise<void> {
    const target: KV = keep ? this.areas.local : this.areas.session;
    if (target !== this.store.storage) {
      const old = this.store;
      const flows = await old.all();
      this.store = new FlowStore(target, ringSize, RING);
      for (const f of flows.reverse()) await this.store.put(f);
      await old.clear();
    }
    await this.store.resize(ringSize);
  }

  async loose(): Promise<LooseCall[]> {
    const v = (await this.areas.session.get(LOOSE))[LOOSE];
    return Array.isArray(v) ? (v as LooseCall[]) : [];
  }

  /** Stores the loose calls, each cut to its share and the oldest (at the end) dropped beyond the total. */
  setLoose(l: LooseCall[]): Promise<void> {
    const kept: LooseCall[] = [];
    let total = 0;
    for (const call of l.map((c) => fitValue(c, LOOSE_CALL_BYTES))) {
      total += jsonBytes(call) ?? LOOSE_CALL_BYTES;
      if (total > LOOSE_BYTES) break;
      kept.push(call);
    }
    return this.areas.session.set({ [LOOSE]: kept });
  }

  async openers(): Promise<Record<string, number>> {
    const v = (await this.areas.session.get(OPENERS))[OPENERS];
    return typeof v === 'object' && v !== null ? (v as Record<string, number>) : {};
  }

  async setOpener(tabId: number, openerTabId: number): Promise<void> {
    const all = await this.openers();
    all[String(tabId)] = openerTabId;
    const keys = Object.keys(all);
    for (const k of keys.slice(0, Math.max(0, keys.length - OPENERS_MAX))) delete all[k];
    await this.areas.session.set({ [OPENERS]: all });
  }

  /**
   * storage.session is full for a launched flow: the recorded ring's oldest go first (fault case 24),
   * when the ring lives there and holds enough to be worth it (flow-store.ts). Returns how many went.
   */
  shedSession(bytes: number): Promise<number> {
    return this.store.storage === this.areas.session ? this.store.shed(bytes) : Promise.resolve(0);
  }

  /** How many recorded flows are kept, the bytes they take and the ring's byte budget. */
  usage(): Promise<{ flows: number; bytes: number; budget?: number }> {
    return this.store.usage();
  }

  /**
   * Removes the ring (in both areas: a move between them cut short by a stopped worker can leave
   * flows behind) and every "capture:" key. The handler also resets what lives in memory (learned
   * endpoints, badges shown, rate limits).
   */
  async clear(): Promise<void> {
    await this.store.clear();
    const other = this.store.storage === this.areas.local ? this.areas.session : this.areas.local;
    await new FlowStore(other, 1, RING).clear();
    // Every "capture:" key is the recorder's (loose calls, openers, badges, learned endpoints, and any
    // added later); its settings and pause are named without the colon and stay.
    for (const area of [this.areas.session, this.areas.local]) {
      const keys = Object.keys(await area.get(null)).filter((k) => k.startsWith(RECORDER_PREFIX));
      if (keys.length) await area.remove(keys);
    }
  }
}
