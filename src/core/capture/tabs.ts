/**
 * Tabs that one login can span: the app's tab, the tab that opened it, and the login popup or new
 * tab it opened (window.open). Known from tabs.onCreated's openerTabId, kept as child -> opener.
 */
export function relatedTabs(tabId: number, openers: Record<string, number>): number[] {
  if (tabId < 0) return [];
  const out = new Set([tabId]);
  const up = openers[String(tabId)];
  if (up !== undefined) out.add(up);
  // Children, not siblings: tabs opened from one page (two logins in two tabs) are separate apps' runs.
  for (const [child, parent] of Object.entries(openers)) if (parent === tabId) out.add(Number(child));
  return [...out];
}
