/**
 * The token workbench's first step: whatever was pasted - a JWT, a JWE, an opaque token, a callback
 * URL, a token response, an Authorization header, a DPoP proof - recognised and decoded, never
 * trusted (verify.ts does signatures) and never thrown on. Every token found, at any depth, is
 * listed in `tokens` under a name unique within the answer.
 */
import { calculateJwkThumbprint, type JWK } from 'jose';
import { parseAuthorizationHeader, type AuthorizationHeader } from './auth-header';
import { classifyCallback, parseCallbackUrl, type CallbackOutcome, type CallbackParams } from './callback';
import { isObject } from './json-answer';
import { PASTE_TEXT_MAX, parseJsonBounded, sizeText } from './json-bounds';
import { decodeToken, looksLikeJwt, type DecodedToken } from './jwt';
import { PRIVATE_JWK_MEMBERS } from './jws-sign';
import { checkTokenFields } from './token-fields';

export interface FoundToken {
  name: string;
  value: string;
  decoded: DecodedToken;
}

type Jws = Omit<Extract<DecodedToken, { kind: 'jwt' }>, 'kind'>;

/** `raw` is the text as pasted, untouched, so it can always be shown again (fault-cases.md 12). */
export type DecodedInput = { raw: string; tokens: FoundToken[] } & (
  | { kind: 'empty' }
  | ({ kind: 'jwt' } & Jws)
  | ({ kind: 'dpop-proof'; jwk?: JWK; jwkProblem?: string; thumbprint?: string } & Jws)
  | { kind: 'jwe'; header: Record<string, unknown>; payload: 'encrypted' }
  | { kind: 'opaque'; value: string }
  | { kind: 'invalid'; reason: string }
  | { kind: 'callback-url'; url: string; callback: CallbackParams; outcome: CallbackOutcome }
  | { kind: 'token-response'; json: Record<string, unknown>; problem?: string }
  | ({ kind: 'authorization-header' } & AuthorizationHeader)
);

/** Parameters and members that carry tokens (RFC 6749 4.1.2, 5.1; OIDC Core 3.2.2.5; RFC 9101; JARM). */
const TOKEN_NAMES = ['access_token', 'id_token', 'refresh_token', 'code', 'response', 'request', 'id_token_hint', 'logout_token'];
// RFC 6750 2.1 b64token: what a bearer token may be made of.
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
// An absolute URI with a query or fragment, or an http(s) one (RFC 3986 3); never a JWT (no ':').
// Written so no two parts can take the same character: "a:" + 40,000 "?" + " x" cost 0.9 s as
// `:\S*[?#]\S*`, which tries every "?" as the separator.
const URL_LIKE = /^(?:https?:\/\/\S+|[A-Za-z][A-Za-z0-9+.-]*:[^\s?#]*[?#]\S*)$/;
const NOTHING = 'not a token, a callback URL, a token response or an Authorization header';

const found = (name: string, value: string): FoundToken => ({ name, value, decoded: decodeToken(value) });

/** The named members that hold tokens, then any other string that is shaped like a JWT. */
function tokensIn(entries: [string, unknown][]): FoundToken[] {
  const strings = entries.filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
  return strings.filter(([n, v]) => TOKEN_NAMES.includes(n) || looksLikeJwt(v)).map(([n, v]) => found(n, v));
}

/** RFC 9449 4.2: the proof carries its public key as "jwk"; 4.3 (7): never a private one. */
function proofKey(header: Record<string, unknown>): { jwk?: JWK; jwkProblem?: string } {
  const jwk = header.jwk;
  if (!isObject(jwk) || typeof jwk.kty !== 'string') return { jwkProblem: 'the header has no "jwk" public key (RFC 9449 4.2)' };
  if (PRIVATE_JWK_MEMBERS.some((m) => jwk[m] !== undefined)) {
    return { jwk: jwk as JWK, jwkProblem: 'the "jwk" holds private key material, which a proof must never carry (RFC 9449 4.3)' };
  }
  return { jwk: jwk as JWK };
}

/** A single token: a JWS (maybe a DPoP proof), a JWE, an opaque string, or a named reason why not. */
function single(raw: string, t: string): DecodedInput {
  const d = decodeToken(t);
  const isProof = d.kind === 'jwt' && typeof d.header.typ === 'string' && d.header.typ.toLowerCase() === 'dpop+jwt';
  const tokens = [found(isProof ? 'DPoP proof' : 'token', t)];
  switch (d.kind) {
    case 'jwt':
      return isProof ? { ...d, raw, tokens, kind: 'dpop-proof', ...proofKey(d.header) } : { ...d, raw, tokens };
    case 'jwe':
      return { raw, tokens, kind: 'jwe', header: d.header, payload: 'encrypted' };
    case 'invalid':
      return { raw, tokens, kind: 'invalid', reason: d.reason };
    case 'opaque':
      return B64TOKEN.test(t) ? { raw, tokens, kind: 'opaque', value: t } : { raw, tokens: [], kind: 'invalid', reason: NOTHING };
  }
}

function json(raw: string, t: string): DecodedInput {
  const parsed = parseJsonBounded(t, 'this JSON', { maxChars: PASTE_TEXT_MAX });
  if (!parsed.ok && parsed.error.code === 'not-json') {
    // JSON.parse quotes the text around the error, which may be a token: say it plainly instead.
    return { raw, tokens: [], kind: 'invalid', reason: 'this starts like JSON but does not parse as JSON' };
  }
  if (!parsed.ok) return { raw, tokens: [], kind: 'invalid', reason: parsed.error.message };
  const doc = parsed.value;
  if (!isObject(doc)) return { raw, tokens: [], kind: 'invalid', reason: 'JSON, but not an object' };
  const tokens = tokensIn(Object.entries(doc));
  if (!['access_token', 'id_token', 'refresh_token', 'token_type'].some((n) => Object.hasOwn(doc, n))) {
    return { raw, tokens, kind: 'invalid', reason: 'JSON, but not a token response: no access_token, id_token, refresh_token or token_type' };
  }
  // RFC 6749 5.1's member checks; their messages name fields, never values.
  const fields = checkTokenFields(doc);
  return { raw, tokens, kind: 'token-response', json: doc, ...(fields.ok ? {} : { problem: fields.message }) };
}

/** Recognises and decodes pasted text. Synchronous; decodeInputAsync adds a DPoP key's thumbprint. */
export function decodeInput(text: string): DecodedInput {
  const raw = text;
  const t = text.trim(); // pasted text often carries a newline or spaces around it
  if (t === '') return { raw, tokens: [], kind: 'empty' };
  // Bounded work for any paste (issue 9); no token, URL or key set comes near this.
  if (t.length > PASTE_TEXT_MAX) return { raw, tokens: [], kind: 'invalid', reason: `the text is ${sizeText(t.length)}, more than the ${sizeText(PASTE_TEXT_MAX)} decoded` };
  if (t.startsWith('{')) return json(raw, t);
  const header = parseAuthorizationHeader(t);
  if (header) {
    const tokens = 'token' in header ? [found('access_token', header.token)] : [];
    return { raw, tokens, kind: 'authorization-header', ...header };
  }
  const dpopHeader = /^dpop[ \t]*:[ \t]*(\S+)$/i.exec(t); // the DPoP request header itself (RFC 9449 4.1)
  if (dpopHeader) return single(raw, dpopHeader[1]!);
  if (URL_LIKE.test(t) && URL.canParse(t)) {
    const parsed = parseCallbackUrl(t);
    if (parsed.ok) {
      const callback = parsed.value;
      return { raw, tokens: tokensIn(Object.entries(callback.params)), kind: 'callback-url', url: t, callback, outcome: classifyCallback(callback) };
    }
  }
  if (/\s/.test(t)) {
    // A token broken over lines (a mail, a log) is not the token that was sent.
    const why = t.includes('.') && looksLikeJwt(t.replace(/\s+/g, '')) ? 'not a valid JWT: it has whitespace or a line break inside' : NOTHING;
    return { raw, tokens: [], kind: 'invalid', reason: why };
  }
  return single(raw, t);
}

/**
 * decodeInput, plus the RFC 7638 SHA-256 thumbprint of a DPoP proof's key: the value an access
 * token bound to it carries as cnf.jkt (RFC 9449 6.1).
 */
export async function decodeInputAsync(text: string): Promise<DecodedInput> {
  const d = decodeInput(text);
  if (d.kind !== 'dpop-proof' || !d.jwk) return d;
  try {
    return { ...d, thumbprint: await calculateJwkThumbprint(d.jwk, 'sha256') };
  } catch {
    return { ...d, jwkProblem: d.jwkProblem ?? `no thumbprint can be computed for this ${d.jwk.kty ?? ''} key (RFC 7638 3.2)` };
  }
}
