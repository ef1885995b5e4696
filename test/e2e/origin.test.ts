/**
 * The Origin of the worker's requests, in Chromium (issue 10): what the panel lists is what left, as
 * the worker saw its own request go (webRequest.onSendHeaders, after the rule). The Firefox half is
 * test/e2e-firefox/launch.test.ts. A public client's token request carries its redirect_uri's origin, a
 * confidential client's none, and "the browser's own" shows chrome-extension://ID, which the demo
 * provider refuses with an error and error_description the banner carries.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runCodeFlow } from './flows';
import { type Harness, useHarness } from './harness';
import { profileFor, saveProfile, startFlow } from './profiles';

let h: Harness;
useHarness((x) => (h = x), { freshLogin: true });

// Read by polling: the Origin row comes from the worker seeing its own request leave
// (webRequest.onSendHeaders), which a loaded machine may record after the answer's outcome is drawn.
const originRows = (p: Page) => p.locator('[data-testid="token-request-headers"] tr[data-param="Origin"] td');

async function clientCredentials(over: Parameters<typeof profileFor>[2]): Promise<Page> {
  const profile = await saveProfile(h, profileFor(h.provider.issuer, 'grantscope-service', { authMethod: 'client_secret_basic', redirectUri: '', request: { scope: 'api:read' } as never, ...over }), { clientSecret: 'grantscope-service-secret' });
  const id = await startFlow(h, profile.id, { grant: 'client_credentials' });
  const panel = await h.openPage(`panel.html#/flows/${id}`);
  await panel.locator(`[data-flow-id="${id}"]`).click();
  await panel.waitForSelector(`[data-flow-id="${id}"][aria-current="true"]`);
  await panel.waitForSelector('[data-testid="outcome"][data-kind="success"], [data-testid="outcome"][data-kind="error"]', { timeout: 30_000 });
  return panel;
}

describe('the Origin the panel shows is the one that left', () => {
  it('a public client’s code redemption carries its redirect_uri’s origin', async () => {
    const panel = await runCodeFlow(h, h.provider.issuer);
    await expect(panel.locator('[data-testid="flow-detail"]').getAttribute('data-status')).resolves.toBe('complete');
    await expect.poll(() => originRows(panel).allInnerTexts()).toEqual([h.provider.issuer]);
    expect(await panel.locator('[data-testid="origin-note"]').count()).toBe(0);
    await panel.close();
  });

  it('a confidential client’s token request leaves with none, seen leaving (no note)', async () => {
    const panel = await clientCredentials({});
    await expect(panel.locator('[data-testid="flow-detail"]').getAttribute('data-status')).resolves.toBe('complete');
    expect(await originRows(panel).count()).toBe(0);
    expect(await panel.locator('[data-testid="origin-note"]').count()).toBe(0);
    await panel.close();
  });

  it('the browser’s own: chrome-extension://ID shown as sent, and the refusal’s error and description on the banner', async () => {
    const panel = await clientCredentials({ origin: 'browser' });
    const banner = await panel.locator('[data-testid="outcome"]').innerText();
    expect(banner).toContain('Token endpoint refused: invalid_request');
    expect(banner).toMatch(/error_description: origin chrome-extension:\/\/\S+ not allowed for client: grantscope-service \(HTTP 400\)/);
    await expect.poll(() => originRows(panel).allInnerTexts()).toEqual([`chrome-extension://${h.extensionId}`]);
    await h.shoot(panel, 'panel-origin-refused');
    await panel.close();
  });
});
