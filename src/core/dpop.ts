/**
 * DPoP, RFC 9449: a key pair per flow, a proof JWT per request, and spotting a server's nonce
 * challenge. The private key is extractable on purpose: the service worker may stop mid-flow, so
 * the key is kept as a private JWK in storage.session (cleared with the browser session) and
 * imported again by a fresh worker.
 */
import { base64url, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { header, isObject, type HttpAnswer } from './json-answer';
import { publicJwk as publicPart } from './jws-sign';
import { randomToken } from './pkce';
import { fail, ok, type Result } from './result';

export interface DpopKey {
  privateKey: CryptoKey;
  /** The public key only; it goes in every proof's header (4.2). */
  publicJwk: JWK;
  /** RFC 7638 SHA-256 thumbprint of publicJwk: the jkt that access tokens are bound to (6.1). */
  thumbprint: string;
  alg: string;
}

/** ES256 by default: small, fast, and the alg servers support most (dpop_signing_alg_values_supported). */
export async function generateDpopKey(alg = 'ES256'): Promise<DpopKey> {
  const pair = await generateKeyPair(alg, { extractable: true });
  const publicJwk = await exportJWK(pair.publicKey);
  return { privateKey: pair.privateKey, publicJwk, thumbprint: await calculateJwkThumbprint(publicJwk, 'sha256'), alg };
}

/** For storage.session: the alg and the private JWK (the public half and thumbprint are derived). */
export async function exportDpopKey(key: DpopKey): Promise<{ alg: string; privateJwk: JWK }> {
  return { alg: key.alg, privateJwk: await exportJWK(key.privateKey) };
}

export async function importDpopKey(stored: { alg: string; privateJwk: JWK }): Promise<Result<DpopKey>> {
  try {
    const privateKey = await importJWK(stored.privateJwk, stored.alg, { extractable: true });
    if (privateKey instanceof Uint8Array || stored.privateJwk.d === undefined) {
      return fail('bad-dpop-key', 'the stored DPoP key is not a private asymmetric key');
    }
    const publicJwk = publicPart(stored.privateJwk);
    return ok({ privateKey, publicJwk, thumbprint: await calculateJwkThumbprint(publicJwk, 'sha256'), alg: stored.alg });
  } catch {
    return fail('bad-dpop-key', `the stored DPoP key cannot be used with ${stored.alg}`);
  }
}

export interface DpopProofInput {
  privateKey: CryptoKey;
  publicJwk: JWK;
  alg: string;
  /** The HTTP method of the request (4.2 htm). */
  htm: string;
  /** The request URL; its query and fragment are dropped (4.2 htu). */
  htu: string;
  /** The server's latest DPoP-Nonce, if it asked for one (8, 9). */
  nonce?: string;
  /** For requests to a resource server: the access token the proof goes with (4.2 ath). */
  accessToken?: string;
  /** Seconds since the epoch. */
  now?: number;
}

/** RFC 9110 9.1: a method is a token (tchar), e.g. GET, POST. */
const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** 4.2: "base64url-encoded SHA-256 hash of the ASCII encoding of the associated access token's value". */
export async function accessTokenHash(accessToken: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(accessToken));
  return base64url.encode(new Uint8Array(digest));
}

/** A DPoP proof JWT (4.2): typ dpop+jwt, the public jwk in the header, jti, htm, htu, iat, nonce, ath. */
export async function createDpopProof(input: DpopProofInput): Promise<Result<string>> {
  if (!METHOD.test(input.htm)) return fail('bad-htm', 'the HTTP method for the DPoP proof is not a method name');
  if (!URL.canParse(input.htu)) return fail('bad-htu', 'the URL for the DPoP proof is not an absolute URL');
  const url = new URL(input.htu);
  url.search = '';
  url.hash = '';
  const claims: Record<string, string> = { htm: input.htm, htu: url.href };
  if (input.nonce !== undefined) claims.nonce = input.nonce;
  if (input.accessToken !== undefined) claims.ath = await accessTokenHash(input.accessToken);
  // publicPart: a caller that hands in the private JWK by mistake must still never publish it.
  const jwk = publicPart(input.publicJwk);
  delete jwk.kid; // 4.2: the header carries the key itself; a kid adds nothing
  delete jwk.alg;
  delete jwk.use;
  try {
    return ok(
      await new SignJWT(claims)
        .setProtectedHeader({ typ: 'dpop+jwt', alg: input.alg, jwk })
        .setJti(randomToken(16)) // 4.2: unique per proof; 128 random bits
        .setIssuedAt(input.now ?? Math.floor(Date.now() / 1000))
        .sign(input.privateKey),
    );
  } catch (err) {
    return fail('bad-dpop-key', `the DPoP key cannot sign ${input.alg}: ${(err instanceof Error ? err.message : String(err)).slice(0, 120)}`);
  }
}

/** 8.1: nonce = 1*NQCHAR; NQCHAR = %x21 / %x23-5B / %x5D-7E. Anything else is not a nonce to echo. */
const NONCE = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/**
 * The error auth-param of the DPoP challenge. Several challenges may share the header (RFC 9110
 * 11.6.1, e.g. `Bearer realm="api", DPoP error="use_dpop_nonce"`): the params are read from "DPoP" on.
 */
function dpopChallengeError(challenge: string): string | undefined {
  const at = challenge.search(/(?:^|,)\s*DPoP(?:\s|$)/i);
  if (at === -1) return undefined;
  const m = /\berror\s*=\s*(?:"([^"]*)"|([^\s,]+))/i.exec(challenge.slice(at));
  return m ? (m[1] ?? m[2]) : undefined;
}

/**
 * The nonce a server asks the next proof to carry, from its DPoP-Nonce header: on a token endpoint's
 * 400 {"error":"use_dpop_nonce"} (8) or a resource's 401 with WWW-Authenticate: DPoP
 * error="use_dpop_nonce" (9). Undefined for any other answer.
 */
export function dpopNonceChallenge(answer: HttpAnswer): string | undefined {
  const nonce = header(answer.headers, 'dpop-nonce')?.trim();
  if (!nonce || !NONCE.test(nonce)) return undefined;
  if (answer.status === 400) {
    try {
      const doc: unknown = JSON.parse(answer.bodyText);
      return isObject(doc) && doc.error === 'use_dpop_nonce' ? nonce : undefined;
    } catch {
      return undefined;
    }
  }
  if (answer.status === 401) {
    const challenge = header(answer.headers, 'www-authenticate') ?? '';
    return dpopChallengeError(challenge) === 'use_dpop_nonce' ? nonce : undefined;
  }
  return undefined;
}
