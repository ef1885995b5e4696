/**
 * GETs the worker makes for the trust model (src/core/capture/trust.ts, rule 6): discovery documents
 * and key sets. The answer is read at most `maxChars` before anything parses it, the whole exchange
 * (body included) is bounded in time, and only a few run at once with a short waiting line, so a page
 * naming many slow or huge URLs costs a fixed amount of work (issue 9: "Stalled recording", "Blind
 * requests"). Never sends cookies; never follows a redirect.
 */
import { fetchableUrl } from '../core/capture/trust';
import { sizeText } from '../core/json-bounds';

/** `busy`: not fetched because too many fetches were waiting (nothing was asked of the server). */
export type CappedOutcome = { ok: true; status: number; contentType: string; bodyText: string } | { ok: false; message: string; busy?: true };

/**
 * A few fetches at a time, with a short waiting line. Two lanes: what a page's request set off (a
 * discovery URL it named) and what a flow needs (its issuer's document, its keys), so a page naming
 * many URLs cannot hold up the checks of a real sign-in.
 */
class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(
    private readonly inFlight: number,
    private readonly maxWaiting: number,
  ) {}

  /** A slot; false when the waiting line is full (the caller gives up, nothing queues forever). */
  async take(): Promise<boolean> {
    if (this.running < this.inFlight) {
      this.running++;
      return true;
    }
    if (this.waiting.length >= this.maxWaiting) return false;
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    return true;
  }

  release(): void {
    this.running--;
    this.waiting.shift()?.();
  }
}

export type Lane = 'page' | 'flow';
const lanes: Record<Lane, Limiter> = { page: new Limiter(2, 8), flow: new Limiter(3, 32) };

async function readCapped(res: Response, maxChars: number): Promise<string | undefined> {
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > maxChars * 3) {
    // UTF-8 is at most 3 bytes per UTF-16 unit: this answer is over the cap whatever it holds.
    await res.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (!res.body) return (await res.text()).slice(0, maxChars + 1);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (text.length > maxChars) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
  }
  return text + decoder.decode();
}

/**
 * `anyUrl`: skip rule 6's https-or-loopback check, for a URL the person chose (a launched flow's
 * jwks_uri); a recorded flow's URLs never skip it.
 */
export async function fetchCapped(url: string, opts: { maxChars: number; timeoutMs: number; what: string; lane: Lane; anyUrl?: boolean }): Promise<CappedOutcome> {
  if (!URL.canParse(url)) return { ok: false, message: `${opts.what}: not a valid URL` };
  const usable = fetchableUrl(url);
  if (!usable.ok && !opts.anyUrl) return { ok: false, message: `${opts.what}: ${usable.error.message}` };
  const host = new URL(url).host;
  const lane = lanes[opts.lane];
  if (!(await lane.take())) return { ok: false, message: `${opts.what} at ${host} was not fetched: too many fetches waiting`, busy: true };
  try {
    const res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(opts.timeoutMs), credentials: 'omit', redirect: 'manual', cache: 'no-store' });
    const bodyText = await readCapped(res, opts.maxChars);
    if (bodyText === undefined) return { ok: false, message: `${opts.what} at ${host} is larger than ${sizeText(opts.maxChars)}: not read` };
    return { ok: true, status: res.status, contentType: res.headers.get('content-type') ?? '', bodyText };
  } catch (err) {
    const name = (err as { name?: unknown }).name;
    if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, message: `${opts.what}: no answer from ${host} within ${Math.round(opts.timeoutMs / 1000)} s` };
    return { ok: false, message: `${opts.what}: could not reach ${host} (${err instanceof Error ? err.message.slice(0, 200) : 'network error'})` };
  } finally {
    lane.release();
  }
}
