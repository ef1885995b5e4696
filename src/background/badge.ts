/**
 * The toolbar badge: how many recorded flows touched the tab. Chrome resets a tab's badge when the
 * tab navigates, so it is set again whenever a flow changes and when a tab finishes loading.
 */
import browser from '../shared/browser';
import type { CaptureStore } from './capture-store';

export async function updateBadges(captures: CaptureStore, tabIds: number[]): Promise<void> {
  if (tabIds.length === 0) return;
  const flows = await captures.flows.all();
  for (const tabId of tabIds) {
    const n = flows.filter((f) => f.capture?.tabIds.includes(tabId)).length;
    await browser.action.setBadgeText({ tabId, text: n ? String(Math.min(n, 999)) : '' }).catch(() => undefined);
  }
}

export function registerBadges(captures: () => CaptureStore): void {
  void browser.action.setBadgeBackgroundColor({ color: '#2f5f98' }).catch(() => undefined);
  browser.tabs.onUpdated.addListener((tabId, info) => {
    if (info.status === 'complete') void updateBadges(captures(), [tabId]);
  });
}
