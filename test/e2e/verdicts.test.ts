/**
 * Issue 11, "verdict at a glance", in Chromium against the demo provider: a weak flow (implicit
 * `id_token token`, no state) shows its failed checks in its list row and at the top of its detail
 * without scrolling; a clean code + PKCE flow shows none and no false alarm; the hostile provider's
 * swapped nonce (a genuine ID token with a nonce never sent), spoiled ID token signature and swapped
 * state read as failed checks.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { type Harness, useHarness } from './harness';
import { brokenProviders, profileFor } from './profiles';
import { loginAndConsent, openPanelAtOutcome, runCodeFlow, startFromPopup, waitClosed } from './flows';

let h: Harness;
useHarness((x) => (h = x), { freshLogin: true });
const broken = brokenProviders();
afterAll(() => broken.closeAll());

interface Row {
  failed: number;
  warned: number;
  status: string;
  tone: string;
  first: string;
}

/** The selected list row (the newest flow, which the panel opens on). */
async function selectedRow(panel: Page): Promise<Row> {
  const row = panel.locator('.flow-item.selected');
  const status = row.locator('[data-testid="row-status"]');
  const first = row.locator('[data-testid="row-verdict"]');
  return {
    failed: Number(await row.getAttribute('data-failed')),
    warned: Number(await row.getAttribute('data-warned')),
    status: await status.innerText(),
    tone: (await status.getAttribute('class')) ?? '',
    first: (await first.count()) ? await first.innerText() : '',
  };
}

/** True when the element is wholly inside the window as it opened (nothing scrolled). */
async function inView(panel: Page, selector: string): Promise<boolean> {
  const box = await panel.locator(selector).first().boundingBox();
  const vp = panel.viewportSize();
  return !!box && !!vp && box.y >= 0 && box.x >= 0 && box.y + box.height <= vp.height && box.x + box.width <= vp.width;
}

describe('verdict at a glance', () => {
  it('a weak implicit flow without state shows its failures in the row and at the top of the detail', async () => {
    const issuer = h.provider.issuer;
    const profile = profileFor(issuer, 'grantscope-implicit', { name: 'Weak implicit (no state)', request: { scope: 'openid profile', state: { mode: 'omit' } } as never });
    const { popup, login } = await startFromPopup(h, profile, { responseType: 'id_token token' });
    await loginAndConsent(login);
    await waitClosed(login);
    await popup.close();
    const panel = await openPanelAtOutcome(h);

    const row = await selectedRow(panel);
    expect(row.failed + row.warned).toBeGreaterThan(0);
    expect(row.status).toMatch(/^complete · (\d+ checks? failed|\d+ warnings?)/);
    expect(row.tone).toMatch(/badge (err|warn)/);
    expect(row.first).not.toBe('');
    await expect(panel.locator('.flow-item.selected').innerText()).resolves.toContain('Weak implicit (no state)');

    const summary = panel.locator('[data-testid="verdict-summary"]');
    await expect(summary.getAttribute('data-worst')).resolves.toMatch(/fail|warn/);
    // Seen without scrolling: the headline and the first problem, above the banner and the timeline.
    expect(await inView(panel, '[data-testid="verdict-headline"]')).toBe(true);
    expect(await inView(panel, '[data-testid="verdict-problems"] > li')).toBe(true);
    const top = async (sel: string) => (await panel.locator(sel).first().boundingBox())?.y ?? Infinity;
    expect(await top('[data-testid="verdict-summary"]')).toBeLessThan(await top('[data-testid="outcome"]'));
    expect(await top('[data-testid="outcome"]')).toBeLessThan(await top('ol.timeline'));
    // The banner does not contradict the verdict.
    const banner = panel.locator('[data-testid="outcome"]');
    if (row.failed > 0) await expect(banner.innerText()).resolves.toMatch(/Tokens received.* · \d+ checks? failed/);
    await expect(banner.getAttribute('class')).resolves.not.toBe('banner ok');

    // "show step" scrolls to the evidence and outlines it.
    const jump = panel.locator('[data-testid="verdict-problems"] [data-testid="show-step"]').first();
    if (await jump.count()) {
      await jump.click();
      await panel.waitForSelector('ol.timeline > li.lit');
      await panel.waitForFunction(() => {
        const li = document.querySelector('ol.timeline > li.lit');
        const r = li?.getBoundingClientRect();
        return !!r && r.top >= 0 && r.top < window.innerHeight;
      });
    }
    await h.shoot(panel, 'verdict-weak-implicit');

    // Another rule set, kept in the URL, re-judges the flow on the page.
    await panel.selectOption('select[name="rule-set"]', 'fapi2');
    await expect(summary.getAttribute('data-set')).resolves.toBe('fapi2');
    expect(new URL(panel.url()).hash).toContain('set=fapi2');
    await panel.reload();
    await panel.waitForSelector('[data-testid="verdict-summary"][data-set="fapi2"]');
    await panel.close();
  });

  it('a clean code + PKCE flow shows no failure and no false alarm', async () => {
    const panel = await runCodeFlow(h, h.provider.issuer);
    const row = await selectedRow(panel);
    expect(row).toMatchObject({ failed: 0, warned: 0, status: 'complete', tone: 'badge ok', first: '' });
    const summary = panel.locator('[data-testid="verdict-summary"]');
    await expect(summary.getAttribute('data-worst')).resolves.toBe('pass');
    expect(await panel.locator('[data-testid="verdict-problems"]').count()).toBe(0);
    await expect(panel.locator('[data-testid="outcome"]').getAttribute('class')).resolves.toBe('banner ok');
    await expect(panel.locator('[data-testid="verdict-passed"] summary').innerText()).resolves.toMatch(/^\d+ passed$/);

    // The list's "has failures" filter leaves this flow out; the popup shows its verdict.
    await panel.selectOption('select[name="flow-verdict"]', 'failures');
    expect(await panel.locator(`.flow-item[data-failed="0"]`).count()).toBe(0);
    await h.shoot(panel, 'verdict-list-failures');
    await panel.selectOption('select[name="flow-verdict"]', 'all');
    await h.shoot(panel, 'verdict-clean-code');
    const popup = await h.openPage('popup.html', { width: 420, height: 640 });
    const last = popup.locator('[data-testid="last-flow"]');
    await expect(last.getAttribute('data-failed')).resolves.toBe('0');
    await expect(popup.locator('[data-testid="last-flow-status"]').innerText()).resolves.toBe('complete');
    await h.shoot(popup, 'verdict-popup-clean');
    await popup.close();
    await panel.close();
  });

  it('the hostile provider swapping the nonce: tokens came, and the row reads the failed check', async () => {
    const p = await broken.start('nonce-swap');
    const panel = await runCodeFlow(h, p.issuer);
    const row = await selectedRow(panel);
    expect(row.failed).toBeGreaterThan(0);
    expect(row.status).toMatch(/ · \d+ checks? failed/);
    expect(row.tone).toBe('badge err');
    expect(await inView(panel, '[data-testid="verdict-problems"] > li')).toBe(true);
    await expect(panel.locator('[data-testid="verdict-problems"]').innerText()).resolves.toMatch(/nonce/i);
    await h.shoot(panel, 'verdict-nonce-swap');

    const popup = await h.openPage('popup.html', { width: 420, height: 640 });
    await expect(popup.locator('[data-testid="last-flow-status"]').innerText()).resolves.toMatch(/checks? failed/);
    expect(await popup.locator('[data-testid="last-flow-first"]').count()).toBe(1);
    await h.shoot(popup, 'verdict-popup-failed');
    // "Open it in the panel" shows that flow, in a panel tab already open (whichever was used last).
    const id = (await panel.locator('.flow-item.selected').getAttribute('data-flow-id')) ?? '';
    await popup.getByRole('button', { name: 'Open it in the panel' }).click();
    const at = `#/flows/${encodeURIComponent(id)}`;
    let shown: Page | undefined;
    for (const end = Date.now() + 15_000; !shown && Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
      shown = h.context.pages().find((p) => !p.isClosed() && p.url().endsWith(at));
    }
    expect(shown, `a panel tab at ${at}`).toBeDefined();
    await shown!.waitForSelector(`.flow-item.selected[data-flow-id="${id}"]`);
    if (!popup.isClosed()) await popup.close();
    await panel.close();
  });

  it('the hostile provider spoiling the ID token signature: tokens came, and the row reads the failed check', async () => {
    const p = await broken.start('bad-signature');
    const panel = await runCodeFlow(h, p.issuer);
    expect(p.hits.map((x) => x.path)).toContain('/token');
    const row = await selectedRow(panel);
    expect(row.failed).toBeGreaterThan(0);
    expect(row.status).toMatch(/ · \d+ checks? failed/);
    expect(row.tone).toBe('badge err');
    expect(await inView(panel, '[data-testid="verdict-problems"] > li')).toBe(true);
    await expect(panel.locator('[data-testid="verdict-problems"]').innerText()).resolves.toMatch(/signature/i);
    await expect(panel.locator('[data-testid="outcome"]').innerText()).resolves.toMatch(/ · \d+ checks? failed/);
    await h.shoot(panel, 'verdict-bad-signature');
    await panel.close();
  });

  it('the hostile provider swapping the state: failed, and the row says which check', async () => {
    const p = await broken.start('state-swap');
    const panel = await runCodeFlow(h, p.issuer);
    const row = await selectedRow(panel);
    expect(row.failed).toBeGreaterThan(0);
    expect(row.status).toMatch(/^failed · \d+ checks? failed/);
    expect(row.tone).toBe('badge err');
    await expect(panel.locator('[data-testid="verdict-problems"]').innerText()).resolves.toMatch(/state/i);
    await panel.close();
  });
});
