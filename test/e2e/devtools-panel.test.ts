/**
 * Issue 10, item 2: the "OAuth" panel driven inside a real DevTools window (Chromium opens DevTools on
 * every new tab here; devtools-frame.ts finds the window of a tab, shows the panel and reaches its
 * frame). In DevTools the panel lists the inspected tab's flows first, the other tabs' below.
 * Item 3: the panel comes back to its view, flow and search after a reload, in DevTools and in a tab.
 */
import type { Page } from 'playwright-core';
import type browser from 'webextension-polyfill';
import { describe, expect, it } from 'vitest';
import { spaLogin } from './apps';
import { type DevtoolsPanel, openOAuthPanel } from './devtools-frame';
import { type Harness, useHarness } from './harness';

let h: Harness;
useHarness((x) => (h = x), { apps: true, devtools: true });

const apps = () => ({ ...h.apps!, provider: h.provider });
type Api = typeof browser;
const worker = () => h.context.serviceWorkers().find((w) => w.url().includes(h.extensionId))!;

/** Opens the SPA in a new tab at a URL of its own, and returns the page and its tab id. */
async function spaTab(name: string): Promise<{ page: Page; tabId: number }> {
  const url = `${apps().spa.origin}/?tab=${name}-${Date.now()}`;
  const page = await h.context.newPage();
  await page.goto(url);
  const [tabId] = await worker().evaluate(async (u) => (await (globalThis as unknown as { chrome: Api }).chrome.tabs.query({ url: u })).map((t) => t.id!), url);
  expect(tabId).toBeTypeOf('number');
  return { page, tabId: tabId! };
}

/** The flows the DevTools panel lists under a heading ("this-tab", "other-tabs"), top to bottom, as [id, status]. */
const group = (panel: DevtoolsPanel, g: string) =>
  panel.eval((name) => [...document.querySelectorAll(`[data-group="${name}"] [data-flow-id]`)].map((e) => [e.getAttribute('data-flow-id')!, e.getAttribute('data-status')!]), g);

/** The panel's state as a person sees it: view, selected flow, search text, and what the URL says. */
const seen = (panel: DevtoolsPanel) =>
  panel.eval(() => ({
    view: document.querySelector('nav.tabs button[aria-current="page"]')?.textContent ?? '',
    selected: document.querySelector('[data-flow-id][aria-current="true"]')?.getAttribute('data-flow-id') ?? null,
    search: document.querySelector<HTMLInputElement>('input[name="flow-search"]')?.value ?? null,
    hash: location.hash,
  }));

describe('the OAuth panel inside DevTools', () => {
  let mine: { page: Page; tabId: number };
  let other: { page: Page; tabId: number };
  let panel: DevtoolsPanel;
  let mineFlow = '';
  let otherFlow = '';

  it("follows the inspected tab: the SPA's sign-in in that tab is listed first, another tab's newer one below", async () => {
    mine = await spaTab('inspected');
    other = await spaTab('other');
    panel = await openOAuthPanel(h, mine.tabId);
    // The panel knows it is in DevTools, and which tab it inspects.
    await expect(panel.eval(() => document.querySelector('nav.flow-list')?.getAttribute('data-inspected-tab'))).resolves.toBe(String(mine.tabId));
    await expect(panel.url()).resolves.toMatch(new RegExp(`^chrome-extension://${h.extensionId}/panel\\.html`));

    await spaLogin(mine.page, apps());
    mineFlow = await panel.waitFor(() => document.querySelector('[data-group="this-tab"] [data-flow-id][data-status="complete"]')?.getAttribute('data-flow-id') ?? '', undefined, {
      message: "the inspected tab's sign-in never appeared under This tab",
    });

    // A newer sign-in in another tab: it is the newest flow, yet it is listed below, under "Other tabs".
    await spaLogin(other.page, apps());
    await panel.waitFor(() => document.querySelectorAll('[data-group="other-tabs"] [data-flow-id][data-status="complete"]').length > 0, undefined, {
      message: "the other tab's sign-in never appeared under Other tabs",
    });
    const here = await group(panel, 'this-tab');
    const others = await group(panel, 'other-tabs');
    expect(here).toEqual([[mineFlow, 'complete']]);
    // The newest of the others (a retry after a failure finds the first attempt's flows there too).
    otherFlow = others[0]?.[0] ?? '';
    expect(others[0]?.[1]).toBe('complete');
    expect(otherFlow).not.toBe(mineFlow);
    // In DevTools the inspected tab's flow is at the top and open; the panel in a tab lists the newest first.
    await expect(panel.eval(() => [...document.querySelectorAll('[data-flow-id]')].map((e) => e.getAttribute('data-flow-id'))[0])).resolves.toBe(mineFlow);
    const tabPanel = await h.openPage('panel.html');
    await tabPanel.waitForSelector('[data-flow-id][data-status="complete"] >> nth=1');
    await expect(tabPanel.locator('[data-flow-id]').first().getAttribute('data-flow-id')).resolves.toBe(otherFlow);
    await expect(tabPanel.locator('[data-group]').count()).resolves.toBe(0);
    await tabPanel.close();

    const open = await panel.waitFor(() => document.querySelector('[data-testid="flow-detail"][data-source="captured"][data-status="complete"]') && document.querySelector('[data-flow-id][aria-current="true"]')?.getAttribute('data-flow-id'));
    expect(open).toBe(mineFlow);
    await expect(panel.eval(() => document.querySelector('[data-group="other-tabs"] h2')?.textContent)).resolves.toBe(`Other tabs (${others.length})`);
    await expect(panel.eval(() => document.querySelector('[data-group="this-tab"] h2')?.textContent)).resolves.toBe('This tab (1)');
    await mine.page.bringToFront();
    await panel.shoot('devtools-panel-flows');
  }, 90_000);

  it('comes back to the same flow, search and view after the panel reloads in DevTools', async () => {
    expect(otherFlow).not.toBe('');
    await panel.click(`[data-flow-id="${otherFlow}"]`);
    await panel.fill('input[name="flow-search"]', '127.0.0.1');
    await panel.waitFor(() => document.querySelector('[data-testid="flow-detail"]') !== null);
    const before = await seen(panel);
    expect(before).toEqual({ view: 'Flows', selected: otherFlow, search: '127.0.0.1', hash: `#/flows/${otherFlow}?q=127.0.0.1` });

    await panel.reload();
    await panel.waitFor(() => document.querySelector('[data-flow-id][aria-current="true"]') !== null);
    await expect(seen(panel)).resolves.toEqual(before);
    // The other tab's flow is still under its heading, and still the open one.
    await expect(group(panel, 'other-tabs').then((g) => g[0])).resolves.toEqual([otherFlow, 'complete']);
    await panel.shoot('devtools-panel-reloaded');

    await panel.click('nav.tabs button:nth-child(5)');
    await panel.waitFor(() => document.querySelector('[data-testid="recording-view"]') !== null);
    await panel.reload();
    await panel.waitFor(() => document.querySelector('[data-testid="recording-view"]') !== null, undefined, { message: 'the reloaded panel did not come back to Recording' });
    await expect(seen(panel)).resolves.toMatchObject({ view: 'Recording', hash: '#/recording' });
    await panel.click('nav.tabs button:nth-child(1)');
  }, 60_000);

  it('opens in a new DevTools window on the view and search it had, with that tab\'s own flow', async () => {
    // Leave the first DevTools panel on Flows with a search, then open DevTools on a third tab.
    await panel.fill('input[name="flow-search"]', 'grantscope-spa');
    await expect(seen(panel)).resolves.toMatchObject({ view: 'Flows', search: 'grantscope-spa' });
    await panel.detach();
    const third = await spaTab('third');
    const again = await openOAuthPanel(h, third.tabId);
    try {
      // DevTools loads panel.html without a hash; the panel takes the view and search it remembered,
      // but not the flow: this tab has none, so the newest of the others opens.
      await again.waitFor(() => document.querySelector('[data-flow-id][aria-current="true"]') !== null);
      await expect(seen(again)).resolves.toEqual({ view: 'Flows', selected: otherFlow, search: 'grantscope-spa', hash: '#/flows?q=grantscope-spa' });
      await expect(group(again, 'this-tab')).resolves.toEqual([]);
      await expect(again.eval(() => document.querySelector('[data-group="this-tab"]')?.textContent)).resolves.toContain('No flow has run in the inspected tab yet.');
      await again.shoot('devtools-panel-empty-tab');
    } finally {
      await again.detach();
      await third.page.close();
      await mine.page.close();
      await other.page.close();
    }
  }, 60_000);
});

describe('the panel in a tab, reloaded', () => {
  it('keeps the selected flow and search in its URL; a link to a flow that is gone opens the newest', async () => {
    const p = await h.openPage('panel.html');
    try {
      await p.waitForSelector('[data-flow-id] >> nth=1');
      const ids = await p.locator('[data-flow-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-flow-id')!));
      const older = ids[1]!;
      await p.click(`[data-flow-id="${older}"]`);
      await p.fill('input[name="flow-search"]', 'spa');
      await p.selectOption('select[name="flow-source"]', 'captured');
      await expect.poll(() => new URL(p.url()).hash).toBe(`#/flows/${older}?q=spa&source=captured`);
      await p.reload();
      await p.waitForSelector(`[data-flow-id="${older}"][aria-current="true"]`);
      await expect(p.inputValue('input[name="flow-search"]')).resolves.toBe('spa');
      await expect(p.inputValue('select[name="flow-source"]')).resolves.toBe('captured');
      await p.waitForSelector('[data-testid="flow-detail"]');

      // A stale or forged link: an unknown flow id, a search cut to its limit, an unknown filter.
      await p.goto(h.url(`panel.html#/flows/cap-gone?q=${'x'.repeat(500)}&status=__proto__`));
      await p.reload();
      await p.waitForSelector('nav.flow-list');
      await expect(p.inputValue('input[name="flow-search"]')).resolves.toHaveLength(200);
      await expect(p.locator('[data-testid="error-boundary"]').count()).resolves.toBe(0);
      await p.goto(h.url('panel.html#/flows/cap-gone'));
      await p.reload();
      await p.waitForSelector(`[data-flow-id="${ids[0]}"][aria-current="true"]`);
      await p.waitForSelector('[data-testid="flow-detail"]');
    } finally {
      await p.close();
    }
  }, 60_000);
});
