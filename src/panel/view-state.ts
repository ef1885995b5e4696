/**
 * What the panel shows, as its URL's hash, so a reload (or a reopened DevTools panel) comes back to the
 * same view, flow and search (issue 10, item 3), and a view or a flow can be linked to (issue 12):
 *
 *   #/flows                       the flow list, newest (or the inspected tab's newest) selected
 *   #/flows/<id>?q=…&status=…     a flow selected, with the search and filters
 *   #/flows/<id>?set=fapi2        the flow judged under another rule set than its profile's (issue 11)
 *   #/launch  #/profiles  #/decode  #/recording
 *   #/compare/<idA>/<idB>         two flows side by side (issue 12); ?only=diff shows only the rows
 *                                 that differ, ?set= judges both under one rule set; #/compare alone
 *                                 lets the person pick the two
 *   #/tokens/<idA>/<idB>?ta=id_token&tb=id_token.1
 *                                 a token of flow A against a token of flow B (the same id twice: two
 *                                 token sets of one flow, e.g. before and after a refresh); a token is
 *                                 named by its member and token set index (tokenSets), never its value
 *   #/tokens                      two tokens pasted in Decode (the values stay in memory)
 *   #flows  #recording …          the older form, still read (the popup and tests open these)
 *
 * Anything may be in a hash (a pasted link, a stale tab): the parser never throws, reads only what it
 * knows, cuts the search to SEARCH_MAX and ignores an id that cannot be a flow's. A flow id that is
 * well formed but not (or no longer) stored simply selects nothing: the list picks its own.
 * A token never goes in the URL; the Decode view's input travels in memory (app.tsx).
 */
import { isRuleSetId, type RuleSetId } from '../core/rules/types';
import { type FlowFilter, GRANT_OPTIONS, NO_FILTER, SOURCE_OPTIONS, STATUS_OPTIONS, VERDICT_OPTIONS } from './flow-filter';

export const VIEWS = [
  ['flows', 'Flows'],
  ['launch', 'Launch'],
  ['profiles', 'Profiles'],
  ['decode', 'Decode'],
  ['recording', 'Recording'],
] as const;
/** The views with a tab of their own. */
export type TabView = (typeof VIEWS)[number][0];
/** Views reached by a link or a button, not a tab: the comparison and the token diff (issue 12). */
export const ROUTES = ['compare', 'tokens'] as const;
export type View = TabView | (typeof ROUTES)[number];

/** The tab a view is shown under: the comparison under Flows, the pasted token diff under Decode. */
export const tabOf = (s: Pick<ViewState, 'view' | 'pair'>): TabView => (s.view === 'compare' ? 'flows' : s.view === 'tokens' ? (s.pair ? 'flows' : 'decode') : s.view);

/** The tokens a token diff can pick from a flow (RFC 6749 5.1, OIDC Core 3.1.3.3). */
export const TOKEN_NAMES = ['access_token', 'id_token', 'refresh_token'] as const;
export type TokenName = (typeof TOKEN_NAMES)[number];
/** A token of a flow: its member name and, when not the first, the index of its token set (tokenSets in flow.ts). */
export interface TokenPick {
  name: TokenName;
  set: number;
}

export interface ViewState {
  view: View;
  /** The flow chosen in the list (Flows view only); null lets the list choose. */
  flowId: string | null;
  filter: FlowFilter;
  /** The rule set the Flows view judges under; absent: each flow's profile's set. */
  set?: RuleSetId;
  /** Compare and token diff: the two flows (a flow may be compared with itself). */
  pair?: { a: string; b: string };
  /** Compare: only the rows that differ. */
  onlyDiff?: boolean;
  /** Token diff from flows: which token of flow a and of flow b. */
  tokens?: { a: TokenPick; b: TokenPick };
}

export const DEFAULT_VIEW_STATE: ViewState = { view: 'flows', flowId: null, filter: NO_FILTER };

/** The longest search kept from a URL: a search is a few words, a link may carry anything. */
export const SEARCH_MAX = 200;
/** Flow ids are short random tokens (`cap-…` for recorded flows); anything else is not one. */
const FLOW_ID = /^[\w.:-]{1,128}$/;
/** A hash longer than this is not one the panel wrote: read nothing from it. */
const HASH_MAX = 4096;

const isView = (v: string): v is View => VIEWS.some(([x]) => x === v) || (ROUTES as readonly string[]).includes(v);

/** The most token sets a flow is read for: a flow refreshed this often is not one a link names. */
const SET_MAX = 999;
const DEFAULT_PICK: TokenPick = { name: 'id_token', set: 0 };

/** `id_token` or `access_token.2`; anything else is the default pick. */
function parsePick(v: string | null): TokenPick {
  const m = /^(access_token|id_token|refresh_token)(?:\.(\d{1,3}))?$/.exec(v ?? '');
  if (!m) return DEFAULT_PICK;
  const set = Number(m[2] ?? 0);
  return { name: m[1] as TokenName, set: set <= SET_MAX ? set : 0 };
}
const formatPick = (p: TokenPick): string => (p.set > 0 && p.set <= SET_MAX ? `${p.name}.${p.set}` : p.name);

/** The two flow ids of `#/compare/<a>/<b>`; both must be flow ids, else none. */
function pairOf(parts: string[]): { a: string; b: string } | undefined {
  if (parts.length !== 2) return undefined;
  const [a, b] = parts.map(decode);
  return a && b && FLOW_ID.test(a) && FLOW_ID.test(b) ? { a, b } : undefined;
}

function parsePair(view: 'compare' | 'tokens', parts: string[], query: string): ViewState {
  const q = new URLSearchParams(query);
  const pair = pairOf(parts);
  const set = q.get('set');
  const out: ViewState = { ...DEFAULT_VIEW_STATE, view };
  if (!pair) return out;
  out.pair = pair;
  if (view === 'compare') {
    if (q.get('only') === 'diff') out.onlyDiff = true;
    if (isRuleSetId(set)) out.set = set;
  } else out.tokens = { a: parsePick(q.get('ta')), b: parsePick(q.get('tb')) };
  return out;
}

function formatPair(s: ViewState): string {
  const pair = s.pair && FLOW_ID.test(s.pair.a) && FLOW_ID.test(s.pair.b) ? s.pair : undefined;
  if (!pair) return `#/${s.view}`;
  const q = new URLSearchParams();
  if (s.view === 'compare') {
    if (s.onlyDiff) q.set('only', 'diff');
    if (s.set && isRuleSetId(s.set)) q.set('set', s.set);
  } else {
    q.set('ta', formatPick(s.tokens?.a ?? DEFAULT_PICK));
    q.set('tb', formatPick(s.tokens?.b ?? DEFAULT_PICK));
  }
  const qs = q.toString();
  return `#/${s.view}/${encodeURIComponent(pair.a)}/${encodeURIComponent(pair.b)}${qs ? `?${qs}` : ''}`;
}

/** The comparison of two flows, as a state (buttons and links build their href from it). */
export const compareState = (a: string, b: string, extra: { onlyDiff?: boolean } = {}): ViewState => ({ ...DEFAULT_VIEW_STATE, view: 'compare', pair: { a, b }, ...(extra.onlyDiff ? { onlyDiff: true } : {}) });
/** A token of one flow against a token of another (or of the same flow). */
export const tokenDiffState = (a: string, b: string, ta: TokenPick, tb: TokenPick): ViewState => ({ ...DEFAULT_VIEW_STATE, view: 'tokens', pair: { a, b }, tokens: { a: ta, b: tb } });

function pick<T extends string>(options: readonly (readonly [T, string])[], value: string | null, fallback: T): T {
  return options.find(([v]) => v === value)?.[0] ?? fallback;
}

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

function parseFilter(query: string): FlowFilter {
  const q = new URLSearchParams(query);
  return {
    query: (q.get('q') ?? '').slice(0, SEARCH_MAX),
    status: pick(STATUS_OPTIONS, q.get('status'), NO_FILTER.status),
    grant: pick(GRANT_OPTIONS, q.get('grant'), NO_FILTER.grant),
    source: pick(SOURCE_OPTIONS, q.get('source'), NO_FILTER.source),
    verdict: pick(VERDICT_OPTIONS, q.get('checks'), NO_FILTER.verdict),
  };
}

/** The state a hash (`location.hash`, with or without its `#`) asks for; the default for anything else. */
export function parseViewState(hash: string): ViewState {
  if (typeof hash !== 'string' || hash.length > HASH_MAX) return DEFAULT_VIEW_STATE;
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  // The older form: a bare view name.
  if (isView(h)) return { ...DEFAULT_VIEW_STATE, view: h };
  if (!h.startsWith('/')) return DEFAULT_VIEW_STATE;
  const at = h.indexOf('?');
  const [path, query] = at < 0 ? [h, ''] : [h.slice(0, at), h.slice(at + 1)];
  const [, view = '', id, ...rest] = path.split('/');
  if (!isView(view)) return DEFAULT_VIEW_STATE;
  if (view === 'compare' || view === 'tokens') return parsePair(view, id === undefined ? [] : [id, ...rest], query);
  if (view !== 'flows') return { ...DEFAULT_VIEW_STATE, view };
  const flowId = id !== undefined && rest.length === 0 ? decode(id) : null;
  const set = new URLSearchParams(query).get('set');
  return { view, flowId: flowId !== null && FLOW_ID.test(flowId) ? flowId : null, filter: parseFilter(query), ...(isRuleSetId(set) ? { set } : {}) };
}

/** The hash for a state, `#` included; parseViewState(formatViewState(s)) gives s back. */
export function formatViewState(s: ViewState): string {
  if (s.view === 'compare' || s.view === 'tokens') return formatPair(s);
  if (s.view !== 'flows') return `#/${s.view}`;
  const id = s.flowId !== null && FLOW_ID.test(s.flowId) ? `/${encodeURIComponent(s.flowId)}` : '';
  const q = new URLSearchParams();
  const query = s.filter.query.slice(0, SEARCH_MAX);
  if (query !== '') q.set('q', query);
  for (const k of ['status', 'grant', 'source'] as const) if (s.filter[k] !== NO_FILTER[k]) q.set(k, s.filter[k]);
  if (s.filter.verdict !== NO_FILTER.verdict) q.set('checks', s.filter.verdict);
  if (s.set && isRuleSetId(s.set)) q.set('set', s.set);
  const qs = q.toString();
  return `#/flows${id}${qs ? `?${qs}` : ''}`;
}

/**
 * The state to open with: the URL's own hash when it has one, else what a DevTools panel remembered
 * (main.tsx). A remembered flow is selected again only in the same tab: DevTools opened on another
 * tab picks that tab's newest flow, keeping the remembered view and search.
 */
export function initialViewState(hash: string, remembered: { hash: string; sameTab: boolean } | null): ViewState {
  if (hash !== '' && hash !== '#') return parseViewState(hash);
  if (!remembered) return DEFAULT_VIEW_STATE;
  const s = parseViewState(remembered.hash);
  return remembered.sameTab ? s : { ...s, flowId: null };
}

/** What DevTools panels remember in localStorage: the last hash, and the tab it was shown for. */
export const rememberText = (tabId: number, hash: string): string => JSON.stringify({ tab: tabId, hash });

/** Reads rememberText's output back for `tabId`; anything else is nothing remembered. */
export function rememberedFor(text: string | null, tabId: number): { hash: string; sameTab: boolean } | null {
  if (typeof text !== 'string' || text.length > HASH_MAX + 64) return null;
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null) return null;
    const { tab, hash } = v as { tab?: unknown; hash?: unknown };
    return typeof hash === 'string' ? { hash, sameTab: tab === tabId } : null;
  } catch {
    return null;
  }
}
