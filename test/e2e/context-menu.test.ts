/**
 * Issue 10, item 3 in Chromium: "Decode with Grantscope" on selections and links, and the keyboard
 * shortcuts open-panel and start-last-profile. A test can click neither a context menu nor a shortcut,
 * so it calls the very functions the browser's listeners call (contextMenus.onClicked ->
 * onDecodeMenuClick, commands.onCommand -> onCommand; reachable in the test build only) with what the
 * browser would pass, and checks what a person would see: which tab is in front, what the panel shows,
 * which flows exist.
 */
import { SignJWT } from 'jose';
import type { Page, Worker } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { panelViewOf } from '../../src/core/panel-url';
import { loginAndConsent, openPanelAtOutcome, startFromPopup } from './flows';
import { type Harness, launchHarness, useHarness } from './harness';
import { profileFor, saveProfile, startFlow } from './profiles';

let h: Harness;
useHarness((x) => (h = x), { freshLogin: true });

const MENU_ID = 'grantscope-decode';

type Hooks = {
  __grantscopeMenuClick(info: unknown): Promise<void>;
  __grantscopeCommand(name: string): Promise<string | null>;
};
type Chrome = {
  contextMenus: { update(id: string, p: object): Promise<void> };
  tabs: { query(q: object): Promise<{ url?: string }[]> };
  storage: { session: { get(k: string): Promise<Record<string, unknown>> }; local: { get(k: string): Promise<Record<string, unknown>> } };
  runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }> };
};

async function worker(): Promise<Worker> {
  return h.context.serviceWorkers().find((w) => w.url().startsWith(h.url(''))) ?? (await h.context.waitForEvent('serviceworker'));
}

/** What contextMenus.onClicked hands the listener when the item is chosen. */
async function menuClick(info: { selectionText?: string; linkUrl?: string }): Promise<void> {
  const full = { menuItemId: MENU_ID, editable: false, pageUrl: `${h.provider.issuer}/somewhere`, ...info };
  await (await worker()).evaluate((i) => (globalThis as unknown as Hooks).__grantscopeMenuClick(i), full);
}

/** What commands.onCommand hands the listener when the shortcut is pressed. */
async function command(name: string): Promise<string | null> {
  return (await worker()).evaluate((n) => (globalThis as unknown as Hooks).__grantscopeCommand(n), name);
}

/** The URL of the tab in front in the last focused window, as the browser sees it. */
async function frontTabUrl(): Promise<string | undefined> {
  return (await worker()).evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
    return (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.url;
  });
}

const panelTabs = (): Page[] => h.context.pages().filter((p) => !p.isClosed() && p.url().startsWith(h.url('panel.html')));

/** The one panel tab, once it shows `view`. */
async function panelOn(view: string): Promise<Page> {
  await expect.poll(() => panelTabs().filter((p) => panelViewOf(p.url()) === view).length, { timeout: 10_000 }).toBe(1);
  return panelTabs().find((p) => panelViewOf(p.url()) === view)!;
}

async function closePanels(): Promise<void> {
  for (const p of panelTabs()) await p.close();
}

async function send<T>(page: Page, type: string, payload: unknown): Promise<T> {
  const reply = await page.evaluate(([t, p]) => (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage({ grantscope: 1, type: t, payload: p }), [type, payload] as const);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as T;
}

async function flowIds(): Promise<string[]> {
  const page = await h.openPage('popup.html');
  const list = await send<{ id: string }[]>(page, 'flow/list', null);
  await page.close();
  return list.map((f) => f.id);
}

const decodeKind = (panel: Page) => panel.locator('[data-testid="decode-kind"]').getAttribute('data-kind');

async function idToken(): Promise<string> {
  return new SignJWT({ sub: 'alice', nonce: 'n-0S6_WzA2Mj' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('https://idp.example')
    .setAudience('grantscope-public')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode('a-shared-secret-of-32-bytes-long!'));
}

describe('Decode with Grantscope (context menu)', () => {
  it('is on the menu from install, and still after the worker is stopped and starts again', async () => {
    const exists = async (id: string) =>
      (await worker()).evaluate((i) => (globalThis as unknown as { chrome: Chrome }).chrome.contextMenus.update(i, {}).then(() => true, () => false), id);
    // update() fails on an id the browser does not hold: the check can fail.
    expect(await exists('no-such-item')).toBe(false);
    await expect.poll(() => exists(MENU_ID)).toBe(true);
    await h.stopServiceWorker();
    const popup = await h.openPage('popup.html'); // a message wakes a new worker; onInstalled does not run again
    await expect.poll(() => h.workerStarts()).toBeGreaterThan(1);
    await popup.close();
    expect(await exists(MENU_ID)).toBe(true);
  });

  it('a selected JWT: a new panel tab on Decode, the token decoded, nothing of it in any URL or left behind', async () => {
    await closePanels();
    const jwt = await idToken();
    await menuClick({ selectionText: jwt });
    const panel = await panelOn('decode');
    await expect.poll(() => decodeKind(panel)).toBe('jwt');
    expect(await panel.locator('textarea[name="decodeInput"]').inputValue()).toBe(jwt);
    await expect(panel.locator('[data-testid="decode-from-menu"]').innerText()).resolves.toBe('Opened by “Decode with Grantscope” on the selected text.');
    await panel.locator('.decode-view details summary').first().click();
    await expect(panel.locator('.decode-view [data-claim="aud"]').innerText()).resolves.toContain('grantscope-public');
    // The token travelled through storage.session, taken once: no URL carries it, nothing is left there.
    expect(panel.url()).toBe(h.url('panel.html#decode'));
    const left = await panel.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.storage.session.get('decode:pending'));
    expect(left).toEqual({});
    expect(await frontTabUrl()).toBe(h.url('panel.html#decode'));
    await h.shoot(panel, 'panel-decode-from-menu');
  });

  it('a callback link, the panel already on Decode: the same tab shows it; no second panel', async () => {
    const before = panelTabs();
    expect(before).toHaveLength(1);
    const other = await h.context.newPage();
    await other.goto(`${h.provider.issuer}/.well-known/openid-configuration`);
    // The link's words are selected too; the callback behind them is what decodes.
    await menuClick({ selectionText: 'Continue', linkUrl: `${h.provider.issuer}/app/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=af0ifjsldkj` });
    const panel = await panelOn('decode');
    expect(panel).toBe(before[0]);
    await expect.poll(() => decodeKind(panel)).toBe('callback-url');
    await expect(panel.locator('[data-testid="decode-from-menu"]').innerText()).resolves.toBe('Opened by “Decode with Grantscope” on a link.');
    expect(await frontTabUrl()).toBe(h.url('panel.html#decode'));
    await other.close();
  });

  it('a selected token response while the panel shows Flows: that tab turns to Decode', async () => {
    const [panel] = panelTabs();
    await panel!.evaluate(() => (location.hash = 'flows'));
    await panelOn('flows');
    // As the browser hands over a selection across lines: line breaks become spaces.
    await menuClick({ selectionText: '{ "access_token": "2YotnFZFEjr1zCsicMWpAA", "token_type": "Bearer", "expires_in": 3600 }' });
    expect(await panelOn('decode')).toBe(panel);
    await expect.poll(() => decodeKind(panel!)).toBe('token-response');
    expect(panelTabs()).toHaveLength(1);
  });

  it('a selection over 64 KB: the first 64 KB taken, and the view says so', async () => {
    await menuClick({ selectionText: `${await idToken()} ${'x'.repeat(70_000)}` });
    const panel = await panelOn('decode');
    const banner = panel.locator('[data-testid="decode-from-menu"]');
    await expect.poll(() => banner.innerText()).toContain('The selection was 69 KB; Grantscope took its first 64 KB');
    expect((await panel.locator('textarea[name="decodeInput"]').inputValue()).length).toBe(64 * 1024);
    await h.shoot(panel, 'panel-decode-from-menu-cut');
  });
});

describe('keyboard shortcuts', () => {
  it('open-panel brings the open panel tab to the front; with none open, opens one', async () => {
    expect(panelTabs()).toHaveLength(1);
    const other = await h.context.newPage();
    await other.goto(`${h.provider.issuer}/.well-known/openid-configuration`);
    await other.bringToFront();
    await expect.poll(() => frontTabUrl()).toContain(h.provider.issuer);
    expect(await command('open-panel')).toBe('panel');
    await expect.poll(() => frontTabUrl()).toMatch(/panel\.html/);
    expect(panelTabs()).toHaveLength(1);

    await closePanels();
    await other.bringToFront();
    expect(await command('open-panel')).toBe('panel');
    await expect.poll(() => panelTabs().length).toBe(1);
    await expect.poll(() => frontTabUrl()).toMatch(/panel\.html/);
    await other.close();
  });

  it('start-last-profile before anything was launched opens the Launch view', async () => {
    expect(await command('start-last-profile')).toBe('launch-view');
    const panel = await panelOn('launch');
    await expect(panel.locator('[data-testid="launch-form"]').count()).resolves.toBe(1);
    await closePanels();
  });

  it('start-last-profile starts the client credentials launch again; the panel opens in front on the new flow', async () => {
    const profile = await saveProfile(h, profileFor(h.provider.issuer, 'grantscope-service', { authMethod: 'client_secret_basic', redirectUri: '', request: { scope: 'api:read' } as never }), { clientSecret: 'grantscope-service-secret' });
    const popup = await h.openPage('popup.html', { width: 420, height: 640 });
    await popup.selectOption('select[name="launchProfile"]', profile.id);
    await popup.selectOption('select[name="grant"]', 'client_credentials');
    await popup.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(() => popup.locator('[data-testid="launch-status"]').innerText()).toContain('Flow started');
    await popup.close();
    const before = await flowIds();
    expect(before).toHaveLength(1);
    // A panel already open on the first flow (selected in its URL, as a reload would keep it).
    await closePanels();
    const open = await h.openPage(`panel.html#/flows/${before[0]}`);
    await expect.poll(() => open.locator(`[data-flow-id="${before[0]}"][aria-current="true"]`).count()).toBe(1);
    const other = await h.context.newPage();
    await other.goto(`${h.provider.issuer}/.well-known/openid-configuration`);

    expect(await command('start-last-profile')).toBe('started');
    // Read before flowIds(), whose own page closing would hand the front to another tab.
    await expect.poll(() => frontTabUrl()).toMatch(/panel\.html#\/flows\/[\w-]+$/);
    const front = await frontTabUrl();
    const after = await flowIds();
    expect(after).toHaveLength(2);
    const fresh = after.find((id) => !before.includes(id))!;
    // That same tab, brought to the front, now on the new flow.
    const panel = await panelOn('flows');
    expect(panel).toBe(open);
    await expect.poll(() => panel.locator(`[data-flow-id="${fresh}"][aria-current="true"]`).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => panel.locator('[data-testid="outcome"]').getAttribute('data-kind'), { timeout: 15_000 }).toBe('success');
    await expect(panel.locator('[data-testid="token-request-params"] tr[data-param="grant_type"] td').innerText()).resolves.toBe('client_credentials');
    expect(front).toBe(h.url(`panel.html#/flows/${fresh}`));
    await other.close();
    await closePanels();
  });

  it('start-last-profile runs the code flow again: the login tab in front, the panel behind it on the new flow', async () => {
    const profile = profileFor(h.provider.issuer, 'grantscope-public');
    const { popup, login } = await startFromPopup(h, profile);
    await popup.close();
    await loginAndConsent(login);
    await (await openPanelAtOutcome(h)).close();
    await closePanels();
    const before = await flowIds();

    await h.context.clearCookies(); // so the second login starts at the login form too

    const opened = h.context.waitForEvent('page', (p) => !p.url().startsWith(h.url('')));
    expect(await command('start-last-profile')).toBe('started');
    const login2 = await opened;
    await expect.poll(() => frontTabUrl()).toContain(h.provider.issuer);
    const fresh = (await flowIds()).find((id) => !before.includes(id))!;
    expect(fresh).toBeTruthy();
    await loginAndConsent(login2);
    const panel = await panelOn('flows');
    await expect.poll(() => panel.locator(`[data-flow-id="${fresh}"][aria-current="true"]`).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => panel.locator('[data-testid="outcome"]').getAttribute('data-kind'), { timeout: 30_000 }).toBe('success');
    // The same request as the popup's Start: the same client, PKCE S256.
    const authz = panel.locator('[data-testid="authz-params"]');
    await expect(authz.locator('tr[data-param="client_id"] td').innerText()).resolves.toBe('grantscope-public');
    await expect(authz.locator('tr[data-param="code_challenge_method"] td').innerText()).resolves.toBe('S256');
    await h.shoot(panel, 'panel-start-last-profile');
  });

  it('a grant started with typed secrets is remembered without them, and not started blind', async () => {
    const profile = await saveProfile(h, profileFor(h.provider.issuer, 'grantscope-public'));
    await startFlow(h, profile.id, { grant: 'password', username: 'alice', password: 'typed-password-9' });
    const stored = await (await worker()).evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get('launch:last'));
    expect(stored['launch:last']).toMatchObject({ profileId: profile.id, grant: 'password' });
    expect(JSON.stringify(stored)).not.toContain('typed-password-9');
    const before = await flowIds();
    await closePanels();
    expect(await command('start-last-profile')).toBe('launch-view');
    await panelOn('launch');
    expect(await flowIds()).toEqual(before);
  });
});

describe('after a browser restart', () => {
  it('the menu item is there again, and the last launch is still known', async () => {
    const inWorker = async <T>(x: Harness, fn: () => Promise<T>): Promise<T> => {
      const w = x.context.serviceWorkers().find((s) => s.url().startsWith(x.url(''))) ?? (await x.context.waitForEvent('serviceworker'));
      return w.evaluate(fn);
    };
    const first = await launchHarness();
    let second: Harness | undefined;
    let firstOpen = true;
    try {
      const profile = await saveProfile(first, profileFor(first.provider.issuer, 'grantscope-public'));
      await startFlow(first, profile.id, { grant: 'authorization' });
      await first.close({ keepProfile: true });
      firstOpen = false;
      second = await launchHarness({ userDataDir: first.userDataDir });
      const menu = () => inWorker(second!, () => (globalThis as unknown as { chrome: Chrome }).chrome.contextMenus.update('grantscope-decode', {}).then(() => true, () => false));
      await expect.poll(menu).toBe(true);
      const last = await inWorker(second, () => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get('launch:last'));
      expect(last['launch:last']).toMatchObject({ profileId: profile.id, grant: 'authorization' });
    } finally {
      if (firstOpen) await first.close();
      await second?.close();
    }
  });
});
