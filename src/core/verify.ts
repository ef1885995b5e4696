/**
 * Signature verification of a JWS (an ID token, a JWT access token) against a key set or a pasted
 * key, with jose.
 *
 * Only the signature is checked here: claims (exp, iss, nonce, ...) are checked separately so an expired
 * but genuine token still reads "verified" and its claim check reads "expired" (OIDC Core 3.1.3.7).
 * Outcomes are named plainly; `alg: none` is never "verified" (RFC 8725 3.1).
 */
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { DEFAULT_ALGORITHMS, HMAC_ALGORITHMS, isHmac, precheck, tokenHeader, type Verification, type VerificationStatus } from './verify-precheck';
import type { VerificationKeys } from './verify-keys';

export { DEFAULT_ALGORITHMS, HMAC_ALGORITHMS, precheck, type Verification, type VerificationStatus } from './verify-precheck';
export { keysFromText, type VerificationKeys } from './verify-keys';

/** The verification, and jose's error code when it failed (the JWKS cache refetches on an unknown kid). */
export interface CheckedSignature {
  verification: Verification;
  code?: string;
}

/**
 * jose's local key set imports each key once and keeps it; building a new one per token re-imports
 * the keys every time (npm run bench measured it at most of the cost of a verification). One per key
 * set object, then: the JWKS cache hands the same object for as long as it keeps the keys.
 */
const localSets = new WeakMap<JSONWebKeySet, ReturnType<typeof createLocalJWKSet>>();
function localSet(keys: JSONWebKeySet): ReturnType<typeof createLocalJWKSet> {
  let set = localSets.get(keys);
  if (!set) localSets.set(keys, (set = createLocalJWKSet(keys)));
  return set;
}

/** Verifies against a key set or, for HS*, the secret's bytes; every jose failure becomes a named outcome. */
export async function checkSignature(
  token: string,
  keys: JSONWebKeySet | Uint8Array,
  opts: { keySource: string; algorithms: string[] },
): Promise<CheckedSignature> {
  const pre = precheck(token, opts.algorithms, opts.keySource);
  if ('verdict' in pre) return { verification: pre.verdict };
  const { alg, base } = pre;
  const src = opts.keySource;
  const secret = keys instanceof Uint8Array;
  const used = secret ? `${src} (${alg})` : `${base.kid ? `key "${base.kid}"` : 'the only matching key'} (${alg}) from ${src}`;
  const out = (status: VerificationStatus, message: string, code?: string): CheckedSignature => ({
    verification: { ...base, status, message },
    ...(code !== undefined ? { code } : {}),
  });
  try {
    await compactVerify(token, secret ? keys : localSet(keys), { algorithms: opts.algorithms });
    return out('verified', `Signature verified with ${used}.`);
  } catch (err) {
    // Branch on jose's error codes: class names are minified in the bundle.
    const code = String((err as { code?: unknown }).code ?? '');
    switch (code) {
      case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
        return out('bad-signature', `Bad signature: ${used} does not verify this token.`, code);
      case 'ERR_JWKS_NO_MATCHING_KEY':
        return out('no-matching-key', `No key in ${src} matches kid "${base.kid ?? '(none)'}" and alg ${alg}.`, code);
      case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
        return tryEach(token, err as AsyncIterable<CryptoKey | Uint8Array>, opts.algorithms, alg, src, base);
      case 'ERR_JWKS_INVALID':
        return out('keys-unreachable', `The key set from ${src} is not a valid JWKS.`, code);
      case 'ERR_JOSE_NOT_SUPPORTED':
        return out('no-matching-key', `No key in ${src} can verify ${alg}.`, code);
      default:
        return out('error', `Could not verify: ${err instanceof Error ? err.message : String(err)}`, code || undefined);
    }
  }
}

/**
 * No kid and several keys fit the alg: OIDC Core 10.1 requires a kid then, but the token may still
 * be genuine. jose hands the candidates on its error; each is tried, and the answer says the key was
 * ambiguous either way (the ID token rule 'idtoken.kid' reads it).
 */
async function tryEach(token: string, candidates: AsyncIterable<CryptoKey | Uint8Array>, algorithms: string[], alg: string, src: string, base: Omit<Verification, 'status' | 'message'>): Promise<CheckedSignature> {
  let n = 0;
  for await (const key of candidates) {
    n++;
    try {
      await compactVerify(token, key, { algorithms });
      return { verification: { ...base, status: 'verified', ambiguousKey: true, message: `Signature verified with one of several ${alg} keys from ${src}: the token names no kid, so the key was ambiguous (OIDC Core 10.1).` } };
    } catch {
      // not this key: try the next
    }
    if (n >= 100) break;
  }
  return { verification: { ...base, status: 'bad-signature', ambiguousKey: true, message: `Bad signature: none of the ${n} ${alg} keys from ${src} verifies this token, which names no kid (OIDC Core 10.1).` }, code: 'ERR_JWKS_MULTIPLE_MATCHING_KEYS' };
}

export async function verifySignature(
  token: string,
  jwks: JSONWebKeySet,
  opts: { keySource: string; algorithms?: string[] },
): Promise<Verification> {
  return (await checkSignature(token, jwks, { keySource: opts.keySource, algorithms: opts.algorithms ?? DEFAULT_ALGORITHMS })).verification;
}

/**
 * Verifies with pasted keys (keysFromText). A secret only ever verifies HS* and a public key never
 * does, whatever list is passed, so an RSA key is never taken as an HMAC secret (RFC 8725 2.1).
 */
export async function verifyWith(token: string, source: VerificationKeys, opts: { algorithms?: string[] } = {}): Promise<Verification> {
  const secret = source.kind === 'secret';
  const algorithms = (opts.algorithms ?? (secret ? HMAC_ALGORITHMS : DEFAULT_ALGORITHMS)).filter((a) => isHmac(a) === secret);
  return (await checkSignature(token, secret ? source.keys : oneKeyForKid(source.keys, token), { keySource: source.label, algorithms })).verification;
}

/**
 * A kid is only a hint (RFC 7515 4.1.4), and a PEM or a bare JWK has none: one pasted key without a
 * kid is the key the person means, so it takes the token's kid rather than never matching it.
 */
function oneKeyForKid(jwks: JSONWebKeySet, token: string): JSONWebKeySet {
  const only = jwks.keys.length === 1 ? jwks.keys[0] : undefined;
  const kid = tokenHeader(token)?.kid;
  return only && only.kid === undefined && kid !== undefined ? { keys: [{ ...only, kid }] } : jwks;
}
