/**
 * Issue 11, item 6, in Chromium against the demo provider: a profile whose scope has offline_access
 * says in its editor that Grantscope will add prompt=consent (OIDC Core 11), the launched flow's
 * request step marks that parameter (and state, nonce, PKCE) as added by Grantscope, its token answer
 * says scope asked against granted, a recorded popup login names its tabs in words, and "Open panel"
 * twice leaves one panel tab, in front.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type Harness, useHarness } from './harness';
import { profileFor, saveProfile } from './profiles';
import { loginAndConsent, openPanelAtOutcome, startFromPopup, waitClosed } from './flows';
import { spaLogin } from './apps';

let h: Harness;

useHarness((x) => (h = x), { apps: true, freshLogin: true });

type Tabs = { tabs: { getCurrent(): Promise<{ active: boolean } | undefined> } };
const isActiveTab = (p: Page) => p.evaluate(() => (globalThis as unknown as { chrome: Tabs }).chrome.tabs.getCurrent().then((t) => t?.active ?? false));
/** The one card, light and dark, full size (h.shoot's whole page is too tall to read these by). */
async function shootCard(page: Page, selector: string, name: string): Promise<void> {
  const dir = process.env.GRANTSCOPE_SCREENSHOTS;
  if (!dir) return;
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.locator(selector).first().screenshot({ path: `${dir}/${name}-${colorScheme}.png` });
  }
  await page.emulateMedia({ colorScheme: null });
}
const panelPages = () => h.context.pages().filter((p) => !p.isClosed() && p.url().startsWith(h.url('panel.html')));

describe('what Grantscope adds', () => {
  const profile = () => profileFor(h.provider.issuer, 'grantscope-public', { name: 'Offline access' });

  it('the profile editor says prompt=consent will be added because the scope has offline_access', async () => {
    const p = await saveProfile(h, profile());
    const panel = await h.openPage('panel.html#profiles');
    await panel.locator(`[data-profile-id="${p.id}"]`).click();
    const willAdd = panel.locator('[data-testid="will-add"]');
    await expect.poll(() => willAdd.locator('li[data-added="prompt"]').innerText()).toContain('prompt=consent — scope has offline_access');
    expect(await willAdd.innerText()).toContain('OIDC Core 11');
    expect(await willAdd.locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-added')))).toEqual(['prompt', 'state', 'nonce', 'code_challenge', 'code_challenge_method']);
    await willAdd.scrollIntoViewIfNeeded();
    await h.shoot(panel, 'profile-editor-will-add');
    await shootCard(panel, '[data-testid="will-add"]', 'card-will-add');

    // A prompt of the person's own: nothing to add for it.
    await panel.locator('input[name="prompt"]').fill('login');
    await expect.poll(() => willAdd.locator('li[data-added="prompt"]').count()).toBe(0);
    await panel.close();
  });

  it('the request step marks prompt=consent as added, and the token answer shows scope asked against granted', async () => {
    const { popup, login } = await startFromPopup(h, profile());
    await loginAndConsent(login);
    await waitClosed(login);
    await popup.close();
    const panel = await openPanelAtOutcome(h);
    const prompt = panel.locator('[data-testid="authz-params"] tr[data-param="prompt"]');
    await expect(prompt.locator('td').innerText()).resolves.toBe('consent');
    const mark = prompt.locator('[data-testid="added-mark"]');
    await expect(mark.getAttribute('data-added')).resolves.toBe('added by Grantscope');
    // The badge is drawn, not text: the name reads as the name (copy, tests reading th).
    await expect(mark.innerText()).resolves.toBe('prompt');
    expect(await mark.evaluate((e) => getComputedStyle(e, '::after').content)).toBe('"added by Grantscope"');
    await expect(mark.getAttribute('title')).resolves.toContain('offline_access');
    const marked = await panel.locator('[data-testid="authz-params"] tr:has([data-testid="added-mark"])').evaluateAll((els) => els.map((e) => e.getAttribute('data-param')));
    expect(marked.sort()).toEqual(['code_challenge', 'code_challenge_method', 'nonce', 'prompt', 'state']);
    for (const own of ['client_id', 'scope', 'redirect_uri', 'response_type']) {
      expect(await panel.locator(`[data-testid="authz-params"] tr[data-param="${own}"] [data-testid="added-mark"]`).count()).toBe(0);
    }
    await expect(panel.locator('[data-testid="added-params"]').innerText()).resolves.toContain('prompt=consent — scope has offline_access');

    const scope = await panel.locator('li.step[data-step="token-response"] [data-testid="scope-line"]').innerText();
    expect(scope).toMatch(/^Scope asked: openid profile offline_access · granted: /);
    await panel.locator('li.step[data-step="authorization-request"]').scrollIntoViewIfNeeded();
    await h.shoot(panel, 'panel-request-added');
    await shootCard(panel, 'li.step[data-step="authorization-request"]', 'card-request-added');
    await shootCard(panel, 'li.step[data-step="token-response"] [data-testid="scope-line"]', 'card-scope-line');
    await panel.close();
  });

  it('a recorded popup login names its tabs in words: the app’s tab and the login popup it opened', async () => {
    const page = await h.context.newPage();
    await spaLogin(page, { ...h.apps!, provider: h.provider }, { popup: true });
    const p = await h.openPage('panel.html');
    // From network events alone an SPA's flow stays "redeeming" (its token answer is out of sight); its steps are what count here.
    const item = p.locator('[data-flow-id][data-source="captured"]', { hasText: new URL(h.apps!.spa.origin).host }).first();
    await item.waitFor({ timeout: 30_000 });
    await item.click();
    await p.waitForSelector('[data-testid="flow-detail"][data-source="captured"] li.step[data-step="token-request"] [data-testid="step-tab"]', { timeout: 20_000 });
    const where = await p.locator('li.step [data-testid="step-tab"]').evaluateAll((els) => els.map((e) => ({ text: e.textContent ?? '', title: e.getAttribute('title') ?? '' })));
    const texts = where.map((w) => w.text);
    expect(texts.some((t) => t.includes('login popup opened by the app’s tab'))).toBe(true);
    expect(texts.some((t) => t.includes('Where: the app’s tab'))).toBe(true);
    // No raw tab id in the words; it is on hover.
    expect(texts.some((t) => /tab \d/.test(t))).toBe(false);
    expect(where.every((w) => /tab id \d+/.test(w.title))).toBe(true);
    await shootCard(p, 'li.step[data-step="callback"] [data-testid="step-seen"]', 'card-tab-words');
    await p.close();
    await page.close();
  }, 60_000);

  it('"Open panel" twice leaves one panel tab, focused, on the view asked for', async () => {
    for (const p of panelPages()) await p.close();
    const openFromPopup = async () => {
      const popup = await h.openPage('popup.html', { width: 420, height: 640 });
      const closed = popup.waitForEvent('close');
      await popup.getByRole('button', { name: 'Open panel' }).click();
      await closed;
    };
    await openFromPopup();
    await expect.poll(() => panelPages().length).toBe(1);
    const panel = panelPages()[0]!;
    // Another tab in front, and the panel moved to another view: the second press must find it again.
    await panel.evaluate(() => (location.hash = '#decode'));
    const other = await h.openPage('popup.html', { width: 420, height: 640 });
    await expect.poll(() => isActiveTab(panel)).toBe(false);
    // The popup's button, pressed from a popup that stays open (the real one closes itself, which would
    // put some tab in front by itself and prove nothing).
    await other.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ grantscope: 1, type: 'panel/open', payload: { view: 'flows' } }),
    );
    await expect.poll(() => panelPages().length).toBe(1);
    await expect.poll(() => isActiveTab(panel)).toBe(true);
    expect(await isActiveTab(other)).toBe(false);
    await expect.poll(() => new URL(panel.url()).hash.replace(/^#\/?/, '').split(/[/?]/)[0]).toBe('flows');
    await other.close();
  });
});
