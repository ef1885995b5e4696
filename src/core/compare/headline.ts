/**
 * The verdict of a comparison, first (issue 12: "what changes if this client moves from implicit to
 * code + PKCE?" answered from one screen): one or two plain sentences read from the rows compareFlows
 * made, e.g. "B (code + PKCE) keeps tokens out of the URL; A (implicit) put the access token and ID
 * token in the URL fragment; only B got a refresh token". Only rows that do not vary between any two
 * runs speak here (times, ids and nonces never do). Like the rows, it holds no secret.
 */
import type { Comparison, Row } from './types';

const byKey = (c: Comparison): Map<string, Row> => new Map(c.groups.flatMap((g) => g.rows).map((r) => [r.key, r]));

/** "code + PKCE", "implicit", "hybrid": a short name for a flow, from its title and its PKCE row. */
function shortName(title: string, pkce: string | undefined): string {
  if (/^Implicit/.test(title)) return 'implicit';
  if (/^Hybrid/.test(title)) return 'hybrid';
  if (title === 'Authorization code') return pkce && /^(S256|plain)/.test(pkce) ? 'code + PKCE' : /^not used/.test(pkce ?? '') ? 'code without PKCE' : 'code';
  return title;
}

const TRAVELLING = [
  ['access_token', 'access token'],
  ['id_token', 'ID token'],
] as const;

/** Where in the front channel a side's tokens came, by token: { 'URL fragment': ['access token', ...] }. */
function frontOf(rows: Map<string, Row>, side: 'a' | 'b'): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, label] of TRAVELLING) {
    const cell = rows.get(`travel.${name}.channel`)?.[side] ?? '';
    for (const m of cell.matchAll(/front channel \(([^)]+)\)/g)) out.set(m[1]!, [...(out.get(m[1]!) ?? []), label]);
  }
  return out;
}

const and = (xs: string[]): string => (xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)!}`);
const put = (m: Map<string, string[]>): string => and([...m].map(([where, what]) => `the ${and(what)} in the ${where}`));

function travelPart(rows: Map<string, Row>, name: { a: string; b: string }): string | undefined {
  const fa = frontOf(rows, 'a');
  const fb = frontOf(rows, 'b');
  const gotAny = (side: 'a' | 'b') => TRAVELLING.some(([n]) => /back channel/.test(rows.get(`travel.${n}.channel`)?.[side] ?? ''));
  if (put(fa) === put(fb)) return undefined;
  if (fa.size > 0 && fb.size === 0 && gotAny('b')) return `${name.b} keeps tokens out of the ${[...fa.keys()].every((w) => w.startsWith('URL')) ? 'URL' : 'front channel'}; ${name.a} put ${put(fa)}`;
  if (fb.size > 0 && fa.size === 0 && gotAny('a')) return `${name.a} keeps tokens out of the ${[...fb.keys()].every((w) => w.startsWith('URL')) ? 'URL' : 'front channel'}; ${name.b} put ${put(fb)}`;
  const one = (n: string, m: Map<string, string[]>) => (m.size ? `${n} put ${put(m)}` : `${n} kept them in the back channel`);
  return `${one(name.a, fa)}; ${one(name.b, fb)}`;
}

const has = (cell: string | undefined): boolean => !!cell && cell.startsWith('present');

/** RFC 6749 2.3: a confidential client authenticates; a public one sends its client_id only. */
function clientAuthPart(rows: Map<string, Row>): string | undefined {
  const r = rows.get('protections.client-auth');
  if (!r || r.same) return undefined;
  const auth = (x: string) => x !== '—' && !x.startsWith('none');
  const said = (['a', 'b'] as const).filter((s) => auth(r[s])).map((s) => `${s.toUpperCase()} authenticates the client (${r[s]})`);
  return said.length ? said.join(', ') : undefined;
}

function onlyOne(rows: Map<string, Row>, key: string, what: string, test: (cell: string | undefined) => boolean, isOff: (cell: string | undefined) => boolean): string | undefined {
  const r = rows.get(key);
  if (!r) return undefined;
  const [x, y] = [test(r.a), test(r.b)];
  if (x && !y && isOff(r.b)) return `only A ${what}`;
  if (y && !x && isOff(r.a)) return `only B ${what}`;
  return undefined;
}

const RANK: Record<string, number> = { fail: 2, warn: 1 };
const rank = (cell: string): number => Math.max(0, ...cell.split(', ').map((o) => RANK[o] ?? 0));

/** Checks one side fails or warns on where the other does not. */
function checksPart(c: Comparison): string[] {
  const rows = c.groups.find((g) => g.key === 'findings')?.rows ?? [];
  const out: string[] = [];
  for (const side of ['a', 'b'] as const) {
    const other = side === 'a' ? 'b' : 'a';
    const worse = rows.filter((r) => rank(r[side]) > rank(r[other]));
    if (worse.length === 0) continue;
    const titles = worse.slice(0, 2).map((r) => `“${r.label}”`);
    const more = worse.length > 2 ? ` and ${worse.length - 2} more` : '';
    out.push(`${side.toUpperCase()} fails or warns on ${worse.length === 1 ? 'a check' : `${worse.length} checks`} ${other.toUpperCase()} does not: ${titles.join(', ')}${more}`);
  }
  return out;
}

/** ID token claims (never the varying ones) that differ or are in one token only. */
function claimsPart(c: Comparison): string | undefined {
  const all = (c.groups.find((g) => g.key === 'idtoken')?.rows ?? []).filter((r) => r.key.startsWith('idtoken.claim.'));
  for (const side of ['a', 'b'] as const) if (all.length > 0 && all.every((r) => r.only === side)) return `only ${side.toUpperCase()} has an ID token to compare`;
  const rows = all.filter((r) => !r.same && !r.varies);
  if (rows.length === 0) return undefined;
  const names = rows.slice(0, 4).map((r) => r.label);
  return `their ID tokens differ in ${and(names)}${rows.length > 4 ? ` and ${rows.length - 4} more claims` : ''}`;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** One or two sentences (no full stop) that say what changes from A to B; the rows hold the evidence. */
export function headline(c: Comparison): string[] {
  const rows = byKey(c);
  const meaningful = c.groups.flatMap((g) => g.rows).filter((r) => !r.same && !r.varies);
  if (meaningful.length === 0) return ['No difference beyond times and per-run values (ids, nonces, token values)'];
  const sa = shortName(c.a.title, rows.get('protections.pkce')?.a);
  const sb = shortName(c.b.title, rows.get('protections.pkce')?.b);
  const name = sa === sb ? { a: 'A', b: 'B' } : { a: `A (${sa})`, b: `B (${sb})` };
  const first = [
    travelPart(rows, name),
    onlyOne(rows, 'returned.refresh_token', 'got a refresh token', has, (x) => !!x && !x.startsWith('not seen')),
    onlyOne(rows, 'protections.pkce', 'used PKCE', (x) => !!x && /^(S256|plain)/.test(x), (x) => x === 'not used'),
    onlyOne(rows, 'protections.dpop', 'bound its tokens with DPoP', (x) => !!x && x.startsWith('bound'), (x) => !!x && !x.startsWith('bound')),
    onlyOne(rows, 'protections.par', 'pushed its request (PAR)', (x) => !!x && x.startsWith('used'), (x) => x === 'not used'),
    clientAuthPart(rows),
  ].filter((x): x is string => !!x);
  const second = [...checksPart(c), claimsPart(c)].filter((x): x is string => !!x);
  if (first.length === 0) {
    // Nothing in travel, tokens or protections: name what does differ (client, scope, prompt...).
    const labels = [...new Set(meaningful.filter((r) => /^(request|returned|protections)\./.test(r.key)).map((r) => r.label))].slice(0, 4);
    first.push(labels.length ? `They differ in ${and(labels)}` : 'Same channels, tokens and protections');
  }
  return [cap(first.join('; ')), ...(second.length ? [cap(second.join('; '))] : [])];
}
