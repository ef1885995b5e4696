/**
 * The flow list's search and filters. Pure, so the matching is tested as a table: every word typed
 * must appear in the client id, issuer, grant title, a site, the status text, the outcome, or what the
 * flow holds (its summary's searchText: parameter names and non-secret values, claims, findings),
 * each at the start of a word.
 */
import { type FlowStatus, type FlowSummary, SUMMARY_SEARCH_MAX, flowTitle, isActive } from '../core/flow';
import type { GrantKind } from '../core/launch';
import { statusText } from './status';

export type StatusFilter = 'all' | 'active' | Exclude<FlowStatus, 'authorizing' | 'callback-received' | 'redeeming' | 'polling'>;
export type GrantFilter = 'all' | GrantKind | 'other';
export type SourceFilter = 'all' | FlowSummary['source'];
/** Issue 11: flows whose checks failed (or only warned), from the verdict stored with each summary. */
export type VerdictFilter = 'all' | 'failures' | 'warnings';

export interface FlowFilter {
  query: string;
  status: StatusFilter;
  grant: GrantFilter;
  source: SourceFilter;
  verdict: VerdictFilter;
}

export const NO_FILTER: FlowFilter = { query: '', status: 'all', grant: 'all', source: 'all', verdict: 'all' };

export const STATUS_OPTIONS: readonly (readonly [StatusFilter, string])[] = [
  ['all', 'Any status'],
  ['active', 'In progress'],
  ['complete', 'Complete'],
  ['observed', 'Observed'],
  ['failed', 'Failed'],
  ['interrupted', 'Interrupted'],
];

export const GRANT_OPTIONS: readonly (readonly [GrantFilter, string])[] = [
  ['all', 'Any grant'],
  // Code, implicit and hybrid alike: searching "implicit" or "hybrid" narrows further.
  ['authorization', 'Authorization'],
  ['device_code', 'Device'],
  ['client_credentials', 'Client credentials'],
  ['refresh_token', 'Refresh token'],
  ['token_exchange', 'Token exchange'],
  ['password', 'Password (legacy)'],
  ['other', 'Other'],
];

export const SOURCE_OPTIONS: readonly (readonly [SourceFilter, string])[] = [
  ['all', 'All'],
  ['launched', 'Launched'],
  ['captured', 'Recorded'],
];

export const VERDICT_OPTIONS: readonly (readonly [VerdictFilter, string])[] = [
  ['all', 'Any'],
  ['failures', 'Has failures'],
  ['warnings', 'Has warnings'],
];

export const isFiltering = (f: FlowFilter): boolean => f.query.trim() !== '' || f.status !== 'all' || f.grant !== 'all' || f.source !== 'all' || f.verdict !== 'all';

/** 'warnings' lets through a flow with failures too: it has warnings or worse. */
function verdictMatches(want: VerdictFilter, v: FlowSummary['verdict']): boolean {
  if (want === 'all') return true;
  if (!v) return false;
  return want === 'failures' ? v.failed > 0 : v.failed > 0 || v.warned > 0;
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** Everything a search may match, lower-cased once. */
function haystack(f: FlowSummary): string {
  const sites = (f.sites ?? []).flatMap((s) => [s, hostOf(s)]);
  const r = f.row ?? {};
  // searchText (issue 12): what the flow holds, already lower-cased and bounded when it was stored.
  return `${[f.clientId, f.issuer, flowTitle(f), statusText(f.status, f.source), f.grantType ?? '', f.outcome?.title ?? '', f.source === 'captured' ? 'recorded' : 'launched', r.profileName ?? '', r.sub ?? '', r.loginHint ?? '', r.prompt ?? '', f.verdict?.first?.message ?? '', ...sites]
    .join('\n')
    .toLowerCase()}\n${typeof f.searchText === 'string' ? f.searchText.slice(0, SUMMARY_SEARCH_MAX) : ''}`;
}

const WORD_CHAR = /[a-z0-9]/;
/**
 * Whether `w` appears in `h` at the start of a word (after a space, '.', '_', ':', '/', ...): `S256`
 * finds a PKCE method without finding every RS256 or ES256 signature, `hash` still finds `c_hash`.
 */
function startsAWord(h: string, w: string): boolean {
  for (let i = h.indexOf(w); i >= 0; i = h.indexOf(w, i + 1)) if (i === 0 || !WORD_CHAR.test(h[i - 1]!) || !WORD_CHAR.test(w[0]!)) return true;
  return false;
}

function statusMatches(want: StatusFilter, s: FlowStatus): boolean {
  return want === 'all' || (want === 'active' ? isActive(s) : want === s);
}

export function filterFlows(flows: FlowSummary[], f: FlowFilter): FlowSummary[] {
  const words = f.query.toLowerCase().split(/\s+/).filter(Boolean);
  return flows.filter((x) => {
    if (!statusMatches(f.status, x.status)) return false;
    if (f.grant !== 'all' && x.grant !== f.grant) return false;
    if (f.source !== 'all' && x.source !== f.source) return false;
    if (!verdictMatches(f.verdict, x.verdict)) return false;
    if (words.length === 0) return true;
    const h = haystack(x);
    return words.every((w) => startsAWord(h, w));
  });
}

/** "3 of 12 flows", "1 of 1 flow". */
export function countText(shown: number, total: number): string {
  return `${shown} of ${total} ${total === 1 ? 'flow' : 'flows'}`;
}

/**
 * In a DevTools panel, the inspected tab's flows come first (issue 10, item 2): those that ran in
 * `tabId` (recorded: a step seen in it; launched: its login tab), then every other flow, each part in
 * the order given. Without a tab (the panel in its own tab) there is one part.
 */
export function splitByTab(flows: FlowSummary[], tabId: number | undefined): { here: FlowSummary[]; others: FlowSummary[] } {
  if (tabId === undefined) return { here: [], others: flows };
  const here: FlowSummary[] = [];
  const others: FlowSummary[] = [];
  for (const f of flows) (f.tabIds?.includes(tabId) ? here : others).push(f);
  return { here, others };
}
