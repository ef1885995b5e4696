/** Picking two flows in the list (issue 12): tick boxes on the rows, the bar with Compare, two at most. */
import { h, render, type VNode } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFlow } from '../../core/compare/fixtures';
import { summarize } from '../../core/flow';
import { fakeRoot, releaseFakeDom, type FakeElement } from '../../ui/fake-dom';
import { FlowList } from '../flow-list';
import { CompareBar, togglePick } from './compare-picks';

let root: FakeElement | undefined;
afterEach(async () => {
  if (root) await act(() => render(null, root as unknown as Element));
  root = undefined;
  releaseFakeDom();
});

describe('togglePick', () => {
  it.each([
    [[], 'a', ['a']],
    [['a'], 'b', ['a', 'b']],
    [['a', 'b'], 'c', ['b', 'c']],
    [['a', 'b'], 'a', ['b']],
  ] as const)('%j + %s -> %j', (picked, id, want) => {
    expect(togglePick(picked, id)).toEqual(want);
  });
});

describe('the list with tick boxes and the Compare bar', () => {
  it('ticking two flows offers Compare, a link to #/compare/<a>/<b>', async () => {
    const flows = (['code-pkce', 'implicit', 'hybrid'] as const).map((n) => summarize(loadFlow(n)));
    function Host() {
      const [picked, setPicked] = useState<string[]>([]);
      return h('div', null, h(CompareBar, { picked, flows, onClear: () => setPicked([]) }), h(FlowList, { flows, selected: null, onSelect: () => undefined, picks: { picked, onPick: (id: string) => setPicked((p) => togglePick(p, id)) } }));
    }
    root = fakeRoot();
    await act(() => render(h(Host, null) as VNode, root as unknown as Element));
    const r = root;
    // The fake DOM dispatches no events: call the change listener Preact registered, as a browser would.
    const tick = (id: string) =>
      act(() => {
        const box = r.byAttr('data-pick', id)[0]!;
        box.listeners.get('change')?.call(box, { type: 'change', target: box, currentTarget: box });
      });
    expect(r.byAttr('data-pick', flows[0]!.id)).toHaveLength(1);
    await tick(flows[0]!.id);
    expect(r.byAttr('data-testid', 'compare-bar')[0]!.textContent).toContain('tick one more flow');
    await tick(flows[1]!.id);
    expect(r.byAttr('data-testid', 'compare-picked')[0]!.getAttribute('href')).toBe(`#/compare/${flows[0]!.id}/${flows[1]!.id}`);
    await tick(flows[2]!.id);
    expect(r.byAttr('data-testid', 'compare-picked')[0]!.getAttribute('href')).toBe(`#/compare/${flows[1]!.id}/${flows[2]!.id}`);
  });
});
