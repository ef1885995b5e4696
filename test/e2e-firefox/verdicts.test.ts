/**
 * Issue 11, "verdict at a glance", in Firefox (the Chromium suite's test/e2e/verdicts.test.ts is the
 * model; the selectors are the same): a weak implicit flow without state shows its failed checks in
 * its list row and at the top of its detail without scrolling; a clean code + PKCE flow shows none;
 * the hostile provider's swapped nonce reads as a failed check on a completed flow.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, describe, expect, it } from 'vitest';
import { type BrokenProvider, startBrokenProvider } from '../provider/hostile';
import { type FirefoxHarness, firefoxSkipReason, useFirefoxHarness } from './harness';
import { launchAndConsent, profileFor } from './flows';

const skip = firefoxSkipReason();
if (skip) console.warn(`e2e-firefox skipped: ${skip}`);

interface Row {
  failed: number;
  warned: number;
  status: string;
  tone: string;
  first: string;
}

function selectedRow(panel: Page): Promise<Row> {
  return panel.$eval('.flow-item.selected', (row) => {
    const status = row.querySelector('[data-testid="row-status"]');
    return {
      failed: Number(row.getAttribute('data-failed')),
      warned: Number(row.getAttribute('data-warned')),
      status: (status as HTMLElement | null)?.innerText ?? '',
      tone: status?.getAttribute('class') ?? '',
      first: (row.querySelector('[data-testid="row-verdict"]') as HTMLElement | null)?.innerText ?? '',
    };
  });
}

/** True when the first element matching `selector` is wholly inside the window, nothing scrolled. */
function inView(panel: Page, selector: string): Promise<boolean> {
  return panel.$eval(selector, (e) => {
    const r = e.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth && r.height > 0;
  });
}

describe.skipIf(!!skip)(`verdict at a glance in Firefox${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let h: FirefoxHarness;
  useFirefoxHarness((x) => (h = x));
  const started: BrokenProvider[] = [];
  afterAll(() => Promise.all(started.map((p) => p.close())));

  it('a weak implicit flow without state: failures in the row and at the top of the detail', async () => {
    await h.clearCookies();
    const profile = profileFor(h.demo.provider.issuer, 'grantscope-implicit', { name: 'Weak implicit (no state)', request: { scope: 'openid profile', state: { mode: 'omit' } } as never });
    const panel = await launchAndConsent(h, profile, { responseType: 'id_token token' });
    const row = await selectedRow(panel);
    expect(row.failed + row.warned).toBeGreaterThan(0);
    expect(row.status).toMatch(/^complete · (\d+ checks? failed|\d+ warnings?)/);
    expect(row.tone).toMatch(/badge (err|warn)/);
    expect(row.first).not.toBe('');
    expect(await panel.$eval('[data-testid="verdict-summary"]', (e) => e.getAttribute('data-worst'))).toMatch(/fail|warn/);
    expect(await inView(panel, '[data-testid="verdict-headline"]')).toBe(true);
    expect(await inView(panel, '[data-testid="verdict-problems"] > li')).toBe(true);
    await h.shoot(panel, 'verdict-weak-implicit');
    await panel.close();
  });

  it('a clean code + PKCE flow: no failure and no false alarm', async () => {
    await h.clearCookies();
    const panel = await launchAndConsent(h, profileFor(h.demo.provider.issuer, 'grantscope-public'));
    expect(await selectedRow(panel)).toMatchObject({ failed: 0, warned: 0, status: 'complete', tone: 'badge ok', first: '' });
    expect(await panel.$eval('[data-testid="verdict-summary"]', (e) => e.getAttribute('data-worst'))).toBe('pass');
    expect(await panel.$$('[data-testid="verdict-problems"]')).toHaveLength(0);
    expect(await panel.$eval('[data-testid="outcome"]', (e) => e.getAttribute('class'))).toBe('banner ok');
    await h.shoot(panel, 'verdict-clean-code');
    await panel.close();
  });

  it('the hostile provider swapping the nonce: tokens came, and the row reads the failed check', async () => {
    await h.clearCookies();
    const p = await startBrokenProvider('nonce-swap');
    started.push(p);
    const panel = await launchAndConsent(h, profileFor(p.issuer, 'grantscope-public'));
    const row = await selectedRow(panel);
    expect(row.failed).toBeGreaterThan(0);
    expect(row.status).toMatch(/ · \d+ checks? failed/);
    expect(row.tone).toBe('badge err');
    expect(await inView(panel, '[data-testid="verdict-problems"] > li')).toBe(true);
    expect(await panel.$eval('[data-testid="verdict-problems"]', (e) => (e as HTMLElement).innerText)).toMatch(/nonce/i);
    await h.shoot(panel, 'verdict-nonce-swap');
    await panel.close();
  });
});
