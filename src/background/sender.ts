/**
 * Who may talk to the background. It holds tokens and runs flows, so only our own extension pages may
 * ask it anything: not content scripts, not other extensions, not web pages (fault case 28).
 */
import { EXTENSION_PAGES } from '../shared/constants';

export interface SenderLike {
  id?: string;
  url?: string;
}

export function isTrustedSender(sender: SenderLike, runtimeId: string, extensionOrigin: string): boolean {
  if (sender.id !== runtimeId || !sender.url) return false;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return false;
  }
  return url.origin === new URL(extensionOrigin).origin && EXTENSION_PAGES.includes(url.pathname);
}

/** What the handlers learn about who sent a message. */
export interface SenderInfo {
  /** The tab of a content script; undefined for our own pages. */
  tabId?: number;
  url?: string;
}

/**
 * A content script of ours, running in a web page: it may only send CONTENT_SCRIPT_MESSAGES, and
 * the handler still checks the page is one the person opted in (src/background/capture-handlers.ts).
 */
export function isOwnContentScript(sender: SenderLike & { tab?: { id?: number } }, runtimeId: string): boolean {
  if (sender.id !== runtimeId || typeof sender.tab?.id !== 'number' || !sender.url) return false;
  try {
    return /^https?:$/.test(new URL(sender.url).protocol);
  } catch {
    return false;
  }
}
