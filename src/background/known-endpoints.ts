/**
 * Discovery documents the worker fetched, and the provider endpoints learned from them, so a userinfo
 * endpoint at /me or a token endpoint at an odd path is recognised by its URL (recognise.ts).
 *
 * The trust model (src/core/capture/trust.ts) decides what counts: a discovery URL a page fetched is
 * fetched again here, by the worker, and its document counts only if its issuer is the one the URL is
 * for (rule 1); a body the page reported is believed for nothing. Every store here is bounded: the
 * learned endpoints by their total size (LRU, kept in storage.session for restarts and for the
 * DevTools page), the documents and fetch results by count (LRU), the fetches by capped-fetch.ts.
 * Nothing here runs inside the recorder's serial queue: callers do not await it there.
 */
import { MAX_DOC_CHARS, MAX_KNOWN_CHARS, issuerForDiscoveryUrl, readDiscovery, type DiscoveryRead } from '../core/capture/trust';
import type { KnownEndpoints } from '../core/capture/types';
import { discoveryUrls } from '../core/discovery';
import { Lru } from '../core/lru';
import type { Result } from '../core/result';
import browser from '../shared/browser';
import { KNOWN_ENDPOINTS_KEY } from '../shared/constants';
import { type Lane, fetchCapped } from './capped-fetch';
import { logText } from '../core/redact';

const KEY = KNOWN_ENDPOINTS_KEY;
const ROLES = new Set(['authorization', 'token', 'discovery', 'jwks', 'userinfo', 'introspection', 'revocation', 'device-authorization', 'par']);
/** Discovery documents kept, by issuer; fetch results kept, by URL. */
const DOCS_MAX = 32;
const FETCHED_MAX = 64;
/** A document is fetched again after this; a failure is tried again sooner. */
const FRESH_MS = 10 * 60_000;
const RETRY_MS = 60_000;
const TIMEOUT_MS = 8_000;

const known = new Lru<string, KnownEndpoints[string]>(5_000, (url, role) => url.length + role.length + 8, MAX_KNOWN_CHARS);
let snapshot: KnownEndpoints = {};
const docs = new Lru<string, DiscoveryRead>(DOCS_MAX);
type Fetched = { at: number; result: Result<DiscoveryRead> & { status?: number } };
const fetched = new Lru<string, Fetched>(FETCHED_MAX);
const inflight = new Map<string, Promise<Fetched['result']>>();

/** The learned endpoints, URL -> role: read on every request by the prefilter, so kept as one object. */
export const knownEndpoints = (): KnownEndpoints => snapshot;

/** Documents that passed rule 1, fetched by the worker: for the trust model's issuer candidates. */
export const learnedDocs = (): DiscoveryRead[] => docs.values();

function learn(endpoints: KnownEndpoints): void {
  for (const [url, role] of Object.entries(endpoints)) known.set(url, role);
  snapshot = Object.fromEntries(known.entries());
}

export async function loadKnownEndpoints(): Promise<void> {
  const v: unknown = (await browser.storage.session.get(KEY))[KEY];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return;
  // Stored by an earlier version, or by this one: either way only well-formed entries, within the cap.
  const stored = Object.entries(v as Record<string, unknown>).filter((e): e is [string, KnownEndpoints[string]] => typeof e[1] === 'string' && ROLES.has(e[1]) && e[0].length <= 2048);
  const mine = known.entries();
  known.clear();
  learn(Object.fromEntries([...stored, ...mine]));
}

/** Forgets what was learned (Clear flows: everything the recorder keeps). */
export async function clearKnownEndpoints(): Promise<void> {
  known.clear();
  snapshot = {};
  docs.clear();
  fetched.clear();
  await browser.storage.session.remove(KEY);
}

async function fetchDoc(url: string, lane: Lane): Promise<Fetched['result']> {
  const got = await fetchCapped(url, { maxChars: MAX_DOC_CHARS, timeoutMs: TIMEOUT_MS, what: 'discovery', lane });
  if (!got.ok) return { ok: false, error: { code: got.busy ? 'busy' : 'unreachable', message: got.message } };
  if (got.status !== 200) return { ok: false, error: { code: 'unexpected-status', message: `discovery at ${url.slice(0, 200)} answered HTTP ${got.status}` }, status: got.status };
  const doc = readDiscovery(url, got.bodyText);
  if (!doc.ok) return doc;
  docs.set(doc.value.issuer, doc.value);
  learn(doc.value.endpoints);
  await browser.storage.session.set({ [KEY]: snapshot }).catch((e: unknown) => console.error('Grantscope: storing learned endpoints:', logText(e)));
  return doc;
}

/**
 * The document at a discovery URL, fetched by the worker (at most once per FRESH_MS, failures once per
 * RETRY_MS, one request per URL at a time). Only a URL that is some issuer's well-known URL is fetched.
 */
export function discoveryAt(url: string, lane: Lane, now = Date.now()): Promise<Fetched['result']> {
  if (!issuerForDiscoveryUrl(url)) return Promise.resolve({ ok: false, error: { code: 'not-discovery', message: `${url.slice(0, 200)} is not the discovery URL of an issuer` } });
  const prior = fetched.get(url);
  if (prior && now - prior.at < (prior.result.ok ? FRESH_MS : RETRY_MS)) return Promise.resolve(prior.result);
  const running = inflight.get(url);
  if (running) return running;
  const p = fetchDoc(url, lane)
    .then((result) => {
      // A full waiting line is no answer from the server: asked again next time, not remembered.
      if (result.ok || result.error.code !== 'busy') fetched.set(url, { at: Date.now(), result });
      return result;
    })
    .finally(() => inflight.delete(url));
  inflight.set(url, p);
  return p;
}

/** An issuer's document: one already fetched, else OIDC Discovery 4 first, RFC 8414 3 when that is 404. */
export async function discoveryFor(issuer: string): Promise<Fetched['result']> {
  const had = docs.get(issuer);
  if (had) return { ok: true, value: had };
  const urls = discoveryUrls(issuer);
  const first = await discoveryAt(urls.oidc, 'flow');
  if (first.ok || first.status !== 404 || urls.oauth === urls.oidc) return first;
  return discoveryAt(urls.oauth, 'flow');
}

/**
 * A page fetched this discovery URL: the worker reads the document itself and learns from it when it
 * passes. `fresh`: this call fetched it (news for flows already stored; a cached answer is not).
 * A failure is returned named ("discovery at URL names issuer X"), never thrown.
 */
export async function learnDiscovery(url: string): Promise<{ fresh: boolean; result: Fetched['result'] }> {
  const cached = fetched.peek(url);
  const result = await discoveryAt(url, 'page');
  return { fresh: fetched.peek(url) !== cached, result };
}
