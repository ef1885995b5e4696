/**
 * What a verification answers (verify.ts), and the answers that need no key at all: not a JWS,
 * unsigned (alg "none" is never "verified", RFC 8725 3.1), or an alg outside the allowed list.
 */
import { decodeProtectedHeader } from 'jose';

export type VerificationStatus =
  | 'verified'
  | 'bad-signature'
  | 'unsigned'
  | 'no-matching-key'
  | 'alg-not-allowed'
  | 'keys-unreachable'
  | 'not-a-jws'
  | 'error';

export interface Verification {
  status: VerificationStatus;
  /** Plain text for people, e.g. "Signature verified with key abc (RS256) from the issuer's JWKS". */
  message: string;
  alg?: string;
  kid?: string;
  /** Where the keys came from, e.g. the jwks_uri. */
  keySource?: string;
  /** No kid and several keys fit the alg: each was tried (OIDC Core 10.1 requires a kid then). */
  ambiguousKey?: boolean;
}

/** Asymmetric algorithms an ID token may use by default; HS* needs the client secret (OIDC Core 10.1). */
export const DEFAULT_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
export const HMAC_ALGORITHMS = ['HS256', 'HS384', 'HS512'];
export const isHmac = (alg: string) => alg.startsWith('HS');

/**
 * Header values go into messages and onto stored steps: a hostile token's 100 KB kid must not make a
 * 100 KB message (issue 9). Real algs are a few characters and kids rarely pass 100; past the limit the
 * value is cut and marked, so it still names the problem (and can never match a real key or alg).
 */
const HEADER_VALUE_MAX = 256;
const clip = (v: string) => (v.length > HEADER_VALUE_MAX ? `${v.slice(0, HEADER_VALUE_MAX)}…(${v.length} chars)` : v);

/** alg and kid from the protected header, or undefined when there is no readable header. */
export function tokenHeader(token: string): { alg?: string; kid?: string } | undefined {
  try {
    const h = decodeProtectedHeader(token);
    return { ...(typeof h.alg === 'string' ? { alg: clip(h.alg) } : {}), ...(typeof h.kid === 'string' ? { kid: clip(h.kid) } : {}) };
  } catch {
    return undefined;
  }
}

/**
 * An alg outside the list, said with the likely reason: a key set cannot verify HS* (that needs the
 * client secret), and a secret can verify nothing else - RFC 8725 2.1's algorithm confusion.
 */
function notAllowed(alg: string, algorithms: string[]): string {
  const list = algorithms.length ? algorithms.join(', ') : 'none';
  const why =
    isHmac(alg) && !algorithms.some(isHmac)
      ? ' It is an HMAC algorithm: verify it with the shared client secret (OIDC Core 10.1).'
      : !isHmac(alg) && algorithms.length > 0 && algorithms.every(isHmac)
        ? " A shared secret verifies only HS*: this token needs the issuer's public key (RFC 8725 2.1)."
        : '';
  return `Algorithm ${alg} is not in the allowed list (${list}).${why}`;
}

type Base = Omit<Verification, 'status' | 'message'>;

/**
 * The answers that need no key: not a JWS, unsigned, an alg outside the list. Callers that fetch
 * keys run this first, so a token that can never verify costs no request.
 */
export function precheck(token: string, algorithms: string[], keySource?: string): { verdict: Verification } | { alg: string; base: Base } {
  const h = tokenHeader(token);
  if (!h || token.split('.').length !== 3) {
    return { verdict: { status: 'not-a-jws', message: 'Not a signed JWT (JWS compact form): nothing to verify.' } };
  }
  const base: Base = { ...h, ...(keySource !== undefined ? { keySource } : {}) };
  if (!h.alg || h.alg.toLowerCase() === 'none') {
    return { verdict: { ...base, status: 'unsigned', message: 'Unsigned token (alg "none"): it proves nothing about who issued it.' } };
  }
  if (!algorithms.includes(h.alg)) return { verdict: { ...base, status: 'alg-not-allowed', message: notAllowed(h.alg, algorithms) } };
  return { alg: h.alg, base };
}
