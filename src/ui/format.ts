/** Small display helpers shared by the popup and the panel. Pure: no browser, no DOM. */

export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour12: false });
}

/** "+850 ms", "+2.4 s", "+3 min" between two steps. */
export function delta(fromMs: number, toMs: number): string {
  // Recorded steps carry the browser's fractional timestamps (webRequest timeStamp): round them.
  const d = Math.max(0, Math.round(toMs - fromMs));
  if (d < 1000) return `+${d} ms`;
  if (d < 60_000) return `+${(d / 1000).toFixed(1)} s`;
  return `+${Math.round(d / 60_000)} min`;
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
