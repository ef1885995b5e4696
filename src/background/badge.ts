/**
 * The toolbar badge: how many recorded flows touched the tab. Chrome resets a tab's badge when the
 * tab navigates, so it is set again whenever a flow changes and when a tab finishes loading. The
 * counts are kept in one small storage.session key, so a page load reads that, not the whole ring.
 */
import browser from '../shared/browser';
import type { CaptureStore } from './capture-store';

const KEY = 'capture:badges';

async function counts(): Promise<Record<string, number>> {
  const v = (await browser.storage.session.get(KEY))[KEY];
  return typeof v === 'object' && v !== null ? (v as Record<string, number>) : {};
}

const show = (tabId: number, n: number | undefined) =>
  browser.action.setBadgeText({ tabId, text: n ? String(Math.min(n, 999)) : '' }).catch(() => undefined);

/** Counts the recorded flows of these tabs again (after a flow changed, or all were cleared). */
export async function updateBadges(captures: CaptureStore, tabIds: number[]): Promise<void> {
  if (tabIds.length === 0) return;
  const all = await counts();
  for (const tabId of tabIds) {
    // Counted from the store's in-memory index, not by reading every flow (issue 10, item 5).
    const n = await captures.flows.countInTab(tabId);
    if (n) all[String(tabId)] = n;
    else delete all[String(tabId)];
    await show(tabId, n);
  }
  await browser.storage.session.set({ [KEY]: all });
}

/** Every tab's count and badge gone (Clear recorded flows: nothing of the recorder is kept). */
export async function clearBadges(): Promise<void> {
  const all = await counts();
  await browser.storage.session.remove(KEY);
  for (const tabId of Object.keys(all)) await show(Number(tabId), 0);
}

export function registerBadges(): void {
  void browser.action.setBadgeBackgroundColor({ color: '#2f5f98' }).catch(() => undefined);
  browser.tabs.onUpdated.addListener((tabId, info) => {
    if (info.status !== 'complete') return;
    void counts().then((all) => (all[String(tabId)] ? show(tabId, all[String(tabId)]) : undefined));
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void counts().then((all) => {
      if (!(String(tabId) in all)) return;
      delete all[String(tabId)];
      return browser.storage.session.set({ [KEY]: all });
    });
  });
}
