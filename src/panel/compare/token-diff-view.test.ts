/**
 * The token diff and the refresh diff rendered into the fake DOM over real demo flows: pasted tokens
 * (in memory), a token of flow A against one of flow B picked by the URL, and a refresh in a flow's detail.
 */
import { h, render, type VNode } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFlow, secretValues } from '../../core/compare/fixtures';
import { type Flow, tokenSets } from '../../core/flow';
import { ConnectorContext } from '../../ui/connector';
import { fakeRoot, releaseFakeDom, type FakeElement } from '../../ui/fake-dom';
import type { ViewState } from '../view-state';
import { fakeConnector, settle } from './render.fixtures';
import { NavigateContext } from './nav';
import { RefreshDiffSection } from './refresh-diff';
import { TokenDiffView, type TokenDiffViewProps } from './token-diff-view';

let root: FakeElement | undefined;
afterEach(async () => {
  if (root) await act(() => render(null, root as unknown as Element));
  root = undefined;
  releaseFakeDom();
});

async function mount(node: VNode, flows: Flow[]) {
  const went: ViewState[] = [];
  root = fakeRoot();
  await act(() => render(h(ConnectorContext.Provider, { value: fakeConnector(flows) }, h(NavigateContext.Provider, { value: (s: ViewState) => went.push(s) }, node)), root as unknown as Element));
  await settle();
  return { r: root, went };
}

const claim = (r: FakeElement, name: string) => r.byAttr('data-row', `claim.${name}`)[0]?.getAttribute('data-state');
const idOf = (f: Flow, set = 0) => tokenSets(f)[set]!.tokens.id_token as string;

describe('TokenDiffView', () => {
  it('two pasted ID tokens: header and claims side by side, the values kept out of the rows', async () => {
    const code = loadFlow('code-pkce');
    const implicit = loadFlow('implicit');
    const props: TokenDiffViewProps = { pasted: { a: idOf(code), b: `Bearer ${idOf(implicit)}` } };
    const { r } = await mount(h(TokenDiffView, props) as VNode, []);
    expect(r.byAttr('data-testid', 'token-diff-verdict')[0]!.textContent).toContain('Two different tokens.');
    expect([claim(r, 'sub'), claim(r, 'aud'), claim(r, 'at_hash')]).toEqual(['same', 'differs', 'only-b']);
    expect(r.byAttr('data-row', 'header.alg')[0]!.getAttribute('data-state')).toBe('same');
    const rows = r.byAttr('data-testid', 'token-diff')[0]!.textContent;
    expect(rows).not.toContain(idOf(code));
  });

  it('a token of flow A against one of flow B, as the URL names them', async () => {
    const code = loadFlow('code-pkce');
    const hybrid = loadFlow('hybrid');
    const { r } = await mount(h(TokenDiffView, { pair: { a: code.id, b: hybrid.id }, tokens: { a: { name: 'id_token', set: 0 }, b: { name: 'id_token', set: 0 } }, pasted: { a: '', b: '' } }) as VNode, [code, hybrid]);
    expect(claim(r, 'aud')).toBe('differs');
    expect(claim(r, 'c_hash')).toBe('only-b');
    for (const v of [...secretValues(code), ...secretValues(hybrid)]) expect(r.textContent).not.toContain(v);
  });

  it('says so when the flow has no such token', async () => {
    const implicit = loadFlow('implicit');
    const { r } = await mount(h(TokenDiffView, { pair: { a: implicit.id, b: implicit.id }, tokens: { a: { name: 'refresh_token', set: 0 }, b: { name: 'id_token', set: 0 } }, pasted: { a: '', b: '' } }) as VNode, [implicit]);
    expect(r.textContent).toContain('Flow A has no Refresh token there');
  });
});

describe('RefreshDiffSection', () => {
  it('shows the refreshed set against the one before it, and links the two ID tokens', async () => {
    const f = loadFlow('code-pkce-refreshed');
    const { r } = await mount(h(RefreshDiffSection, { flow: f }) as VNode, [f]);
    const row = (k: string) => r.byAttr('data-row', k)[0]!;
    expect(row('refresh.refresh_token').textContent).toContain('a new value');
    expect(row('refresh.idtoken.sub').getAttribute('data-state')).toBe('same');
    expect(r.byAttr('data-refresh-token-diff', 'id_token')[0]!.getAttribute('href')).toBe(`#/tokens/${f.id}/${f.id}?ta=id_token&tb=id_token.1`);
    for (const v of secretValues(f)) expect(r.textContent).not.toContain(v);
  });

  it('draws nothing for a flow without a refresh', async () => {
    const f = loadFlow('code-pkce');
    const { r } = await mount(h(RefreshDiffSection, { flow: f }) as VNode, [f]);
    expect(r.byAttr('data-testid', 'refresh-diff')).toHaveLength(0);
  });
});
