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
