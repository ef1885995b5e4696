/**
 * "Decode with Grantscope" in the page's context menu, on selected text and on links (issue 10, item 3):
 * a JWT, a callback URL or a token response goes straight to the panel's Decode view.
 *
 * Menu items outlive the worker: Chrome keeps them, and Firefox keeps those of an event page (which an
 * MV3 background is) across restarts, both until the extension is updated (MDN menus.create). So they
 * are made in runtime.onInstalled, not at every start; onStartup makes them again, which costs nothing
 * and covers a browser that dropped them (an extension turned off and on). removeAll first: creating an
 * id that exists is an error.
 */
import browser from '../shared/browser';
import { pendingFromMenu } from '../core/menu-decode';
import { putPendingDecode } from './decode-pending';
import { showPanel } from './panel-tab';
import { logText } from '../core/redact';

export const DECODE_MENU_ID = 'grantscope-decode';

/** The fields of the browser's OnClickData this reads (contextMenus in Chrome, menus in Firefox). */
export interface MenuClickInfo {
  menuItemId: string | number;
  selectionText?: string;
  linkUrl?: string;
}

async function createMenu(): Promise<void> {
  await browser.contextMenus.removeAll();
  await new Promise<void>((resolve, reject) => {
    // create() answers through its callback, not a promise (it returns the id).
    browser.contextMenus.create({ id: DECODE_MENU_ID, title: 'Decode with Grantscope', contexts: ['selection', 'link'] }, () => {
      const err = browser.runtime.lastError;
      if (err) reject(new Error(err.message));
      else resolve();
    });
  });
}

/** What a click on the item does; the test build reaches it directly (a context menu cannot be clicked by a test). */
export async function onDecodeMenuClick(info: MenuClickInfo): Promise<void> {
  if (info.menuItemId !== DECODE_MENU_ID) return;
  const pending = pendingFromMenu(info);
  if (!pending) return;
  await putPendingDecode(pending);
  // Restart: a panel already on Decode must read the new input, not keep what it showed.
  await showPanel({ view: 'decode', restart: true });
}

/** Registers the menu item's creation and its click listener (top level, so a click wakes the worker). */
export function registerContextMenu(): void {
  const make = () => void createMenu().catch((e: unknown) => console.error('Grantscope: context menu:', logText(e)));
  browser.runtime.onInstalled.addListener(make);
  browser.runtime.onStartup.addListener(make);
  browser.contextMenus.onClicked.addListener((info) => {
    onDecodeMenuClick(info).catch((e: unknown) => console.error('Grantscope: decode from the menu:', logText(e)));
  });
  if (__TEST__) (globalThis as { __grantscopeMenuClick?: typeof onDecodeMenuClick }).__grantscopeMenuClick = onDecodeMenuClick;
}
