/**
 * What the panel shows, as its URL's hash, so a reload (or a reopened DevTools panel) comes back to the
 * same view, flow and search (issue 10, item 3), and a view or a flow can be linked to (issue 12):
 *
 *   #/flows                       the flow list, newest (or the inspected tab's newest) selected
 *   #/flows/<id>?q=…&status=…     a flow selected, with the search and filters
 *   #/flows/<id>?set=fapi2        the flow judged under another rule set than its profile's (issue 11)
 *   #/launch  #/profiles  #/decode  #/recording
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
export type View = (typeof VIEWS)[number][0];

export interface ViewState {
  view: View;
  /** The flow chosen in the list (Flows view only); null lets the list choose. */
  flowId: string | null;
  filter: FlowFilter;
  /** The rule set the Flows view judges under; absent: each flow's profile's set. */
  set?: RuleSetId;
}

export const DEFAULT_VIEW_STATE: ViewState = { view: 'flows', flowId: null, filter: NO_FILTER };

/** The longest search kept from a URL: a search is a few words, a link may carry anything. */
export const SEARCH_MAX = 200;
/** Flow ids are short random tokens (`cap-…` for recorded flows); anything else is not one. */
const FLOW_ID = /^[\w.:-]{1,128}$/;
/** A hash longer than this is not one the panel wrote: read nothing from it. */
const HASH_MAX = 4096;

const isView = (v: string): v is View => VIEWS.some(([x]) => x === v);

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
  if (view !== 'flows') return { ...DEFAULT_VIEW_STATE, view };
  const flowId = id !== undefined && rest.length === 0 ? decode(id) : null;
  const set = new URLSearchParams(query).get('set');
  return { view, flowId: flowId !== null && FLOW_ID.test(flowId) ? flowId : null, filter: parseFilter(query), ...(isRuleSetId(set) ? { set } : {}) };
}

/** The hash for a state, `#` included; parseViewState(formatViewState(s)) gives s back. */
export function formatViewState(s: ViewState): string {
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
