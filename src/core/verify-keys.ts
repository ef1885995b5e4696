/**
 * Keys pasted by a person to verify a token with: a JWKS, one JWK, a PEM public key or certificate,
 * or a shared secret for HS*. Every kind of public key ends up as a JWKS, so one verifier (jose's
 * local JWK set, with its kid and alg matching) serves them all; a secret stays bytes and can only
 * ever verify HS* - an RSA key is never used as an HMAC secret (RFC 8725 2.1, 3.1).
 */
import { base64url, exportJWK, importJWK, importPKCS8, importSPKI, importX509, type JSONWebKeySet, type JWK } from 'jose';
import { isObject } from './json-answer';
import { PASTE_TEXT_MAX, parseJsonBounded, sizeText } from './json-bounds';
import { defaultSigningAlg, publicJwk } from './jws-sign';
import { fail, ok, type Result } from './result';

export type VerificationKeys =
  | { kind: 'jwks' | 'jwk' | 'pem'; keys: JSONWebKeySet; label: string; notes: string[] }
  | { kind: 'secret'; keys: Uint8Array; label: string; notes: string[] };

const PRIVATE_NOTE = 'A private key was pasted: only its public part is used, and nothing is kept.';

/** A PEM says its key type, not its JWS alg: the usual alg of each type is tried until one fits. */
const PEM_ALGS = ['RS256', 'ES256', 'ES384', 'ES512', 'Ed25519'];
type PemImport = (pem: string, alg: string, o: { extractable: true }) => Promise<CryptoKey>;
const PEM_READERS: Record<string, [PemImport, string]> = {
  'PUBLIC KEY': [importSPKI, 'the pasted public key'], // SPKI, RFC 5280 4.1.2.7 / RFC 7468 13
  CERTIFICATE: [importX509, 'the pasted certificate'], // RFC 7468 5
  'PRIVATE KEY': [importPKCS8, 'the pasted private key'], // PKCS#8, RFC 7468 10
};

async function fromPem(text: string): Promise<Result<VerificationKeys>> {
  const label = /^-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1] ?? '';
  const reader = PEM_READERS[label];
  if (!reader) {
    const hint = label === 'RSA PUBLIC KEY' ? ' (PKCS#1: convert it with openssl rsa -RSAPublicKey_in -pubout)' : '';
    return fail('unsupported-pem', `a "${label}" PEM is not supported${hint}; paste a "PUBLIC KEY", a "CERTIFICATE" or a JWK`);
  }
  const [read, name] = reader;
  for (const alg of PEM_ALGS) {
    try {
      // Exported without alg (jose drops it), so an RSA key serves RS* and PS* alike.
      const jwk = publicJwk(await exportJWK(await read(text, alg, { extractable: true })));
      const notes = label === 'PRIVATE KEY' ? [PRIVATE_NOTE] : label === 'CERTIFICATE' ? ['Only the public key is used: the certificate\'s dates, issuer and chain are not checked.'] : [];
      return ok({ kind: 'pem', keys: { keys: [jwk] }, label: name, notes });
    } catch {
      // not this key type: try the next
    }
  }
  return fail('bad-pem', `${name} is not a readable RSA, EC (P-256, P-384, P-521) or Ed25519 key`);
}

const short = (s: string): string => (s.length > 24 ? `${s.slice(0, 23)}…` : s);

/** A public JWK that jose can import for its usual alg; private members dropped (RFC 7517 4, RFC 7518 6). */
async function usableJwk(doc: Record<string, unknown>, where: string): Promise<Result<{ jwk: JWK; wasPrivate: boolean }>> {
  if (typeof doc.kty !== 'string') return fail('not-a-key', `${where} has no "kty": it is not a JSON Web Key`);
  const full = doc as JWK;
  const jwk: JWK = { ...publicJwk(full), ...(typeof full.x5c === 'object' ? { x5c: full.x5c } : {}) };
  const alg = typeof full.alg === 'string' ? full.alg : defaultSigningAlg(full);
  try {
    await importJWK(jwk, alg ?? 'RS256');
  } catch {
    // kty, crv and alg are the pasted text's own: named in short, whatever their length.
    const named = [full.kty, full.crv].filter((x) => typeof x === 'string' && x !== '').map((x) => short(x as string)).join(' ');
    return fail('bad-key', `${where} (${named}) is not a usable public key${alg ? ` for ${short(alg)}` : ''}`);
  }
  return ok({ jwk, wasPrivate: full.d !== undefined });
}

function secret(bytes: Uint8Array, label: string): VerificationKeys {
  // RFC 7518 3.2: the key must be at least as long as the hash output (32 bytes for HS256).
  const notes = bytes.length < 32 ? [`The secret is ${bytes.length} bytes; RFC 7518 3.2 asks for at least 32 for HS256.`] : [];
  return { kind: 'secret', keys: bytes, label, notes };
}

/** More keys than any issuer publishes (a few, during a rotation): each is imported, which costs. */
const KEYS_MAX = 100;

async function fromJson(doc: unknown): Promise<Result<VerificationKeys>> {
  if (isObject(doc) && Array.isArray(doc.keys)) {
    if (doc.keys.length > KEYS_MAX) return fail('jwks-too-many', `the key set holds ${doc.keys.length} keys; at most ${KEYS_MAX} are read`);
    const keys: JWK[] = [];
    const notes: string[] = [];
    for (const [i, k] of doc.keys.entries()) {
      if (isObject(k) && k.kty === 'oct') {
        notes.push(`Key ${i + 1} is symmetric (oct) and is ignored: paste the secret itself for HS*.`);
        continue;
      }
      const got = await usableJwk(isObject(k) ? k : {}, `key ${i + 1}`);
      if (!got.ok) return got;
      keys.push(got.value.jwk);
      if (got.value.wasPrivate && !notes.includes(PRIVATE_NOTE)) notes.push(PRIVATE_NOTE);
    }
    if (keys.length === 0) return fail('jwks-empty', 'the key set holds no public key');
    return ok({ kind: 'jwks', keys: { keys }, label: 'the pasted key set', notes });
  }
  if (isObject(doc) && doc.kty === 'oct') {
    // RFC 7518 6.4.1: "k" is the base64url of the secret's octets.
    if (typeof doc.k !== 'string' || !/^[A-Za-z0-9_-]+$/.test(doc.k)) return fail('bad-key', 'the symmetric JWK has no base64url "k"');
    let bytes: Uint8Array;
    try {
      bytes = base64url.decode(doc.k);
    } catch {
      // Letters of the alphabet but no whole byte ("0"): jose throws (found by fuzzing).
      return fail('bad-key', 'the symmetric JWK\'s "k" is not valid base64url');
    }
    return ok(secret(bytes, 'the pasted symmetric key'));
  }
  if (!isObject(doc) || doc.kty === undefined) return fail('not-a-key', 'this JSON is neither a key set (a "keys" array) nor a JSON Web Key (a "kty")');
  const got = await usableJwk(doc, 'the key');
  if (!got.ok) return got;
  return ok({ kind: 'jwk', keys: { keys: [got.value.jwk] }, label: 'the pasted key', notes: got.value.wasPrivate ? [PRIVATE_NOTE] : [] });
}

/**
 * What was pasted, as keys to verify with. JSON is a JWKS or a JWK; "-----BEGIN" is a PEM; anything
 * else is a shared secret, used as "the octets of the UTF-8 representation of the client_secret"
 * (OIDC Core 10.1, 16.19). Surrounding whitespace is dropped: pasting adds newlines. No message
 * quotes the pasted text.
 */
export async function keysFromText(text: string): Promise<Result<VerificationKeys>> {
  const t = text.trim();
  if (t === '') return fail('empty-key', 'no key was given');
  if (t.length > PASTE_TEXT_MAX) return fail('too-large', `the key is ${sizeText(t.length)}, more than the ${sizeText(PASTE_TEXT_MAX)} read`);
  if (t.startsWith('-----BEGIN')) return fromPem(t);
  if (t.startsWith('{')) {
    const parsed = parseJsonBounded(t, 'the pasted key', { maxChars: PASTE_TEXT_MAX });
    // JSON.parse's own message quotes the text, which may be a secret: said plainly instead.
    if (!parsed.ok && parsed.error.code === 'not-json') return fail('not-json', 'this starts like JSON but does not parse as JSON');
    if (!parsed.ok) return fail(parsed.error.code, parsed.error.message);
    return fromJson(parsed.value);
  }
  return ok(secret(new TextEncoder().encode(t), 'the pasted secret'));
}
