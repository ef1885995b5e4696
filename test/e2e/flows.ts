/** Steps the e2e tests share: fill the popup, press Start, play the person at the provider's pages. */
import type { Page } from 'playwright-core';
import type { Harness } from './harness';

export interface ProfileFields {
  issuer: string;
  clientId?: string;
  redirectUri: string;
  scope?: string;
}

/** Opens the popup, fills the profile, presses Start, and returns the login tab it opened. */
export async function startFromPopup(h: Harness, fields: ProfileFields, shot?: string): Promise<{ popup: Page; login: Page }> {
  const popup = await h.openPage('popup.html', { width: 420, height: 600 });
  await popup.fill('#field-issuer', fields.issuer);
  await popup.fill('#field-clientId', fields.clientId ?? 'grantscope-public');
  await popup.fill('#field-redirectUri', fields.redirectUri);
  if (fields.scope !== undefined) await popup.fill('#field-scope', fields.scope);
  if (shot) await h.shoot(popup, shot);
  const opened = h.context.waitForEvent('page', (p) => p !== popup);
  await popup.click('text=Start: code + PKCE');
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
  const { popup, login } = await startFromPopup(h, { issuer, redirectUri: `${issuer}/app/callback` });
  await (person === 'consent' ? loginAndConsent(login) : cancelLogin(login));
  await waitClosed(login);
  await popup.close();
  return openPanelAtOutcome(h);
}

/** The kinds of the steps the panel shows, in order. */
export function stepKinds(panel: Page): Promise<(string | null)[]> {
  return panel.locator('li.step').evaluateAll((els) => els.map((e) => e.getAttribute('data-step')));
}
