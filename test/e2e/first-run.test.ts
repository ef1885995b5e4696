/**
 * First run for a person who installed from a store (issue 10, item 4): the seeded demo profiles point
 * at 127.0.0.1:9400, which only `npm start` / `npm run demo` runs. Without it they are labelled and
 * the popup and panel lead to the person's own provider in one step; with it they work as before.
 * The welcome page (opened on install in the release build only) is opened directly here.
 */
import { connect } from 'node:net';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PORT, DEMO_ISSUER } from '../../src/shared/constants';
import { DEMO_DOWN_LABEL } from '../../src/shared/demo';
import type { ClientProfile } from '../../src/core/profile';
import type { FlowSummary } from '../../src/core/flow';
import { startDemoProvider } from '../provider/demo-provider';
import { spaLogin, waitSignedIn } from './apps';
import { loginAndConsent, openPanelAtOutcome, waitClosed } from './flows';
import { type Harness, useHarness } from './harness';

let h: Harness;
useHarness((x) => (h = x), { apps: true, freshLogin: true });

const POPUP = { width: 420, height: 640 };

type Runtime = { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }> } };
async function send<T>(page: Page, type: string, payload: unknown): Promise<T> {
  const reply = await page.evaluate(([t, p]) => (globalThis as unknown as { chrome: Runtime }).chrome.runtime.sendMessage({ grantscope: 1, type: t, payload: p }), [type, payload] as const);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as T;
}

/** Back to a first run: only the demo profiles (a retried test may have saved one of its own). */
async function onlyDemoProfiles(page: Page): Promise<void> {
  for (const p of await send<ClientProfile[]>(page, 'profile/list', null)) if (!p.demo) await send(page, 'profile/delete', { id: p.id });
}

/** Whether anything listens on the demo port (a developer's `npm start` would make the first test meaningless). */
function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

describe('first run', () => {
  it('without the demo provider, labels the demo profiles and leads to "Connect your provider"', async () => {
    expect(await portInUse(DEMO_PORT), `something already listens on ${DEMO_ISSUER}: stop \`npm start\` / \`npm run demo\` for this test`).toBe(false);
    const popup = await h.openPage('popup.html', POPUP);
    await popup.waitForSelector('[data-testid="connect-provider"]');
    expect(await popup.locator('#connect-title').innerText()).toBe('Connect your provider');
    const demo = popup.locator('[data-testid="demo-profiles"]');
    await expect.poll(() => demo.locator('summary').innerText()).toBe('Demo profiles · need npm run demo');
    // Collapsed: the demo profiles are not what a store install is offered first.
    expect(await demo.getAttribute('open')).toBeNull();
    await h.shoot(popup, 'popup-first-run');
    await demo.locator('summary').click();
    expect(await demo.locator('optgroup').getAttribute('label')).toBe(DEMO_DOWN_LABEL);
    expect(await demo.locator('select[name="launchProfile"] option').allInnerTexts()).toEqual(
      expect.arrayContaining(['Demo provider: public client', 'Demo provider: confidential client', 'Demo provider: device client']),
    );
    await expect.poll(() => demo.locator('[data-testid="demo-down"]').innerText()).toContain('needs npm run demo');
    await h.shoot(popup, 'popup-first-run-demo-open');

    // The panel: Launch leads to the connect form; Profiles labels each demo profile and shows the form.
    const panel = await h.openPage('panel.html#launch');
    await panel.waitForSelector('[data-testid="connect-provider"]');
    await panel.goto(h.url('panel.html#profiles'));
    await panel.waitForSelector('[data-testid="connect-provider"]');
    await expect.poll(() => panel.locator('[data-testid="demo-badge"]').allInnerTexts()).toEqual(Array(5).fill(DEMO_DOWN_LABEL));
    await h.shoot(panel, 'panel-profiles-first-run');
    // The worker asked once (a minute's cache), and its own fetch of the demo issuer was not recorded.
    const flows = await send<FlowSummary[]>(popup, 'flow/list', null);
    expect(flows).toEqual([]);
    await Promise.all([popup.close(), panel.close()]);
  });

  it('connects the demo provider in one step from its discovery URL: Discover, client_id, Start, log in', async () => {
    const issuer = h.provider.issuer;
    const popup = await h.openPage('popup.html', POPUP);
    await onlyDemoProfiles(popup);
    await popup.reload();
    const form = popup.locator('[data-testid="connect-provider"]');
    // A URL that names no issuer is refused before anything is fetched.
    await form.locator('input[name="connectIssuer"]').fill(`${issuer}/.well-known/jwks.json`);
    await form.getByRole('button', { name: 'Discover' }).click();
    await expect.poll(() => form.locator('[data-testid="connect-problem"]').innerText()).toContain('paste the issuer or its discovery URL');

    await form.locator('input[name="connectIssuer"]').fill(`${issuer}/.well-known/openid-configuration`);
    await form.getByRole('button', { name: 'Discover' }).click();
    const found = form.locator('[data-testid="discovered"]');
    await found.waitFor();
    const rows = Object.fromEntries(
      await found.locator('tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelector('td')?.textContent ?? ''])),
    ) as Record<string, string>;
    expect(rows).toMatchObject({ issuer, authorization: '/auth', token: '/token', 'PKCE methods': 'S256' });
    expect(rows['grant types']).toContain('authorization_code');
    expect(rows['response types']).toContain('code');
    // The discovery URL was read back to its issuer, which the document had to match.
    expect(await form.locator('input[name="connectIssuer"]').inputValue()).toBe(issuer);

    await form.locator('input[name="connectClientId"]').fill('grantscope-public');
    await form.locator('input[name="connectRedirectUri"]').fill(`${issuer}/app/callback`);
    await h.shoot(popup, 'popup-connect-discovered');
    const opened = h.context.waitForEvent('page', (p) => p !== popup);
    await form.getByRole('button', { name: 'Start', exact: true }).click();
    const login = await opened;
    await login.waitForURL((u) => u.href.startsWith(`${issuer}/`));
    await loginAndConsent(login);
    await waitClosed(login);
    await expect.poll(() => popup.locator('[data-testid="connect-saved"]').innerText()).toContain('grantscope-public at 127.0.0.1');

    const panel = await openPanelAtOutcome(h);
    expect(await panel.locator('[data-testid="outcome"]').getAttribute('data-kind')).toBe('success');
    // The redirect was stopped: the app's callback never received the code.
    expect(h.provider.appHits).toEqual([]);
    const saved = (await send<ClientProfile[]>(panel, 'profile/list', null)).find((p) => p.clientId === 'grantscope-public' && p.issuer === issuer);
    expect(saved).toMatchObject({ authMethod: 'none', redirectUri: `${issuer}/app/callback`, request: { responseType: 'code', pkce: 'S256', scope: 'openid' } });
    expect(saved?.demo).toBeUndefined();
    await Promise.all([popup.close(), panel.close()]);
  });

  it('prefills from a recorded flow whose issuer Grantscope confirmed', async () => {
    const app = await h.context.newPage();
    await spaLogin(app, { provider: h.provider, spa: h.apps!.spa });
    await waitSignedIn(app, 'alice');
    await app.close();

    const panel = await h.openPage('panel.html#profiles');
    await panel.getByRole('button', { name: 'Connect a provider…' }).click();
    const form = panel.locator('[data-testid="connect-provider"]');
    await form.locator('[data-testid="recorded-picker"] summary').click();
    const entry = form.locator('[data-testid="recorded-client"]', { hasText: 'grantscope-spa' });
    await expect.poll(() => entry.getAttribute('data-confirmed'), { timeout: 15_000 }).toBe('true');
    await h.shoot(panel, 'panel-connect-recorded');
    await entry.locator('button.pick').click();
    await form.locator('[data-testid="discovered"]').waitFor();
    expect(await form.locator('input[name="connectIssuer"]').inputValue()).toBe(h.provider.issuer);
    expect(await form.locator('input[name="connectClientId"]').inputValue()).toBe('grantscope-spa');
    expect(await form.locator('input[name="connectRedirectUri"]').inputValue()).toMatch(new RegExp(`^${h.apps!.spa.origin}/`));
    await panel.close();
  });

  it('with the demo provider running, its profiles are offered first and launch as before', async () => {
    const page = await h.openPage('panel.html#launch');
    await onlyDemoProfiles(page);
    const demoProvider = await startDemoProvider({ port: DEMO_PORT });
    try {
      const popup = await h.openPage('popup.html', POPUP);
      // The worker still holds "down" for its minute: "Check again" asks now.
      // (A retry of this test finds "up" already cached.)
      const demo = popup.locator('[data-testid="demo-profiles"]');
      await popup.waitForSelector('[data-testid="demo-profiles"], [data-testid="launch-form"]');
      if (await demo.count()) {
        await demo.locator('summary').click();
        await demo.getByRole('button', { name: 'Check again' }).click();
      }
      const select = popup.locator('select[name="launchProfile"]');
      await expect.poll(() => select.locator('optgroup').getAttribute('label')).toBe('Demo provider (running)');
      expect(await select.inputValue()).toBe('demo-public');
      expect(await popup.locator('[data-testid="demo-down"]').count()).toBe(0);
      // "Connect your own provider" is still one click away.
      expect(await popup.locator('details.connect-more > summary').innerText()).toBe('Connect your own provider');
      await h.shoot(popup, 'popup-demo-running');

      const opened = h.context.waitForEvent('page', (p) => p !== popup);
      await popup.getByRole('button', { name: 'Start', exact: true }).click();
      const login = await opened;
      await login.waitForURL((u) => u.href.startsWith(`${DEMO_ISSUER}/`));
      await loginAndConsent(login);
      await waitClosed(login);
      const panel = await openPanelAtOutcome(h);
      expect(await panel.locator('[data-testid="outcome"]').getAttribute('data-kind')).toBe('success');
      expect(await panel.locator('body').innerText()).toContain(DEMO_ISSUER);
      await Promise.all([popup.close(), panel.close(), page.close()]);
    } finally {
      await demoProvider.close();
    }
  });

  it('renders the welcome page: what is recorded, where it is kept, how to pause, what is masked', async () => {
    const page = await h.openPage('welcome.html', { width: 1100, height: 900 });
    await page.waitForSelector('h1');
    expect(await page.locator('h1').innerText()).toBe('Grantscope is installed');
    const text = (id: string) => page.locator(`[data-testid="${id}"]`).innerText();
    expect(await text('welcome-recorded')).toMatch(/authorization requests.*callbacks.*token requests/s);
    expect(await text('welcome-kept')).toContain('storage.session');
    expect(await text('welcome-kept')).toContain('gone when the browser closes');
    expect(await text('welcome-pause')).toContain('Toolbar button → Pause');
    expect(await text('welcome-pause')).toContain('Panel → Recording');
    expect(await text('welcome-masked')).toContain('masked in the panel until you press Reveal');
    await h.shoot(page, 'welcome');
    await page.setViewportSize({ width: 560, height: 900 });
    await h.shoot(page, 'welcome-narrow');
    // Its main button leads to the panel's Launch view (the connect form, or the demo profiles while
    // the demo provider is taken to be running, with the form one click away).
    await page.getByRole('link', { name: 'Connect your provider' }).click();
    await page.waitForSelector('[data-testid="connect-provider"]', { state: 'attached' });
    expect(page.url()).toBe(h.url('panel.html#launch'));
    await page.close();
  });
});
