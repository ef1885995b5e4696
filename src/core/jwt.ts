/**
 * Telling JWTs (RFC 7519, JWS compact RFC 7515 7.1), JWEs (RFC 7516 7.1) and opaque tokens apart,
 * and showing what is inside without verifying anything (verify.ts does signatures).
 */
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { JSON_DEPTH_MAX, jsonTooDeep, sizeText } from './json-bounds';

export type DecodedToken =
  | { kind: 'jwt'; header: Record<string, unknown>; payload: Record<string, unknown>; signature: string; unsigned: boolean }
  | { kind: 'jwe'; header: Record<string, unknown> }
  | { kind: 'opaque' }
  | { kind: 'invalid'; reason: string };

// Compact serialisation uses unpadded base64url (RFC 7515 2); '+', '/' and '=' mean something else.
const SEGMENT = /^[A-Za-z0-9_-]*$/;

/**
 * Longest token decoded. ID tokens are a few KB (tens with many group claims); past this, decoding a
 * hostile megabyte costs more than it could ever show (issue 9).
 */
export const TOKEN_MAX = 256 * 1024;

/** 3 (JWS) or 5 (JWE) dot-separated base64url segments, the first (the header) never empty. */
export function looksLikeJwt(value: string): boolean {
  if (value.length > TOKEN_MAX) return false;
  const parts = value.split('.', 6);
  if (parts.length !== 3 && parts.length !== 5) return false;
  if (!parts[0] || !parts.every((p) => SEGMENT.test(p))) return false;
  return parts.length === 5 || parts[1] !== ''; // a JWS needs a payload; a JWE's key part may be empty
}

const invalid = (why: string): DecodedToken => ({ kind: 'invalid', reason: `not a valid JWT: ${why}` });

/** jose's fixed messages for ERR_JWT_INVALID, said in this tool's words. */
function payloadReason(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code !== 'ERR_JWT_INVALID') return 'the payload could not be decoded';
  const msg = err instanceof Error ? err.message : '';
  if (msg.includes('base64url')) return 'the payload is not base64url';
  if (msg.includes('JSON')) return 'the payload is not JSON';
  if (msg.includes('Claims Set')) return 'the payload is not a JSON object';
  return 'the payload is missing or malformed';
}

/**
 * Decodes without trusting: `unsigned` is true for alg "none" in any letter case (RFC 7519 6,
 * RFC 8725 3.1), for a missing alg, and for an empty signature, so such a token is never "verified".
 */
export function decodeToken(value: string): DecodedToken {
  const token = value.trim(); // pasted tokens often carry a newline
  if (token === '') return { kind: 'invalid', reason: 'the token is empty' };
  if (!token.includes('.')) return { kind: 'opaque' };
  if (token.length > TOKEN_MAX) return invalid(`it is ${sizeText(token.length)}, more than the ${sizeText(TOKEN_MAX)} decoded`);
  const parts = token.split('.');
  if (parts.length !== 3 && parts.length !== 5) {
    return invalid(`${parts.length} segments (a signed JWT has 3, an encrypted one 5)`);
  }
  const bad = parts.findIndex((p) => !SEGMENT.test(p));
  if (bad !== -1) {
    const ch = /[^A-Za-z0-9_-]/.exec(parts[bad] ?? '')?.[0] ?? '?';
    return invalid(`segment ${bad + 1} is not base64url (it contains ${JSON.stringify(ch)})`);
  }
  let header: Record<string, unknown>;
  try {
    // Throws a plain TypeError (no jose code) for anything but base64url of a JSON object.
    header = decodeProtectedHeader(token) as Record<string, unknown>;
  } catch {
    return invalid('the header is not a base64url-encoded JSON object');
  }
  // decodeJwt refuses JWE outright; the protected header is all there is to show without the key.
  // Nothing that walks a decoded token (storage, checks, the panel) should meet 20,000 levels.
  if (jsonTooDeep(header)) return invalid(`the header nests deeper than ${JSON_DEPTH_MAX} levels`);
  if (parts.length === 5) return { kind: 'jwe', header };
  let payload: Record<string, unknown>;
  try {
    payload = decodeJwt(token) as Record<string, unknown>;
  } catch (err) {
    return invalid(payloadReason(err));
  }
  if (jsonTooDeep(payload)) return invalid(`the payload nests deeper than ${JSON_DEPTH_MAX} levels`);
  const signature = parts[2] ?? '';
  const alg = header.alg;
  const unsigned = typeof alg !== 'string' || alg.toLowerCase() === 'none' || signature === '';
  return { kind: 'jwt', header, payload, signature, unsigned };
}
