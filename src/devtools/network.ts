/**
 * Feeds the recorder from the DevTools network log of the inspected tab: every finished request the
 * prefilter passes is sent as 'capture/devtools', with its response body when DevTools has it.
 * onRequestFinished fires only while this DevTools window is open (and, in Firefox, once its Network
 * panel has been shown at least once: MDN devtools.network.onRequestFinished).
 */
import type { KnownEndpoints } from '../core/capture/types';
import { KNOWN_ENDPOINTS_KEY } from '../shared/constants';
import type { Connector } from '../ui/connector';
import { type HarContent, type HarEntry, harToObserved, harWanted } from './har';

export type Finished = HarEntry & { getContent: (cb?: (content: string, encoding: string) => void) => unknown };

export interface NetworkApi {
  onRequestFinished: { addListener(fn: (r: Finished) => void): void };
}

/**
 * getContent() differs by browser: Chrome's DevTools calls back with (content, encoding) and returns
 * nothing; Firefox and the polyfill return a promise of [content, second] (the polyfill refuses a
 * callback argument, throwing at once). Whichever answers first wins.
 */
export function contentOf(entry: Finished): Promise<HarContent> {
  return new Promise((resolve) => {
    const done = (content?: unknown, encoding?: unknown) =>
      resolve({ content: typeof content === 'string' ? content : null, ...(typeof encoding === 'string' ? { encoding } : {}) });
    let answer: unknown;
    try {
      answer = entry.getContent(done);
    } catch {
      answer = entry.getContent();
    }
    if (answer && typeof (answer as Promise<unknown>).then === 'function') {
      (answer as Promise<unknown>).then(
        (v) => (Array.isArray(v) ? done(v[0], v[1]) : done(v)),
        () => done(),
      );
    }
  });
}

/** What followKnownEndpoints needs of `browser.storage`. */
export interface SessionStorageApi {
  /** Absent where this page may not use it (Firefox gives DevTools pages what content scripts get). */
  session?: { get(key: string): Promise<Record<string, unknown>> };
  onChanged: { addListener(fn: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void };
}

/**
 * The provider endpoints the worker has learned from discovery documents, which it keeps in
 * storage.session (background/known-endpoints.ts): read once, then kept current as it learns more.
 * A change that lands before the first read answers wins over that read's older value. Where the
 * page may not read storage.session, nothing is known and only the prefilter's hints let calls through.
 */
export function followKnownEndpoints(storage: SessionStorageApi): () => KnownEndpoints {
  let known: KnownEndpoints = {};
  let changed = false;
  const take = (v: unknown) => {
    known = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as KnownEndpoints) : {};
  };
  try {
    storage.onChanged.addListener((changes, area) => {
      if (area !== 'session' || !Object.hasOwn(changes, KNOWN_ENDPOINTS_KEY)) return;
      changed = true;
      take(changes[KNOWN_ENDPOINTS_KEY]?.newValue);
    });
    storage.session
      ?.get(KNOWN_ENDPOINTS_KEY)
      .then((got) => {
        if (!changed) take(got[KNOWN_ENDPOINTS_KEY]);
      })
      .catch(() => undefined);
  } catch {
    // No storage API in this page at all: nothing is known.
  }
  return () => known;
}

/**
 * `known`: provider endpoints learned from discovery (followKnownEndpoints), so a call to one whose
 * path says nothing (oidc-provider's userinfo at /me) is sent too, as the recorder would take it.
 */
export function watchNetwork(network: NetworkApi, tabId: number, send: Connector['send'], known: () => KnownEndpoints = () => ({})): void {
  network.onRequestFinished.addListener((entry) => {
    if (!harWanted(entry, known())) return;
    const status = entry.response?.status ?? 0;
    // Redirects and failures have no body worth asking for.
    const body = status >= 200 && (status < 300 || status >= 400) ? contentOf(entry).catch(() => undefined) : Promise.resolve(undefined);
    void body
      .then((content) => send('capture/devtools', { request: harToObserved(entry, tabId, content) }))
      .catch(() => undefined);
  });
}
