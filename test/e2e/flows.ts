/** Steps the e2e tests share: fill the popup, press Start, play the person at the provider's pages. */
import type { Page } from 'playwright-core';
import type { ClientProfile, ProfileSecrets, ResponseType } from '../../src/core/profile';
import type { Harness } from './harness';
import { profileFor, saveProfile } from './profiles';

/**
 * Saves the profile (through the extension, as the panel would), opens the popup, picks the profile
 * and grant, presses Start, and returns the login tab it opened.
 */
export async function startFromPopup(
  h: Harness,
  profile: ClientProfile,
  opts: { secrets?: ProfileSecrets; responseType?: ResponseType; shot?: string } = {},
): Promise<{ popup: Page; login: Page }> {
  await saveProfile(h, profile, opts.secrets);
  const popup = await h.openPage('popup.html', { width: 420, height: 640 });
  await popup.selectOption('select[name="launchProfile"]', profile.id);
  await popup.selectOption('select[name="grant"]', 'authorization');
  if (opts.responseType) await popup.selectOption('select[name="launchResponseType"]', opts.responseType);
  if (opts.shot) await h.shoot(popup, opts.shot);
  const opened = h.context.waitForEvent('page', (p) => p !== popup);
  await popup.getByRole('button', { name: 'Start', exact: true }).click();
  const login = await opened;
  return { popup, login };
}

/** Waits for the provider's login form (tests clear cookies first, so there is no session to skip it). */
export async function atLoginForm(login: Page): Promise<void> {
  await login.waitForSelector('input[name="login"]');
}

/** The demo provider's devInteractions pages: any login works, then consent. */
export async function loginAndConsent(login: Page, user = 'alice'): Promise<void> {
  await atLoginForm(login);
  await login.fill('input[name="login"]', user);
  await login.fill('input[name="password"]', 'any');
  await login.click('button[type="submit"]');
  await login.waitForSelector('h1:has-text("Authorize")');
  await login.click('button[type="submit"]');
}

/** Cancels at the provider's login page: the provider answers error=access_denied. */
export async function cancelLogin(login: Page): Promise<void> {
  await login.waitForSelector('a[href$="/abort"]');
  await login.click('a[href$="/abort"]');
}

export async function waitClosed(page: Page, timeout = 20_000): Promise<void> {
  if (page.isClosed()) return;
  await page.waitForEvent('close', { timeout });
}

/** Opens the panel and waits until the newest flow shows an outcome. */
export async function openPanelAtOutcome(h: Harness): Promise<Page> {
  const panel = await h.openPage('panel.html');
  await panel.waitForSelector('[data-testid="outcome"][data-kind="success"], [data-testid="outcome"][data-kind="error"]', { timeout: 30_000 });
  return panel;
}

/**
 * One whole launched code flow against `issuer` (whose /app/callback is the redirect_uri): start from
 * the popup, play the person (log in and consent, or cancel), and open the panel at the outcome.
 */
export async function runCodeFlow(h: Harness, issuer: string, person: 'consent' | 'cancel' = 'consent'): Promise<Page> {
  const { popup, login } = await startFromPopup(h, profileFor(issuer, 'grantscope-public'));
  await (person === 'consent' ? loginAndConsent(login) : cancelLogin(login));
  await waitClosed(login);
  await popup.close();
  return openPanelAtOutcome(h);
}

/** The kinds of the steps the panel shows, in order. */
export function stepKinds(panel: Page): Promise<(string | null)[]> {
  return panel.locator('li.step').evaluateAll((els) => els.map((e) => e.getAttribute('data-step')));
}
