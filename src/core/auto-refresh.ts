/**
 * When to refresh automatically: a margin before the access token expires (RFC 6749 5.1 expires_in,
 * counted from when the answer arrived), never sooner than a floor from now. No expires_in, no
 * schedule: the server did not say when the token ends, and refreshing blindly would spend tokens.
 */
export const REFRESH_MARGIN_MS = 60_000;
export const MIN_DELAY_MS = 30_000; // chrome.alarms fires no sooner than 30 s in a packed extension

export function refreshAt(receivedAt: number, expiresIn: unknown, nowMs: number): number | undefined {
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn <= 0) return undefined;
  return Math.max(receivedAt + expiresIn * 1000 - REFRESH_MARGIN_MS, nowMs + MIN_DELAY_MS);
}
