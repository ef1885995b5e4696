/**
 * Secrets in the comparison: a token or code is described ("present (43 chars)", "JWT, 812 chars")
 * and compared by SHA-256, so "is it the same token" is answered without the value entering the model
 * (RFC 6749 10.3, 10.5: tokens and codes are credentials). The hash itself is never put in a row either:
 * a short unsalted hash of a low-entropy value could be guessed.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { looksLikeJwt } from '../redact';
import { NONE } from './types';

/** Longest value hashed; a longer one is compared by its head and length (never met in practice). */
const HASH_MAX = 512 * 1024;

const digest = (v: string): string => bytesToHex(sha256(new TextEncoder().encode(v.slice(0, HASH_MAX)))) + `:${v.length}`;

/** True when both are present and equal, decided by hash. */
export function sameSecret(x: string | undefined, y: string | undefined): boolean {
  return x !== undefined && y !== undefined && digest(x) === digest(y);
}

/** "present (43 chars)", "present, JWT (812 chars)", or NONE. */
export function describeSecret(v: unknown): string {
  if (typeof v !== 'string' || v === '') return NONE;
  return looksLikeJwt(v) ? `present, JWT (${v.length} chars)` : `present (${v.length} chars)`;
}
