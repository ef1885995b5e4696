/**
 * Page-capture reports limited per tab (issue 9, fault case 34). The relay content script limits
 * what each frame sends, but every frame has its own relay and counter, so a page with fifty iframes
 * of an opted-in site sent fifty times the limit. The worker counts again per tab, from the sender the
 * browser names (which a page cannot forge), in a fixed window.
 *
 * Pure: the caller hands in the time. The map is bounded: past `maxKeys` tabs, windows that ended are
 * dropped first, then the tab heard from least recently.
 */

/** Reports one tab may send in a window: a sign-in makes a handful; a page looping on token calls is cut off. */
export const TAB_REPORTS_MAX = 60;
export const TAB_WINDOW_MS = 10_000;
const TABS_MAX = 256;

export interface KeyedLimiter {
  /** True when `key` may send one more now (and counts it). */
  allow(key: number | string, now: number): boolean;
  /** Forget a key (its tab closed). */
  forget(key: number | string): void;
  /** Keys followed now; at most `maxKeys`. */
  size(): number;
}

export function keyedRateLimit(max = TAB_REPORTS_MAX, windowMs = TAB_WINDOW_MS, maxKeys = TABS_MAX): KeyedLimiter {
  const windows = new Map<number | string, { start: number; used: number }>();
  const makeRoom = (now: number) => {
    if (windows.size < maxKeys) return;
    for (const [k, w] of windows) if (now - w.start >= windowMs || now < w.start) windows.delete(k);
    while (windows.size >= maxKeys) windows.delete(windows.keys().next().value!);
  };
  return {
    allow(key, now) {
      let w = windows.get(key);
      // A clock that went back starts a new window rather than locking the tab out.
      if (!w || now - w.start >= windowMs || now < w.start) {
        windows.delete(key);
        makeRoom(now);
        w = { start: now, used: 0 };
      } else {
        windows.delete(key);
      }
      // Re-inserted: the map's order is least recently heard from first.
      windows.set(key, w);
      return ++w.used <= max;
    },
    forget(key) {
      windows.delete(key);
    },
    size: () => windows.size,
  };
}
