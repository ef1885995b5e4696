/**
 * The token diff (issue 12, item 3): any two tokens side by side, and each refresh of a flow against
 * the token set before it (RFC 6749 6 and RFC 9700 4.14: rotation; OIDC Core 12.2: a refreshed ID
 * token keeps iss and sub). Token values never enter the result: JWTs are compared header and claims,
 * opaque tokens by length and (hashed) equality only.
 */
import { decodeToken } from '../jwt';
import { tokenSets, type Flow } from '../flow';
import { scopeDiff } from '../tokens/scope-diff';
import { claimRows } from './claims';
import { decodeJwtParts } from './facts';
import { describeSecret, sameSecret } from './secret';
import { NONE, type Row, row } from './types';

export type TokenKind = 'jwt' | 'jwe' | 'opaque' | 'invalid';

export interface TokenDiff {
  kinds: [TokenKind, TokenKind];
  /** The two are the same token (decided by hash). */
  identical: boolean;
  /** "present (43 chars)" for each. */
  sizes: [string, string];
  /** JWTs (and a JWE's header): header rows, then claim rows; empty for opaque tokens. */
  header: Row[];
  claims: Row[];
}

const kindOf = (t: string): TokenKind => decodeToken(t).kind;

export function diffTokens(x: string, y: string): TokenDiff {
  const a = decodeToken(x);
  const b = decodeToken(y);
  const headerOf = (d: typeof a) => (d.kind === 'jwt' || d.kind === 'jwe' ? d.header : undefined);
  const payloadOf = (d: typeof a) => (d.kind === 'jwt' ? d.payload : undefined);
  const ha = headerOf(a);
  const hb = headerOf(b);
  const pa = payloadOf(a);
  const pb = payloadOf(b);
  return {
    kinds: [a.kind, b.kind],
    identical: sameSecret(x.trim(), y.trim()),
    sizes: [describeSecret(x.trim()), describeSecret(y.trim())],
    header: ha || hb ? claimRows('header', ha, hb) : [],
    claims: pa || pb ? claimRows('claim', pa, pb) : [],
  };
}

export interface RefreshDiff {
  /** Index in tokenSets(flow) of the set before and of the refreshed set. */
  before: number;
  after: number;
  at: number;
  rows: Row[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** One refresh: the new set against the one before it. */
function oneRefresh(prev: Record<string, unknown>, next: Record<string, unknown>): Row[] {
  const rows: Row[] = [];
  for (const name of ['access_token', 'refresh_token', 'id_token'] as const) {
    const p = str(prev[name]);
    const n = str(next[name]);
    const verdict = !n ? (name === 'refresh_token' && p ? 'none returned (the old one stays in use)' : 'none returned') : !p ? 'new (none before)' : sameSecret(p, n) ? 'the same value as before' : 'a new value';
    // `same` reads "unchanged": nothing new came, or the same value came again.
    const unchanged = !n || (p !== undefined && sameSecret(p, n));
    rows.push(row(`refresh.${name}`, ({ access_token: 'Access token', refresh_token: 'Refresh token', id_token: 'ID token' } as const)[name], describeSecret(p), describeSecret(n), { by: [unchanged, true], note: verdict }));
  }
  const scopes = scopeDiff(str(prev.scope), str(next.scope));
  const wider = scopes.extra.length > 0;
  rows.push(row('refresh.scope', 'Scope', str(prev.scope) ?? NONE, str(next.scope) ?? 'same as before (no scope in the answer)', wider ? { note: `wider after the refresh: ${scopes.extra.join(' ')} (RFC 6749 6 forbids it)` } : {}));
  rows.push(row('refresh.expires_in', 'Access token expires_in', prev.expires_in === undefined ? NONE : `${String(prev.expires_in)} s`, next.expires_in === undefined ? NONE : `${String(next.expires_in)} s`));
  rows.push(row('refresh.token_type', 'token_type', str(prev.token_type) ?? NONE, str(next.token_type) ?? NONE));
  const ip = decodeJwtParts(str(prev.id_token))?.payload;
  const inx = decodeJwtParts(str(next.id_token))?.payload;
  for (const c of ['iss', 'sub'] as const) {
    if (!ip && !inx) continue;
    const cell = (p: Record<string, unknown> | undefined) => (p ? (str(p[c]) ?? NONE) : NONE);
    const note = ip && inx && cell(ip) !== cell(inx) ? `${c} changed (OIDC Core 12.2: it MUST be the same)` : !inx ? 'no new ID token' : undefined;
    rows.push(row(`refresh.idtoken.${c}`, `ID token ${c} kept`, cell(ip), cell(inx), { by: [cell(ip), inx ? cell(inx) : cell(ip)], ...(note ? { note } : {}) }));
  }
  return rows;
}

/** Each refresh of the flow against the token set before it, oldest first. */
export function refreshDiff(flow: Flow): RefreshDiff[] {
  const sets = tokenSets(flow);
  const out: RefreshDiff[] = [];
  for (let i = 1; i < sets.length; i++) {
    // A hybrid flow's callback set and its token answer are one grant, not a refresh.
    const refreshed = flow.steps.some((s) => s.kind === 'token-request' && s.params.grant_type === 'refresh_token' && s.at <= sets[i]!.at && s.at >= sets[i - 1]!.at);
    if (!refreshed) continue;
    out.push({ before: i - 1, after: i, at: sets[i]!.at, rows: oneRefresh(sets[i - 1]!.tokens, sets[i]!.tokens) });
  }
  return out;
}

export { kindOf as tokenKind };
