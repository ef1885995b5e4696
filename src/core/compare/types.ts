/**
 * The comparison model (issue 12): two flows side by side, as groups of rows that answer the questions
 * people ask (where did each token travel, what came back, which protections were used), not a text
 * diff. Every cell is plain text a screen shows as text. No cell ever holds a secret: tokens and codes
 * read "present (43 chars)", and "is it the same token" is decided by hash (secret.ts), never by showing it.
 */

/** What a cell says when the flow has nothing there. */
export const NONE = '—';

/**
 * Why a row is expected to differ between any two runs of the same flow: 'time' (timestamps,
 * durations, exp/iat) or 'instance' (ids, nonces, per-run hashes). A UI can dim these; a difference
 * on a row without `varies` is one worth reading.
 */
export type Varies = 'time' | 'instance';

export interface Row {
  /** Stable within a comparison, e.g. 'travel.access_token.channel', 'idtoken.claim.email'. */
  key: string;
  label: string;
  a: string;
  b: string;
  same: boolean;
  note?: string;
  /** Claim and member rows: present in only one of the two. */
  only?: 'a' | 'b';
  varies?: Varies;
}

export type GroupKey = 'flow' | 'request' | 'travel' | 'returned' | 'protections' | 'idtoken' | 'access-token' | 'findings' | 'time';

export interface Group {
  key: GroupKey;
  title: string;
  rows: Row[];
}

export interface FlowRef {
  id: string;
  title: string;
  source: 'launched' | 'captured';
  createdAt: number;
}

export interface Comparison {
  a: FlowRef;
  b: FlowRef;
  groups: Group[];
  /** Rows that differ, over all groups. */
  differences: number;
}

/** A row whose `same` is decided on `by` (defaults to the cells' text). */
export function row(key: string, label: string, a: string, b: string, extra: { note?: string; varies?: Varies; by?: [unknown, unknown]; only?: 'a' | 'b' } = {}): Row {
  const same = extra.by ? JSON.stringify(extra.by[0]) === JSON.stringify(extra.by[1]) : a === b;
  const out: Row = { key, label, a, b, same };
  if (extra.note) out.note = extra.note;
  if (extra.only) out.only = extra.only;
  if (extra.varies) out.varies = extra.varies;
  return out;
}

/** Keeps only the rows that differ, and the groups that still have one ("show only differences"). */
export function onlyDifferences(c: Comparison, opts: { ignoreVarying?: boolean } = {}): Comparison {
  const keep = (r: Row) => !r.same && !(opts.ignoreVarying && r.varies);
  const groups = c.groups.map((g) => ({ ...g, rows: g.rows.filter(keep) })).filter((g) => g.rows.length > 0);
  return { ...c, groups, differences: groups.reduce((n, g) => n + g.rows.length, 0) };
}

export const countDifferences = (groups: readonly Group[]): number => groups.reduce((n, g) => n + g.rows.filter((r) => !r.same).length, 0);
