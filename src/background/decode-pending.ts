/**
 * The input "Decode with Grantscope" left for the Decode view (issue 10, item 3). A selection may be a
 * live token, so it never travels in a URL (history, sync, the referrer of a page the panel opens):
 * it waits in storage.session, which only the extension's own pages and worker can read and which is
 * gone when the browser closes, under one key, and the Decode view takes it once (decode/pending),
 * which removes it.
 */
import browser from '../shared/browser';
import { type PendingDecode, parsePendingDecode } from '../core/menu-decode';

export const DECODE_PENDING_KEY = 'decode:pending';

export async function putPendingDecode(p: PendingDecode): Promise<void> {
  await browser.storage.session.set({ [DECODE_PENDING_KEY]: p });
}

/** The pending input, removed as it is read; null when there is none (or it does not fit its shape). */
export async function takePendingDecode(): Promise<PendingDecode | null> {
  const got = (await browser.storage.session.get(DECODE_PENDING_KEY))[DECODE_PENDING_KEY];
  if (got === undefined) return null;
  await browser.storage.session.remove(DECODE_PENDING_KEY);
  return parsePendingDecode(got);
}
