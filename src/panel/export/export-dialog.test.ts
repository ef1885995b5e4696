/**
 * The export dialog and Copy as cURL (issue 13), rendered by Preact into the fake DOM: what leaves is
 * named first, redaction is on with its receipt, turning it off needs a confirmation that says what
 * leaks, Copy and every Download outcome (saved, refused, no API) say what happened, and no secret of
 * the real flows reaches the clipboard, a message or the console unless the person chose so.
 */
import { type ComponentChild, h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHROME_FLOWS, demoFlows, leaks, secretsOf } from '../../core/export/export.fixtures';
import type { Flow } from '../../core/flow';
import type { MessageKey, Req } from '../../shared/messages';
import { type Connector, ConnectorContext } from '../../ui/connector';
import { type FakeElement, fakeRoot, releaseFakeDom } from '../../ui/fake-dom';
import { CopyCurl } from './copy-curl';
import { ExportDialog } from './export-dialog';

let root: FakeElement | undefined;
let copied: string[] = [];
const g = globalThis as unknown as { navigator?: unknown };
const savedNavigator = Object.getOwnPropertyDescriptor(globalThis, 'navigator');

beforeEach(() => {
  copied = [];
  Object.defineProperty(globalThis, 'navigator', { value: { clipboard: { writeText: (t: string) => (copied.push(t), Promise.resolve()) } }, configurable: true });
});

afterEach(async () => {
  if (root) await act(() => render(null, root as unknown as Element));
  root = undefined;
  releaseFakeDom();
  if (savedNavigator) Object.defineProperty(globalThis, 'navigator', savedNavigator);
  else delete g.navigator;
  vi.restoreAllMocks();
});

/** A connector that records what was sent and answers downloads as told. */
function fakeConnector(opts: { grant?: boolean | 'throw'; download?: unknown } = {}) {
  const sent: { type: MessageKey; payload: unknown }[] = [];
  const asked: string[][] = [];
  const c: Connector = {
    send: <K extends MessageKey>(type: K, payload: Req<K>) => {
      sent.push({ type, payload });
      return Promise.resolve(opts.download ?? { state: 'complete', filename: 'x.md' }) as never;
    },
    onFlowsChanged: () => () => undefined,
    onProfilesChanged: () => () => undefined,
    requestHostAccess: (_o, perms) => {
      if (opts.grant === 'throw') throw new Error('no permissions API');
      asked.push(perms ?? []);
      return Promise.resolve(opts.grant ?? true);
    },
  };
  return { c, sent, asked };
}

async function show(vnode: ComponentChild, c: Connector): Promise<FakeElement> {
  root = fakeRoot();
  await act(() => render(h(ConnectorContext.Provider, { value: c }, vnode), root as unknown as Element));
  return root;
}

const byId = (r: FakeElement, id: string) => r.byAttr('data-testid', id)[0];
const text = (e: FakeElement | undefined) => e?.textContent ?? '';
const button = (r: FakeElement, label: string) => r.findAll((e) => e.localName === 'button' && e.textContent.trim() === label)[0]!;
/** Fires a change on an input, as the browser would after the person ticks or unticks it. */
async function change(el: FakeElement, checked: boolean) {
  await act(() => el.listeners.get('change')?.call(el, { type: 'change', target: { checked }, currentTarget: { checked } }));
}
const input = (r: FakeElement, name: string, value?: string) => r.findAll((e) => e.localName === 'input' && e.getAttribute('name') === name && (value === undefined || e.getAttribute('value') === value))[0]!;
const settle = () => act(() => new Promise((r) => setTimeout(r, 0)));

const FLOWS = (): Flow[] => [...demoFlows().slice(0, 3), ...CHROME_FLOWS()];

describe('export dialog', () => {
  it('names what leaves, redacts by default with the receipt in a line, and copies no secret', async () => {
    const flows = FLOWS();
    const { c, sent } = fakeConnector();
    const logs = (['log', 'info', 'warn', 'error', 'debug'] as const).map((k) => vi.spyOn(console, k));
    const r = await show(h(ExportDialog, { flows, what: 'selection', onClose: () => undefined }), c);
    expect(text(r.findAll((e) => e.localName === 'h2')[0])).toBe(`Export ${flows.length} flows`);
    expect(byId(r, 'export-what')!.findAll((e) => e.getAttribute('data-export-flow') !== null)).toHaveLength(flows.length);
    expect(text(byId(r, 'export-what'))).toContain('Authorization code');
    // Preact writes a boolean the fake element has no property for as an attribute.
    expect(input(r, 'exportRedact').getAttribute('checked')).not.toBeNull();
    expect(input(r, 'exportClaims').getAttribute('checked')).toBeNull();
    expect(text(byId(r, 'export-receipt'))).toMatch(/^\d+ values redacted: .*access tokens.*refresh tokens/);
    const secrets = secretsOf(flows);
    expect(secrets.length).toBeGreaterThan(10);
    for (const format of ['report-md', 'report-html', 'bundle', 'har', 'curl']) {
      await change(input(r, 'exportFormat', format), true);
      await act(() => byId(r, 'export-copy')!.click());
      await settle();
      expect(text(byId(r, 'export-status'))).toMatch(/^Copied the .* to the clipboard, redacted\.$/);
      const last = copied.at(-1)!;
      expect(leaks(last, secrets), format).toEqual([]);
      expect(last).toMatch(/receipt/i);
    }
    expect(copied).toHaveLength(5);
    // Nothing went to the worker for a copy, and nothing was logged.
    expect(sent).toEqual([]);
    for (const l of logs) expect(l).not.toHaveBeenCalled();
  });

  it('turning redaction off asks first, says what would be readable, and Keep redacted changes nothing', async () => {
    const flows = CHROME_FLOWS();
    const r = await show(h(ExportDialog, { flows, what: 'flow', onClose: () => undefined }), fakeConnector().c);
    await change(input(r, 'exportRedact'), false);
    const confirm = byId(r, 'export-unredact-confirm')!;
    expect(text(confirm)).toContain('The export will hold, readable: 1 authorization code, 1 Basic client credential, 1 PKCE verifier, 2 access tokens, 1 ID token, 2 refresh tokens.');
    // Copy waits for the answer.
    expect(byId(r, 'export-copy')!.getAttribute('disabled')).not.toBeNull();
    await act(() => button(r, 'Keep redacted').click());
    expect(byId(r, 'export-unredact-confirm')).toBeUndefined();
    await act(() => byId(r, 'export-copy')!.click());
    await settle();
    expect(leaks(copied.at(-1)!, secretsOf(flows))).toEqual([]);
  });

  it('with secrets included by choice, the receipt, the status and the export say NOT REDACTED', async () => {
    const flows = CHROME_FLOWS();
    const r = await show(h(ExportDialog, { flows, what: 'flow', onClose: () => undefined }), fakeConnector().c);
    await change(input(r, 'exportRedact'), false);
    await act(() => button(r, 'Include secrets').click());
    expect(byId(r, 'export-receipt')!.getAttribute('data-unredacted')).not.toBeNull();
    expect(text(byId(r, 'export-receipt'))).toMatch(/^NOT REDACTED/);
    expect(text(r.findAll((e) => e.localName === 'summary')[0])).toMatch(/-UNREDACTED\.md/);
    await act(() => byId(r, 'export-copy')!.click());
    await settle();
    expect(text(byId(r, 'export-status'))).toMatch(/WITH SECRETS\.$/);
    expect(copied.at(-1)!.slice(0, 200)).toMatch(/NOT REDACTED/);
    expect(leaks(copied.at(-1)!, secretsOf(flows)).length).toBeGreaterThan(3);
  });

  it('Download asks for the downloads permission from the click and sends a blob URL, never the text', async () => {
    const { c, sent, asked } = fakeConnector({ download: { state: 'complete', filename: 'grantscope-flow.md' } });
    const r = await show(h(ExportDialog, { flows: CHROME_FLOWS(), what: 'flow', onClose: () => undefined }), c);
    await act(() => byId(r, 'export-download')!.click());
    await settle();
    expect(asked).toEqual([['downloads']]);
    expect(sent).toHaveLength(1);
    const p = sent[0]!.payload as { url: string; filename: string };
    expect(sent[0]!.type).toBe('export/download');
    expect(Object.keys(p).sort()).toEqual(['filename', 'url']);
    expect(p.url).toMatch(/^blob:/);
    expect(p.filename).toMatch(/^grantscope-flow-\d{8}-\d{6}\.md$/);
    expect(text(byId(r, 'export-status'))).toBe('Saved as grantscope-flow.md in the downloads folder.');
  });

  it('a request that fails rather than answers leaves the worker to tell', async () => {
    const { c, sent } = fakeConnector({ grant: 'throw', download: { state: 'complete', filename: 'f.md' } });
    const r = await show(h(ExportDialog, { flows: CHROME_FLOWS(), what: 'flow', onClose: () => undefined }), c);
    await act(() => byId(r, 'export-download')!.click());
    await settle();
    expect(sent.map((x) => x.type)).toEqual(['export/download']);
    expect(text(byId(r, 'export-status'))).toBe('Saved as f.md in the downloads folder.');
  });

  it('a refused permission says so and offers Copy; no API gives a link in the page', async () => {
    const refused = fakeConnector({ grant: false });
    let r = await show(h(ExportDialog, { flows: CHROME_FLOWS(), what: 'flow', onClose: () => undefined }), refused.c);
    await act(() => byId(r, 'export-download')!.click());
    await settle();
    expect(refused.sent).toEqual([]);
    expect(text(byId(r, 'export-status'))).toMatch(/downloads permission was not granted\. Copy the export instead/);
    await act(() => button(r, 'Copy instead').click());
    await settle();
    expect(copied).toHaveLength(1);
    await act(() => render(null, root as unknown as Element));

    // No downloads API (or no grant) in the worker, whether or not the page could ask: the page's own link.
    for (const c of [fakeConnector({ download: { state: 'unavailable' } }).c, fakeConnector({ grant: 'throw', download: { state: 'unavailable' } }).c]) {
      r = await show(h(ExportDialog, { flows: CHROME_FLOWS(), what: 'comparison', names: ['A', 'B'], onClose: () => undefined }), c);
      await act(() => byId(r, 'export-download')!.click());
      await settle();
      const link = byId(r, 'export-link')!;
      expect(link.getAttribute('href')).toMatch(/^blob:/);
      expect(link.getAttribute('download')).toMatch(/^grantscope-comparison-.*\.md$/);
      await act(() => render(null, root as unknown as Element));
    }
  });

  it('Escape, Close and the backdrop close it', async () => {
    let closed = 0;
    const r = await show(h(ExportDialog, { flows: CHROME_FLOWS(), what: 'flow', onClose: () => closed++ }), fakeConnector().c);
    await act(() => button(r, 'Close').click());
    const dialog = byId(r, 'export-dialog')!;
    await act(() => dialog.listeners.get('keydown')?.call(dialog, { type: 'keydown', key: 'Escape' }));
    expect(closed).toBe(2);
  });
});

describe('Copy as cURL', () => {
  const flow = () => CHROME_FLOWS()[0]!;
  const tokenRequest = (f: Flow) => f.steps.findIndex((s) => s.kind === 'token-request');

  it('copies the step redacted, with a note naming what stands as placeholders', async () => {
    const f = flow();
    const r = await show(h(CopyCurl, { flow: f, index: tokenRequest(f) }), fakeConnector().c);
    expect(text(byId(r, 'copy-curl'))).toMatch(/Redacted: .*authorization code.*stand as placeholders/);
    await act(() => byId(r, 'copy-curl-redacted')!.click());
    await settle();
    expect(copied[0]).toMatch(/^curl -X 'POST'/);
    expect(leaks(copied[0]!, secretsOf([f]))).toEqual([]);
    expect(text(byId(r, 'copy-curl-status'))).toBe('Copied, redacted');
  });

  it('copies with secrets only after a second, named choice', async () => {
    const f = flow();
    const r = await show(h(CopyCurl, { flow: f, index: tokenRequest(f) }), fakeConnector().c);
    await act(() => byId(r, 'copy-curl-ask')!.click());
    expect(copied).toEqual([]);
    expect(text(byId(r, 'copy-curl-confirm'))).toMatch(/will hold, readable: .*authorization code/);
    await act(() => byId(r, 'copy-curl-secrets')!.click());
    await settle();
    expect(leaks(copied[0]!, secretsOf([f])).length).toBeGreaterThan(0);
    expect(text(byId(r, 'copy-curl-status'))).toBe('Copied, WITH SECRETS');
  });

  it('shows nothing on a front-channel step', async () => {
    const f = flow();
    const r = await show(h(CopyCurl, { flow: f, index: 0 }), fakeConnector().c);
    expect(byId(r, 'copy-curl')).toBeUndefined();
  });
});
