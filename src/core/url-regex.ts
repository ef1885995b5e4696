/**
 * A declarativeNetRequest regexFilter (RE2 syntax) that matches one URL — scheme, host, port and path
 * exactly — followed by nothing, a query or a fragment. Used to catch a redirect_uri (RFC 6749 3.1.2:
 * the redirect is compared as a whole URI, so no prefix matching: /callback must not match /callbacks).
 */
export function urlRegex(url: string): string {
  const u = new URL(url);
  return `^${escapeRegex(`${u.protocol}//${u.host}${u.pathname}`)}([?#].*)?$`;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
