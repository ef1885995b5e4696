/**
 * Issue 12 in real Chromium against the demo provider: a code + PKCE flow and an implicit flow
 * launched from the popup, both ticked in the list, Compare: the verdict first, the access token at
 * the token endpoint for code and in the fragment for implicit, a refresh token only for code, the
 * claim differences, "Show only differences"; the comparison's URL reopened in a new tab, a flow's URL
 * in another, the token diff, and narrow (docked DevTools) screenshots.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loginAndConsent, startFromPopup, waitClosed } from './flows';
import { type Harness, useHarness } from './harness';
import { profileFor } from './profiles';

let h: Harness;
useHarness((x) => (h = x), { freshLogin: true });

/** Launches one flow from the popup, plays the person, and waits for the login tab to close. */
async function launch(clientId: string, responseType: 'code' | 'id_token token', over: Parameters<typeof profileFor>[2] = {}): Promise<void> {
  await h.context.clearCookies();
  const { popup, login } = await startFromPopup(h, profileFor(h.provider.issuer, clientId, over), { responseType });
  await loginAndConsent(login);
  await waitClosed(login);
  await popup.close();
}

const cell = (p: Page, key: string, side: 'A' | 'B') => p.locator(`tr[data-row="${key}"] td[data-side="${side}"]`).first().innerText();
const state = (p: Page, key: string) => p.locator(`tr[data-row="${key}"]`).first().getAttribute('data-state');

describe('compare two flows', () => {
  it('code + PKCE against implicit: picked in the list, compared, reopened by URL', async () => {
    await launch('grantscope-public', 'code');
    await launch('grantscope-implicit', 'id_token token', { request: { scope: 'openid profile' } as never });

    const panel = await h.openPage('panel.html#/flows', { width: 1280, height: 900 });
    await panel.waitForSelector('.flow-item[data-status="complete"]');
    await expect.poll(() => panel.locator('.flow-item[data-status="complete"]').count(), { timeout: 20_000 }).toBe(2);
    // Newest first: the implicit flow, then the code flow. A is code, B implicit.
    const [implicitId, codeId] = await panel.locator('.flow-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-flow-id')!));
    await panel.check(`input[data-pick="${codeId}"]`);
    await expect(panel.locator('[data-testid="compare-bar"]').innerText()).resolves.toContain('tick one more flow');
    await panel.check(`input[data-pick="${implicitId}"]`);
    await h.shoot(panel, 'compare-picked');
    // The tick boxes and the bar in a narrow panel (DevTools docked right: the list sits above the detail).
    await panel.setViewportSize({ width: 520, height: 900 });
    await h.shoot(panel, 'compare-picked-narrow');
    await panel.setViewportSize({ width: 1280, height: 900 });
    await panel.click('[data-testid="compare-picked"]');
    await panel.waitForSelector('[data-testid="compare-verdict"]');
    expect(new URL(panel.url()).hash).toBe(`#/compare/${codeId}/${implicitId}`);

    const verdict = await panel.locator('[data-testid="compare-verdict"]').innerText();
    expect(verdict).toContain('A (code + PKCE) keeps tokens out of the URL; B (implicit) put the access token and ID token in the URL fragment; only A got a refresh token');
    expect(await cell(panel, 'travel.access_token.channel', 'A')).toBe('back channel (token endpoint)');
    expect(await cell(panel, 'travel.access_token.channel', 'B')).toBe('front channel (URL fragment)');
    expect(await cell(panel, 'travel.access_token.seen-by', 'B')).toContain('browser history');
    expect(await cell(panel, 'returned.refresh_token', 'A')).toBe('present (43 chars)');
    expect(await cell(panel, 'returned.refresh_token', 'B')).toBe('—');
    expect(await state(panel, 'idtoken.claim.aud')).toBe('differs');
    expect(await state(panel, 'idtoken.claim.at_hash')).toBe('only-b');
    expect(await state(panel, 'idtoken.claim.sub')).toBe('same');
    expect(await state(panel, 'findings.implicit.token')).toBe('differs');
    await h.shoot(panel, 'compare');

    // One click: only the rows that differ, kept in the URL.
    await panel.click('[data-testid="only-differences"]');
    await expect.poll(() => new URL(panel.url()).hash).toBe(`#/compare/${codeId}/${implicitId}?only=diff`);
    expect(await panel.locator('tr[data-state="same"]').count()).toBe(0);
    expect(await panel.locator('tr[data-row="flow.id"]').count()).toBe(0);
    expect(await state(panel, 'travel.access_token.channel')).toBe('differs');
    await h.shoot(panel, 'compare-only-differences');

    // The comparison leaves as one report (issue 13): both flows, one receipt, redacted.
    await panel.evaluate(() => {
      const w = window as unknown as { __copied: string[] };
      w.__copied = [];
      navigator.clipboard.writeText = (t: string) => (w.__copied.push(t), Promise.resolve());
    });
    await panel.click('[data-testid="export-open"]');
    const dialog = panel.locator('[data-testid="export-dialog"]');
    await dialog.locator('input[name="exportFormat"][value="report-md"]').check();
    await dialog.getByTestId('export-copy').click();
    await expect.poll(() => dialog.getByTestId('export-status').innerText()).toMatch(/redacted\.$/);
    const report = await panel.evaluate(() => (window as unknown as { __copied: string[] }).__copied.at(-1) ?? '');
    expect(report).toContain('Implicit');
    expect(report).toContain('Authorization code');
    expect(report).toContain('## Redaction receipt');
    await panel.keyboard.press('Escape');

    // The comparison's address, opened in another tab (a bookmark, a link): the same view.
    const again = await h.openPage(`panel.html#/compare/${codeId}/${implicitId}?only=diff`, { width: 520, height: 800 });
    await again.waitForSelector('[data-testid="compare-verdict"]');
    expect(await again.locator('[data-testid="compare-verdict"]').innerText()).toBe(verdict);
    expect(await again.locator('[data-testid="only-differences"]').getAttribute('aria-pressed')).toBe('true');
    // Narrow (a DevTools panel docked right): each row folds to its label over A and B.
    const folded = await again.locator('tr[data-row="travel.access_token.channel"]').evaluate((tr) => getComputedStyle(tr).display);
    expect(folded).toBe('grid');
    await h.shoot(again, 'compare-narrow');
    await again.close();

    // A flow's own address, in a new tab.
    const alone = await h.openPage(`panel.html#/flows/${implicitId}`);
    await alone.waitForSelector('[data-testid="flow-detail"]');
    expect(await alone.locator('.flow-item.selected').getAttribute('data-flow-id')).toBe(implicitId);
    expect(await alone.locator('[data-testid="flow-detail"] h2').first().innerText()).toContain('Implicit');
    await alone.close();

    // The two ID tokens, header and claims side by side.
    await panel.click('[data-token-diff="id_token"]');
    await panel.waitForSelector('[data-testid="token-diff"]');
    expect(new URL(panel.url()).hash).toBe(`#/tokens/${codeId}/${implicitId}?ta=id_token&tb=id_token`);
    expect(await state(panel, 'claim.aud')).toBe('differs');
    expect(await state(panel, 'claim.at_hash')).toBe('only-b');
    expect(await panel.locator('[data-testid="token-diff-verdict"]').innerText()).toContain('Two different tokens.');
    await h.shoot(panel, 'token-diff');

    // Back returns to the comparison.
    await panel.goBack();
    await panel.waitForSelector('[data-testid="compare-verdict"]');
    await panel.close();
  });

  it('"Compare with…" on a flow, a refresh against the tokens before it, and Decode\'s "Compare with another token"', async () => {
    const panel = await h.openPage('panel.html#/flows', { width: 1100, height: 900 });
    await panel.waitForSelector('[data-testid="flow-detail"]');
    const open = await panel.locator('.flow-item.selected').getAttribute('data-flow-id');
    await panel.click('[data-testid="compare-with"]');
    const other = await panel.locator('select[name="compareWith"] option').nth(1).getAttribute('value');
    await panel.selectOption('select[name="compareWith"]', other!);
    await panel.waitForSelector('[data-testid="compare-verdict"]');
    expect(new URL(panel.url()).hash).toBe(`#/compare/${open}/${other}`);

    // A refresh of the code flow: its detail sets the new tokens against the ones before them.
    await panel.click('nav.tabs button:has-text("Flows")');
    await panel.click('.flow-item:has-text("Authorization code")');
    await panel.waitForSelector('[data-testid="flow-detail"] h2:has-text("Authorization code")');
    await panel.getByRole('button', { name: 'Refresh', exact: true }).click();
    await panel.waitForSelector('[data-testid="refresh-diff"]', { timeout: 20_000 });
    const refreshed = panel.locator('[data-testid="refresh-diff"]');
    await expect(refreshed.locator('tr[data-row="refresh.refresh_token"]').innerText()).resolves.toContain('a new value');
    expect(await refreshed.locator('tr[data-row="refresh.idtoken.sub"]').getAttribute('data-state')).toBe('same');
    const dir = process.env.GRANTSCOPE_SCREENSHOTS;
    if (dir) {
      for (const colorScheme of ['light', 'dark'] as const) {
        await panel.emulateMedia({ colorScheme });
        await refreshed.screenshot({ path: `${dir}/refresh-diff-${colorScheme}.png` });
      }
      await panel.emulateMedia({ colorScheme: null });
    }

    await panel.click('nav.tabs button:has-text("Decode")');
    const token = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSIsInNjb3BlIjoiYSJ9.';
    await panel.fill('textarea[name="decodeInput"]', token);
    await panel.click('[data-testid="compare-token"]');
    await panel.waitForSelector('textarea[name="tokenB"]');
    expect(new URL(panel.url()).hash).toBe('#/tokens');
    await panel.fill('textarea[name="tokenB"]', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSIsInNjb3BlIjoiYSBiIn0.');
    await panel.waitForSelector('[data-testid="token-diff"]');
    expect(await state(panel, 'claim.sub')).toBe('same');
    expect(await state(panel, 'claim.scope')).toBe('differs');
    await panel.close();
  });
});
