/**
 * Helpers for e2e tests in which real apps sign in by themselves (issue 4): the demo provider with the
 * loopback SPA and server-side app (test/apps/), and a person's steps in a Playwright page.
 *
 *   const demo = await startDemoWithApps({ provider: { extraRedirectUris } });
 *   const page = await context.newPage();
 *   await spaLogin(page, demo, { popup: true, user: 'alice' });   // "Signed in as alice" in the SPA
 *   await webappLogin(page, demo);                                 // the server app, same person
 *   await demo.close();
 */
import type { Page } from 'playwright-core';
import type { DemoWithApps } from '../apps/demo-apps';

export { startAppsFor, startDemoWithApps, type DemoWithApps, type DemoWithAppsOptions } from '../apps/demo-apps';
export type { RunningApp } from '../apps/listen';

type Seen = 'login' | 'consent' | 'left';

/**
 * What the page shows next: the provider's login form, its consent page, or neither because it has
 * left for the app (a URL off the provider other than `startUrl` and about:blank) or closed.
 */
async function next(page: Page, issuer: string, startUrl: string, timeout: number): Promise<Seen> {
  if (page.isClosed()) return 'left';
  const away = (u: URL) => !u.href.startsWith(`${issuer}/`) && u.href !== 'about:blank' && u.href !== startUrl;
  // Promise.any: the first that happens wins; the others' later failures are swallowed with it.
  return Promise.any([
    page.waitForSelector('input[name="login"]', { timeout }).then((): Seen => 'login'),
    page.waitForSelector('h1:has-text("Authorize")', { timeout }).then((): Seen => 'consent'),
    page.waitForURL(away, { timeout, waitUntil: 'commit' }).then((): Seen => 'left'),
    page.waitForEvent('close', { timeout }).then((): Seen => 'left'),
  ]).catch(() => {
    throw new Error(`neither the provider's login nor its consent page appeared at ${page.isClosed() ? '(closed page)' : page.url()}`);
  });
}

/**
 * Plays the person at the demo provider (oidc-provider devInteractions), right after the app sent the
 * page (or a popup) there: logs in if the login form shows (any password), consents if asked, and
 * returns once the provider is done with the page: after consent, or when the page has left for the
 * app or closed (a login popup). A provider session and an earlier grant may skip both pages: pass
 * `from`, the app page's URL before the click that started the login, so that arriving back at the
 * app's redirect_uri counts as done even when the click itself waited for that navigation.
 */
export async function loginAtProvider(page: Page, issuer: string, opts: { user?: string; timeout?: number; from?: string } = {}): Promise<void> {
  const timeout = opts.timeout ?? 20_000;
  const startUrl = opts.from ?? page.url();
  for (let step = 0; step < 3; step++) {
    const seen = await next(page, issuer, startUrl, timeout);
    if (seen === 'left') return;
    if (seen === 'login') {
      await page.fill('input[name="login"]', opts.user ?? 'alice');
      await page.fill('input[name="password"]', 'any');
      await page.click('button[type="submit"]');
      await page.waitForSelector('input[name="login"]', { state: 'detached', timeout });
    } else {
      await page.click('button[type="submit"]');
      // Consent is the provider's last page: it goes away by redirecting to the app or, in a popup, closing.
      await page.waitForSelector('h1:has-text("Authorize")', { state: 'detached', timeout }).catch((err: unknown) => {
        if (!page.isClosed()) throw err;
      });
      return;
    }
  }
  throw new Error('still at the provider after login and consent');
}

/**
 * Logs in to the SPA as `user`, by full-page redirect or through its login popup, and waits for
 * "Signed in as <user>". Opens the SPA first unless the page is already on it.
 */
export async function spaLogin(page: Page, demo: Pick<DemoWithApps, 'provider' | 'spa'>, opts: { popup?: boolean; user?: string } = {}): Promise<void> {
  const user = opts.user ?? 'alice';
  if (!page.url().startsWith(`${demo.spa.origin}/`)) await page.goto(`${demo.spa.origin}/`);
  await page.waitForSelector('[data-testid="client-id"]:not(:text("…"))'); // app.js has loaded
  if (opts.popup) {
    const popup = page.waitForEvent('popup');
    await page.click('[data-testid="login-popup"]');
    await loginAtProvider(await popup, demo.provider.issuer, { user, from: 'about:blank' });
  } else {
    const from = page.url();
    await page.click('[data-testid="login"]');
    await loginAtProvider(page, demo.provider.issuer, { user, from });
  }
  await waitSignedIn(page, user);
}

/** Waits until the app page says "Signed in as <user>"; fails early with the page's error text. */
export async function waitSignedIn(page: Page, user: string, timeout = 20_000): Promise<void> {
  const want = `Signed in as ${user}`;
  await page.waitForFunction((w) => {
    const status = document.querySelector('[data-testid="status"]')?.textContent ?? '';
    return status === w || !!document.querySelector('[data-testid="error"]')?.textContent;
  }, want, { timeout });
  const error = await page.evaluate(() => document.querySelector('[data-testid="error"]')?.textContent);
  if (error) throw new Error(`the app shows an error: ${error}`);
}

/** Logs in to the server-side app as `user` and waits for its "Signed in as <user>" page. */
export async function webappLogin(page: Page, demo: Pick<DemoWithApps, 'provider' | 'webapp'>, opts: { user?: string } = {}): Promise<void> {
  const user = opts.user ?? 'alice';
  await page.goto(`${demo.webapp.origin}/`);
  const from = page.url();
  await page.click('[data-testid="login"]');
  await loginAtProvider(page, demo.provider.issuer, { user, from });
  await waitSignedIn(page, user);
}
