/**
 * How much of a body a capture source keeps. Token and discovery answers are a few KB; the cap only
 * stops a large page or a stream that happens to pass the prefilter from filling storage.session
 * (10 MB for everything, platform notes).
 */
export const BODY_CAP = 256 * 1024;

/** The text cut to the cap (in UTF-16 units, which is what storage and JSON count). */
export function capText(text: string, cap = BODY_CAP): string {
  return text.length > cap ? text.slice(0, cap) : text;
}

/** Held to what parseObserved (observed.ts) accepts: 100 headers, 8 KB a value (nginx's default line). */
export const HEADERS_MAX = 100;
export const HEADER_VALUE_CAP = 8 * 1024;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/;

/**
 * Headers fitted to those limits: odd names (HTTP/2 pseudo-headers) dropped, long values (a big
 * Cookie) cut, so one header does not get a whole report refused. fromEntries keeps "__proto__" a key.
 */
export function fitHeaders(h: Record<string, string>): Record<string, string> {
  const kept = Object.entries(h).filter(([k]) => HEADER_NAME.test(k)).slice(0, HEADERS_MAX);
  return Object.fromEntries(kept.map(([k, v]) => [k, capText(v, HEADER_VALUE_CAP)]));
}
