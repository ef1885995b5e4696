/**
 * The ID token's hashes of the values that travel beside it: at_hash over the access token
 * (OIDC Core 3.1.3.6, 3.2.2.9), c_hash over the code (3.3.2.11), s_hash over the state (FAPI 1.0
 * Advanced 5.1.1). Each is base64url of the left-most half of a hash of the value's ASCII octets.
 */
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { base64url } from 'jose';

export type TokenHashAlgorithm = 'SHA-256' | 'SHA-384' | 'SHA-512';

/**
 * "the hash algorithm used in the alg Header Parameter of the ID Token's JOSE Header": the size in
 * the alg's name for the RSA, RSA-PSS, ECDSA and HMAC families (RFC 7518 3.1), SHA-256 for ES256K
 * (RFC 8812 3.2). EdDSA / Ed25519 sign with SHA-512 inside (RFC 8032 5.1), which OIDC Core errata
 * set 2 names for them. Ed448 (SHAKE256), ML-DSA and anything unknown: no Web Crypto digest, so
 * undefined - a check that cannot be made must say so, not guess.
 */
export function hashForAlg(alg: string): TokenHashAlgorithm | undefined {
  const sized = /^(?:RS|PS|ES|HS)(256|384|512)$/.exec(alg);
  if (sized) return `SHA-${sized[1]}` as TokenHashAlgorithm;
  if (alg === 'ES256K') return 'SHA-256';
  if (alg === 'EdDSA' || alg === 'Ed25519') return 'SHA-512';
  return undefined;
}

/**
 * OIDC Core 3.1.3.6: "Hash the octets of the ASCII representation of the access_token with the hash
 * algorithm specified in JWA for the alg Header Parameter of the ID Token's JOSE Header ... take the
 * left-most half of the hash and base64url-encode it." Undefined when the alg has no usable hash.
 * alg "EdDSA" is taken as Ed25519: jose and Web Crypto verify no Ed448 signature anyway.
 */
const SYNC_HASH: Record<TokenHashAlgorithm, (data: Uint8Array) => Uint8Array> = { 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 };

export async function tokenHash(value: string, alg: string): Promise<string | undefined> {
  const hash = hashForAlg(alg);
  if (!hash) return undefined;
  // Tokens, codes and state are ASCII in practice; UTF-8 is the same octets for those. A synchronous
  // hash (@noble/hashes): WebCrypto's digest costs a task hop per call, which npm run bench showed
  // to be most of an ID token's validation time.
  const digest = SYNC_HASH[hash](new TextEncoder().encode(value));
  return base64url.encode(digest.subarray(0, digest.length / 2));
}
