/**
 * A value from a server or a page, cut to show in a message: not secret, but possibly huge (a hostile
 * issuer, URL or error string; issue 9). The ellipsis counts in the limit.
 */
export const clip = (s: string, max = 200): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
