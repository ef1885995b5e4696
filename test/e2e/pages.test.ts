/** The popup and the panel as pages: the panel opens from the popup, and an empty panel says what to do. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, launchHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await launchHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('extension pages', () => {
  it('opens the panel as a tab from the popup', async () => {
    const popup = await h.openPage('popup.html', { width: 420, height: 600 });
    const opened = h.context.waitForEvent('page', (p) => p.url().endsWith('/panel.html'));
    await popup.getByRole('button', { name: 'Open panel' }).click();
    const panel = await opened;
    await panel.waitForSelector('text=No flows yet');
    await expect(panel.locator('.empty').innerText()).resolves.toContain('Start one from the Grantscope button');
    await h.shoot(panel, 'panel-empty');
    await panel.close();
  });

  it('offers the demo provider as a ready profile and saves an edited one', async () => {
    const popup = await h.openPage('popup.html', { width: 420, height: 600 });
    await expect(popup.locator('#field-clientId').inputValue()).resolves.toBe('grantscope-public');
    await expect(popup.locator('#field-issuer').inputValue()).resolves.toBe('http://127.0.0.1:9400');
    await h.shoot(popup, 'popup');
    await popup.fill('#field-clientId', 'my-spa');
    await popup.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => popup.locator('[data-testid="popup-status"]').innerText()).toBe('Profile saved.');
    // Saved profiles live in storage.local: a new popup lists it.
    const again = await h.openPage('popup.html', { width: 420, height: 600 });
    await expect.poll(() => again.locator('#profile-select option').allInnerTexts()).toContain('my-spa @ http://127.0.0.1:9400');
    await popup.close();
    await again.close();
  });

  it('refuses a profile that cannot start a flow, naming the field', async () => {
    const popup = await h.openPage('popup.html', { width: 420, height: 600 });
    await popup.fill('#field-redirectUri', 'not a url');
    await popup.getByRole('button', { name: 'Start: code + PKCE' }).click();
    await expect(popup.locator('[data-testid="popup-status"]').innerText()).resolves.toBe('Redirect URI must be an absolute http(s) URL.');
    await popup.close();
  });
});
