/**
 * Token actions against the demo provider: userinfo, refresh with rotation, the reuse test (refused,
 * family revoked), the down-scope test, and revocation checked by introspection.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loginAndConsent, openPanelAtOutcome, startFromPopup, waitClosed } from './flows';
import { type Harness, useHarness } from './harness';
import { profileFor } from './profiles';

let h: Harness;
useHarness((x) => (h = x), { freshLogin: true });

async function codeFlow(clientId: string, over: Parameters<typeof profileFor>[2] = {}, secret?: string): Promise<Page> {
  const { popup, login } = await startFromPopup(h, profileFor(h.provider.issuer, clientId, over), secret ? { secrets: { clientSecret: secret } } : {});
  await loginAndConsent(login);
  await waitClosed(login);
  await popup.close();
  return openPanelAtOutcome(h);
}

/** Presses an action and waits for the timeline to grow by `steps` steps. */
async function act(panel: Page, label: string, steps: number): Promise<void> {
  const before = await panel.locator('li.step').count();
  await panel.locator('[data-testid="token-actions"]').getByRole('button', { name: label, exact: true }).click();
  await expect.poll(() => panel.locator('li.step').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(before + steps);
}

const verdict = (panel: Page, id: string) => panel.locator(`li.step[data-step="check"] [data-finding="${id}"]`).last().getAttribute('data-status');

describe('token actions', () => {
  it('refresh rotates on the public client; replaying the spent token is refused and the family revoked', async () => {
    const panel = await codeFlow('grantscope-public');
    await act(panel, 'Userinfo', 1);
    await expect(panel.locator('li.step[data-step="exchange"]').last().innerText()).resolves.toContain('HTTP 200');

    await act(panel, 'Refresh', 3);
    await expect(verdict(panel, 'refresh.rotated')).resolves.toBe('pass');
    await expect(verdict(panel, 'refresh.scope-not-widened')).resolves.toBe('pass');

    await act(panel, 'Reuse test', 3);
    await expect(verdict(panel, 'refresh.reuse-refused')).resolves.toBe('pass');
    await expect(verdict(panel, 'refresh.family-revoked')).resolves.toBe('pass');
    await h.shoot(panel, 'panel-token-actions');
    await panel.close();
  });

  it('userinfo with a DPoP-bound access token sends a DPoP proof with ath (RFC 9449 7)', async () => {
    const panel = await codeFlow('grantscope-public', { dpop: true });
    await expect(panel.locator('[data-testid="token-fields"] tr[data-param="token_type"] td').innerText()).resolves.toBe('DPoP');
    await act(panel, 'Userinfo', 1);
    const step = panel.locator('li.step[data-step="exchange"]').last();
    await expect(step.innerText()).resolves.toContain('Userinfo (OIDC Core 5.3, DPoP)');
    await expect(step.innerText()).resolves.toContain('HTTP 200');
    await panel.close();
  });

  it('automatic refresh schedules an alarm a minute before expiry, and can be turned off', async () => {
    const panel = await codeFlow('grantscope-public');
    type Alarms = { alarms: { getAll(): Promise<{ name: string; scheduledTime: number }[]> } };
    const alarms = () => panel.evaluate(() => (globalThis as unknown as { chrome: Alarms }).chrome.alarms.getAll());
    await panel.locator('input[name="autoRefresh"]').check();
    await expect.poll(async () => (await alarms()).length).toBe(1);
    // The panel re-reads the flow after the change: uncheck only once it shows the stored state.
    await expect.poll(() => panel.locator('input[name="autoRefresh"]').isChecked()).toBe(true);
    const [alarm] = await alarms();
    // The demo's access tokens live 600 s: the refresh is due about 540 s from now.
    expect(alarm!.scheduledTime - Date.now()).toBeGreaterThan(500_000);
    expect(alarm!.scheduledTime - Date.now()).toBeLessThan(545_000);
    await panel.locator('input[name="autoRefresh"]').uncheck();
    await expect.poll(async () => (await alarms()).length).toBe(0);
    await panel.close();
  });

  it('the down-scope test never widens (RFC 6749 6)', async () => {
    const panel = await codeFlow('grantscope-public');
    await panel.locator('input[name="downscope"]').fill('openid');
    await act(panel, 'Down-scope test', 3);
    await expect(verdict(panel, 'refresh.downscope')).resolves.toBe('pass');
    await panel.close();
  });

  it('revocation, then introspection shows active: false', async () => {
    const panel = await codeFlow('grantscope-confidential', { authMethod: 'client_secret_basic' }, 'grantscope-demo-secret');
    await act(panel, 'Introspect access token', 1);
    await expect(panel.locator('[data-testid="exchange-summary"] tr[data-param="active"] td').last().innerText()).resolves.toBe('true');
    await act(panel, 'Revoke access token', 1);
    await expect(panel.locator('[data-testid="exchange-summary"] tr[data-param="revoked"] td').last().innerText()).resolves.toContain('yes');
    await act(panel, 'Introspect access token', 1);
    await expect(panel.locator('[data-testid="exchange-summary"] tr[data-param="active"] td').last().innerText()).resolves.toBe('false');
    await panel.close();
  });
});
