import { describe, expect, it } from 'vitest';
import { type FlowSummary, SUMMARY_SEARCH_MAX, summarize } from '../core/flow';
import { loadFlow, secretValues } from '../core/compare/fixtures';
import { NO_FILTER, countText, filterFlows, isFiltering, splitByTab } from './flow-filter';

const base = { createdAt: 0, updatedAt: 0 };
const FLOWS: FlowSummary[] = [
  { ...base, id: 'l1', grant: 'authorization', responseType: 'code', clientId: 'grantscope-public', issuer: 'http://127.0.0.1:9400', status: 'complete', source: 'launched', verdict: { set: 'core', failed: 2, warned: 0, notSeen: 0, passed: 9, first: { id: 'idtoken.nonce.mismatch', message: 'nonce differs from the one sent', clause: 'OIDC Core 3.1.3.7' } }, row: { sub: 'alice', profileName: 'Demo public' } },
  { ...base, id: 'c1', grant: 'authorization', clientId: 'shop-web', issuer: 'https://login.example.com', status: 'observed', source: 'captured', sites: ['https://shop.example.org'], verdict: { set: 'core', failed: 0, warned: 1, notSeen: 3, passed: 4 }, row: { loginHint: 'bob@example.org' } },
  { ...base, id: 'c2', grant: 'client_credentials', clientId: 'svc', issuer: 'https://login.example.com', status: 'redeeming', source: 'captured', sites: ['https://admin.example.net:8443'] },
  { ...base, id: 'c3', grant: 'other', grantType: 'urn:example:magic', clientId: 'x', issuer: 'https://idp.test', status: 'failed', source: 'captured', outcome: { kind: 'error', title: 'Provider refused: invalid_grant' } },
  { ...base, id: 'l2', grant: 'device_code', clientId: 'grantscope-device', issuer: 'http://127.0.0.1:9400', status: 'polling', source: 'launched' },
];
const ids = (f: Partial<typeof NO_FILTER>) => filterFlows(FLOWS, { ...NO_FILTER, ...f }).map((x) => x.id);

describe('filterFlows', () => {
  it.each([
    ['no filter keeps all, in order', {}, ['l1', 'c1', 'c2', 'c3', 'l2']],
    ['client id, any case', { query: 'SHOP-web' }, ['c1']],
    ['issuer', { query: 'login.example' }, ['c1', 'c2']],
    ['grant title', { query: 'client credentials' }, ['c2']],
    ['grant title of a launched code flow', { query: 'authorization code' }, ['l1', 'c1']],
    ['site host, port included', { query: 'admin.example.net:8443' }, ['c2']],
    ['site as typed with scheme', { query: 'https://shop' }, ['c1']],
    ['captured status text', { query: 'token request seen' }, ['c2']],
    ['launched status text', { query: 'waiting for the user' }, ['l2']],
    ['outcome title', { query: 'invalid_grant' }, ['c3']],
    ['unknown grant_type', { query: 'urn:example:magic' }, ['c3']],
    ['every word must match', { query: 'login svc' }, ['c2']],
    ['nothing matches', { query: 'nope' }, []],
    ["a word's start, never its middle (S256 is not RS256)", { query: 'ublic' }, []],
    ['status: in progress', { status: 'active' }, ['c2', 'l2']],
    ['has failures (issue 11)', { verdict: 'failures' }, ['l1']],
    ['has warnings: warnings or worse', { verdict: 'warnings' }, ['l1', 'c1']],
    ['the ID token sub', { query: 'alice' }, ['l1']],
    ['the login_hint', { query: 'bob@example' }, ['c1']],
    ['the profile name', { query: 'demo public' }, ['l1']],
    ['the first failure', { query: 'nonce differs' }, ['l1']],
    ['status: observed', { status: 'observed' }, ['c1']],
    ['grant: other', { grant: 'other' }, ['c3']],
    ['source: recorded', { source: 'captured' }, ['c1', 'c2', 'c3']],
    ['source: launched, with a grant', { source: 'launched', grant: 'authorization' }, ['l1']],
    ['search and filter together', { source: 'captured', query: 'example.' }, ['c1', 'c2']],
  ] as const)('%s', (_name, f, want) => expect(ids(f)).toEqual(want));
});

describe('isFiltering and countText', () => {
  it.each([
    [NO_FILTER, false],
    [{ ...NO_FILTER, query: '   ' }, false],
    [{ ...NO_FILTER, query: 'a' }, true],
    [{ ...NO_FILTER, source: 'captured' as const }, true],
  ])('%o -> %s', (f, want) => expect(isFiltering(f)).toBe(want));

  it.each([
    [3, 12, '3 of 12 flows'],
    [1, 1, '1 of 1 flow'],
    [0, 0, '0 of 0 flows'],
  ])('%i of %i', (a, b, want) => expect(countText(a, b)).toBe(want));
});

describe('splitByTab (a DevTools panel lists its tab first)', () => {
  const withTabs: FlowSummary[] = [
    { ...FLOWS[1]!, id: 'other-newest', tabIds: [9] },
    { ...FLOWS[1]!, id: 'here-popup', tabIds: [9, 4] },
    { ...FLOWS[0]!, id: 'launched-here', tabIds: [4] },
    { ...FLOWS[2]!, id: 'no-tab' },
    { ...FLOWS[1]!, id: 'here-older', tabIds: [4] },
  ];
  it.each([
    ['no inspected tab: one part, as given', undefined, [], ['other-newest', 'here-popup', 'launched-here', 'no-tab', 'here-older']],
    ['tab 4: its flows first, each part in order', 4, ['here-popup', 'launched-here', 'here-older'], ['other-newest', 'no-tab']],
    ['tab 9', 9, ['other-newest', 'here-popup'], ['launched-here', 'no-tab', 'here-older']],
    ['a tab with no flow', 1, [], ['other-newest', 'here-popup', 'launched-here', 'no-tab', 'here-older']],
  ] as const)('%s', (_name, tab, here, others) => {
    const got = splitByTab(withTabs, tab);
    expect(got.here.map((f) => f.id)).toEqual(here);
    expect(got.others.map((f) => f.id)).toEqual(others);
  });
});

describe('filterFlows over what a flow holds (issue 12: summary.searchText)', () => {
  const real = (['code-pkce', 'implicit', 'hybrid', 'spa-recorded'] as const).map((n) => ({ ...summarize(loadFlow(n)), id: n }));
  const found = (query: string) => filterFlows(real, { ...NO_FILTER, query }).map((x) => x.id);
  it.each([
    ['the PKCE method (the hybrid flow sent one too)', 'S256', ['code-pkce', 'hybrid', 'spa-recorded']],
    ['where the tokens came back', 'fragment', ['implicit', 'hybrid']],
    ['a claim only ID tokens from a hybrid flow hold', 'c_hash', ['hybrid']],
    ['a scope', 'offline_access', ['code-pkce', 'spa-recorded']],
    ['a finding id', 'implicit.token', ['implicit']],
    ['a parameter name and a value together', 'code_challenge_method s256', ['code-pkce', 'hybrid', 'spa-recorded']],
  ] as const)('%s', (_name, query, want) => expect(found(query)).toEqual(want));

  it('the sub of the ID token', () => {
    const sub = (real[0]!.row?.sub ?? '').toLowerCase();
    expect(sub).not.toBe('');
    expect(found(sub)).toContain('code-pkce');
  });

  it('never finds a flow by a code, token, verifier, state or nonce value', () => {
    for (const n of ['code-pkce', 'implicit', 'hybrid'] as const) {
      for (const v of secretValues(loadFlow(n))) expect(found(v)).toEqual([]);
    }
  });

  it('keeps the search text bounded and lower-cased', () => {
    for (const s of real) {
      expect(s.searchText!.length).toBeLessThanOrEqual(SUMMARY_SEARCH_MAX);
      expect(s.searchText).toBe(s.searchText!.toLowerCase());
    }
  });
});
