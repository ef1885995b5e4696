/**
 * Claim by claim, side by side (issue 12: "same, differs, only in one"), for ID tokens, JWT access
 * tokens and the token diff. A claim whose name the masking rule calls secret (isSecretName: sid,
 * a nested token, ...) or whose value is a JWT is described and compared by hash, never shown; so are nonce values.
 */
import { clip } from '../clip';
import { looksLikeJwt } from '../jwt';
import { isSecretName } from '../secret-name';
import { describeSecret, sameSecret } from './secret';
import { NONE, type Row, type Varies, row } from './types';

/** Claims that carry a time (RFC 7519 4.1, OIDC Core 2): they differ between any two runs. */
const TIME_CLAIMS = new Set(['exp', 'iat', 'nbf', 'auth_time', 'updated_at']);
/** Claims made fresh for each token or login: nonce, jti, the hashes of the run's code/token, session ids. */
const INSTANCE_CLAIMS = new Set(['nonce', 'jti', 'at_hash', 'c_hash', 's_hash', 'sid', 'session_state', 'kid']);

export function variesOf(name: string): Varies | undefined {
  return TIME_CLAIMS.has(name) ? 'time' : INSTANCE_CLAIMS.has(name) ? 'instance' : undefined;
}

/** Longest shown value of a claim; the rest is cut with an ellipsis (compare still uses all of it). */
const SHOW_MAX = 200;
/** Most claims listed per token: a hostile token with thousands of members stays a bounded model. */
export const CLAIMS_MAX = 200;

/** Single-use binding values (redact.ts SENSITIVE_PARAMS): not credentials, but nothing to read in a comparison. */
const BINDING = new Set(['nonce', 'state']);

const secretValue = (name: string, v: unknown): v is string => typeof v === 'string' && (isSecretName(name) || BINDING.has(name) || looksLikeJwt(v));

function shown(name: string, v: unknown): string {
  if (v === undefined) return NONE;
  if (secretValue(name, v)) return describeSecret(v);
  const text = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  const when = name !== 'kid' && TIME_CLAIMS.has(name) && typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e11 ? ` (${new Date(v * 1000).toISOString()})` : '';
  return clip(text, SHOW_MAX) + when;
}

function sameValue(name: string, x: unknown, y: unknown): boolean {
  if (secretValue(name, x) || secretValue(name, y)) return sameSecret(typeof x === 'string' ? x : undefined, typeof y === 'string' ? y : undefined);
  return JSON.stringify(x) === JSON.stringify(y);
}

/**
 * One row per claim in either object, in a's order then b's extra ones. `prefix` makes the keys
 * ('idtoken.claim', 'access.header', ...). Either side may be missing (no such token).
 */
export function claimRows(prefix: string, a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): Row[] {
  const names = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])];
  const rows: Row[] = [];
  for (const name of names.slice(0, CLAIMS_MAX)) {
    const x = a && Object.hasOwn(a, name) ? a[name] : undefined;
    const y = b && Object.hasOwn(b, name) ? b[name] : undefined;
    const only = x === undefined ? 'b' : y === undefined ? 'a' : undefined;
    const same = only === undefined && sameValue(name, x, y);
    const varies = variesOf(name);
    const r = row(`${prefix}.${name}`, name, shown(name, x), shown(name, y), { by: [same, true], ...(varies ? { varies } : {}), ...(only ? { only, note: `only in ${only}` } : {}) });
    rows.push(r);
  }
  if (names.length > CLAIMS_MAX) rows.push(row(`${prefix}.more`, 'more claims', `${names.length - CLAIMS_MAX} not listed`, '', { by: [0, 0] }));
  return rows;
}

/** 'same' | 'differs' | 'only in a' | 'only in b', for a row built by claimRows. */
export const claimState = (r: Row): 'same' | 'differs' | 'only-a' | 'only-b' => (r.only ? (r.only === 'a' ? 'only-a' : 'only-b') : r.same ? 'same' : 'differs');
