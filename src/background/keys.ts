/**
 * The issuer's signing keys (jwks_uri), fetched for one verification. A JWKS endpoint that is down,
 * answers 500 or HTML yields "keys unreachable": the token stays decoded (fault case 14).
 * Caching and the one refetch on an unknown kid come with the token workbench.
 */
import type { JSONWebKeySet } from 'jose';
import type { Verification } from '../core/verify';
import { verifySignature } from '../core/verify';
import { fetchText } from './http';

export async function verifyWithIssuerKeys(token: string, jwksUri: string | undefined): Promise<Verification> {
  if (!jwksUri) return { status: 'keys-unreachable', message: 'The provider advertises no jwks_uri: the signature cannot be checked.' };
  const got = await fetchText(jwksUri, { headers: { accept: 'application/json' } }, 15_000);
  if (!got.ok) return { status: 'keys-unreachable', message: `Could not fetch the issuer's keys: ${got.message}`, keySource: jwksUri };
  const { status, bodyText } = got.answer;
  if (status !== 200) {
    return { status: 'keys-unreachable', message: `The issuer's key set answered status ${status}.`, keySource: jwksUri };
  }
  let jwks: unknown;
  try {
    jwks = JSON.parse(bodyText);
  } catch {
    return { status: 'keys-unreachable', message: "The issuer's key set is not JSON.", keySource: jwksUri };
  }
  if (typeof jwks !== 'object' || jwks === null || !Array.isArray((jwks as { keys?: unknown }).keys)) {
    return { status: 'keys-unreachable', message: 'The issuer\'s key set has no "keys" array.', keySource: jwksUri };
  }
  return verifySignature(token, jwks as JSONWebKeySet, { keySource: jwksUri });
}
