/**
 * PKCE (RFC 7636) and the random values a flow needs (state, nonce).
 * Uses globalThis.crypto so it runs the same in node, a page and a service worker.
 */
import { base64url } from 'jose';

/**
 * base64url of `bytes` random bytes. The default 32 bytes (256 bits) is well above the 128 bits
 * RFC 9700 2.1.1 / RFC 6749 10.10 ask of state and nonce.
 */
export function randomToken(bytes = 32): string {
  // getRandomValues refuses more than 65536 bytes; fewer than 1 makes no token at all.
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > 65536) {
    throw new RangeError(`randomToken: bytes must be an integer in 1..65536, got ${bytes}`);
  }
  return base64url.encode(globalThis.crypto.getRandomValues(new Uint8Array(bytes)));
}

/** RFC 7636 4.1: "a 32-octet sequence ... base64url-encoded to produce a 43-octet URL safe string". */
export function createVerifier(): string {
  return randomToken(32);
}

// RFC 7636 4.1: code-verifier = 43*128unreserved; unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export function isValidVerifier(v: string): boolean {
  return VERIFIER.test(v);
}

/** RFC 7636 4.2: code_challenge = BASE64URL-ENCODE(SHA256(ASCII(code_verifier))). */
export async function challengeS256(verifier: string): Promise<string> {
  // A valid verifier is ASCII, so its UTF-8 bytes are its ASCII bytes.
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url.encode(new Uint8Array(digest));
}
