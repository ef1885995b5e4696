/** Export of several flows from the list (issue 13): the picker starts from the list's ticks or the open flow, then the dialog gets the flows read whole. */
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { demoFlows } from '../../core/export/export.fixtures';
import { type Flow, summarize } from '../../core/flow';
import type { MessageKey, Req } from '../../shared/messages';
import { type Connector, ConnectorContext } from '../../ui/connector';
import { type FakeElement, fakeRoot, releaseFakeDom } from '../../ui/fake-dom';
import { ExportSelection } from './export-selection';

let root: FakeElement | undefined;
afterEach(async () => {
  if (root) await act(() => render(null, root as unknown as Element));
  root = undefined;
  releaseFakeDom();
});

// Distinct ids: two fixtures are one recorded flow at two moments.
const flows: Flow[] = demoFlows().filter((f, i, all) => all.findIndex((x) => x.id === f.id) === i).slice(0, 4);
const gets: string[] = [];
const connector: Connector = {
  send: <K extends MessageKey>(type: K, payload: Req<K>) => {
    if (type !== 'flow/get') throw new Error(`unexpected ${type}`);
    const id = (payload as { id: string }).id;
    gets.push(id);
    return Promise.resolve(flows.find((f) => f.id === id) ?? null) as never;
  },
  onFlowsChanged: () => () => undefined,
  onProfilesChanged: () => () => undefined,
  requestHostAccess: () => Promise.resolve(false),
};

async function open(picked?: string[]): Promise<FakeElement> {
  root = fakeRoot();
  const summaries = flows.map((f) => summarize(f));
  await act(() => render(h(ConnectorContext.Provider, { value: connector }, h(ExportSelection, { flows: summaries, current: flows[1]!.id, ...(picked ? { picked } : {}) })), root as unknown as Element));
  await act(() => root!.byAttr('data-testid', 'export-selection')[0]!.click());
  return root;
}
const ticked = (r: FakeElement) => r.findAll((e) => e.getAttribute('name') === 'exportPick' && e.getAttribute('checked') !== null).map((e) => e.getAttribute('value'));
// The dialog is loaded lazily (panel/lazy.tsx); loaded here first, its import() resolves within settle().
import './export-dialog';

const settle = () => act(() => new Promise((r) => setTimeout(r, 0)));

describe('export a selection', () => {
  it('starts with the open flow ticked, each row with its status; Next reads the picked flows whole, in list order', async () => {
    const r = await open();
    expect(ticked(r)).toEqual([flows[1]!.id]);
    expect(r.byAttr('data-testid', 'export-picker')[0]!.textContent).toMatch(/complete/);
    const box = r.findAll((e) => e.getAttribute('value') === flows[3]!.id)[0]!;
    await act(() => box.listeners.get('change')?.call(box, { type: 'change' }));
    expect(r.byAttr('data-testid', 'export-pick-next')[0]!.textContent).toBe('Next: export 2 flows');
    gets.length = 0;
    await act(() => r.byAttr('data-testid', 'export-pick-next')[0]!.click());
    await settle();
    await settle(); // the lazy dialog's import()
    expect(gets).toEqual([flows[1]!.id, flows[3]!.id]);
    const dialog = r.byAttr('data-testid', 'export-dialog')[0]!;
    expect(dialog.getAttribute('data-what')).toBe('selection');
    expect(dialog.findAll((e) => e.getAttribute('data-export-flow') !== null).map((e) => e.getAttribute('data-export-flow'))).toEqual([flows[1]!.id, flows[3]!.id]);
  });

  it('flows ticked in the list to compare start ticked instead', async () => {
    const r = await open([flows[0]!.id, flows[2]!.id]);
    expect(ticked(r)).toEqual([flows[0]!.id, flows[2]!.id]);
  });
});
