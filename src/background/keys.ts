/**
 * The issuers' signing keys for the background's verifications, through one JwksCache: fetched once
 * per jwks_uri, refetched once on an unknown kid (OIDC Core 10.1.1), "keys unreachable" when the
 * endpoint is down, answers 500 or HTML - the token stays decoded either way (fault case 14).
 */
import type { JSONWebKeySet } from 'jose';
import { MAX_DOC_CHARS } from '../core/capture/trust';
import { normalizeIssuer } from '../core/discovery';
import { parseJsonBounded } from '../core/json-bounds';
import { JwksCache } from '../core/jwks-cache';
import { type Result, fail, ok } from '../core/result';
import type { Verification } from '../core/verify';
import { discover } from './discover';
import { fetchCapped } from './capped-fetch';

/**
 * The answer is read at most MAX_DOC_CHARS (issue 9) and parsed with a depth bound. Which jwks_uri is
 * fetched is the caller's to decide: for a recorded flow only the confirmed issuer's (trust.ts rule 4,
 * capture-id-token.ts), for a launched flow or a pasted token the issuer the person named.
 */
async function fetchJwks(uri: string): Promise<Result<JSONWebKeySet>> {
  const got = await fetchCapped(uri, { maxChars: MAX_DOC_CHARS, timeoutMs: 15_000, what: 'the key set', lane: 'flow', anyUrl: true });
  if (!got.ok) return fail('unreachable', got.message);
  if (got.status !== 200) return fail('unexpected-status', `the key set answered HTTP ${got.status}`);
  const parsed = parseJsonBounded(got.bodyText, 'the key set', { maxChars: MAX_DOC_CHARS, maxDepth: 8 });
  return parsed.ok ? ok(parsed.value as JSONWebKeySet) : fail(parsed.error.code, parsed.error.message);
}

const cache = new JwksCache(fetchJwks);

export async function verifyWithIssuerKeys(token: string, jwksUri: string | undefined): Promise<Verification> {
  if (!jwksUri) return { status: 'keys-unreachable', message: 'The provider advertises no jwks_uri: the signature cannot be checked.' };
  return cache.verify(token, jwksUri);
}

/** For a token with no flow: the issuer's discovery document names its jwks_uri. */
export async function verifyForIssuer(token: string, issuer: string): Promise<Verification> {
  const n = normalizeIssuer(issuer);
  if (!n.ok) return { status: 'keys-unreachable', message: `Issuer: ${n.error.message}` };
  const meta = await discover(n.value);
  if (!meta.ok) return { status: 'keys-unreachable', message: `Could not find the issuer's keys: ${meta.error.message}` };
  return verifyWithIssuerKeys(token, meta.value.jwks_uri);
}
