/**
 * Issue 11, item 6, in Firefox (the Chromium model is test/e2e/added-params.test.ts): an
 * offline_access profile's editor says Grantscope will add prompt=consent, the launched request step
 * marks what Grantscope added, and the token answer shows scope asked against granted.
 */
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { type FirefoxHarness, firefoxSkipReason, useFirefoxHarness } from './harness';
import { launchAndConsent, profileFor, saveProfile } from './flows';

const skip = firefoxSkipReason();
if (skip) console.warn(`e2e-firefox skipped: ${skip}`);

let h: FirefoxHarness;

describe.skipIf(Boolean(skip))('what Grantscope adds (Firefox)', () => {
  useFirefoxHarness((x) => (h = x));
  const text = (p: Page, sel: string) => p.$eval(sel, (e) => (e as HTMLElement).innerText);

  it('the profile editor lists prompt=consent, with why', async () => {
    const p = await saveProfile(h, profileFor(h.demo.provider.issuer, 'grantscope-public', { name: 'Offline access' }));
    const panel = await h.openExtensionPage('panel.html#profiles', `[data-profile-id="${p.id}"]`);
    await panel.click(`[data-profile-id="${p.id}"]`);
    await panel.waitForSelector('[data-testid="will-add"] li[data-added="prompt"]');
    expect(await text(panel, '[data-testid="will-add"] li[data-added="prompt"]')).toContain('prompt=consent — scope has offline_access');
    await h.shoot(panel, 'profile-editor-will-add');
    await panel.close();
  });

  it('the request step marks what was added; the token answer says scope asked against granted', async () => {
    await h.clearCookies();
    const panel = await launchAndConsent(h, profileFor(h.demo.provider.issuer, 'grantscope-public'));
    const marked = await panel.$$eval('[data-testid="authz-params"] tr', (rows) => rows.filter((r) => r.querySelector('[data-testid="added-mark"]')).map((r) => r.getAttribute('data-param')));
    expect(marked.sort()).toEqual(['code_challenge', 'code_challenge_method', 'nonce', 'prompt', 'state']);
    expect(await panel.$eval('[data-testid="authz-params"] tr[data-param="prompt"] [data-testid="added-mark"]', (e) => e.getAttribute('title'))).toContain('offline_access');
    expect(await text(panel, 'li.step[data-step="token-response"] [data-testid="scope-line"]')).toMatch(/^Scope asked: openid profile offline_access · granted: /);
    await h.shoot(panel, 'panel-request-added');
    await panel.close();
  });
});
