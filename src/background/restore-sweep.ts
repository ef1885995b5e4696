/**
 * Tabs already open when the browser starts. Session restore loads them before any listener of the
 * extension exists, so their requests never reach the recorder: measured in Chromium 156, a tab
 * restored at an authorization request URL (a provider that shows its login form at the authorize URL
 * itself leaves the tab there) produced no webRequest event at all, and the person's login then
 * ended in a callback with "no authorization request was recorded" (issue 9, item 6). Nothing queued
 * in the worker can help an event the browser never sent, so at browser start the worker reads the
 * open tabs' URLs (host access shows them) and records those that are authorization requests, marked
 * as seen as an open tab, not as network events. Callbacks are left alone: a URL an app keeps in its
 * address bar would turn into a new orphan at every start.
 *
 * When: the first time a worker runs in a browser session (a flag in storage.session, which the
 * browser empties when it closes), so at browser start and at install, never again on a mere worker
 * restart. runtime.onStartup is not used: measured in Chromium 156 with the extension loaded unpacked,
 * it did not fire on a restart with session restore.
 */
import { fitObserved } from '../core/capture/limits';
import { recognise } from '../core/capture/recognise';
import type { CaptureSink } from '../core/capture/types';
import browser from '../shared/browser';
import { knownEndpoints } from './known-endpoints';

/** A browser can restore hundreds of tabs; logins in progress are a handful. */
const SWEEP_MAX = 50;
/** Not a "capture:" key: Clear flows removes those, and a clear must not make the next worker sweep again. */
const SWEPT_KEY = 'openTabsSwept';

/** Sweeps the open tabs once per browser session (see above). */
export async function sweepOpenTabsOnce(sink: CaptureSink): Promise<number> {
  if ((await browser.storage.session.get(SWEPT_KEY))[SWEPT_KEY] === true) return 0;
  await browser.storage.session.set({ [SWEPT_KEY]: true });
  return sweepOpenTabs(sink);
}

/** Records the open tabs that sit at an authorization request; returns how many. */
export async function sweepOpenTabs(sink: CaptureSink, now = Date.now()): Promise<number> {
  let n = 0;
  for (const t of await browser.tabs.query({})) {
    // A restored tab that has not committed yet shows its URL as pendingUrl (Chrome).
    const url = t.url || (t as { pendingUrl?: string }).pendingUrl;
    if (t.id === undefined || t.id < 0 || !url || !/^https?:\/\//i.test(url)) continue;
    const obs = fitObserved({ id: `tab:${t.id}:${now}`, at: now, tabId: t.id, frame: 'main', method: 'GET', url, via: 'open-tab' });
    if (recognise(obs, knownEndpoints())?.kind !== 'authorization-request') continue;
    sink.request(obs);
    if (++n >= SWEEP_MAX) break;
  }
  return n;
}
