/**
 * Import's screens (issue 13) rendered into the fake DOM: the banner names a broken file's problem in
 * words and says nothing was lost, shows a file name as text never as markup; an imported flow's detail
 * says where it came from and what was checked where exported, offers no token action, and fetches
 * nothing until asked; its list row carries the badge and the file.
 */
import { type ComponentChild, h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleText, exportBundle, importBundle } from '../../core/export/bundle';
import { CHROME_FLOWS } from '../../core/export/export.fixtures';
import { type Flow, summarize } from '../../core/flow';
import type { MessageKey } from '../../shared/messages';
import { type Connector, ConnectorContext } from '../../ui/connector';
import { fakeRoot, releaseFakeDom, type FakeElement } from '../../ui/fake-dom';
import { FlowDetail } from '../flow-detail';
import { FlowList } from '../flow-list';
import { ImportBanner } from './import-control';
import { PROBLEM_TITLES } from './read-import';

let root: FakeElement | undefined;
async function show(vnode: ComponentChild): Promise<FakeElement> {
  root = fakeRoot();
  await act(() => render(vnode, root as unknown as Element));
  return root;
}
const one = (r: FakeElement, name: string, value: string): FakeElement | undefined => r.byAttr(name, value)[0];

afterEach(async () => {
  if (root) await act(() => render(null, root as unknown as Element));
  root = undefined;
  releaseFakeDom();
});

const sent: MessageKey[] = [];
const RECORDING: Connector = {
  send: (type) => {
    sent.push(type);
    return new Promise(() => undefined);
  },
  onFlowsChanged: () => () => undefined,
  onProfilesChanged: () => () => undefined,
  requestHostAccess: () => Promise.resolve(false),
};
const withConnector = (v: ComponentChild) => h(ConnectorContext.Provider, { value: RECORDING }, v);

function importedFlow(): Flow {
  const r = importBundle(bundleText(exportBundle(CHROME_FLOWS())), 'ticket <b>4711</b>.json', 5);
  if (!r.ok) throw new Error(r.error.message);
  return { ...r.value.flows[0]!, id: 'imp-1' };
}

describe('the import banner', () => {
  it('names the problem in words, says nothing was imported, and shows the file name as text', async () => {
    const r = await show(h(ImportBanner, { state: { kind: 'failed', file: 'x.har', problem: { code: 'truncated', title: PROBLEM_TITLES.truncated, message: 'The file ends in the middle of the HAR.' } }, onDismiss: () => undefined }));
    const b = one(r, 'data-testid', 'import-result')!;
    expect(b.getAttribute('data-code')).toBe('truncated');
    expect(b.textContent).toBe('File cut short: The file ends in the middle of the HAR. Nothing was imported; the flows kept here are unchanged.×');
  });

  it('a done import lists the HAR notices; a bundle exported with secrets says so', async () => {
    const r = await show(h(ImportBanner, { state: { kind: 'done', file: '<img src=x>.json', flows: 2, notices: [], redacted: false }, onDismiss: () => undefined }));
    const text = one(r, 'data-testid', 'import-result')!.textContent;
    expect(text).toContain('Imported 2 flows from <img src=x>.json.');
    expect(text).toContain('tokens and codes in it are real');
    expect(r.byAttr('src', 'x')).toEqual([]);
  });
});

describe('an imported flow', () => {
  it('its detail says where it came from and what was checked where exported, with no token action and nothing sent', async () => {
    sent.length = 0;
    const r = await show(withConnector(h(FlowDetail, { flow: importedFlow() })));
    expect(one(r, 'data-testid', 'detail-imported')?.textContent).toBe('Imported');
    const note = one(r, 'data-testid', 'imported-note')!;
    expect(note.textContent).toContain('Imported from ticket <b>4711</b>.json');
    // These steps came from a HAR: no signature was checked anywhere.
    expect(note.getAttribute('data-checked')).toBe('not-yet');
    expect(note.textContent).toContain('No signature has been checked: keys are fetched only when you ask.');
    expect(one(r, 'data-testid', 'token-actions')).toBeUndefined();
    // Recorded flows ask the worker to confirm their issuer on sight; an imported one waits to be asked.
    expect(sent).not.toContain('flow/confirm-issuer');
    expect(one(r, 'data-testid', 'imported-confirm')?.textContent).toBe('Confirm issuer and check signatures');
  });

  it('a step checked before export reads "checked where exported"', async () => {
    const f = importedFlow();
    const i = f.steps.findIndex((x) => x.kind === 'token-response');
    f.steps[i] = { ...f.steps[i]!, verification: { ok: true } } as never;
    const r = await show(withConnector(h(FlowDetail, { flow: f })));
    const note = one(r, 'data-testid', 'imported-note')!;
    expect(note.getAttribute('data-checked')).toBe('where-exported');
    expect(note.textContent).toContain('checked where exported, not here');
  });

  it('its list row carries the Imported badge and the file name', async () => {
    const r = await show(h(FlowList, { flows: [summarize(importedFlow())], selected: null, onSelect: () => undefined }));
    expect(one(r, 'data-testid', 'imported-badge')?.textContent).toBe('Imported');
    expect(one(r, 'data-imported', 'true')?.textContent).toContain('from ticket <b>4711</b>.json');
  });
});
