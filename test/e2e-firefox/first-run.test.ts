/**
 * First run in Firefox (issue 10, item 4; the Chromium model is test/e2e/first-run.test.ts): without
 * the demo provider on 127.0.0.1:9400 its profiles are labelled and the popup leads to "Connect your
 * provider"; the one-step connect runs a code flow from the demo provider's discovery URL; the welcome
 * page renders.
 */
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { DEMO_DOWN_LABEL } from '../../src/shared/demo';
import { type FirefoxHarness, firefoxSkipReason, useFirefoxHarness } from './harness';
import { clickButton, loginAndConsent, openPanelAtOutcome, outcome, waitClosed } from './flows';

const skip = firefoxSkipReason();
if (skip) console.warn(`e2e-firefox skipped: ${skip}`);

const text = (p: Page, sel: string) => p.$eval(sel, (e) => (e as HTMLElement).innerText.trim());

describe.skipIf(!!skip)(`first run in Firefox${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let h: FirefoxHarness;
  useFirefoxHarness((x) => (h = x));

  it('labels the demo profiles and leads to "Connect your provider"', async () => {
    const popup = await h.openExtensionPage('popup.html', '[data-testid="connect-provider"]');
    await popup.waitForFunction(() => document.querySelector('[data-testid="demo-profiles"] summary')?.textContent === 'Demo profiles · need npm run demo');
    await h.shoot(popup, 'popup-first-run');
    await popup.click('[data-testid="demo-profiles"] summary');
    expect(await popup.$eval('[data-testid="demo-profiles"] optgroup', (e) => e.getAttribute('label'))).toBe(DEMO_DOWN_LABEL);
    await popup.waitForSelector('[data-testid="demo-down"] button');
    expect(await text(popup, '[data-testid="demo-down"]')).toContain('needs npm run demo');
    await popup.close();
  });

  it('connects the demo provider in one step from its discovery URL, and the flow completes', async () => {
    const issuer = h.demo.provider.issuer;
    const popup = await h.openExtensionPage('popup.html', 'input[name="connectIssuer"]');
    await popup.type('input[name="connectIssuer"]', `${issuer}/.well-known/openid-configuration`);
    await clickButton(popup, 'Discover', '[data-testid="connect-provider"]');
    await popup.waitForSelector('[data-testid="discovered"]');
    const rows = await popup.$$eval('[data-testid="discovered"] tr', (trs) => trs.map((tr) => [tr.querySelector('th')?.textContent, tr.querySelector('td')?.textContent]));
    expect(Object.fromEntries(rows)).toMatchObject({ issuer, token: '/token', 'PKCE methods': 'S256' });
    expect(await popup.$eval('input[name="connectIssuer"]', (e) => (e as HTMLInputElement).value)).toBe(issuer);
    await popup.type('input[name="connectClientId"]', 'grantscope-public');
    await popup.type('input[name="connectRedirectUri"]', `${issuer}/app/callback`);
    await h.shoot(popup, 'popup-connect-discovered');
    const opened = h.browser.waitForTarget((t) => t.type() === 'page' && t.url().startsWith(issuer), { timeout: 20_000 });
    // A real click: Start asks for host access inside it, which Firefox allows only from user input.
    await clickButton(popup, 'Start', '[data-testid="connect-provider"]');
    const login = await (await opened).page();
    if (!login) throw new Error('the login tab opened, but puppeteer has no page for it');
    await loginAndConsent(login);
    await waitClosed(login);
    const panel = await openPanelAtOutcome(h);
    expect((await outcome(panel)).status).toBe('complete');
    expect(h.demo.provider.appHits).toEqual([]);
    await Promise.all([popup.close(), panel.close()]);
  });

  it('renders the welcome page', async () => {
    const page = await h.openExtensionPage('welcome.html', 'h1');
    expect(await text(page, 'h1')).toBe('Grantscope is installed');
    expect(await text(page, '[data-testid="welcome-kept"]')).toContain('storage.session');
    expect(await text(page, '[data-testid="welcome-pause"]')).toContain('Toolbar button → Pause');
    await h.shoot(page, 'welcome');
    await page.close();
  });
});
