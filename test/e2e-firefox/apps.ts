/**
 * A person signing in to the loopback apps (test/apps/), for puppeteer pages: the equivalents of
 * test/e2e/apps.ts, which is written for Playwright. After pressing the app's Log in, one loop looks at
 * whatever page the tab shows now, across every redirect: the provider's login form (fill it, any
 * password), its consent page (accept), the app saying "Signed in as <user>" (done), or its error (fail).
 * The loop marks each page it acted on, so a slow navigation is never submitted twice.
 */
import type { Page } from 'puppeteer-core';
import type { DemoWithApps } from '../apps/demo-apps';

type Look = 'done' | 'wait' | 'acted' | `error:${string}`;

/** One look at the page (runs in the page). */
function look(user: string): Look {
  const w = window as unknown as { __grantscopeActed?: boolean };
  const text = (sel: string) => document.querySelector(sel)?.textContent?.trim() ?? '';
  const error = text('[data-testid="error"]');
  if (error) return `error:${error}`;
  if (text('[data-testid="status"]') === `Signed in as ${user}`) return 'done';
  if (w.__grantscopeActed || document.readyState === 'loading') return 'wait';
  const submit = document.querySelector<HTMLButtonElement>('button[type="submit"]');
  const login = document.querySelector<HTMLInputElement>('input[name="login"]');
  const password = document.querySelector<HTMLInputElement>('input[name="password"]');
  if (login && password && submit) {
    login.value = user;
    password.value = 'any';
  } else if (!(submit && text('h1').includes('Authorize'))) {
    return 'wait';
  }
  w.__grantscopeActed = true;
  submit.click();
  return 'acted';
}

/**
 * Plays the person from the click on the app's Log in until the app says "Signed in as <user>": logs in
 * at the provider if asked, consents if asked.
 */
export async function finishLogin(page: Page, user: string, timeout = 20_000): Promise<void> {
  const until = Date.now() + timeout;
  let last = '';
  while (Date.now() < until) {
    // A navigation can tear the page's realm away mid-look: that is a "wait", and the next look sees the new page.
    const seen = await page.evaluate(look, user).catch(() => 'wait' as const);
    if (seen === 'done') return;
    if (seen.startsWith('error:')) throw new Error(`the app shows an error: ${seen.slice(6)}`);
    last = page.url();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not signed in as ${user} after ${timeout} ms; the tab is at ${last}`);
}

/** Opens `url` and waits until `selector` shows (a full load of a plain page). */
async function open(page: Page, url: string, selector: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector(selector);
}

/** Logs in to the server-side app (it redeems the code itself) and waits for its "Signed in as" page. */
export async function webappLogin(page: Page, demo: Pick<DemoWithApps, 'webapp'>, user = 'alice'): Promise<void> {
  await open(page, `${demo.webapp.origin}/`, '[data-testid="login"]');
  await page.click('[data-testid="login"]');
  await finishLogin(page, user);
}

/** Logs in to the SPA by full-page redirect (code + PKCE redeemed by the page's JavaScript). */
export async function spaLogin(page: Page, demo: Pick<DemoWithApps, 'spa'>, user = 'alice'): Promise<void> {
  await open(page, `${demo.spa.origin}/`, '[data-testid="login"]');
  // app.js has loaded its config once the client id shows.
  await page.waitForFunction(() => (document.querySelector('[data-testid="client-id"]')?.textContent ?? '…') !== '…');
  await page.click('[data-testid="login"]');
  await finishLogin(page, user);
}
