/**
 * The panel app mounts the issue 12 routes: #/compare/<a>/<b> shows the comparison under the Flows
 * tab, its buttons write the URL (a new pair is a history entry, "only differences" replaces it), and
 * #/tokens opens the pasted token diff under Decode.
 */
import { h, render, type VNode } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFlow } from '../../core/compare/fixtures';
import { ConnectorContext } from '../../ui/connector';
import { fakeRoot, releaseFakeDom, type FakeElement } from '../../ui/fake-dom';
import { PanelApp, type ViewStore } from '../app';
import { compareState, formatViewState, parseViewState, type ViewState } from '../view-state';
import { fakeConnector, settle } from './render.fixtures';
// The app loads these views lazily (panel/lazy.tsx); loaded here first, the app's import() resolves within settle().
import './compare-view';
import './token-diff-view';

let root: FakeElement | undefined;
afterEach(async () => {
  if (root) await act(() => render(null, root as unknown as Element));
  root = undefined;
  releaseFakeDom();
});

async function panelAt(initial: ViewState) {
  const flows = [loadFlow('code-pkce'), loadFlow('implicit')];
  const writes: [string, boolean][] = [];
  const store: ViewStore = { initial, write: (s, push) => writes.push([formatViewState(s), push]), onOutside: () => () => undefined };
  root = fakeRoot();
  await act(() => render(h(ConnectorContext.Provider, { value: fakeConnector(flows) }, h(PanelApp, { store })) as VNode, root as unknown as Element));
  await settle();
  const current = root.findAll((e) => e.getAttribute('aria-current') === 'page').map((e) => e.textContent);
  return { r: root, writes, flows, current };
}

describe('the panel app and the issue 12 routes', () => {
  it('opens #/compare/<a>/<b> under the Flows tab; only differences replaces the URL, Swap adds an entry', async () => {
    const [code, implicit] = [loadFlow('code-pkce'), loadFlow('implicit')];
    const { r, writes, current } = await panelAt(parseViewState(`#/compare/${code.id}/${implicit.id}`));
    expect(current).toEqual(['Flows']);
    expect(r.byAttr('data-testid', 'compare-verdict')[0]!.textContent).toContain('B (implicit) put the access token');
    await act(() => r.byAttr('data-testid', 'only-differences')[0]!.click());
    await settle();
    expect(writes.at(-1)).toEqual([`#/compare/${code.id}/${implicit.id}?only=diff`, false]);
    const swap = r.findAll((e) => e.localName === 'button' && e.textContent === 'Swap A and B')[0]!;
    await act(() => swap.click());
    await settle();
    expect(writes.at(-1)).toEqual([`#/compare/${implicit.id}/${code.id}?only=diff`, true]);
  });

  it('opens the pasted token diff under Decode; a pair no longer kept says so', async () => {
    const tokens = await panelAt(parseViewState('#/tokens'));
    expect(tokens.current).toEqual(['Decode']);
    expect(tokens.r.findAll((e) => e.getAttribute('name') === 'tokenB')).toHaveLength(1);
    await act(() => render(null, tokens.r as unknown as Element));
    releaseFakeDom();
    const flow = await panelAt(compareState('x', 'y'));
    expect(flow.r.byAttr('data-testid', 'compare-missing')[0]!.textContent).toContain('Neither flow is kept here any more');
  });
});
