/**
 * Issue 11, item 5: actions and negative tests report where the person looks. A wider scope refused
 * with invalid_scope passes "never wider"; a refresh after the reuse test revoked the family is named
 * revoked (and the flow says its tokens are); a launch that expects access_denied reads passed when the
 * person denies; each result shows under its button, on screen.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cancelLogin, loginAndConsent, openPanelAtOutcome, startFromPopup, waitClosed } from './flows';
import { type Harness, useHarness } from './harness';
import { profileFor, saveProfile } from './profiles';

let h: Harness;
useHarness((x) => (h = x), { freshLogin: true });

async function codeFlow(): Promise<Page> {
  const { popup, login } = await startFromPopup(h, profileFor(h.provider.issuer, 'grantscope-public'));
  await loginAndConsent(login);
  await waitClosed(login);
  await popup.close();
  return openPanelAtOutcome(h);
}

const actions = (panel: Page) => panel.locator('[data-testid="token-actions"]');

/** Presses an action and waits for its result under the button to carry `finding`. */
async function act(panel: Page, label: string, finding: string): Promise<Locator> {
  await actions(panel).getByRole('button', { name: label, exact: true }).click();
  const line = actions(panel).locator(`[data-testid="action-result"][data-action="${label}"] [data-rule="${finding}"]`).last();
  await line.waitFor({ timeout: 25_000 });
  return line;
}

const inViewport = (el: Locator) =>
  el.evaluate((e) => {
    const r = e.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
  });

describe('verdicts of actions and negative tests', () => {
  it('a wider scope refused with invalid_scope is a pass of "never wider", shown under the button', async () => {
    const panel = await codeFlow();
    await panel.locator('input[name="downscope"]').fill('openid profile offline_access email');
    const line = await act(panel, 'Down-scope test', 'refresh.downscope');
    await expect(line.getAttribute('data-status')).resolves.toBe('pass');
    await expect(line.innerText()).resolves.toContain('invalid_scope');
    await expect.poll(() => inViewport(line), { timeout: 5_000 }).toBe(true);
    // The timeline has it too.
    await expect(panel.locator('li.step[data-step="check"] [data-finding="refresh.downscope"]').last().getAttribute('data-status')).resolves.toBe('pass');
    await h.shoot(panel, 'panel-action-result-downscope');
    await panel.close();
  });

  it('a refresh after the reuse test revoked the family reads revoked, and the flow says its tokens are', async () => {
    const panel = await codeFlow();
    await expect((await act(panel, 'Refresh', 'refresh.rotated')).getAttribute('data-status')).resolves.toBe('pass');
    await expect((await act(panel, 'Reuse test', 'refresh.family-revoked')).getAttribute('data-status')).resolves.toBe('pass');
    const line = await act(panel, 'Refresh', 'refresh.revoked');
    await expect(line.getAttribute('data-status')).resolves.toBe('pass');
    await expect(line.innerText()).resolves.toMatch(/revoked/);
    await expect.poll(() => inViewport(line), { timeout: 5_000 }).toBe(true);
    await expect(panel.locator('[data-testid="tokens-revoked"]').innerText()).resolves.toContain('reuse test');
    await h.shoot(panel, 'panel-action-result-revoked');
    await panel.close();
  });

  it('a launch expecting access_denied reads passed when the person denies', async () => {
    const profile = await saveProfile(h, profileFor(h.provider.issuer, 'grantscope-public'));
    const popup = await h.openPage('popup.html', { width: 420, height: 640 });
    await popup.selectOption('select[name="launchProfile"]', profile.id);
    await popup.selectOption('select[name="grant"]', 'authorization');
    await popup.selectOption('select[name="expectedOutcome"]', 'access_denied');
    await h.shoot(popup, 'popup-expected-outcome');
    const opened = h.context.waitForEvent('page', (p) => p !== popup);
    await popup.getByRole('button', { name: 'Start', exact: true }).click();
    const login = await opened;
    await cancelLogin(login);
    await waitClosed(login);
    await popup.close();
    const panel = await openPanelAtOutcome(h);
    const rule = panel.locator('[data-testid="verdict-summary"] [data-rule="expect.outcome"]').first();
    await rule.waitFor({ state: 'attached' });
    await expect(rule.getAttribute('data-outcome')).resolves.toBe('pass');
    await expect(rule.textContent()).resolves.toContain('access_denied');
    await h.shoot(panel, 'panel-expected-access-denied');
    await panel.close();
  });

  it('the profile editor offers each rule set with a line saying what it adds; the choice is saved', async () => {
    const p = await saveProfile(h, profileFor(h.provider.issuer, 'grantscope-public', { name: 'FAPI bar' }));
    const panel = await h.openPage('panel.html#profiles');
    await panel.locator(`[data-profile-id="${p.id}"]`).click();
    const select = panel.locator('select[name="ruleSet"]');
    await expect(select.locator('option').allInnerTexts()).resolves.toEqual(['OAuth 2.0 + OIDC Core', 'RFC 9700 best current practice', 'OAuth 2.1', 'FAPI 2.0 Security Profile']);
    await select.selectOption('fapi2');
    await expect(panel.locator('[data-testid="rule-set-line"]').innerText()).resolves.toContain('PAR');
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => panel.locator('[data-testid="profile-status"]').innerText()).toBe('Saved.');
    await select.scrollIntoViewIfNeeded();
    await h.shoot(panel, 'profile-editor-rule-set');
    await panel.reload();
    await panel.locator(`[data-profile-id="${p.id}"]`).click();
    await expect.poll(() => panel.locator('select[name="ruleSet"]').inputValue()).toBe('fapi2');
    await panel.close();
  });
});
