/**
 * Issue 10, item 3 in Firefox (test/e2e/context-menu.test.ts is the Chromium side): "Decode with
 * Grantscope" is on the menu, a selected JWT and a callback link reach the Decode view, open-panel
 * reuses the open panel tab, and start-last-profile starts the last launch again. A test can click
 * neither a menu nor a shortcut; Firefox's background is a page, so an extension page reaches the same
 * functions the listeners call (test build only) through runtime.getBackgroundPage().
 */
import { SignJWT } from 'jose';
import type { Page } from 'puppeteer-core';
import type browserApi from 'webextension-polyfill';
import { describe, expect, it } from 'vitest';
import { panelViewOf } from '../../src/core/panel-url';
import { profileFor, saveProfile, send } from './flows';
import { type FirefoxHarness, firefoxSkipReason, useFirefoxHarness } from './harness';

const skip = firefoxSkipReason();
if (skip) console.warn(`e2e-firefox skipped: ${skip}`);

type Hooks = { __grantscopeMenuClick(info: unknown): Promise<void>; __grantscopeCommand(name: string): Promise<string | null> };
type Api = typeof browserApi;

describe.skipIf(!!skip)(`Decode with Grantscope and the shortcuts in Firefox${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let h: FirefoxHarness;
  useFirefoxHarness((x) => (h = x));
  /** An extension page that is not the panel, to reach the background from. */
  let driver: Page | undefined;
  const drive = async () => (driver && !driver.isClosed() ? driver : (driver = await h.openExtensionPage('popup.html', 'body')));

  async function menuClick(info: { selectionText?: string; linkUrl?: string }): Promise<void> {
    await (await drive()).evaluate(async (i: unknown) => {
      const bg = (await (globalThis as unknown as { browser: Api }).browser.runtime.getBackgroundPage()) as unknown as Hooks;
      await bg.__grantscopeMenuClick(i);
    }, { menuItemId: 'grantscope-decode', ...info });
  }

  async function command(name: string): Promise<string | null> {
    return (await drive()).evaluate(async (n: string) => {
      const bg = (await (globalThis as unknown as { browser: Api }).browser.runtime.getBackgroundPage()) as unknown as Hooks;
      return bg.__grantscopeCommand(n);
    }, name);
  }

  async function frontTabUrl(): Promise<string | undefined> {
    return (await drive()).evaluate(async () => (await (globalThis as unknown as { browser: Api }).browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.url);
  }

  /**
   * A tab's address as the page itself reads it: a tab the add-on opens on its own page moves to the
   * extension process, and puppeteer can go on reporting its first address (about:blank) for it.
   */
  const hrefOf = (p: Page) => p.evaluate(() => location.href).catch(() => p.url());

  async function panelTabs(): Promise<{ page: Page; href: string }[]> {
    const all = await Promise.all((await h.browser.pages()).map(async (page) => ({ page, href: await hrefOf(page) })));
    return all.filter((t) => t.href.startsWith(h.url('panel.html')));
  }

  async function panelOn(view: string): Promise<Page> {
    await expect.poll(async () => (await panelTabs()).filter((t) => panelViewOf(t.href) === view).length, { timeout: 15_000 }).toBe(1);
    return (await panelTabs()).find((t) => panelViewOf(t.href) === view)!.page;
  }

  const kind = (p: Page) => p.evaluate(() => document.querySelector('[data-testid="decode-kind"]')?.getAttribute('data-kind') ?? null);

  it('the menu item is there from install', async () => {
    const exists = (id: string) =>
      drive().then((p) => p.evaluate((i: string) => (globalThis as unknown as { browser: Api }).browser.contextMenus.update(i, {}).then(() => true, () => false), id));
    expect(await exists('no-such-item')).toBe(false);
    await expect.poll(() => exists('grantscope-decode')).toBe(true);
  });

  it('a selected JWT opens the panel on Decode, decoded; a callback link then shows in the same tab', async () => {
    const jwt = await new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('https://idp.example').setAudience('app').setIssuedAt().setExpirationTime('10m').sign(new TextEncoder().encode('a-shared-secret-of-32-bytes-long!'));
    await menuClick({ selectionText: jwt });
    const panel = await panelOn('decode');
    await expect.poll(() => kind(panel), { timeout: 10_000 }).toBe('jwt');
    expect(await panel.evaluate(() => document.querySelector<HTMLTextAreaElement>('textarea[name="decodeInput"]')?.value)).toBe(jwt);
    expect(await hrefOf(panel)).toBe(h.url('panel.html#decode'));
    expect(await frontTabUrl()).toBe(h.url('panel.html#decode'));
    await h.shoot(panel, 'panel-decode-from-menu');

    await menuClick({ linkUrl: `${h.demo.provider.issuer}/app/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=af0ifjsldkj` });
    await expect.poll(() => kind(panel), { timeout: 10_000 }).toBe('callback-url');
    expect(await panelTabs()).toHaveLength(1);
  });

  it('open-panel brings the open panel tab to the front', async () => {
    const other = await h.newPage();
    await other.goto(`${h.demo.provider.issuer}/.well-known/openid-configuration`);
    await other.bringToFront();
    await expect.poll(() => frontTabUrl()).toContain(h.demo.provider.issuer);
    expect(await command('open-panel')).toBe('panel');
    await expect.poll(() => frontTabUrl()).toMatch(/panel\.html/);
    expect(await panelTabs()).toHaveLength(1);
    await other.close();
  });

  it('start-last-profile starts the last client credentials launch again, and the panel shows the new flow', async () => {
    const issuer = h.demo.provider.issuer;
    const profile = await saveProfile(h, profileFor(issuer, 'grantscope-service', { authMethod: 'client_secret_basic', redirectUri: '', request: { scope: 'api:read' } as never }), { clientSecret: 'grantscope-service-secret' });
    const page = await drive();
    await send(page, 'flow/start', { profileId: profile.id, launch: { grant: 'client_credentials' } });
    const before = (await send<{ id: string }[]>(page, 'flow/list', null)).map((f) => f.id);
    expect(await command('start-last-profile')).toBe('started');
    const fresh = (await send<{ id: string }[]>(page, 'flow/list', null)).map((f) => f.id).find((id) => !before.includes(id));
    expect(fresh).toBeTruthy();
    const panel = await panelOn('flows');
    await expect.poll(() => panel.evaluate((id: string) => document.querySelector(`[data-flow-id="${id}"]`)?.getAttribute('aria-current') ?? null, fresh!), { timeout: 15_000 }).toBe('true');
    await expect.poll(() => panel.evaluate(() => document.querySelector('[data-testid="outcome"]')?.getAttribute('data-kind') ?? null), { timeout: 15_000 }).toBe('success');
  });
});
