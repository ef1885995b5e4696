/**
 * A launched flow survives its background stopping mid-flow, in Firefox (issue 10, item 1;
 * test/e2e/code-flow.test.ts is the Chromium side, where CDP stops the service worker).
 *
 * Firefox runs the background as an event page. The harness stops it with Firefox's own
 * Extension.terminateBackground, run in the browser's chrome scope over WebDriver BiDi
 * (--remote-allow-system-access): the call about:debugging's "Terminate Background Script" makes, and
 * the one the idle timer (extensions.background.idle.timeout) makes, so it is the real stop, not a
 * stand-in. Firefox then reports the page "stopped", and the next event its listeners were registered
 * for starts a new one. That a new one ran is not taken on trust: the test build's start counter
 * (test:workerStarts in storage.session, src/background/test-hooks.ts) must go up.
 */
import type { Page } from 'puppeteer-core';
import type browserApi from 'webextension-polyfill';
import { describe, expect, it } from 'vitest';
import { TEST_PAUSE_KEY } from '../../src/shared/constants';
import { atLoginForm, loginAndConsent, openPanelAtOutcome, outcome, profileFor, startFromPopup, waitClosed } from './flows';
import { type FirefoxHarness, firefoxSkipReason, useFirefoxHarness } from './harness';

/** test-hooks.ts's TEST_WORKER_STARTS_KEY (that module imports the extension API, so it cannot load here). */
const TEST_WORKER_STARTS_KEY = 'test:workerStarts';

const skip = firefoxSkipReason();
if (skip) console.warn(`e2e-firefox skipped: ${skip}`);


describe.skipIf(!!skip)(`event page restart mid-flow, Firefox${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let h: FirefoxHarness;
  useFirefoxHarness((x) => (h = x));

  /**
   * The start counter, read from an extension page without waking the event page: storage.session is
   * the add-on's, readable from any of its pages, and reading it sends the background no event.
   */
  async function starts(page: Page): Promise<number> {
    const n = await page.evaluate(async (k: string) => {
      const s = (globalThis as unknown as { browser: { storage: { session: { get(k: string): Promise<Record<string, unknown>> } } } }).browser.storage.session;
      return (await s.get(k))[k];
    }, TEST_WORKER_STARTS_KEY);
    return typeof n === 'number' ? n : 0;
  }

  const setKey = (page: Page, key: string, value: unknown) =>
    page.evaluate(
      (k: string, v: unknown) => {
        const s = (globalThis as unknown as { browser: { storage: { session: { set(i: object): Promise<void>; remove(k: string): Promise<void> } } } }).browser.storage.session;
        return v === null ? s.remove(k) : s.set({ [k]: v });
      },
      key,
      value,
    );

  /** A panel page of the reloaded add-on, at its newest flow once that shows as interrupted. */
  async function panelOnceReloaded(): Promise<Page> {
    const until = Date.now() + 20_000;
    for (let last: unknown; ; ) {
      if (Date.now() > until) throw new Error(`no panel of the reloaded add-on shows an interrupted flow: ${String(last)}`);
      const page = await h.openExtensionPage('panel.html', 'nav.flow-list').catch((e: unknown) => ((last = e), undefined));
      const shown = await page?.waitForSelector('[data-testid="flow-detail"][data-status="interrupted"]', { timeout: 3_000 }).catch((e: unknown) => ((last = e), null));
      if (page && shown) return page;
      await page?.close().catch(() => undefined);
    }
  }

  /** Stops the event page and proves it stopped. */
  async function stopEventPage(): Promise<void> {
    await h.terminateEventPage();
    expect(await h.eventPageState()).toBe('stopped');
  }

  it('completes when the event page is stopped between the start and the redirect', async () => {
    await h.clearCookies();
    const { popup, login } = await startFromPopup(h, profileFor(h.demo.provider.issuer, 'grantscope-public'));
    await atLoginForm(login);
    await stopEventPage();
    const before = await starts(popup);
    const hits = h.demo.provider.appHits.length;
    await loginAndConsent(login);
    // The redirect to the redirect_uri is an event the stopped page was registered for: Firefox starts a
    // new page, which finds the flow's state in storage.session, stops the redirect and redeems the code.
    await waitClosed(login);
    expect(await starts(popup)).toBeGreaterThan(before);
    await popup.close();
    const panel = await openPanelAtOutcome(h);
    expect((await outcome(panel)).status).toBe('complete');
    expect(await panel.$eval('[data-token="id_token"] [data-testid="verification"]', (e) => e.getAttribute('data-status'))).toBe('verified');
    // The app's redirect_uri was never reached: the code went to Grantscope only.
    expect(h.demo.provider.appHits.slice(hits)).toEqual([]);
    await panel.close();
  });

  it('completes when the event page is stopped between the callback and the redemption', async () => {
    await h.clearCookies();
    // Test-build hook: the background records the callback but does not redeem yet (src/background/callback.ts).
    const page = await h.openExtensionPage('panel.html', 'nav.flow-list');
    await setKey(page, TEST_PAUSE_KEY, true);
    const { popup, login } = await startFromPopup(h, profileFor(h.demo.provider.issuer, 'grantscope-public'));
    await loginAndConsent(login);
    await waitClosed(login);
    await popup.close();
    await page.close();
    const waiting = await h.openExtensionPage('panel.html', '[data-testid="flow-detail"][data-status="callback-received"]');

    await stopEventPage();
    const before = await starts(waiting);
    await setKey(waiting, TEST_PAUSE_KEY, null);
    await waiting.close();
    // The panel's first message starts a new page; at start it finds the flow waiting and redeems the code.
    // (A reopened tab, not reload(): puppeteer's reload of a moz-extension page never sees its load end.)
    const panel = await h.openExtensionPage('panel.html', 'nav.flow-list');
    await panel.waitForSelector('[data-testid="flow-detail"][data-status="complete"]', { timeout: 20_000 });
    expect(await starts(panel)).toBeGreaterThan(before);
    expect(await panel.$eval('[data-token="id_token"] [data-testid="verification"]', (e) => e.getAttribute('data-status'))).toBe('verified');
    await h.shoot(panel, 'restart-complete');
    await panel.close();
  });

  it('extension reloaded mid-flow (fault case 25): the flow shows interrupted, start again', async () => {
    await h.clearCookies();
    const { popup, login } = await startFromPopup(h, profileFor(h.demo.provider.issuer, 'grantscope-public'));
    await atLoginForm(login);
    const hits = h.demo.provider.appHits.length;
    // runtime.reload restarts the whole add-on, as an update or about:debugging's Reload does: Firefox
    // empties its storage.session (the flow, its secrets) and its session DNR rules. Called from the
    // popup's own page, which goes with it (the answer may not come back: "no such frame").
    await popup
      .evaluate(() => {
        setTimeout(() => void (globalThis as unknown as { browser: typeof browserApi }).browser.runtime.reload(), 0);
      })
      .catch(() => undefined);
    // The old instance's pages go with it, and a panel opened meanwhile goes too ("no such frame"):
    // open the panel until one from the new instance shows the flow.
    const panel = await panelOnceReloaded();
    const o = await outcome(panel);
    expect(o.text).toContain('This flow was interrupted');
    expect(o.text).toContain('during the login');
    expect(o.text).toContain('Start it again');
    // The redirect is no longer stopped, and the panel says so rather than showing a gap.
    expect(o.text).toContain('takes the code to the app');
    // What the note kept names the flow: its authorization request, without state or nonce.
    const request = await panel.$eval('li.step[data-step="authorization-request"]', (e) => (e as HTMLElement).innerText);
    expect(request).toContain('grantscope-public');
    expect(request).not.toMatch(/\bstate\b/);
    expect(h.demo.provider.appHits.slice(hits)).toEqual([]);
    await h.shoot(panel, 'reload-interrupted');
    await Promise.all([panel.close(), login.close(), popup.close()]);
  });
});
