/**
 * Recording in Firefox, end to end: the two loopback apps sign in against the demo provider by
 * themselves, and the panel of the Firefox build shows what the recorder made of it. A smoke test of
 * the Firefox-only paths: webRequest as Firefox delivers it (originUrl/documentUrl, not initiator), and
 * webRequest.filterResponseData reading the SPA's token answers (the login's and the app's own refresh)
 * with no page capture at all, and the ID token in them verified once the trust model has confirmed the
 * issuer. The server-side app's redemption happens between its server and the provider, where no browser
 * tool can look: the flow says so. The Chromium suite (test/e2e/capture.test.ts) covers the rest; the
 * selectors are the same.
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { spaLogin, webappLogin } from './apps';
import { type FirefoxHarness, firefoxSkipReason, useFirefoxHarness } from './harness';

const skip = firefoxSkipReason();
if (skip) console.warn(`e2e-firefox skipped: ${skip}`);

const RECORDED = '[data-flow-id][data-source="captured"]';

describe.skipIf(!!skip)(`recording in Firefox${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let h: FirefoxHarness;
  useFirefoxHarness((x) => (h = x));

  const panel = () => h.openExtensionPage('panel.html', 'nav.flow-list');
  const host = (origin: string) => new URL(origin).host;

  /** Waits until the list shows a recorded flow on `origin` with `status`, opens it, waits for its detail. */
  async function openRecorded(p: Page, origin: string, status: string): Promise<void> {
    const want = `${RECORDED}[data-status="${status}"]`;
    const handle = await p.waitForFunction(
      (sel: string, site: string) => [...document.querySelectorAll(sel)].find((e) => e.textContent?.includes(site)),
      { timeout: 20_000 },
      want,
      host(origin),
    );
    await (handle.asElement() as ElementHandle<Element>).click();
    await p.waitForSelector(`[data-testid="flow-detail"][data-source="captured"][data-status="${status}"]`);
  }

  const stepKinds = (p: Page) => p.$$eval('li.step', (els) => els.map((e) => e.getAttribute('data-step')));
  const seenBy = (p: Page, kind: string) => p.$eval(`li.step[data-step="${kind}"] [data-testid="step-seen"]`, (e) => e.getAttribute('data-via'));

  it('records a server-side app: request and callback, and says its server redeems the code', async () => {
    await h.clearCookies();
    const page = await h.newPage();
    await webappLogin(page, h.demo);
    const p = await panel();
    await openRecorded(p, h.demo.webapp.origin, 'observed');
    expect(await stepKinds(p)).toEqual(['authorization-request', 'callback']);
    expect(await p.$eval('[data-note="server-redeems"]', (e) => e.textContent)).toContain('RFC 6749 4.1.3');
    expect(await p.$eval('[data-testid="captured-who"]', (e) => e.textContent)).toContain('grantscope-webapp');
    expect(await seenBy(p, 'callback')).toBe('webrequest');
    // Its server redeems the code: no token answer is shown, and none is claimed missing either.
    expect(await p.$$('li.step[data-step="token-response"]')).toHaveLength(0);
    await h.shoot(p, 'recorded-server-app');
    await Promise.all([p.close(), page.close()]);
  });

  it("records an SPA with no page capture: Firefox's response filter reads its token answer", async () => {
    await h.clearCookies();
    const page = await h.newPage();
    await spaLogin(page, h.demo);
    const p = await panel();
    await openRecorded(p, h.demo.spa.origin, 'complete');
    const kinds = await stepKinds(p);
    expect(kinds.filter((k) => k !== 'exchange')).toEqual(['authorization-request', 'callback', 'token-request', 'token-response']);
    expect((await seenBy(p, 'token-response'))?.split(' ')).toContain('firefox-filter');
    // Discovery, fetched before the login, waited in the loose list and joined the flow at its start
    // with the answer the filter read.
    const discovery = await p.$eval('li.step[data-step="exchange"]', (e) => ({ text: e.textContent ?? '', via: e.querySelector('[data-testid="step-seen"]')?.getAttribute('data-via') ?? '' }));
    expect(discovery.text).toContain('Discovery');
    expect(discovery.text).toContain('HTTP 200');
    expect(discovery.via.split(' ')).toContain('firefox-filter');
    expect(await p.$eval('[data-testid="outcome"]', (e) => e.textContent)).toContain('Tokens received');
    expect(await p.$$('[data-note="answer-not-visible"]')).toHaveLength(0);
    // The ID token in the answer the filter read is verified against the issuer's keys. Only an issuer
    // the trust model has confirmed (the worker fetches its discovery itself, issue 9) lends its keys, so
    // the verdict can come a moment after the flow shows: wait for it.
    const verification = () => p.$eval('li.step[data-step="token-response"] [data-testid="verification"]', (e) => e.getAttribute('data-status')).catch(() => null);
    await expect.poll(verification, { timeout: 15_000 }).toBe('verified');
    expect(await p.$eval('[data-testid="captured-who"]', (e) => e.textContent)).not.toContain('(guessed)');
    await h.shoot(p, 'recorded-spa');
    await p.close();

    // The app refreshes by itself: the refresh joins the same flow, its answer read by the filter too.
    await page.click('[data-testid="refresh"]');
    await page.waitForFunction(() => !!document.querySelector('[data-testid="refreshed"]')?.textContent);
    const again = await panel();
    await openRecorded(again, h.demo.spa.origin, 'complete');
    await again.waitForFunction(() => document.querySelectorAll('li.step[data-step="token-response"]').length === 2, { timeout: 15_000 });
    const answers = await again.$$eval('li.step[data-step="token-response"] [data-testid="step-seen"]', (els) => els.map((e) => e.getAttribute('data-via') ?? ''));
    expect(answers.every((via) => via.split(' ').includes('firefox-filter'))).toBe(true);
    expect(await again.$eval('[data-testid="outcome"]', (e) => e.textContent)).toContain('Tokens refreshed');
    await Promise.all([again.close(), page.close()]);
  });
});
