import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOSTILE, MB, quick, RUNS, anyText } from '../core/fuzz.fixtures';
import { NO_FILTER } from './flow-filter';
import { compareState, DEFAULT_VIEW_STATE, ROUTES, SEARCH_MAX, tabOf, tokenDiffState, VIEWS, type ViewState, formatViewState, initialViewState, parseViewState, rememberedFor, rememberText } from './view-state';

const flows = (flowId: string | null, filter: Partial<typeof NO_FILTER> = {}): ViewState => ({ view: 'flows', flowId, filter: { ...NO_FILTER, ...filter } });
const view = (v: ViewState['view']): ViewState => ({ ...DEFAULT_VIEW_STATE, view: v });

describe('parseViewState', () => {
  it.each([
    ['no hash', '', DEFAULT_VIEW_STATE],
    ['a bare #', '#', DEFAULT_VIEW_STATE],
    ['the older form, as the popup opens it', '#flows', view('flows')],
    ['the older form for another view', '#recording', view('recording')],
    ['the older form without #', 'launch', view('launch')],
    ['a view', '#/profiles', view('profiles')],
    ['decode (never carries a token)', '#/decode', view('decode')],
    ['the flow list', '#/flows', flows(null)],
    ['a flow', '#/flows/cap-AbC_12-x', flows('cap-AbC_12-x')],
    ['a flow and the search', '#/flows/f1?q=shop+example&status=failed&grant=device_code&source=captured', flows('f1', { query: 'shop example', status: 'failed', grant: 'device_code', source: 'captured' })],
    ['a search with no flow', '#/flows?q=login.example.com', flows(null, { query: 'login.example.com' })],
    ['an id written percent-encoded', '#/flows/cap%2Dx', flows('cap-x')],
    ['an unknown view', '#/settings', DEFAULT_VIEW_STATE],
    ['an unknown older form', '#flow=1', DEFAULT_VIEW_STATE],
    ['a flow path on another view is only the view', '#/launch/f1?q=x', view('launch')],
    ['an id that cannot be a flow id', '#/flows/<img src=x>', flows(null)],
    ['an id with a slash', '#/flows/a/b', flows(null)],
    ['a broken percent escape', '#/flows/%E0%A4%A', flows(null)],
    ['unknown filter values fall back', '#/flows?status=__proto__&grant=constructor&source=all&x=1', flows(null)],
    ['a repeated parameter takes the first', '#/flows?q=a&q=b', flows(null, { query: 'a' })],
  ] as const)('%s: %s', (_name, hash, want) => {
    expect(parseViewState(hash)).toEqual(want);
  });

  it('cuts a long search, and reads nothing from a hash too long to be its own', () => {
    expect(parseViewState(`#/flows?q=${'a'.repeat(1000)}`).filter.query).toHaveLength(SEARCH_MAX);
    expect(parseViewState(`#/recording?${'a'.repeat(MB)}`)).toEqual(DEFAULT_VIEW_STATE);
    expect(parseViewState(`#/flows/${'a'.repeat(129)}`).flowId).toBeNull();
  });

  it.each(HOSTILE)('%s: never throws, always quick, always a state it could write', (_name, text) => {
    for (const hash of [`#/flows/${text}`, `#/flows?q=${text}`, `#${text}`, text]) {
      const s = quick(hash.length, () => parseViewState(hash));
      for (const h2 of [`#/compare/${text}/b`, `#/tokens/a/${text}?ta=${text}`]) expect(parseViewState(formatViewState(parseViewState(h2)))).toEqual(parseViewState(h2));
      expect([...VIEWS.map(([v]) => v), ...ROUTES]).toContain(s.view);
      expect(parseViewState(formatViewState(s))).toEqual(s);
    }
  });

  it('any text: a state whose hash reads back the same', () => {
    fc.assert(
      fc.property(anyText, (t) => {
        const s = parseViewState(t);
        expect(parseViewState(formatViewState(s))).toEqual(s);
      }),
      RUNS,
    );
  });
});

describe('formatViewState', () => {
  it.each([
    [view('recording'), '#/recording'],
    [{ ...flows('f1', { query: 'x' }), view: 'launch' } as ViewState, '#/launch'],
    [flows(null), '#/flows'],
    [flows('cap-1'), '#/flows/cap-1'],
    [flows('cap-1', { query: 'a b&c', source: 'launched' }), '#/flows/cap-1?q=a+b%26c&source=launched'],
    [flows('not an id'), '#/flows'],
  ] as const)('%j -> %s', (s, hash) => {
    expect(formatViewState(s)).toBe(hash);
  });

  it('round-trips every state it can hold', () => {
    const state = fc.record({
      view: fc.constantFrom(...VIEWS.map(([v]) => v)),
      flowId: fc.option(fc.stringMatching(/^[\w.:-]{1,128}$/), { nil: null }),
      filter: fc.record({
        query: fc.string({ maxLength: SEARCH_MAX }),
        status: fc.constantFrom('all', 'active', 'complete', 'observed', 'failed', 'interrupted'),
        grant: fc.constantFrom('all', 'authorization', 'device_code', 'client_credentials', 'refresh_token', 'token_exchange', 'password', 'other'),
        source: fc.constantFrom('all', 'launched', 'captured'),
        verdict: fc.constantFrom('all', 'failures', 'warnings'),
      }),
      set: fc.constantFrom('core', 'bcp', 'oauth21', 'fapi2'),
    }, { requiredKeys: ['view', 'flowId', 'filter'] });
    fc.assert(
      fc.property(state, (s) => {
        const back = parseViewState(formatViewState(s as ViewState));
        expect(back).toEqual(s.view === 'flows' ? s : view(s.view));
      }),
      RUNS,
    );
  });

  it('keeps the rule set chosen for the Flows view (?set=), and drops one it does not know', () => {
    expect(parseViewState('#/flows/abc?set=fapi2')).toMatchObject({ flowId: 'abc', set: 'fapi2' });
    expect(parseViewState('#/flows?set=nonsense').set).toBeUndefined();
    expect(formatViewState({ view: 'flows', flowId: 'abc', filter: NO_FILTER, set: 'bcp' })).toBe('#/flows/abc?set=bcp');
    expect(parseViewState('#/flows?checks=failures').filter.verdict).toBe('failures');
  });
});

describe('initialViewState and what DevTools remembers', () => {
  const mem = rememberText(7, '#/flows/f1?q=shop');
  it.each([
    ['the URL wins over memory', '#/decode', rememberedFor(mem, 7), view('decode')],
    ['nothing in the URL, nothing remembered', '', null, DEFAULT_VIEW_STATE],
    ['the same tab: view, flow and search', '', rememberedFor(mem, 7), flows('f1', { query: 'shop' })],
    ['another tab: view and search, its own flow', '', rememberedFor(mem, 8), flows(null, { query: 'shop' })],
    ['a bare # counts as none', '#', rememberedFor(rememberText(7, '#/recording'), 7), view('recording')],
  ] as const)('%s', (_name, hash, remembered, want) => {
    expect(initialViewState(hash, remembered)).toEqual(want);
  });

  it.each([null, '', 'not json', '[]', 'null', '{"tab":7}', '{"tab":7,"hash":5}', `{"hash":"${'a'.repeat(MB)}"}`])('reads %j as nothing remembered', (text) => {
    expect(rememberedFor(text, 7)).toBeNull();
  });

  it('reads a hostile remembered hash as a safe state', () => {
    expect(initialViewState('', rememberedFor(rememberText(7, '#/flows/__proto__?status=constructor'), 7))).toEqual(flows('__proto__'));
  });
});

describe('issue 12: the comparison and the token diff in the URL', () => {
  const pick = (name: 'access_token' | 'id_token' | 'refresh_token', set = 0) => ({ name, set });
  it.each([
    ['a comparison', '#/compare/f1/cap-2', compareState('f1', 'cap-2'), null],
    ['only the differences', '#/compare/f1/f2?only=diff', compareState('f1', 'f2', { onlyDiff: true }), null],
    ['judged under one set', '#/compare/f1/f2?set=fapi2', { ...compareState('f1', 'f2'), set: 'fapi2' }, null],
    ['a flow with itself', '#/compare/f1/f1', compareState('f1', 'f1'), null],
    ['no flows yet: pick them', '#/compare', view('compare'), null],
    ['the older form', '#compare', view('compare'), '#/compare'],
    ['one flow only', '#/compare/f1', view('compare'), '#/compare'],
    ['three flows', '#/compare/a/b/c', view('compare'), '#/compare'],
    ['an id that cannot be a flow id', '#/compare/f1/<img src=x>', view('compare'), '#/compare'],
    ['tokens of two flows', '#/tokens/f1/f2?ta=access_token&tb=access_token', tokenDiffState('f1', 'f2', pick('access_token'), pick('access_token')), null],
    ['before and after a refresh', '#/tokens/f1/f1?ta=id_token&tb=id_token.1', tokenDiffState('f1', 'f1', pick('id_token'), pick('id_token', 1)), null],
    ['unknown token names fall back to the ID token', '#/tokens/f1/f2?ta=code&tb=__proto__', tokenDiffState('f1', 'f2', pick('id_token'), pick('id_token')), '#/tokens/f1/f2?ta=id_token&tb=id_token'],
    ['pasted tokens (kept in memory, never in the URL)', '#/tokens', view('tokens'), null],
  ] as const)('%s: %s', (_name, hash, want, written) => {
    expect(parseViewState(hash)).toEqual(want);
    expect(formatViewState(want as ViewState)).toBe(written ?? hash);
  });

  it('writes the ids percent-encoded, and drops the pair when an id is not a flow id', () => {
    expect(formatViewState(compareState('a:b', 'c.d'))).toBe('#/compare/a%3Ab/c.d');
    expect(parseViewState('#/compare/a%3Ab/c.d').pair).toEqual({ a: 'a:b', b: 'c.d' });
    expect(formatViewState(compareState('a b', 'c'))).toBe('#/compare');
  });

  it('never carries the flow list\'s own state, and the flow links still work beside it', () => {
    expect(parseViewState('#/compare/f1/f2?q=x&status=failed').filter).toEqual(NO_FILTER);
    expect(parseViewState('#/flows/f1')).toEqual(flows('f1'));
  });

  it.each([
    [compareState('a', 'b'), 'flows'],
    [tokenDiffState('a', 'b', pick('id_token'), pick('id_token')), 'flows'],
    [view('tokens'), 'decode'],
    [view('profiles'), 'profiles'],
  ] as const)('shows %j under the %s tab', (s, tab) => {
    expect(tabOf(s)).toBe(tab);
  });
});
