/**
 * Entry of content-relay.js (world ISOLATED, beside the page script on opted-in sites): passes the page
 * script's reports to the background as 'capture/report', fire and forget. The page script cannot do
 * it itself: the extension API does not exist in the page's world.
 */
import browser from '../shared/browser';
import type { Envelope } from '../shared/messages';
import { HOOK_EVENT } from './channel';
import { rateLimit, reportFrom } from './relay-check';

const allowed = rateLimit(60, 10_000);

window.addEventListener(
  HOOK_EVENT,
  (event) => {
    const request = reportFrom((event as CustomEvent<unknown>).detail);
    if (!request || !allowed()) return;
    const envelope: Envelope<'capture/report'> = { grantscope: 1, type: 'capture/report', payload: { request } };
    try {
      // After the extension reloads, this orphaned script's API throws ("Extension context invalidated").
      browser.runtime.sendMessage(envelope).catch(() => undefined);
    } catch {
      // Nothing to tell the page.
    }
  },
  true,
);
