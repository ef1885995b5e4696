/**
 * Deep capture (the deep build, dist/chrome-deep): chrome.debugger on the tab the person is looking
 * at reads the SPA's token response with no page capture for its site, so no script in the page.
 * Playwright drives the same tab over CDP too: Chrome lets both clients attach at once.
 *
 * The panel is opened in its own tab after the SPA page, as a person would from the popup, so the
 * panel is the active tab when the button is pressed: the worker must pick the web tab that was in
 * front before it (capture-handlers.ts, activeTab). The SPA page was the active tab while still
 * about:blank, and only then navigated to the app, as a page typed into a new tab is.
 */
import type { Page } from 'playwright-core';
import type browser from 'webextension-polyfill';
import { describe, expect, it } from 'vitest';
import { spaLogin } from './apps';
import { stepKinds } from './flows';
import { type Harness, useHarness } from './harness';

let h: Harness;
useHarness((x) => (h = x), { apps: true, deep: true });

const apps = () => ({ ...h.apps!, provider: h.provider });
const RECORDED = '[data-flow-id][data-source="captured"]';

type Api = typeof browser;
/** The extension's service worker, where the extension API is the global `chrome`. */
const worker = () => h.context.serviceWorkers().find((w) => w.url().includes(h.extensionId))!;

/** Waits until the newest recorded flow on `origin` has `status`, and opens it. */
async function openNewest(p: Page, origin: string, status: string): Promise<void> {
  const item = p.locator(`${RECORDED}[data-status="${status}"]`, { hasText: new URL(origin).host }).first();
  await item.waitFor({ timeout: 20_000 });
  await item.click();
  await p.waitForSelector(`[data-testid="flow-detail"][data-source="captured"][data-status="${status}"]`);
}

/** Each step of the open flow and the sources that saw it, as "kind: via via". */
async function seenBy(p: Page): Promise<string[]> {
  return p.locator('li.step').evaluateAll((els) =>
    els.map((e) => `${e.getAttribute('data-step') ?? ''}: ${e.querySelector('[data-testid="step-seen"]')?.getAttribute('data-via') ?? ''}`),
  );
}

const viaOf = (p: Page, kind: string) =>
  p.locator(`li.step[data-step="${kind}"] [data-testid="step-seen"]`).first().getAttribute('data-via').then((v) => (v ?? '').split(' ').sort());

describe('deep capture (chrome.debugger, the deep build)', () => {
  it('attaches to the web tab in front, records the SPA token response through the debugger alone, and stops', async () => {
    const permissions = await worker().evaluate(() => (globalThis as unknown as { chrome: Api }).chrome.runtime.getManifest().permissions ?? []);
    expect(permissions).toContain('debugger');

    // A URL of its own, so a retry after a failure finds this attempt's tab.
    const appUrl = `${apps().spa.origin}/?run=${Date.now()}`;
    const page = await h.context.newPage();
    try {
      await page.goto(appUrl);
      await page.waitForSelector('[data-testid="client-id"]:not(:text("…"))');
      await page.bringToFront();
      const [spaTab] = await worker().evaluate(async (url) => (await (globalThis as unknown as { chrome: Api }).chrome.tabs.query({ url })).map((t) => t.id!), appUrl);
      expect(spaTab).toBeTypeOf('number');

      // The panel's own tab is the active one now: the button must still pick the SPA's tab.
      const settings = await h.openPage('panel.html#recording');
      await settings.waitForSelector('[data-testid="deep-capture"]');
      await expect(settings.locator('[data-testid="page-capture"] [data-site]').count()).resolves.toBe(0);
      await settings.getByRole('button', { name: 'Deep capture the active tab' }).click();
      await settings.waitForSelector(`[data-testid="deep-tabs"] li[data-tab="${spaTab}"]`);
      await expect(settings.locator('[data-testid="deep-tabs"] li').count()).resolves.toBe(1);
      await expect(settings.locator('[data-testid="deep-capture"] [role="alert"]').count()).resolves.toBe(0);
      await h.shoot(settings, 'deep-capture-on');

      await spaLogin(page, apps());
      const p = await h.openPage('panel.html');
      await openNewest(p, apps().spa.origin, 'complete');
      expect((await stepKinds(p)).filter((k) => k !== 'exchange')).toEqual(['authorization-request', 'callback', 'token-request', 'token-response']);
      expect(await viaOf(p, 'token-response')).toContain('debugger');
      expect(await viaOf(p, 'token-request')).toEqual(['debugger', 'webrequest']);
      // No script in the page: page capture reported nothing; the debugger saw every step.
      const seen = await seenBy(p);
      expect(seen.filter((s) => s.includes('page-script'))).toEqual([]);
      expect(seen.filter((s) => !s.includes('debugger'))).toEqual([]);
      await expect(p.locator('[data-testid="outcome"]').textContent()).resolves.toContain('Tokens received');
      await expect(p.locator('[data-note="answer-not-visible"]').count()).resolves.toBe(0);
      await h.shoot(p, 'recorded-spa-deep');
      await p.close();

      // Stop: the tab leaves the list, and a second login in it is recorded without the debugger.
      await settings.locator(`[data-testid="deep-tabs"] li[data-tab="${spaTab}"]`).getByRole('button', { name: 'Stop deep capture' }).click();
      await settings.waitForSelector('[data-testid="deep-tabs"]', { state: 'detached' });
      await expect(settings.locator('[data-testid="deep-capture"] [role="alert"]').count()).resolves.toBe(0);
      await settings.close();

      await h.context.clearCookies();
      await page.goto(appUrl);
      await spaLogin(page, apps(), { user: 'bob' });
      const again = await h.openPage('panel.html');
      await openNewest(again, apps().spa.origin, 'redeeming');
      expect((await seenBy(again)).filter((s) => s.includes('debugger'))).toEqual([]);
      await again.close();
    } finally {
      // Closing the tab also detaches the debugger, should a failure leave it attached.
      await page.close();
    }
  }, 60_000);
});
