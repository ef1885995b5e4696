/**
 * Feeds the recorder from the DevTools network log of the inspected tab: every finished request the
 * prefilter passes is sent as 'capture/devtools', with its response body when DevTools has it.
 * onRequestFinished fires only while this DevTools window is open (and, in Firefox, once its Network
 * panel has been shown at least once: MDN devtools.network.onRequestFinished).
 */
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

export function watchNetwork(network: NetworkApi, tabId: number, send: Connector['send']): void {
  network.onRequestFinished.addListener((entry) => {
    if (!harWanted(entry)) return;
    const status = entry.response?.status ?? 0;
    // Redirects and failures have no body worth asking for.
    const body = status >= 200 && (status < 300 || status >= 400) ? contentOf(entry).catch(() => undefined) : Promise.resolve(undefined);
    void body
      .then((content) => send('capture/devtools', { request: harToObserved(entry, tabId, content) }))
      .catch(() => undefined);
  });
}
