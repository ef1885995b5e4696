/** Small display helpers shared by the popup and the panel. Pure: no browser, no DOM. */
import { relativeTime, utcDate } from '../core/relative-time';

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

/**
 * A moment as people read it, in this computer's time zone: "28 Nov 2026, 19:40". Day-month-year
 * whatever the locale, so "03/04" is never ambiguous; undefined when the number is no date.
 */
export function localDateTime(ms: number): string | undefined {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return undefined;
  return d.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
}

/**
 * A NumericDate (RFC 7519 2, seconds) as "28 Nov 2026, 19:40 (2 h ago)", with `verbs` for the
 * relative part ("expires in 9 min" / "expired 2 h ago"). Undefined when it is no date, so the caller
 * shows the raw value and says why.
 */
export function whenText(seconds: number, nowMs: number, verbs?: readonly [future: string, past: string]): string | undefined {
  const date = Number.isFinite(seconds) ? localDateTime(seconds * 1000) : undefined;
  if (date === undefined) return undefined;
  const rel = relativeTime(seconds, nowMs);
  const verb = verbs ? `${rel.endsWith(' ago') ? verbs[1] : verbs[0]} ` : '';
  return `${date} (${verb}${rel})`;
}

/** The hover text of a shown time: the raw number as the token carries it, and the UTC moment. */
export function whenTitle(seconds: number): string {
  const utc = Number.isFinite(seconds) ? utcDate(seconds) : undefined;
  return utc ? `${seconds} (${utc})` : String(seconds);
}

// How the rules word a time in evidence (src/core/tokens/id-token-rules.ts `when`): "1795896396 (2026-11-28T20:06:36.000Z)".
const STAMP = /(-?\d{1,13}) \((\d{4}-\d\d-\d\dT[\d:.]+Z)\)/g;

/**
 * Text with every "number (ISO time)" stamp read as a local date, for findings' expected / actual:
 * people read "28 Nov 2026, 20:06"; keep the original text as the element's title for the raw number.
 */
export function localTimesIn(text: string): string {
  return text.replace(STAMP, (all, _n: string, iso: string) => localDateTime(Date.parse(iso)) ?? all);
}
