/**
 * Shows the panel in a tab (issue 10, item 3): the panel tab already open, if there is one, brought to
 * the front with its window; else a new tab. "Decode with Grantscope" and both keyboard shortcuts use
 * it, so pressing a shortcut twice never leaves two panels behind.
 *
 * The DevTools panel (panel.html inside DevTools) is no tab and is left alone.
 */
import browser, { type Tabs } from '../shared/browser';
import { isPanelUrl, panelFlowUrl, panelUrlFor, panelViewOf } from '../core/panel-url';

export interface ShowPanel {
  /** The view to show; without one an open panel keeps its view, a new one opens on its default. */
  view?: string;
  /**
   * A flow to show selected in the Flows view (view-state.ts's #/flows/<id>): a panel already open
   * follows the hash change itself, keeping nothing of the flow it showed before.
   */
  flowId?: string;
  /**
   * Load the panel afresh even when it already shows `view`, so the view reads what was just left for
   * it (the Decode view takes a pending input when it starts; changing only the hash starts it too).
   */
  restart?: boolean;
  /** Bring it to the front (default). False leaves the tab in front as it is (a login tab just opened). */
  focus?: boolean;
}

/** The open panel tabs, the most recently used first. Our own pages' URLs are visible without "tabs". */
async function panelTabs(): Promise<Tabs.Tab[]> {
  const panel = browser.runtime.getURL('panel.html');
  const tabs = await browser.tabs.query({});
  return tabs.filter((t) => t.id !== undefined && isPanelUrl(t.url, panel)).sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
}

/** Shows the panel; resolves with its tab id. */
export async function showPanel(opts: ShowPanel = {}): Promise<number | undefined> {
  const focus = opts.focus ?? true;
  const panel = browser.runtime.getURL('panel.html');
  const url = opts.flowId ? panelFlowUrl(panel, opts.flowId) : panelUrlFor(panel, opts.view);
  const [tab] = await panelTabs();
  if (!tab?.id) return (await browser.tabs.create({ url, active: focus })).id;
  const showing = panelViewOf(tab.url ?? '');
  if (opts.flowId ? tab.url !== url : opts.view && showing !== opts.view) await browser.tabs.update(tab.id, { url, active: focus });
  else if (opts.restart) {
    await browser.tabs.reload(tab.id);
    if (focus) await browser.tabs.update(tab.id, { active: true });
  } else if (focus) await browser.tabs.update(tab.id, { active: true });
  if (focus && tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
  return tab.id;
}
