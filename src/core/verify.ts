/**
 * Signature verification of a JWS (an ID token, a JWT access token) against a key set, with jose.
 *
 * Only the signature is checked here: claims (exp, iss, nonce, ...) are checked separately so an expired
 * but genuine token still reads "verified" and its claim check reads "expired" (OIDC Core 3.1.3.7).
 * Outcomes are named plainly; `alg: none` is never "verified" (RFC 8725 3.1).
 */
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet } from 'jose';

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
}

/** Asymmetric algorithms an ID token may use by default; HS* needs the client secret (OIDC Core 10.1). */
export const DEFAULT_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

function header(token: string): { alg?: string; kid?: string } | undefined {
  try {
    const h = decodeProtectedHeader(token);
    return { ...(typeof h.alg === 'string' ? { alg: h.alg } : {}), ...(typeof h.kid === 'string' ? { kid: h.kid } : {}) };
  } catch {
    return undefined;
  }
}

export async function verifySignature(
  token: string,
  jwks: JSONWebKeySet,
  opts: { keySource: string; algorithms?: string[] },
): Promise<Verification> {
  const h = header(token);
  if (!h || token.split('.').length !== 3) {
    return { status: 'not-a-jws', message: 'Not a signed JWT (JWS compact form): nothing to verify.' };
  }
  const base = { ...h, keySource: opts.keySource };
  if (!h.alg || h.alg.toLowerCase() === 'none') {
    return { ...base, status: 'unsigned', message: 'Unsigned token (alg "none"): it proves nothing about who issued it.' };
  }
  const algorithms = opts.algorithms ?? DEFAULT_ALGORITHMS;
  if (!algorithms.includes(h.alg)) {
    return { ...base, status: 'alg-not-allowed', message: `Algorithm ${h.alg} is not in the allowed list (${algorithms.join(', ')}).` };
  }
  const keyName = h.kid ? `key "${h.kid}"` : 'the only matching key';
  try {
    await compactVerify(token, createLocalJWKSet(jwks), { algorithms });
    return { ...base, status: 'verified', message: `Signature verified with ${keyName} (${h.alg}) from ${opts.keySource}.` };
  } catch (err) {
    // Branch on jose's error codes: class names are minified in the bundle.
    const code = (err as { code?: unknown }).code;
    switch (code) {
      case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
        return { ...base, status: 'bad-signature', message: `Bad signature: ${keyName} (${h.alg}) does not verify this token.` };
      case 'ERR_JWKS_NO_MATCHING_KEY':
        return { ...base, status: 'no-matching-key', message: `No key in ${opts.keySource} matches kid "${h.kid ?? '(none)'}" and alg ${h.alg}.` };
      case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
        return { ...base, status: 'no-matching-key', message: 'Several keys match and the token names no kid: the key is ambiguous.' };
      case 'ERR_JWKS_INVALID':
        return { ...base, status: 'keys-unreachable', message: `The key set from ${opts.keySource} is not a valid JWKS.` };
      default:
        return { ...base, status: 'error', message: `Could not verify: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
}
