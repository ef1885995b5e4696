/**
 * Tabs in words (issue 11, item 6): "the app's tab", "login popup opened by the app's tab", "another
 * tab", instead of raw ids. From the flow's capture.tabIds (first seen first) and, when the recorder
 * kept them, the openers among those tabs (tabs.onCreated's openerTabId, child -> opener; tabs.ts).
 *
 * Without openers the order alone cannot tell an app's tab from a popup (a popup login's first request
 * is in the popup), so the first tab is only "the tab where the flow began".
 */
export type TabLabels = Map<number, string>;

const APP = 'the app’s tab';

export function tabLabels(tabIds: readonly number[], openers: Record<string, number> = {}): TabLabels {
  const out: TabLabels = new Map();
  if (tabIds.length === 0) return out;
  const opener = (t: number): number | undefined => {
    const o = openers[String(t)];
    return o !== undefined && o !== t && tabIds.includes(o) ? o : undefined;
  };
  const opened = tabIds.filter((t) => opener(t) !== undefined);
  // The app's tab: the one that opened another tab of this flow; else, with one tab only, that tab.
  const app = tabIds.find((t) => opened.some((c) => opener(c) === t) && opener(t) === undefined) ?? (tabIds.length === 1 ? tabIds[0] : undefined);
  if (app !== undefined) out.set(app, APP);
  for (const t of tabIds) {
    if (out.has(t)) continue;
    const o = opener(t);
    if (o !== undefined) out.set(t, o === app ? `login popup opened by ${APP}` : `a tab opened by ${out.get(o) ?? 'another tab of this flow'}`);
    else if (app === undefined && t === tabIds[0]) out.set(t, 'the tab where the flow began');
    else out.set(t, 'another tab');
  }
  return out;
}

/** The openers among a flow's tabs, to keep on the flow (the recorder's map holds every tab's). */
export function openersAmong(tabIds: readonly number[], openers: Record<string, number>): Record<string, number> | undefined {
  const kept = Object.entries(openers).filter(([child, parent]) => tabIds.includes(Number(child)) && tabIds.includes(parent));
  return kept.length ? Object.fromEntries(kept) : undefined;
}
