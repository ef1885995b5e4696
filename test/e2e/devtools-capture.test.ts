/**
 * The DevTools source (src/devtools/): with DevTools open on a tab, the extension's DevTools page reads
 * that tab's network log (devtools.network.onRequestFinished, getContent) and reports to the recorder.
 * Chromium opens DevTools on every new tab here (`--auto-open-devtools-for-tabs`, the harness's
 * `devtools` option; headless too), on its default panel, which loads devtools.html for the tab.
 * No page capture for the SPA's site and not the deep build: only DevTools can read the token answer.
 *
 * DevTools opens a moment after its tab, and the DevTools page's listener is live a moment after that:
 * the test build's DevTools page says so in storage.session (TEST_DEVTOOLS_KEY, src/devtools/main.ts),
 * and the test waits for that for its own tab before the login starts.
 */
import type { Page } from 'playwright-core';
import type browser from 'webextension-polyfill';
import { describe, expect, it } from 'vitest';
import { TEST_DEVTOOLS_KEY } from '../../src/shared/constants';
import { spaLogin } from './apps';
import { stepKinds } from './flows';
import { type Harness, useHarness } from './harness';

let h: Harness;
useHarness((x) => (h = x), { apps: true, devtools: true });

const apps = () => ({ ...h.apps!, provider: h.provider });
const RECORDED = '[data-flow-id][data-source="captured"]';

type Api = typeof browser;
/** The extension's service worker, where the extension API is the global `chrome`. */
const worker = () => h.context.serviceWorkers().find((w) => w.url().includes(h.extensionId))!;

/** Waits until the DevTools page open on `tabId` has its network listener in place. */
async function waitForDevtools(tabId: number): Promise<void> {
  const key = `${TEST_DEVTOOLS_KEY}:${tabId}`;
  const listening = () => worker().evaluate(async (k) => (await (globalThis as unknown as { chrome: Api }).chrome.storage.session.get(k))[k] === true, key);
  await expect.poll(listening, { timeout: 30_000, message: `the DevTools page for tab ${tabId} never said it was listening` }).toBe(true);
}

/** Waits until the newest recorded flow on `origin` has `status`, and opens it. */
async function openNewest(p: Page, origin: string, status: string): Promise<void> {
  const item = p.locator(`${RECORDED}[data-status="${status}"]`, { hasText: new URL(origin).host }).first();
  await item.waitFor({ timeout: 20_000 });
  await item.click();
  await p.waitForSelector(`[data-testid="flow-detail"][data-source="captured"][data-status="${status}"]`);
}

/** Each step of the open flow, as its title ("Token response", "Userinfo", ...) and the sources that saw it. */
async function seenBy(p: Page): Promise<{ kind: string; title: string; via: string[] }[]> {
  return p.locator('li.step').evaluateAll((els) =>
    els.map((e) => ({
      kind: e.getAttribute('data-step') ?? '',
      title: (e.textContent ?? '').split(/\d\d:\d\d/)[0]!.trim(),
      via: (e.querySelector('[data-testid="step-seen"]')?.getAttribute('data-via') ?? '').split(' ').sort(),
    })),
  );
}

describe('DevTools open on the tab (the DevTools page)', () => {
  it('records the SPA token response, and its userinfo answer, from the DevTools network log', async () => {
    // A URL of its own, so a retry after a failure finds this attempt's tab.
    const appUrl = `${apps().spa.origin}/?run=${Date.now()}`;
    const page = await h.context.newPage();
    try {
      await page.goto(appUrl);
      const [tab] = await worker().evaluate(async (url) => (await (globalThis as unknown as { chrome: Api }).chrome.tabs.query({ url })).map((t) => t.id!), appUrl);
      expect(tab).toBeTypeOf('number');
      await waitForDevtools(tab!);

      // Nothing else that reads answers is on: no page capture site, and this is not the deep build.
      const settings = await h.openPage('panel.html#recording');
      await settings.waitForSelector('[data-testid="page-capture"]');
      await expect(settings.locator('[data-testid="page-capture"] [data-site]').count()).resolves.toBe(0);
      await expect(settings.locator('[data-testid="deep-capture"]').count()).resolves.toBe(0);
      await settings.close();

      await spaLogin(page, apps());
      const p = await h.openPage('panel.html');
      await openNewest(p, apps().spa.origin, 'complete');
      expect((await stepKinds(p)).filter((k) => k !== 'exchange')).toEqual(['authorization-request', 'callback', 'token-request', 'token-response']);
      const steps = await seenBy(p);
      expect(steps.find((s) => s.kind === 'token-response')?.via).toEqual(['devtools']);
      expect(steps.find((s) => s.kind === 'token-request')?.via).toEqual(['devtools', 'webrequest']);
      expect(steps.filter((s) => s.via.includes('page-script'))).toEqual([]);
      await expect(p.locator('[data-testid="outcome"]').textContent()).resolves.toContain('Tokens received');
      await expect(p.locator('[data-note="answer-not-visible"]').count()).resolves.toBe(0);
      await expect.poll(() => p.locator('li.step[data-step="token-response"] [data-testid="verification"]').first().getAttribute('data-status'), { timeout: 10_000 }).toBe('verified');
      // Userinfo is at /me, a path that says nothing: the DevTools page lets it through because the
      // worker learned it from discovery. It is the SPA's last call, so it may land a moment later.
      await expect
        .poll(async () => (await seenBy(p)).filter((s) => s.title.startsWith('Userinfo')).map((s) => s.via.join(' ')), { timeout: 10_000 })
        .toEqual(['devtools webrequest']);
      await h.shoot(p, 'recorded-spa-devtools');
      await p.close();
    } finally {
      await page.close();
    }
  }, 60_000);
});
