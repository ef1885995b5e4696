/**
 * NumericDate values (RFC 7519 2: seconds since the epoch, UTC) shown for people: the UTC date and how
 * far it is from now, so "exp" reads "expires in 4 min" rather than a ten-digit number.
 */

const UNITS: [limit: number, size: number, name: string][] = [
  [60, 1, 's'],
  [3600, 60, 'min'],
  [48 * 3600, 3600, 'h'], // "36 h" says more than "1 d" for a token's lifetime
  [365 * 86400, 86400, 'd'],
  [Infinity, 365 * 86400, 'y'],
];

/** How long |seconds| is, rounded down to its largest unit: '59 s', '4 min', '3 h', '12 d', '2 y'. */
export function duration(seconds: number): string {
  const s = Math.abs(seconds);
  const [, size, name] = UNITS.find(([limit]) => s < limit) ?? UNITS[UNITS.length - 1]!;
  return `${Math.floor(s / size)} ${name}`;
}

/**
 * Where a NumericDate lies from now: 'in 4 min', '3 h ago', or 'now' within the same second.
 * `nowMs` is milliseconds (Date.now()); `seconds` is the claim's own unit.
 */
export function relativeTime(seconds: number, nowMs: number): string {
  const delta = seconds - nowMs / 1000;
  if (Math.abs(delta) < 1) return 'now';
  return delta > 0 ? `in ${duration(delta)}` : `${duration(delta)} ago`;
}

/** '2011-07-21 20:59:30 UTC'; undefined when the number is no date (NaN, out of Date's range). */
export function utcDate(seconds: number): string | undefined {
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? undefined : `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
