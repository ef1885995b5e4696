/**
 * Where captured flows live: a ring of the newest flows, apart from launched ones, in storage.session
 * (gone when the browser closes) unless the person opts in to keep them in storage.local. They hold
 * codes and tokens, so that choice is the person's (README, "Recording").
 *
 *   captures          -> string[]  newest first, at most ringSize
 *   cap:<id>          -> Flow       source 'captured'
 *   capture:loose     -> LooseCall[] (session) provider calls waiting for their flow
 *   capture:openers   -> Record<tab, opener tab> (session) login popups and the tabs that opened them
 */
import type { LooseCall } from '../core/capture/correlate';
import browser from '../shared/browser';
import { FlowStore } from './flow-store';
import type { KV } from './kv';

const KEYS = { index: 'captures', flow: 'cap:', secret: 'capsecret:' };
const LOOSE = 'capture:loose';
const OPENERS = 'capture:openers';
const OPENERS_MAX = 200;

export const CAPTURE_ID_PREFIX = 'cap-';

export class CaptureStore {
  private store: FlowStore;
  /** Settles once the stored settings chose the storage area and the ring size (worker start). */
  ready: Promise<void> = Promise.resolve();

  constructor(keep: boolean, ringSize: number) {
    this.store = new FlowStore(keep ? browser.storage.local : browser.storage.session, ringSize, KEYS);
  }

  get flows(): FlowStore {
    return this.store;
  }

  /** Moves every captured flow to the other storage area when "keep recorded flows" changes. */
  async configure(keep: boolean, ringSize: number): Promise<void> {
    const target: KV = keep ? browser.storage.local : browser.storage.session;
    if (target !== this.store.storage) {
      const old = this.store;
      const flows = await old.all();
      this.store = new FlowStore(target, ringSize, KEYS);
      for (const f of flows.reverse()) await this.store.put(f);
      await old.clear();
    }
    await this.store.resize(ringSize);
  }

  async loose(): Promise<LooseCall[]> {
    const v = (await browser.storage.session.get(LOOSE))[LOOSE];
    return Array.isArray(v) ? (v as LooseCall[]) : [];
  }

  setLoose(l: LooseCall[]): Promise<void> {
    return browser.storage.session.set({ [LOOSE]: l });
  }

  async openers(): Promise<Record<string, number>> {
    const v = (await browser.storage.session.get(OPENERS))[OPENERS];
    return typeof v === 'object' && v !== null ? (v as Record<string, number>) : {};
  }

  async setOpener(tabId: number, openerTabId: number): Promise<void> {
    const all = await this.openers();
    all[String(tabId)] = openerTabId;
    const keys = Object.keys(all);
    for (const k of keys.slice(0, Math.max(0, keys.length - OPENERS_MAX))) delete all[k];
    await browser.storage.session.set({ [OPENERS]: all });
  }

  async clear(): Promise<void> {
    await this.store.clear();
    await browser.storage.session.remove(LOOSE);
  }
}
