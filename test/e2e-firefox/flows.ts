/**
 * Launched flows in Firefox, for puppeteer pages: the equivalents of test/e2e/flows.ts and the
 * message-channel half of test/e2e/profiles.ts (written for Playwright). Profiles are saved through the
 * extension's own message channel, as the panel would; the flow itself is started from the popup page,
 * and the person is played at the demo provider's login and consent pages.
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import type browserApi from 'webextension-polyfill';
import type { ClientProfile, ProfileSecrets, ResponseType } from '../../src/core/profile';
import type { FirefoxHarness } from './harness';

export { profileFor } from '../e2e/profiles';

type Reply = { ok: boolean; value?: unknown; error?: string };

/** Sends one typed message to the background from an extension page, as the panel's connector does. */
export async function send<T>(page: Page, type: string, payload: unknown): Promise<T> {
  const reply = await page.evaluate(
    (t: string, p: unknown) => (globalThis as unknown as { browser: typeof browserApi }).browser.runtime.sendMessage({ grantscope: 1, type: t, payload: p }) as Promise<Reply>,
    type,
    payload,
  );
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as T;
}

export async function saveProfile(h: FirefoxHarness, profile: ClientProfile, secrets: ProfileSecrets = {}): Promise<ClientProfile> {
  const page = await h.openExtensionPage('panel.html#profiles', 'body');
  await send(page, 'profile/save', { profile, secrets });
  await page.close();
  return profile;
}

/**
 * Clicks the first enabled button whose own text is `label`, with a real (trusted) click: the popup and
 * the Decode view ask for host access inside the click, and Firefox refuses permissions.request from a
 * script's element.click() ("may only be called from a user input handler"). Puppeteer's ARIA queries
 * are CDP-only, so the button is found by its text.
 */
export async function clickButton(page: Page, label: string, within = 'body'): Promise<void> {
  const handle = await page.evaluateHandle(
    (l: string, sel: string) => [...document.querySelectorAll<HTMLButtonElement>(`${sel} button`)].find((x) => x.textContent?.trim() === l && !x.disabled) ?? null,
    label,
    within,
  );
  const button = handle.asElement() as ElementHandle<HTMLButtonElement> | null;
  if (!button) throw new Error(`no enabled button "${label}" in ${within}`);
  await button.click();
  await button.dispose();
}

/**
 * Saves the profile, opens the popup (as a tab: headless Firefox has no toolbar to click), picks the
 * profile and grant, presses Start, and returns the login tab the worker opened.
 */
export async function startFromPopup(h: FirefoxHarness, profile: ClientProfile, opts: { secrets?: ProfileSecrets; responseType?: ResponseType } = {}): Promise<{ popup: Page; login: Page }> {
  await saveProfile(h, profile, opts.secrets);
  const popup = await h.openExtensionPage('popup.html', `select[name="launchProfile"] option[value="${profile.id}"]`);
  await popup.select('select[name="launchProfile"]', profile.id);
  await popup.select('select[name="grant"]', 'authorization');
  if (opts.responseType) await popup.select('select[name="launchResponseType"]', opts.responseType);
  const opened = h.browser.waitForTarget((t) => t.type() === 'page' && t.url().startsWith(profile.issuer), { timeout: 20_000 });
  await clickButton(popup, 'Start');
  const login = await (await opened).page();
  if (!login) throw new Error('the login tab opened, but puppeteer has no page for it');
  return { popup, login };
}

/** Waits for the provider's login form (tests clear cookies first, so there is no session to skip it). */
export async function atLoginForm(login: Page): Promise<void> {
  await login.waitForSelector('input[name="login"]', { timeout: 20_000 });
}

/** The demo provider's devInteractions pages: any login works, then consent. */
export async function loginAndConsent(login: Page, user = 'alice'): Promise<void> {
  await atLoginForm(login);
  await login.type('input[name="login"]', user);
  await login.type('input[name="password"]', 'any');
  await login.click('button[type="submit"]');
  // The consent page, looked for again after each navigation (a look torn away by one is a "not yet").
  const until = Date.now() + 20_000;
  const atConsent = () => login.evaluate(() => document.readyState !== 'loading' && !!document.querySelector('h1')?.textContent?.includes('Authorize')).catch(() => false);
  while (!(await atConsent())) {
    if (Date.now() > until) throw new Error(`no consent page after the login; the tab is at ${login.url()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await login.click('button[type="submit"]');
}

/** Resolves once the tab is closed (the worker closes the login tab after the callback). */
export async function waitClosed(page: Page, timeout = 20_000): Promise<void> {
  if (page.isClosed()) return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tab still open after ${timeout} ms at ${page.url()}`)), timeout);
    page.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const OUTCOME = '[data-testid="outcome"][data-kind="success"], [data-testid="outcome"][data-kind="error"]';

/** Opens the panel and waits until the newest flow shows an outcome. */
export async function openPanelAtOutcome(h: FirefoxHarness): Promise<Page> {
  const panel = await h.openExtensionPage('panel.html', 'nav.flow-list');
  await panel.waitForSelector(OUTCOME, { timeout: 30_000 });
  return panel;
}

/** The panel's shown outcome: the flow's status and the outcome banner's text. */
export async function outcome(panel: Page): Promise<{ status: string | null; text: string }> {
  return {
    status: await panel.$eval('[data-testid="flow-detail"]', (e) => e.getAttribute('data-status')),
    text: await panel.$eval('[data-testid="outcome"]', (e) => (e as HTMLElement).innerText),
  };
}

/** The kinds of the steps the panel shows, in order. */
export function stepKinds(panel: Page): Promise<(string | null)[]> {
  return panel.$$eval('li.step', (els) => els.map((e) => e.getAttribute('data-step')));
}

/** One launched flow from the popup: play the person, and open the panel at the outcome. */
export async function launchAndConsent(h: FirefoxHarness, profile: ClientProfile, opts: { secrets?: ProfileSecrets; responseType?: ResponseType } = {}): Promise<Page> {
  const { popup, login } = await startFromPopup(h, profile, opts);
  await loginAndConsent(login);
  await waitClosed(login);
  await popup.close();
  return openPanelAtOutcome(h);
}
