/**
 * The Decode view's first line (issue 11, item 3): what a pasted token is, whether it is signed, by
 * which alg and kid, who issued it and for whom, and where it stands in time, before anyone opens the
 * claims or presses Verify. Pure: the facts are read once (summarizeInput); the time phrases are read
 * again as the clock moves (timeStanding), so "expires in" counts down live.
 *
 * Everything here comes from a stranger's token: values are clipped (issue 9), never trusted; nothing
 * is verified here (verify.ts does signatures, verificationPhrase words its answer).
 */
import { clip } from '../clip';
import type { DecodedInput, FoundToken } from '../decode-input';
import { duration } from '../relative-time';
import type { Verification } from '../verify-precheck';

export type SummaryType = 'jwt' | 'dpop-proof' | 'jwe' | 'opaque' | 'malformed';

export interface TokenSummary {
  /** The token's name in the input ('token', 'id_token', 'access_token', 'DPoP proof'). */
  name: string;
  type: SummaryType;
  /** 'JWT', 'DPoP proof', 'JWE (encrypted)', 'opaque', 'malformed' */
  typeLabel: string;
  /** JWS only: alg "none" (or no alg) is unsigned (RFC 7519 6, RFC 8725 3.1). */
  signing?: 'signed' | 'unsigned';
  alg?: string;
  kid?: string;
  /** JWE only: the content encryption (RFC 7516 4.1.2). */
  enc?: string;
  iss?: string;
  aud?: string[];
  /** NumericDates (seconds) when they are finite numbers; anything else is left to the claims table. */
  exp?: number;
  nbf?: number;
  iat?: number;
  /** Why a malformed token cannot be read. */
  reason?: string;
}

export interface InputSummary {
  kind: DecodedInput['kind'];
  /** "a JWT", "a token response", ... */
  kindLabel: string;
  tokens: TokenSummary[];
  /** Why the input cannot be read at all, or what is wrong with it as a whole (a token response's fields). */
  problem?: string;
}

const KIND_TEXT: Record<DecodedInput['kind'], string> = {
  jwt: 'a JWT',
  jwe: 'an encrypted JWT (JWE)',
  opaque: 'an opaque token',
  'callback-url': 'a callback URL',
  'token-response': 'a token response',
  'authorization-header': 'an Authorization header',
  'dpop-proof': 'a DPoP proof',
  invalid: 'not something Grantscope can read',
  empty: 'nothing yet',
};

const text = (v: unknown, max = 120): string | undefined => (typeof v === 'string' && v !== '' ? clip(v, max) : undefined);
const numericDate = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 8.64e12 ? v : undefined);

/** RFC 7519 4.1.3: aud is one string or an array of them; anything else is shown as not readable. */
function audience(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [clip(v, 120)];
  if (Array.isArray(v)) return v.slice(0, 10).map((a) => (typeof a === 'string' ? clip(a, 120) : '(not a string)')).concat(v.length > 10 ? [`(+${v.length - 10} more)`] : []);
  return undefined;
}

/** Leaves out what is undefined, so summaries compare and print cleanly. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function summarizeToken(t: FoundToken): TokenSummary {
  const d = t.decoded;
  const name = t.name;
  if (d.kind === 'invalid') return { name, type: 'malformed', typeLabel: 'malformed', reason: d.reason };
  if (d.kind === 'opaque') return { name, type: 'opaque', typeLabel: 'opaque' };
  if (d.kind === 'jwe') return defined({ name, type: 'jwe', typeLabel: 'JWE (encrypted)', alg: text(d.header.alg, 40), enc: text(d.header.enc, 40), kid: text(d.header.kid) });
  const proof = typeof d.header.typ === 'string' && d.header.typ.toLowerCase() === 'dpop+jwt';
  const alg = text(d.header.alg, 40);
  const p = d.payload;
  return defined({
    name,
    type: proof ? 'dpop-proof' : 'jwt',
    typeLabel: proof ? 'DPoP proof' : 'JWT',
    signing: !alg || alg.toLowerCase() === 'none' ? 'unsigned' : 'signed',
    alg,
    kid: text(d.header.kid),
    iss: text(p.iss),
    aud: audience(p.aud),
    exp: numericDate(p.exp),
    nbf: numericDate(p.nbf),
    iat: numericDate(p.iat),
  } satisfies TokenSummary);
}

export function summarizeInput(d: DecodedInput): InputSummary {
  const base = { kind: d.kind, kindLabel: KIND_TEXT[d.kind], tokens: d.tokens.map(summarizeToken) };
  if (d.kind === 'invalid') return { ...base, problem: d.reason };
  if (d.kind === 'token-response' && d.problem) return { ...base, problem: d.problem };
  return base;
}

export type Standing = 'expired' | 'not-yet-valid' | 'valid' | 'no-expiry';

/**
 * Where a token stands at `nowMs`, within `toleranceSec` of clock skew (RFC 7519 4.1.4, 4.1.5):
 * expired, not yet valid, valid until exp, or valid with no exp at all. `phrases` are what the summary
 * line shows ("expired 2 h ago", "not valid for another 5 min", "expires in 9 min").
 */
export function timeStanding(s: TokenSummary, nowMs: number, toleranceSec = 0): { standing: Standing; phrases: string[] } {
  const now = nowMs / 1000;
  const phrases: string[] = [];
  let standing: Standing = s.exp === undefined ? 'no-expiry' : 'valid';
  if (s.nbf !== undefined && now + toleranceSec < s.nbf) {
    standing = 'not-yet-valid';
    phrases.push(`not yet valid: valid in ${duration(s.nbf - now)}`);
  }
  if (s.exp !== undefined) {
    if (now - toleranceSec >= s.exp) {
      standing = 'expired';
      phrases.push(Math.abs(s.exp - now) < 1 ? 'expired now' : `expired ${duration(now - s.exp)} ago`);
    } else phrases.push(s.exp > now ? `expires in ${duration(s.exp - now)}` : `expires now (within the ${toleranceSec} s tolerance)`);
  } else if (s.type === 'jwt') phrases.push('no exp: never expires');
  return { standing, phrases };
}

export type VerifyTone = 'ok' | 'err' | 'warn';

/** A verification's answer in the summary line's words: verified, invalid signature, unsigned, or could not verify (why). */
export function verificationPhrase(v: Verification): { tone: VerifyTone; text: string } {
  switch (v.status) {
    case 'verified':
      return { tone: 'ok', text: `signature verified${v.kid ? ` (kid ${clip(v.kid, 60)})` : ''}` };
    case 'bad-signature':
      return { tone: 'err', text: 'invalid signature' };
    case 'unsigned':
      return { tone: 'err', text: 'unsigned: nothing proves who issued it' };
    case 'no-matching-key':
    case 'alg-not-allowed':
      return { tone: 'err', text: `could not verify: ${clip(v.message, 200)}` };
    default:
      return { tone: 'warn', text: `could not verify: ${clip(v.message, 200)}` };
  }
}
