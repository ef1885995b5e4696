/**
 * What each flow got back (issue 12): which tokens, their types and lifetimes, and the scope granted
 * against the scope asked (RFC 6749 3.3 and 5.1: no scope in the answer means as asked).
 */
import { scopeDiff, scopeLine } from '../tokens/scope-diff';
import type { FlowFacts } from './facts';
import { describeSecret, sameSecret } from './secret';
import { NONE, type Row, row } from './types';

const TOKENS = [
  ['access_token', 'Access token'],
  ['id_token', 'ID token'],
  ['refresh_token', 'Refresh token'],
] as const;

/** The answer's members where the access token came (callback for implicit, token endpoint otherwise). */
function answer(f: FlowFacts): Record<string, unknown> {
  if (f.tokenResponse?.result.ok) return f.tokenResponse.result.tokens;
  return f.callback && (f.callback.params.access_token || f.callback.params.id_token) ? f.callback.params : {};
}

const seconds = (v: unknown): string => (v === undefined || v === '' ? NONE : `${String(v)} s`);

function lifetime(p: Record<string, unknown> | undefined): string {
  if (!p) return NONE;
  const { exp, iat } = p;
  return typeof exp === 'number' && typeof iat === 'number' ? `${exp - iat} s (exp − iat)` : typeof exp === 'number' ? 'exp without iat' : 'no exp';
}

/** A token request whose answer was not recorded (a page's fetch seen by webRequest alone): unknown, not absent. */
const UNSEEN = 'not seen (the token answer was not recorded)';
const got = (f: FlowFacts, v: string | undefined): string => (v === undefined && f.tokenRequest && !f.tokenResponse ? UNSEEN : describeSecret(v));

export const askedScope = (f: FlowFacts): string | undefined => f.request?.params.scope ?? f.tokenRequest?.params.scope;
export const grantedScope = (f: FlowFacts): string | undefined => {
  const s = answer(f).scope;
  return typeof s === 'string' ? s : undefined;
};

export function returnedRows(a: FlowFacts, b: FlowFacts): Row[] {
  const rows: Row[] = [];
  for (const [name, label] of TOKENS) {
    const x = a.received[name]?.at(-1)?.value;
    const y = b.received[name]?.at(-1)?.value;
    const note = sameSecret(x, y) ? 'the same value in both flows' : undefined;
    rows.push(row(`returned.${name}`, label, got(a, x), got(b, y), { by: [x !== undefined, y !== undefined], ...(note ? { note } : {}) }));
  }
  const ax = answer(a);
  const bx = answer(b);
  const type = (v: unknown) => (typeof v === 'string' ? v : NONE);
  rows.push(row('returned.token_type', 'token_type', type(ax.token_type), type(bx.token_type)));
  rows.push(row('returned.expires_in', 'Access token expires_in', seconds(ax.expires_in), seconds(bx.expires_in)));
  if (a.accessJwt || b.accessJwt) rows.push(row('returned.access_token.lifetime', 'Access token lifetime (JWT)', lifetime(a.accessJwt?.payload), lifetime(b.accessJwt?.payload)));
  if (a.idJwt || b.idJwt) rows.push(row('returned.id_token.lifetime', 'ID token lifetime', lifetime(a.idJwt?.payload), lifetime(b.idJwt?.payload)));
  const sa = scopeDiff(askedScope(a), grantedScope(a));
  const sb = scopeDiff(askedScope(b), grantedScope(b));
  rows.push(row('returned.scope.asked', 'Scope asked', sa.asked?.join(' ') ?? NONE, sb.asked?.join(' ') ?? NONE));
  const granted = (d: typeof sa) => (d.granted === undefined ? 'same as asked (no scope in the answer)' : d.granted.join(' ') || '(none)');
  // A note only when a side got other than it asked (RFC 6749 3.3).
  const off = (d: typeof sa) => d.notGranted.length > 0 || d.extra.length > 0;
  const note = [off(sa) && `a: ${scopeLine(sa)}`, off(sb) && `b: ${scopeLine(sb)}`].filter(Boolean).join(' · ');
  rows.push(row('returned.scope.granted', 'Scope granted', granted(sa), granted(sb), note ? { note } : {}));
  return rows;
}
