/**
 * Failure outcomes of the code flow, each shown as an outcome in the panel rather than a crash or a
 * hang: the provider's access_denied, a state that does not match (never redeemed), a token endpoint
 * answering an HTML error page, one answering an OAuth error, and a provider that cannot be reached.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type HostileCase, SWAPPED_STATE } from '../provider/hostile';
import type { Page } from 'playwright-core';
import { runCodeFlow, stepKinds } from './flows';
import { brokenProviders, profileFor, saveProfile } from './profiles';
import { type Harness, useHarness } from './harness';

let h: Harness;
/** Real providers with one broken part (test/provider/hostile.ts), closed after the suite. */
const broken = brokenProviders();
const brokenProvider = (c: HostileCase) => broken.start(c);

useHarness((x) => (h = x), { freshLogin: true });
afterAll(() => broken.closeAll());

const outcomeOf = async (panel: Page) => ({
  status: await panel.locator('[data-testid="flow-detail"]').getAttribute('data-status'),
  text: await panel.locator('[data-testid="outcome"]').innerText(),
});

describe('code flow failure outcomes', () => {
  it('shows access_denied from the provider as the outcome', async () => {
    const panel = await runCodeFlow(h, h.provider.issuer, 'cancel');
    const o = await outcomeOf(panel);
    expect(o.status).toBe('failed');
    expect(o.text).toContain('Provider returned error: access_denied');
    // The callback is kept as a step, with the error as data; no token request was made.
    expect(await stepKinds(panel)).toEqual(['authorization-request', 'callback']);
    await expect(panel.locator('[data-testid="callback-params"] tr[data-param="error"] td').innerText()).resolves.toBe('access_denied');
    expect(h.provider.appHits).toEqual([]);
    await h.shoot(panel, 'panel-access-denied');
    await panel.close();
  });

  it('flags a state that does not match and never redeems the code', async () => {
    const p = await brokenProvider('state-swap');
    const panel = await runCodeFlow(h, p.issuer);
    const o = await outcomeOf(panel);
    expect(o.status).toBe('failed');
    expect(o.text).toContain('State mismatch: the code was not redeemed');
    const finding = panel.locator('[data-finding="state.mismatch"]');
    await expect(finding.getAttribute('data-status')).resolves.toBe('fail');
    await expect(finding.innerText()).resolves.toContain(SWAPPED_STATE);
    expect(p.hits.map((x) => x.path)).toEqual(['/auth']);
    expect(p.appHits).toEqual([]);
    await h.shoot(panel, 'panel-state-mismatch');
    await panel.close();
  });

  it('names a token endpoint that answers an HTML error page, with a redacted preview', async () => {
    const p = await brokenProvider('html-502');
    const panel = await runCodeFlow(h, p.issuer);
    const o = await outcomeOf(panel);
    expect(o.status).toBe('failed');
    expect(o.text).toContain('not a token response');
    const err = panel.locator('[data-testid="token-error"]');
    await expect(err.getAttribute('data-problem')).resolves.toBe('unexpected-status');
    const errText = await err.innerText();
    expect(errText).toContain('502');
    expect(errText).toContain('502 Bad Gateway');
    // The fake session cookie in the page never reaches the screen.
    expect(await panel.locator('body').innerText()).not.toContain('abc123secret');
    // Nothing captured before is lost: the callback and the request are still there.
    expect(await stepKinds(panel)).toEqual(['authorization-request', 'callback', 'token-request', 'token-response']);
    await h.shoot(panel, 'panel-token-html');
    await panel.close();
  });

  it('shows an OAuth error from the token endpoint as text, never as markup', async () => {
    const p = await brokenProvider('oauth-error');
    const panel = await runCodeFlow(h, p.issuer);
    const o = await outcomeOf(panel);
    expect(o.text).toContain('Token endpoint refused: invalid_grant');
    const err = panel.locator('[data-testid="token-error"]');
    await expect(err.innerText()).resolves.toContain('<b>code</b> expired');
    expect(await err.locator('b').count()).toBe(0);
    await panel.close();
  });

  it('says plainly when the provider cannot be reached, and starts nothing', async () => {
    const profile = await saveProfile(h, profileFor('http://127.0.0.1:9/nothing-here', 'grantscope-public'));
    const popup = await h.openPage('popup.html', { width: 420, height: 640 });
    await popup.selectOption('select[name="launchProfile"]', profile.id);
    await popup.getByRole('button', { name: 'Start', exact: true }).click();
    const status = popup.locator('[data-testid="launch-status"]');
    await expect.poll(async () => status.innerText(), { timeout: 20_000 }).toMatch(/Discovery failed: Could not reach http:\/\/127\.0\.0\.1:9/);
    await h.shoot(popup, 'popup-unreachable');
    await popup.close();
  });
});
