/**
 * The issuers' signing keys for the background's verifications, through one JwksCache: fetched once
 * per jwks_uri, refetched once on an unknown kid (OIDC Core 10.1.1), "keys unreachable" when the
 * endpoint is down, answers 500 or HTML - the token stays decoded either way (fault case 14).
 */
import type { JSONWebKeySet } from 'jose';
import { normalizeIssuer } from '../core/discovery';
import { JwksCache } from '../core/jwks-cache';
import { type Result, fail, ok } from '../core/result';
import type { Verification } from '../core/verify';
import { discover } from './discover';
import { fetchText } from './http';

async function fetchJwks(uri: string): Promise<Result<JSONWebKeySet>> {
  const got = await fetchText(uri, { headers: { accept: 'application/json' } }, 15_000);
  if (!got.ok) return fail('unreachable', got.message);
  if (got.answer.status !== 200) return fail('unexpected-status', `the key set answered HTTP ${got.answer.status}`);
  try {
    return ok(JSON.parse(got.answer.bodyText) as JSONWebKeySet);
  } catch {
    return fail('not-json', 'the key set is not JSON');
  }
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
