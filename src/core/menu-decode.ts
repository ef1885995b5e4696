/**
 * "Decode with Grantscope" (issue 10, item 3): what a context-menu click on selected text or on a link
 * hands to the panel's Decode view. Pure: the worker passes the fields of the browser's OnClickData.
 *
 * A click can carry both (text selected inside a link, or a selection when the link is right-clicked):
 * the one decodeInput reads best wins: one holding a token (a JWT, a callback with a code, a token
 * response) over one that is merely readable (a URL without parameters), over anything else; on a tie
 * the selection, since selecting is the more deliberate act. Any single word is an "opaque token" to
 * decodeInput, so a link's words ("Continue") count as nothing next to the callback URL behind them. The browser decides how much selection it hands over; Grantscope keeps at most
 * MENU_DECODE_MAX of it and says so when it cut, so what is stored stays small and what is shown is
 * never silently different from what was selected.
 */
import { decodeInput } from './decode-input';
import { sizeText } from './json-bounds';

/** Far above any token, callback URL or token response; small enough to sit in storage.session. */
export const MENU_DECODE_MAX = 64 * 1024;

export type MenuSource = 'selection' | 'link';

export interface PendingDecode {
  text: string;
  source: MenuSource;
  /** The length the browser handed over, when it was more than MENU_DECODE_MAX and the text was cut. */
  cutFrom?: number;
}

/** The parts of contextMenus.OnClickData this reads (Chrome and Firefox name them alike). */
export interface MenuClick {
  selectionText?: string;
  linkUrl?: string;
}

/** At most `max` UTF-16 units, never ending in half a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const last = head.charCodeAt(head.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? head.slice(0, -1) : head;
}

function pending(text: string, source: MenuSource, max: number): PendingDecode {
  return text.length > max ? { text: cut(text, max), source, cutFrom: text.length } : { text, source };
}

/** What the Decode view should open with, or null when the click carried nothing to decode. */
export function pendingFromMenu(info: MenuClick, max = MENU_DECODE_MAX): PendingDecode | null {
  const candidates: PendingDecode[] = [];
  if (typeof info.selectionText === 'string' && info.selectionText.trim() !== '') candidates.push(pending(info.selectionText, 'selection', max));
  if (typeof info.linkUrl === 'string' && info.linkUrl.trim() !== '') candidates.push(pending(info.linkUrl, 'link', max));
  let best: { c: PendingDecode; score: number } | null = null;
  for (const c of candidates) {
    const score = readScore(c.text);
    if (!best || score > best.score) best = { c, score };
  }
  return best?.c ?? null;
}

/** 2: structured and holding a token; 1: structured; 0: opaque, invalid or empty. */
function readScore(text: string): number {
  const d = decodeInput(text);
  if (d.kind === 'invalid' || d.kind === 'empty' || d.kind === 'opaque') return 0;
  return d.tokens.length > 0 ? 2 : 1;
}

/** The Decode view's line about a cut input; names sizes, never the text. */
export function cutNotice(p: PendingDecode): string | null {
  if (p.cutFrom === undefined) return null;
  const what = p.source === 'link' ? 'link' : 'selection';
  return `The ${what} was ${sizeText(p.cutFrom)}; Grantscope took its first ${sizeText(MENU_DECODE_MAX)}, so a token in it may be cut short.`;
}

/** Shape check for a stored pending decode read back from storage (a stale or broken value is dropped). */
export function parsePendingDecode(v: unknown): PendingDecode | null {
  if (typeof v !== 'object' || v === null) return null;
  const p = v as Record<string, unknown>;
  if (typeof p.text !== 'string' || p.text.length > MENU_DECODE_MAX) return null;
  if (p.source !== 'selection' && p.source !== 'link') return null;
  if (p.cutFrom !== undefined && (typeof p.cutFrom !== 'number' || !Number.isFinite(p.cutFrom))) return null;
  return { text: p.text, source: p.source, ...(typeof p.cutFrom === 'number' ? { cutFrom: p.cutFrom } : {}) };
}
