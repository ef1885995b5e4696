/**
 * Issue 12, item 4: "Relaunch with Grantscope" turns a recorded SPA flow into a launch in two clicks.
 * Relaunched with PKCE off against the app's public client, the provider refuses (oidc-provider
 * requires PKCE of public clients); Grantscope stops the redirect, so the app's page never receives
 * it, and the new flow's findings name the missing PKCE (rule pkce.missing).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { spaLogin } from './apps';
import { type Harness, useHarness } from './harness';

let h: Harness;
useHarness((x) => (h = x), { apps: true, freshLogin: true });

const apps = () => ({ ...h.apps!, provider: h.provider });
const RECORDED = '[data-flow-id][data-source="captured"]';

async function openRecorded(p: Page): Promise<string> {
  const item = p.locator(RECORDED, { hasText: new URL(apps().spa.origin).host }).first();
  await item.waitFor({ timeout: 20_000 });
  const id = (await item.getAttribute('data-flow-id'))!;
  await item.click();
  await p.waitForSelector('[data-testid="flow-detail"][data-source="captured"]');
  return id;
}

describe('Relaunch with Grantscope', () => {
  it('turns a recorded SPA flow into a launch with PKCE off, stopped at the redirect, its findings naming the missing PKCE', async () => {
    const app = await h.context.newPage();
    await spaLogin(app, apps());
    const p = await h.openPage('panel.html');
    await p.waitForSelector('nav.flow-list');
    const recordedId = await openRecorded(p);

    // Click 1: the editable launch, filled from the recording, stopped at the redirect by default.
    await p.click('[data-testid="relaunch-open"]');
    const form = p.locator('[data-testid="relaunch"]');
    await form.waitFor();
    await expect(form.locator('input[name="relaunchClientId"]').inputValue()).resolves.toBe('grantscope-spa');
    await expect(form.locator('input[name="relaunchRedirectUri"]').inputValue()).resolves.toBe(`${apps().spa.origin}/callback.html`);
    await expect(form.locator('select[name="relaunchPkce"]').inputValue()).resolves.toBe('S256');
    await expect(form.locator('[data-testid="relaunch-notes"]').innerText()).resolves.toContain('Stops at the redirect');
    await form.locator('select[name="relaunchPkce"]').selectOption('none');
    await h.shoot(p, 'relaunch-form');

    // Click 2: the launch runs; the provider refuses at once (PKCE is required of public clients).
    const appCallbacks = () => apps().spa.hits.filter((x) => x.startsWith('/callback.html')).length;
    const before = appCallbacks();
    await form.locator('[data-testid="relaunch-start"]').click();
    await p.waitForSelector('[data-testid="flow-detail"][data-source="launched"][data-status="failed"]', { timeout: 30_000 });
    const relaunched = /#\/flows\/([^/?]+)/.exec(await p.evaluate(() => location.hash))?.[1];
    expect(relaunched && relaunched !== recordedId).toBeTruthy();
    await expect(p.locator('li.step[data-step="callback"]').innerText()).resolves.toContain('Grantscope stopped this redirect');
    expect(appCallbacks()).toBe(before);
    await expect(p.locator('[data-testid="authz-params"] th').allInnerTexts()).resolves.not.toContain('code_challenge');
    const pkce = p.locator('li.verdict-item[data-rule="pkce.missing"]');
    await expect(pkce.getAttribute('data-outcome')).resolves.toBe('fail');
    await h.shoot(p, 'relaunch-result');

    // Search by content: the recorded flow sent S256; the relaunch without PKCE is found by its finding.
    await p.fill('input[name="flow-search"]', 'S256');
    await expect.poll(() => p.locator('[data-flow-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-flow-id')))).toContain(recordedId);
    await p.fill('input[name="flow-search"]', 'pkce.missing');
    await expect.poll(() => p.locator('[data-flow-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-flow-id')))).toEqual([relaunched]);
    await p.close();
    await app.close();
  });
});
