/**
 * Keys for private_key_jwt (OIDC Core 9, RFC 7523): made here, or pasted by a person as a JWK or a
 * PKCS#8 PEM. A pasted key is read without trust: every wrong thing people paste (the public half,
 * a whole JWKS, an encrypted or PKCS#1 PEM, a certificate) gets its own plain message, and no
 * message ever quotes the key.
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, importPKCS8, type JWK } from 'jose';
import { isObject } from './json-answer';
import { publicJwk, signingAlgFor } from './jws-sign';
import { fail, ok, type Result } from './result';

export interface ClientKey {
  privateJwk: JWK;
  /** For the client's registration (its jwks or jwks_uri, RFC 7591 2). */
  publicJwk: JWK;
  kid: string;
  alg: string;
}

/** A key pair with kid = the RFC 7638 thumbprint, so the kid is stable and says which key it is. */
export async function generateClientKey(alg: 'RS256' | 'ES256' | 'EdDSA'): Promise<ClientKey> {
  const pair = await generateKeyPair(alg, { extractable: true });
  const pub = await exportJWK(pair.publicKey);
  const kid = await calculateJwkThumbprint(pub, 'sha256');
  const meta = { kid, alg, use: 'sig' };
  return { privateJwk: { ...(await exportJWK(pair.privateKey)), ...meta }, publicJwk: { ...pub, ...meta }, kid, alg };
}

/**
 * A PKCS#8 PEM does not say which JWS alg it is for, only its key type: the usual alg of each type
 * is tried in turn, and WebCrypto refuses the ones that do not fit.
 */
const PEM_ALGS = ['RS256', 'ES256', 'ES384', 'ES512', 'EdDSA'];

const PEM_LABEL = /-----BEGIN ([A-Z0-9 ]+)-----/;

/** Only "PRIVATE KEY" (RFC 5208 / RFC 7468 10) is read; the others get told what they are. */
function pemLabelProblem(label: string, text: string): Result<never> | undefined {
  if (label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,\s*ENCRYPTED/.test(text)) {
    return fail('encrypted-pem', 'the PEM key is encrypted; decrypt it first (openssl pkcs8 -in key.pem -nocrypt -out plain.pem)');
  }
  if (label === 'RSA PRIVATE KEY' || label === 'EC PRIVATE KEY') {
    return fail('pkcs1-pem', `a "${label}" PEM is not PKCS#8; convert it (openssl pkcs8 -topk8 -nocrypt -in key.pem)`);
  }
  if (label === 'PUBLIC KEY' || label === 'RSA PUBLIC KEY' || label === 'CERTIFICATE') {
    return fail('public-key', `this is a ${label.toLowerCase()}, not a private key: private_key_jwt signs with the private key`);
  }
  if (label !== 'PRIVATE KEY') return fail('unsupported-pem', `a "${label}" PEM is not supported; paste a PKCS#8 "PRIVATE KEY" or a JWK`);
  return undefined;
}

async function fromPem(text: string, alg?: string): Promise<Result<JWK>> {
  const label = PEM_LABEL.exec(text)?.[1] ?? '';
  const wrong = pemLabelProblem(label, text);
  if (wrong) return wrong;
  for (const candidate of alg ? [alg] : PEM_ALGS) {
    try {
      const key = await importPKCS8(text, candidate, { extractable: true });
      return ok({ ...(await exportJWK(key)), alg: candidate });
    } catch {
      // not this key type (or not a key at all): try the next
    }
  }
  return fail('bad-pem', alg ? `the PEM is not a PKCS#8 private key usable with ${alg}` : 'the PEM is not a readable PKCS#8 RSA, EC or Ed25519 private key');
}

/** A single JWK, or a JWKS with exactly one key in it. */
function fromJson(text: string): Result<JWK> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return fail('not-a-key', 'this is neither a JSON Web Key nor a PEM "-----BEGIN PRIVATE KEY-----" block');
  }
  if (isObject(doc) && Array.isArray(doc.keys)) {
    if (doc.keys.length !== 1) {
      return fail('jwks-several-keys', `this is a JWKS with ${doc.keys.length} keys; paste the one key to sign with`);
    }
    doc = doc.keys[0];
  }
  if (!isObject(doc) || typeof doc.kty !== 'string') return fail('not-a-key', 'this JSON is not a JSON Web Key (no "kty" member)');
  if (doc.kty === 'oct') return fail('symmetric-key', 'this is a symmetric key: that is a client secret, for client_secret_jwt');
  if (doc.d === undefined) return fail('public-key', 'this is a public key (no "d" member): private_key_jwt signs with the private key');
  return ok(doc as JWK);
}

/**
 * A pasted private key, checked by importing it and its public half: the key, its public JWK for
 * registration, a kid (its own, or the RFC 7638 thumbprint) and the alg it will sign with.
 */
export async function parsePrivateKey(text: string, alg?: string): Promise<Result<ClientKey>> {
  const t = text.trim();
  if (t === '') return fail('empty-key', 'no key was given');
  const read = t.startsWith('-----BEGIN') ? await fromPem(t, alg) : fromJson(t);
  if (!read.ok) return read;
  const jwk = read.value;
  const chosen = signingAlgFor(jwk, alg);
  if (!chosen.ok) return chosen;
  const pub = publicJwk(jwk);
  try {
    await importJWK(jwk, chosen.value);
    await importJWK(pub, chosen.value);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return fail('bad-key', `the key cannot be used with ${chosen.value}: ${why.slice(0, 120)}`);
  }
  const kid = jwk.kid ?? (await calculateJwkThumbprint(pub, 'sha256'));
  const meta = { kid, alg: chosen.value };
  return ok({ privateJwk: { ...jwk, ...meta }, publicJwk: { ...pub, ...meta }, kid, alg: chosen.value });
}
