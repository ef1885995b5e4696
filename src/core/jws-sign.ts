/**
 * Signing the JWTs a client makes: client assertions (RFC 7523, OIDC Core 9), request objects
 * (RFC 9101). jose does the JOSE work; this file picks the algorithm and turns jose's throws about
 * bad keys into named problems, since the keys are pasted by people.
 */
import { base64url, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import { fail, ok, type Result } from './result';

/** How to sign: an HMAC over a shared secret, a private JWK, or not at all (RFC 7519 6). */
export type SignWith =
  | { alg: 'none' }
  | { alg: 'HS256' | 'HS384' | 'HS512'; secret: string }
  | { alg?: string; privateJwk: JWK };

/** Members that make a JWK private (RFC 7518 6.2.2, 6.3.2; RFC 8037 2). Never in a header. */
export const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/** The public half of a JWK: the key's public members and its identity, nothing else. */
export function publicJwk(jwk: JWK): JWK {
  const out: JWK = {};
  for (const name of ['kty', 'crv', 'x', 'y', 'n', 'e', 'kid', 'alg', 'use'] as const) {
    if (jwk[name] !== undefined) out[name] = jwk[name] as never;
  }
  return out;
}

/**
 * The usual algorithm for a key when none is named: RS256 for RSA (the one OIDC Core 15.1 requires
 * everyone to support), ES256/384/512 by curve (RFC 7518 3.4), EdDSA for Ed25519 (RFC 8037 3.1).
 */
export function defaultSigningAlg(jwk: JWK): string | undefined {
  if (jwk.kty === 'RSA') return 'RS256';
  if (jwk.kty === 'EC') return { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' }[jwk.crv ?? ''];
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'EdDSA';
  return undefined;
}

/** Which algorithm to sign with: the JWK's own `alg` (RFC 7517 4.4) must agree with one asked for. */
export function signingAlgFor(jwk: JWK, asked?: string): Result<string> {
  if (jwk.alg && asked && jwk.alg !== asked) {
    return fail('alg-mismatch', `the key is for ${jwk.alg} (its "alg" member), not ${asked}`);
  }
  const alg = jwk.alg ?? asked ?? defaultSigningAlg(jwk);
  if (!alg) return fail('no-alg', `no signing algorithm is known for a ${jwk.kty ?? 'typeless'} key${jwk.crv ? ` on ${jwk.crv}` : ''}; name one`);
  return ok(alg);
}

/** alg none: header and payload, and an empty signature (RFC 7519 6.1). */
function unsecured(header: Record<string, unknown>, claims: JWTPayload): string {
  const part = (v: object) => base64url.encode(JSON.stringify(v));
  return `${part({ ...header, alg: 'none' })}.${part(claims)}.`;
}

/**
 * A compact JWS of `claims`. `header` adds members such as typ and kid; alg always comes from
 * `signWith`. A key that cannot sign (public only, wrong type for the alg, malformed) is a problem.
 */
export async function signJwt(claims: JWTPayload, signWith: SignWith, header: Record<string, unknown> = {}): Promise<Result<string>> {
  if ('secret' in signWith) {
    // OIDC Core 16.19: the HMAC key is "the octets of the UTF-8 representation of the client_secret".
    if (!signWith.secret) return fail('missing-secret', `${signWith.alg} needs a secret to sign with, and it is empty`);
    const key = new TextEncoder().encode(signWith.secret);
    return ok(await new SignJWT(claims).setProtectedHeader({ ...header, alg: signWith.alg }).sign(key));
  }
  if (!('privateJwk' in signWith)) return ok(unsecured(header, claims));
  const jwk = signWith.privateJwk;
  if (jwk.d === undefined) return fail('public-key', 'the key has no private part ("d"): a public key cannot sign');
  const alg = signingAlgFor(jwk, signWith.alg);
  if (!alg.ok) return alg;
  try {
    const key = await importJWK(jwk, alg.value);
    const kid = jwk.kid === undefined ? {} : { kid: jwk.kid };
    return ok(await new SignJWT(claims).setProtectedHeader({ ...kid, ...header, alg: alg.value }).sign(key));
  } catch (err) {
    // jose and WebCrypto messages name the mismatch ("Invalid key type", "Named curve mismatch") and
    // never contain key material.
    const why = err instanceof Error ? err.message : String(err);
    return fail('bad-key', `the key cannot sign ${alg.value}: ${why.slice(0, 120)}`);
  }
}
