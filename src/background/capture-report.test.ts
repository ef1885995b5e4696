/**
 * 'capture/report' counts page-capture reports per tab (issue 9): every frame's relay has its own
 * limit, so fifty frames of an opted-in site must not send fifty times as much. The browser module is
 * a fake with memory storage.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ObservedRequest } from '../core/capture/types';
import { memoryKV } from './kv';

const fake = vi.hoisted(() => ({ session: undefined as unknown as ReturnType<typeof memoryKV>, local: undefined as unknown as ReturnType<typeof memoryKV> }));

vi.mock('../shared/browser', () => ({
  default: {
    get storage() {
      return { session: fake.session, local: fake.local, onChanged: { addListener: () => undefined } };
    },
    permissions: { contains: async () => true },
    runtime: {},
    scripting: undefined,
  },
}));

fake.session = memoryKV();
fake.local = memoryKV();
const { saveCaptureSettings } = await import('./capture-settings');
const { normalizeCaptureSettings } = await import('../core/capture/settings');
const { captureHandlers } = await import('./capture-handlers');
const { TAB_REPORTS_MAX } = await import('../core/capture/rate-limit');

const report = (n: number): ObservedRequest => ({ id: `ps:${n}`, at: n, tabId: -1, frame: 'fetch', method: 'POST', url: 'https://idp.example/token', bodyText: 'grant_type=x', via: 'page-script' });

describe("'capture/report'", () => {
  it('takes at most the per-tab limit from one tab, whatever frame sent them, and counts tabs apart', async () => {
    await saveCaptureSettings({ ...normalizeCaptureSettings(undefined), pageScriptSites: ['https://app.example'] });
    const got: ObservedRequest[] = [];
    const h = captureHandlers({ captures: () => { throw new Error('unused'); }, sink: { request: (o) => got.push(o), response: () => undefined }, firefoxFilter: false });
    for (let i = 0; i < 3 * TAB_REPORTS_MAX; i++) {
      // Frames of one tab: each frame's URL differs, the tab does not.
      await h['capture/report']({ request: report(i) }, { tabId: 5, frameId: i % 50, url: `https://app.example/frame${i % 50}` } as never);
    }
    expect(got).toHaveLength(TAB_REPORTS_MAX);
    await h['capture/report']({ request: report(999) }, { tabId: 6, url: 'https://app.example/' } as never);
    expect(got).toHaveLength(TAB_REPORTS_MAX + 1);
    expect(got.every((o) => o.via === 'page-script' && o.initiator === 'https://app.example')).toBe(true);
  });

  it('refuses a report without a tab before reading anything', async () => {
    const got: ObservedRequest[] = [];
    const h = captureHandlers({ captures: () => { throw new Error('unused'); }, sink: { request: (o) => got.push(o), response: () => undefined }, firefoxFilter: false });
    await h['capture/report']({ request: report(1) }, { url: 'https://app.example/' } as never);
    expect(got).toHaveLength(0);
  });
});
