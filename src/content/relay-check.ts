/**
 * The relay's first look at what the page script sent. The page can forge these events, so this only
 * keeps the shape the background expects and pins the fields the page script must not choose (tab,
 * source, kind of load); the background's strict check (parseObserved) and its site rules decide the rest.
 */
import type { ObservedRequest } from '../core/capture/types';
import { MAX_DETAIL } from './channel';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function reportFrom(detail: unknown): ObservedRequest | undefined {
  if (typeof detail !== 'string' || detail.length > MAX_DETAIL) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(detail);
  } catch {
    return undefined;
  }
  if (!isObj(v) || typeof v.id !== 'string' || !v.id.startsWith('ps:') || v.id.length > 100) return undefined;
  if (typeof v.url !== 'string' || !/^https?:\/\//i.test(v.url) || typeof v.method !== 'string' || typeof v.at !== 'number') return undefined;
  if (v.response !== undefined && !isObj(v.response)) return undefined;
  // The background fills the tab from the message's sender.
  return { ...(v as unknown as ObservedRequest), tabId: -1, frame: 'fetch', via: 'page-script' };
}

/** At most `max` reports per `windowMs`: a page looping over token calls must not flood the background. */
export function rateLimit(max: number, windowMs: number, now: () => number = Date.now): () => boolean {
  let start = now();
  let used = 0;
  return () => {
    const t = now();
    if (t - start >= windowMs) {
      start = t;
      used = 0;
    }
    return ++used <= max;
  };
}
