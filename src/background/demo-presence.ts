/**
 * Does the demo provider answer? Asked by the popup and the panel when they hold demo profiles, so a
 * person without `npm run demo` sees those profiles labelled instead of offered first (issue 10, item 4).
 *
 * One discovery fetch with a short timeout, its answer kept for a minute in storage.session (the worker
 * may stop between popup opens) and shared by callers that ask at the same time: opening the popup
 * again and again fetches at most once a minute. "Check again" (refresh) skips the minute.
 */
import { discoveryUrls, parseDiscovery } from '../core/discovery';
import type { DemoPresence } from '../shared/demo';
import type { FetchOutcome } from './http';
import type { KV } from './kv';

export const DEMO_PRESENCE_TTL_MS = 60_000;
/** Loopback answers in milliseconds; a second and a half is plenty and keeps the label quick. */
export const DEMO_PRESENCE_TIMEOUT_MS = 1_500;
const KEY = 'demo:presence';

export interface DemoPresenceDeps {
  issuer: string;
  session: KV;
  fetchText: (url: string, init: RequestInit, timeoutMs: number) => Promise<FetchOutcome>;
  now?: () => number;
}

const isPresence = (v: unknown, issuer: string): v is DemoPresence =>
  typeof v === 'object' && v !== null && (v as DemoPresence).issuer === issuer && typeof (v as DemoPresence).up === 'boolean' && typeof (v as DemoPresence).checkedAt === 'number';

export function makeDemoPresence(deps: DemoPresenceDeps): (opts: { refresh?: boolean }) => Promise<DemoPresence> {
  const now = deps.now ?? Date.now;
  let inflight: Promise<DemoPresence> | undefined;

  async function probe(): Promise<DemoPresence> {
    const url = discoveryUrls(deps.issuer).oidc;
    const got = await deps.fetchText(url, { headers: { accept: 'application/json' } }, DEMO_PRESENCE_TIMEOUT_MS);
    const base = { issuer: deps.issuer, checkedAt: now() };
    if (!got.ok) return { ...base, up: false, reason: got.message };
    const { status, headers, bodyText } = got.answer;
    // The same rule as any discovery: the document must be for this issuer (RFC 8414 3.3).
    const doc = parseDiscovery(bodyText, status, headers['content-type'] ?? null, deps.issuer);
    return doc.ok ? { ...base, up: true } : { ...base, up: false, reason: doc.error.message };
  }

  return async ({ refresh }) => {
    if (inflight) return inflight;
    if (!refresh) {
      const cached = (await deps.session.get(KEY))[KEY];
      const age = isPresence(cached, deps.issuer) ? now() - cached.checkedAt : Infinity;
      if (isPresence(cached, deps.issuer) && age >= 0 && age < DEMO_PRESENCE_TTL_MS) return cached;
    }
    inflight ??= probe()
      .then(async (p) => {
        await deps.session.set({ [KEY]: p });
        return p;
      })
      .finally(() => (inflight = undefined));
    return inflight;
  };
}
