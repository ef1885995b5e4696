/** Small display helpers shared by the popup and the panel. Pure: no browser, no DOM. */

export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour12: false });
}

/** "+850 ms", "+2.4 s", "+3 min" between two steps. */
export function delta(fromMs: number, toMs: number): string {
  const d = Math.max(0, toMs - fromMs);
  if (d < 1000) return `+${d} ms`;
  if (d < 60_000) return `+${(d / 1000).toFixed(1)} s`;
  return `+${Math.round(d / 60_000)} min`;
}

/** A JWT NumericDate (seconds) as a date and how far from now: "2026-11-26 07:10:00 (in 9 min)". */
export function numericDate(sec: number, nowMs = Date.now()): string {
  const when = new Date(sec * 1000);
  const diff = Math.round((sec * 1000 - nowMs) / 1000);
  const abs = Math.abs(diff);
  const amount = abs < 90 ? `${abs} s` : abs < 5400 ? `${Math.round(abs / 60)} min` : abs < 172_800 ? `${Math.round(abs / 3600)} h` : `${Math.round(abs / 86_400)} d`;
  const rel = diff >= 0 ? `in ${amount}` : `${amount} ago`;
  return `${when.toISOString().replace('T', ' ').slice(0, 19)} UTC (${rel})`;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The match pattern that covers a URL's origin, for permissions.request. */
export function originPattern(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}
