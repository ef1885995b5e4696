/**
 * The issuer's keys (jwks_uri), fetched once and kept, for the background's verifications. An
 * unknown kid usually means the issuer rotated its keys (OIDC Core 10.1.1: "the RP ... re-retrieve
 * the keys when it sees an unfamiliar kid"), so it triggers one refetch - but at most one per
 * minimum interval per URI, so tokens with made-up kids cannot make us hammer the endpoint
 * (fault-cases.md 13; jose's createRemoteJWKSet uses the same cooldown idea). Fetching is passed
 * in: this file never touches the network. A fetch that fails reads "keys-unreachable"; the caller
 * still has the decoded token to show (fault-cases.md 14).
 */
import type { JSONWebKeySet } from 'jose';
import { Lru } from './lru';
import type { Result } from './result';
import { checkSignature, DEFAULT_ALGORITHMS, precheck, type Verification } from './verify';

interface Entry {
  jwks: JSONWebKeySet;
  fetchedAt: number;
}

/** Key sets kept at once: a person works with a handful of issuers (issue 9: every cache bounded). */
const KEPT = 32;

export class JwksCache {
  private readonly entries = new Lru<string, Entry>(KEPT);
  /** When each URI was last asked for, successful or not: the refetch interval counts from here. */
  private readonly triedAt = new Lru<string, number>(KEPT * 2);
  /** One request per URI at a time: concurrent verifications share it. */
  private readonly inflight = new Map<string, Promise<Result<Entry>>>();

  /**
   * `ttlMs`: how long keys are used before being fetched again (10 min, as jose's cacheMaxAge).
   * `minRefetchMs`: the least time between two fetches of one URI for an unknown kid.
   */
  constructor(
    private readonly fetchJwks: (uri: string) => Promise<Result<JSONWebKeySet>>,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = 10 * 60_000,
    private readonly minRefetchMs = 60_000,
  ) {}

  private fetch(uri: string): Promise<Result<Entry>> {
    const running = this.inflight.get(uri);
    if (running) return running;
    this.triedAt.set(uri, this.now());
    const p = this.fetchJwks(uri)
      .then((got): Result<Entry> => {
        if (!got.ok) return got;
        // A 200 that is not a key set must not be cached as one.
        if (!Array.isArray((got.value as { keys?: unknown } | null)?.keys)) {
          return { ok: false, error: { code: 'not-a-jwks', message: 'the answer has no "keys" array' } };
        }
        const entry = { jwks: got.value, fetchedAt: this.now() };
        this.entries.set(uri, entry);
        return { ok: true, value: entry };
      })
      .catch((err: unknown): Result<Entry> => ({ ok: false, error: { code: 'fetch-failed', message: err instanceof Error ? err.message : String(err) } }))
      .finally(() => this.inflight.delete(uri));
    this.inflight.set(uri, p);
    return p;
  }

  async verify(token: string, jwksUri: string, opts: { algorithms?: string[] } = {}): Promise<Verification> {
    const algorithms = opts.algorithms ?? DEFAULT_ALGORITHMS;
    const pre = precheck(token, algorithms, jwksUri);
    if ('verdict' in pre) return pre.verdict; // nothing a key could change: no request
    const opt = { keySource: jwksUri, algorithms };

    let entry = this.entries.get(jwksUri);
    let fresh = false;
    if (!entry || this.now() - entry.fetchedAt >= this.ttlMs) {
      const got = await this.fetch(jwksUri);
      if (!got.ok) return { ...pre.base, status: 'keys-unreachable', message: `Could not fetch the issuer's keys from ${jwksUri}: ${got.error.message}` };
      entry = got.value;
      fresh = true;
    }
    const first = await checkSignature(token, entry.jwks, opt);
    if (first.code !== 'ERR_JWKS_NO_MATCHING_KEY' || fresh) return first.verification;

    // An unknown kid with keys from earlier: refetch once, unless the last try was too recent.
    const since = this.now() - (this.triedAt.get(jwksUri) ?? 0);
    if (since < this.minRefetchMs) {
      const wait = `fetched ${Math.round(since / 1000)} s ago; not fetched again within ${Math.round(this.minRefetchMs / 1000)} s`;
      return { ...first.verification, message: `${first.verification.message} (The key set was ${wait}.)` };
    }
    const again = await this.fetch(jwksUri);
    if (!again.ok) {
      return { ...first.verification, message: `${first.verification.message} Fetching the key set again failed: ${again.error.message}` };
    }
    return (await checkSignature(token, again.value.jwks, opt)).verification;
  }
}
