/**
 * Issue 4: flows that apps run by themselves, recorded from any tab and shown as correlated timelines.
 * The loopback SPA (code + PKCE in page JavaScript) and server-side app sign in against the demo
 * provider; nothing is launched from Grantscope. The tests read what the panel shows.
 */
import type { Page } from 'playwright-core';
import type browser from 'webextension-polyfill';
import { describe, expect, it } from 'vitest';
import { spaLogin, waitSignedIn, loginAtProvider, webappLogin } from './apps';
import { type Harness, useHarness } from './harness';
import { stepKinds } from './flows';

let h: Harness;
useHarness((x) => (h = x), { apps: true, freshLogin: true });

const apps = () => ({ ...h.apps!, provider: h.provider });
const host = (origin: string) => new URL(origin).host;
const RECORDED = '[data-flow-id][data-source="captured"]';

async function panel(view = ''): Promise<Page> {
  const p = await h.openPage(`panel.html${view ? `#${view}` : ''}`);
  await p.waitForSelector('nav.flow-list, [data-testid="recording-view"]');
  return p;
}

/** Recorded flows in the list, newest first, as [id, status, site text]. */
async function recorded(p: Page): Promise<{ id: string; status: string; site: string }[]> {
  return p.locator(RECORDED).evaluateAll((els) =>
    els.map((e) => ({ id: e.getAttribute('data-flow-id') ?? '', status: e.getAttribute('data-status') ?? '', site: e.querySelector('[data-testid="flow-site"]')?.textContent ?? '' })),
  );
}

async function recordedCount(): Promise<number> {
  const p = await panel();
  const n = (await recorded(p)).length;
  await p.close();
  return n;
}

/** Waits until the newest recorded flow on `origin` has `status`, opens it, returns its id. */
async function openNewest(p: Page, origin: string, status: string, timeout = 20_000): Promise<string> {
  const item = p.locator(`${RECORDED}[data-status="${status}"]`, { hasText: host(origin) }).first();
  await item.waitFor({ timeout });
  const id = (await item.getAttribute('data-flow-id'))!;
  await item.click();
  await p.waitForSelector(`[data-testid="flow-detail"][data-source="captured"][data-status="${status}"]`);
  return id;
}

/** The badge the toolbar button shows on the tab at `url` (read in the worker, as the browser keeps it). */
async function badgeFor(url: string): Promise<string> {
  const sw = h.context.serviceWorkers().find((w) => w.url().includes(h.extensionId))!;
  // Runs in the worker, where the extension API is the global `chrome` (not this file's).
  return sw.evaluate(async (u) => {
    const api = (globalThis as unknown as { chrome: typeof browser }).chrome;
    const [tab] = await api.tabs.query({ url: u });
    return tab?.id === undefined ? 'no tab' : api.action.getBadgeText({ tabId: tab.id });
  }, url);
}

describe('recording flows that apps run by themselves', () => {
  it('records a server-side app: request and callback, and says its server redeems the code', async () => {
    const page = await h.context.newPage();
    await webappLogin(page, apps());
    const p = await panel();
    await openNewest(p, apps().webapp.origin, 'observed');
    expect(await stepKinds(p)).toEqual(['authorization-request', 'callback']);
    await expect(p.locator('[data-note="server-redeems"]').textContent()).resolves.toContain('RFC 6749 4.1.3');
    await expect(p.locator('[data-testid="captured-who"]').textContent()).resolves.toContain('grantscope-webapp');
    expect(await p.locator('li.step[data-step="callback"] [data-testid="step-seen"]').getAttribute('data-via')).toBe('webrequest');
    // The code is masked in the step's table until revealed.
    expect(await p.locator('li.step[data-step="callback"]').textContent()).not.toMatch(/code.{0,3}[A-Za-z0-9_-]{30,}/);
    await expect.poll(() => badgeFor(`${apps().webapp.origin}/*`)).toBe('1');
    // Search and filters: by client id, and by source.
    await p.fill('input[name="flow-search"]', 'grantscope-webapp');
    await expect.poll(() => p.locator('[data-flow-id]').count()).toBe(1);
    await p.fill('input[name="flow-search"]', 'no-such-client');
    await p.waitForSelector('[data-testid="no-match"]');
    await p.fill('input[name="flow-search"]', '');
    await p.selectOption('select[name="flow-source"]', 'launched');
    await p.waitForSelector('[data-testid="no-match"]');
    await p.selectOption('select[name="flow-source"]', 'all');
    await h.shoot(p, 'recorded-server-app');
    await p.close();
    await page.close();
  });

  it('records an SPA from network events alone: the token request is there, its answer said to be out of sight', async () => {
    const page = await h.context.newPage();
    await spaLogin(page, apps());
    const p = await panel();
    await openNewest(p, apps().spa.origin, 'redeeming');
    const kinds = await stepKinds(p);
    expect(kinds.slice(kinds.indexOf('authorization-request'))).toEqual(expect.arrayContaining(['authorization-request', 'callback', 'token-request']));
    // The SPA fetched discovery before the login: that call joined the flow at its start.
    await expect(p.locator('li.step[data-step="exchange"]').first().textContent()).resolves.toContain('Discovery');
    await expect(p.locator('[data-note="answer-not-visible"]').isVisible()).resolves.toBe(true);
    await p.close();
    await page.close();
  });

  it('with page capture on for the SPA, shows its token response and verifies its ID token', async () => {
    const settings = await panel('recording');
    await settings.fill('input[name="page-capture-site"]', apps().spa.origin);
    await settings.getByRole('button', { name: 'Add site' }).click();
    await settings.waitForSelector(`[data-site="${apps().spa.origin}"]`);
    await expect(settings.locator('[data-testid="page-capture-problem"]').count()).resolves.toBe(0);
    // Deep capture is in the deep build only (deep-capture.test.ts): this build shows no trace of it.
    await expect(settings.locator('[data-testid="deep-capture"]').count()).resolves.toBe(0);
    await h.shoot(settings, 'recording-view');
    await settings.close();

    const page = await h.context.newPage();
    await spaLogin(page, apps());
    const p = await panel();
    await openNewest(p, apps().spa.origin, 'complete');
    const kinds = await stepKinds(p);
    expect(kinds.filter((k) => k !== 'exchange')).toEqual(['authorization-request', 'callback', 'token-request', 'token-response']);
    const via = await p.locator('li.step[data-step="token-request"] [data-testid="step-seen"]').getAttribute('data-via');
    expect(via?.split(' ').sort()).toEqual(['page-script', 'webrequest']);
    await expect(p.locator('[data-testid="outcome"]').textContent()).resolves.toContain('Tokens received');
    await expect.poll(() => p.locator('li.step[data-step="token-response"] [data-testid="verification"]').first().getAttribute('data-status'), { timeout: 10_000 }).toBe('verified');
    await expect(p.locator('[data-testid="captured-who"]').textContent()).resolves.not.toContain('(guessed)');
    await h.shoot(p, 'recorded-spa');
    await p.close();

    // The app refreshes by itself: the refresh joins the same flow.
    await page.click('[data-testid="refresh"]');
    await page.waitForFunction(() => !!document.querySelector('[data-testid="refreshed"]')?.textContent);
    const again = await panel();
    await openNewest(again, apps().spa.origin, 'complete');
    expect((await stepKinds(again)).filter((k) => k === 'token-response')).toHaveLength(2);
    await expect(again.locator('[data-testid="outcome"]').textContent()).resolves.toContain('Tokens refreshed');
    await again.close();
    await page.close();
  });

  it('follows a login popup: one flow across the app tab and the popup', async () => {
    const before = await recordedCount();
    const page = await h.context.newPage();
    await spaLogin(page, apps(), { popup: true });
    const p = await panel();
    await openNewest(p, apps().spa.origin, 'complete');
    expect((await recorded(p)).length).toBe(before + 1);
    const tabOf = (kind: string) => p.locator(`li.step[data-step="${kind}"] [data-testid="step-seen"]`).first().getAttribute('data-tab');
    const [cbTab, tokenTab] = [await tabOf('callback'), await tabOf('token-request')];
    expect(cbTab).not.toBe(tokenTab);
    await p.close();
    await page.close();
  }, 60_000);

  it('keeps two logins in two tabs at once apart (fault case 26)', async () => {
    const before = await recordedCount();
    const [a, b] = [await h.context.newPage(), await h.context.newPage()];
    for (const page of [a, b]) {
      await page.goto(`${apps().spa.origin}/`);
      await page.waitForSelector('[data-testid="client-id"]:not(:text("…"))');
      await page.click('[data-testid="login"]');
      await page.waitForSelector('input[name="login"]');
    }
    // Both wait at the provider; finish B first, then A.
    await loginAtProvider(b, apps().provider.issuer, { user: 'bob', from: `${apps().spa.origin}/` });
    await waitSignedIn(b, 'bob');
    await loginAtProvider(a, apps().provider.issuer, { user: 'alice', from: `${apps().spa.origin}/` });
    await waitSignedIn(a, 'alice');
    const p = await panel();
    await expect.poll(async () => (await recorded(p)).filter((f) => f.status === 'complete').length - 0, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const fresh = (await recorded(p)).slice(0, (await recorded(p)).length - before);
    expect(fresh.map((f) => f.status)).toEqual(['complete', 'complete']);
    const tabs: string[] = [];
    for (const f of fresh) {
      await p.click(`${RECORDED}[data-flow-id="${f.id}"]`);
      await p.waitForSelector(`[data-testid="flow-detail"][data-status="complete"]`);
      expect((await stepKinds(p)).filter((k) => k === 'callback' || k === 'token-response')).toEqual(['callback', 'token-response']);
      const seen = await p.locator('li.step [data-testid="step-seen"]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-tab')))]);
      expect(seen).toHaveLength(1);
      tabs.push(seen[0]!);
    }
    expect(tabs[0]).not.toBe(tabs[1]);
    await Promise.all([a.close(), b.close(), p.close()]);
  }, 60_000);

  it('keeps recorded flows across a worker restart; pause records nothing until resumed', async () => {
    const before = await recordedCount();
    await h.stopServiceWorker();
    expect(await recordedCount()).toBe(before);

    const settings = await panel('recording');
    await settings.getByRole('button', { name: 'Pause recording' }).click();
    await settings.waitForSelector('[data-testid="capture-status"][data-state="paused"]');
    const popup = await h.openPage('popup.html', { width: 420, height: 640 });
    await popup.waitForSelector('[data-testid="recording-indicator"][data-state="paused"]');
    await h.shoot(popup, 'popup-paused');
    await popup.close();
    const page = await h.context.newPage();
    await webappLogin(page, apps());
    expect(await recordedCount()).toBe(before);

    await settings.getByRole('button', { name: 'Resume recording' }).click();
    await settings.waitForSelector('[data-testid="capture-status"][data-state="recording"]');
    await page.context().clearCookies();
    await webappLogin(page, apps());
    await expect.poll(recordedCount).toBe(before + 1);
    await Promise.all([page.close(), settings.close()]);
  }, 60_000);
});
