/**
 * fetch for the background, turned into data: every answer is captured as status, headers and text,
 * and every failure becomes a plain message that names the problem and the origin (never a secret).
 */
import type { HttpAnswer } from '../core/token-response';

export type FetchOutcome = { ok: true; answer: HttpAnswer } | { ok: false; message: string };

export async function fetchText(url: string, init: RequestInit, timeoutMs: number): Promise<FetchOutcome> {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return { ok: false, message: `Not a valid URL: ${url}` };
  }
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), credentials: 'omit', redirect: 'manual' });
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
    return { ok: true, answer: { status: res.status, headers, bodyText: await res.text() } };
  } catch (err) {
    const name = (err as { name?: unknown }).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return { ok: false, message: `No answer from ${origin} within ${Math.round(timeoutMs / 1000)} s.` };
    }
    // Chrome says only "Failed to fetch": the usual causes are a server that is down or missing host access.
    return {
      ok: false,
      message: `Could not reach ${origin} (${err instanceof Error ? err.message : String(err)}). The server may be down, or Grantscope may lack access to this site.`,
    };
  }
}
