/**
 * Red-team review of issue 13's download path: can anything make the worker download a URL or write
 * a file name the panel did not make? The message is only taken from our own pages (sender.ts); the
 * payload is a blob: URL of an extension and a bare file name (validate.ts); the handler then insists
 * on our own origin (export-handlers.ts).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const ORIGIN = 'chrome-extension://ourid/';
const state = { granted: true, downloads: [] as { url: string; filename: string }[] };
vi.mock('../shared/browser', () => ({
  default: {
    runtime: { getURL: (p: string) => `${ORIGIN}${p.replace(/^\//, '')}`, id: 'ourid' },
    permissions: { contains: async () => state.granted },
    downloads: {
      download: async (o: { url: string; filename: string }) => (state.downloads.push(o), 1),
      search: async () => [{ state: 'complete', filename: '/home/someone/Downloads/x.md' }],
      onChanged: { addListener: () => undefined, removeListener: () => undefined },
    },
  },
}));

const { downloadExport } = await import('./export-handlers');
const { validPayload } = await import('./validate');
const { isTrustedSender } = await import('./sender');

beforeEach(() => {
  state.granted = true;
  state.downloads = [];
});

describe('red team: export/download', () => {
  it('another extension’s blob: URL passes the shape check but the handler refuses it', async () => {
    const req = { url: 'blob:chrome-extension://otherextensionid/6f1c2d3e-0000', filename: 'a.md' };
    expect(validPayload('export/download', req)).toBe(true);
    expect(await downloadExport(req)).toEqual({ state: 'interrupted', error: 'not a file made by the panel' });
    expect(state.downloads).toEqual([]);
  });

  it('our own blob: URL downloads, and the answer names the file, not the folder', async () => {
    const r = await downloadExport({ url: 'blob:chrome-extension://ourid/6f1c2d3e-0000', filename: 'a.md' });
    expect(r).toEqual({ state: 'complete', filename: 'x.md' });
  });

  it('without the downloads permission nothing is downloaded', async () => {
    state.granted = false;
    expect(await downloadExport({ url: 'blob:chrome-extension://ourid/6f1c', filename: 'a.md' })).toEqual({ state: 'unavailable' });
    expect(state.downloads).toEqual([]);
  });

  it.each([
    ['a file: URL', { url: 'file:///etc/passwd', filename: 'a.md' }],
    ['a blob: URL with a query', { url: 'blob:chrome-extension://ourid/6f1c?x=1', filename: 'a.md' }],
    ['a Windows path', { url: 'blob:chrome-extension://ourid/6f1c', filename: 'C:\\\\Users\\\\x\\\\a.md' }],
    ['a name with a NUL', { url: 'blob:chrome-extension://ourid/6f1c', filename: 'a\u0000.md' }],
    ['a name with a newline', { url: 'blob:chrome-extension://ourid/6f1c', filename: 'a\n.md' }],
    ['extra fields (saveAs, conflictAction)', { url: 'blob:chrome-extension://ourid/6f1c', filename: 'a.md', saveAs: false }],
    ['a .desktop file', { url: 'blob:chrome-extension://ourid/6f1c', filename: 'a.desktop' }],
    ['a name of only dots', { url: 'blob:chrome-extension://ourid/6f1c', filename: '...md' }],
  ])('%s is refused by the shape check', (_n, req) => {
    expect(validPayload('export/download', req)).toBe(false);
  });

  it.each([
    ['a web page', { id: undefined, url: 'https://evil.example/' }],
    ['another extension', { id: 'otherid', url: 'chrome-extension://otherid/panel.html' }],
    ['our content script in a page', { id: 'ourid', url: 'https://evil.example/' }],
    ['an extension page of ours not on the list', { id: 'ourid', url: 'chrome-extension://ourid/other.html' }],
  ])('%s may not send it', (_n, sender) => {
    expect(isTrustedSender(sender, 'ourid', ORIGIN)).toBe(false);
  });
});
