/**
 * Issue 12 in Firefox (the Chromium suite's compare, run-both and relaunch tests are the model; the
 * selectors are the same): "Run both" on a profile of the demo implicit client launches code + PKCE,
 * then implicit, one login, and opens their comparison (the access token at the token endpoint for
 * code and in the fragment for implicit, a refresh token only for code, the ID tokens' claims), "Show
 * only differences" kept in the URL, the comparison's address reopened in a new tab, the ID tokens'
 * diff and Back, and the same pair picked by hand in the list; a recorded SPA login
 * relaunched with PKCE off, stopped at the redirect, failing pkce.missing; and search by content.
 */
import type { ElementHandle, Page, Target } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { spaLogin } from './apps';
import { type FirefoxHarness, firefoxSkipReason, useFirefoxHarness } from './harness';
import { profileFor, saveProfile, waitClosed } from './flows';

const skip = firefoxSkipReason();
if (skip) console.warn(`e2e-firefox skipped: ${skip}`);

const USER = 'dora-compare';

const cell = (p: Page, row: string, side: 'A' | 'B') => p.$eval(`tr[data-row="${row}"] td[data-side="${side}"]`, (e) => (e as HTMLElement).innerText.trim());
const state = (p: Page, row: string) => p.$eval(`tr[data-row="${row}"]`, (e) => e.getAttribute('data-state'));
const hash = (p: Page) => p.evaluate(() => location.hash);

/**
 * Plays the person at the demo provider until the worker closes the tab: the login form (any
 * password) if it shows, the consent page if it shows. Each page acted on is marked, so a slow
 * navigation is never submitted twice.
 */
async function playProvider(tab: Page, user: string): Promise<void> {
  const closed = waitClosed(tab, 30_000);
  let gone = false;
  void closed.then(() => (gone = true), () => undefined);
  while (!gone) {
    await tab
      .evaluate((u: string) => {
        const w = window as unknown as { __acted?: boolean };
        if (w.__acted || document.readyState === 'loading') return;
        const submit = document.querySelector<HTMLButtonElement>('button[type="submit"]');
        const login = document.querySelector<HTMLInputElement>('input[name="login"]');
        const password = document.querySelector<HTMLInputElement>('input[name="password"]');
        if (login && password && submit) {
          login.value = u;
          password.value = 'any';
        } else if (!(submit && document.querySelector('h1')?.textContent?.includes('Authorize'))) return;
        w.__acted = true;
        submit.click();
      }, user)
      .catch(() => undefined);
    await Promise.race([closed, new Promise((r) => setTimeout(r, 150))]);
  }
  await closed;
}

/** The next tab opened at the provider other than `not`. */
async function providerTab(h: FirefoxHarness, not: Target[] = []): Promise<Page> {
  const t = await h.browser.waitForTarget((x) => x.type() === 'page' && x.url().startsWith(h.demo.provider.issuer) && !not.includes(x), { timeout: 30_000 });
  const page = await t.page();
  if (!page) throw new Error('the login tab opened, but puppeteer has no page for it');
  return page;
}

/** The ids of the flows the list shows for a search typed in the URL (a new tab at #/flows?q=…). */
async function found(h: FirefoxHarness, q: string): Promise<string[]> {
  const p = await h.openExtensionPage(`panel.html#/flows?q=${encodeURIComponent(q)}`, 'nav.flow-list');
  await p.waitForFunction((w: string) => (document.querySelector('input[name="flow-search"]') as HTMLInputElement | null)?.value === w, {}, q);
  // Every search here finds something: wait for the list's rows (filtered in the same render that shows them).
  await p.waitForSelector('nav.flow-list [data-flow-id]');
  const ids = await p.$$eval('nav.flow-list [data-flow-id]', (els) => els.map((e) => e.getAttribute('data-flow-id') ?? ''));
  await p.close();
  return ids;
}

describe.skipIf(!!skip)(`compare and relaunch in Firefox${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let h: FirefoxHarness;
  useFirefoxHarness((x) => (h = x));
  let codeId = '';
  let implicitId = '';
  let recordedId = '';
  let relaunchedId = '';

  it('"Run both" on the demo implicit client: one login, the comparison opens; picked by hand in the list it is the same pair', async () => {
    await h.clearCookies();
    // offline_access survives only with prompt=consent (OIDC Core 11): the code flow's refresh token.
    const profile = profileFor(h.demo.provider.issuer, 'grantscope-implicit', {
      name: 'Demo implicit client (run both, Firefox)',
      request: { scope: 'openid profile email offline_access', responseType: 'id_token token', prompt: 'consent' } as never,
    });
    await saveProfile(h, profile);
    const panel = await h.openExtensionPage('panel.html#/profiles', `[data-profile-id="${profile.id}"]`);
    await panel.setViewport({ width: 1280, height: 900 });
    await panel.click(`[data-profile-id="${profile.id}"]`);
    await panel.waitForSelector('[data-testid="run-both-start"]');
    await h.shoot(panel, 'run-both-profile');

    // A real (trusted) click: host access is asked for inside it, and Firefox prompts only there.
    const hitsBefore = h.demo.provider.appHits.length;
    await panel.click('[data-testid="run-both-start"]');
    const first = await providerTab(h);
    const firstTarget = first.target();
    await playProvider(first, USER);
    // The second flow: the provider keeps the session, so only the consent prompt=consent asks for.
    const second = await providerTab(h, [firstTarget]);
    await playProvider(second, USER);

    await panel.waitForSelector('[data-testid="compare-view"] [data-testid="compare-verdict"]', { timeout: 30_000 });
    const [, a, b] = /#\/compare\/([^/?]+)\/([^/?]+)/.exec(await hash(panel)) ?? [];
    expect(a && b && a !== b).toBeTruthy();
    [codeId, implicitId] = [a!, b!];
    const verdict = await panel.$eval('[data-testid="compare-verdict"]', (e) => (e as HTMLElement).innerText);
    expect(verdict).toContain('A (code + PKCE) keeps tokens out of the URL; B (implicit) put the access token and ID token in the URL fragment; only A got a refresh token');
    // Where the access token travelled: the token endpoint for code, the URL fragment for implicit.
    expect(await cell(panel, 'travel.access_token.channel', 'A')).toBe('back channel (token endpoint)');
    expect(await cell(panel, 'travel.access_token.channel', 'B')).toBe('front channel (URL fragment)');
    expect(await cell(panel, 'travel.access_token.seen-by', 'B')).toContain('browser history');
    // A refresh token only from the code flow.
    expect(await state(panel, 'returned.refresh_token')).toBe('differs');
    expect(await cell(panel, 'returned.refresh_token', 'A')).toMatch(/^present/);
    expect(await cell(panel, 'returned.refresh_token', 'B')).toBe('—');
    // The ID tokens claim by claim: the same person, the implicit one alone carries at_hash (OIDC Core 3.2.2.10).
    expect(await state(panel, 'idtoken.claim.sub')).toBe('same');
    expect(await cell(panel, 'idtoken.claim.sub', 'A')).toContain(USER);
    expect(await state(panel, 'idtoken.claim.at_hash')).toBe('only-b');
    expect(await state(panel, 'findings.implicit.token')).toBe('differs');
    // Grantscope stopped both redirects: the app's /app/callback never saw a code or a token.
    expect(h.demo.provider.appHits.length).toBe(hitsBefore);
    await h.shoot(panel, 'compare');

    // One click: only the rows that differ, kept in the URL.
    await panel.click('[data-testid="only-differences"]');
    await panel.waitForFunction((w: string) => location.hash === w, {}, `#/compare/${a}/${b}?only=diff`);
    expect(await panel.$$('tr[data-state="same"]')).toHaveLength(0);
    expect(await state(panel, 'travel.access_token.channel')).toBe('differs');
    expect(await panel.$eval('[data-testid="only-differences"]', (e) => e.getAttribute('aria-pressed'))).toBe('true');
    await h.shoot(panel, 'compare-only-differences');
    await panel.close();

    // The comparison's address opened in a new tab (a bookmark, a link): the same view, still filtered.
    const again = await h.openExtensionPage(`panel.html#/compare/${a}/${b}?only=diff`, '[data-testid="compare-verdict"]');
    expect(await again.$eval('[data-testid="compare-verdict"]', (e) => (e as HTMLElement).innerText)).toBe(verdict);
    expect(await again.$eval('[data-testid="only-differences"]', (e) => e.getAttribute('aria-pressed'))).toBe('true');
    // The two ID tokens, header and claims side by side, at an address of their own; Back returns.
    await again.click('[data-token-diff="id_token"]');
    await again.waitForSelector('[data-testid="token-diff"]');
    expect(await hash(again)).toBe(`#/tokens/${a}/${b}?ta=id_token&tb=id_token`);
    expect(await state(again, 'claim.at_hash')).toBe('only-b');
    expect(await state(again, 'claim.sub')).toBe('same');
    // In an 800 px window the flow pickers shrink to fit; Flow B's once ran off the right edge.
    expect(await again.$eval('select[name="tokenFlowB"]', (e) => e.getBoundingClientRect().right <= window.innerWidth)).toBe(true);
    await h.shoot(again, 'token-diff');
    await again.evaluate(() => history.back());
    await again.waitForSelector('[data-testid="compare-verdict"]');
    await again.close();

    // The same pair ticked by hand in the list, then Compare: the same address.
    const list = await h.openExtensionPage('panel.html#/flows', `input[data-pick="${a}"]`);
    await list.setViewport({ width: 1280, height: 900 });
    await list.click(`input[data-pick="${a}"]`);
    await list.waitForFunction(() => document.querySelector('[data-testid="compare-bar"]')?.textContent?.includes('tick one more flow'));
    await list.click(`input[data-pick="${b}"]`);
    await list.waitForSelector('[data-testid="compare-picked"]');
    await h.shoot(list, 'compare-picked');
    await list.click('[data-testid="compare-picked"]');
    await list.waitForSelector('[data-testid="compare-verdict"]');
    expect(await hash(list)).toBe(`#/compare/${a}/${b}`);
    expect(await list.$eval('[data-testid="compare-verdict"]', (e) => (e as HTMLElement).innerText)).toBe(verdict);
    await list.close();
  });

  it('a recorded SPA login relaunched with PKCE off: stopped at the redirect, its verdict fails pkce.missing', async () => {
    await h.clearCookies();
    const app = await h.newPage();
    await spaLogin(app, h.demo);
    const p = await h.openExtensionPage('panel.html', 'nav.flow-list');
    await p.setViewport({ width: 1280, height: 900 });
    const host = new URL(h.demo.spa.origin).host;
    const item = await p.waitForFunction(
      (site: string) => [...document.querySelectorAll('[data-flow-id][data-source="captured"][data-status="complete"]')].find((e) => e.textContent?.includes(site)),
      { timeout: 20_000 },
      host,
    );
    const row = item.asElement() as ElementHandle<Element>;
    recordedId = (await row.evaluate((e) => e.getAttribute('data-flow-id'))) ?? '';
    await row.click();
    await p.waitForSelector('[data-testid="flow-detail"][data-source="captured"]');

    // Click 1: the editable launch, filled from the recording, stopped at the redirect by default.
    await p.click('[data-testid="relaunch-open"]');
    await p.waitForSelector('[data-testid="relaunch"]');
    const value = (name: string) => p.$eval(`[data-testid="relaunch"] [name="${name}"]`, (e) => (e as HTMLInputElement).value);
    expect(await value('relaunchClientId')).toBe('grantscope-spa');
    expect(await value('relaunchRedirectUri')).toBe(`${h.demo.spa.origin}/callback.html`);
    expect(await value('relaunchPkce')).toBe('S256');
    expect(await p.$eval('[data-testid="relaunch-notes"]', (e) => (e as HTMLElement).innerText)).toContain('Stops at the redirect');
    await p.select('[data-testid="relaunch"] select[name="relaunchPkce"]', 'none');
    await h.shoot(p, 'relaunch-form');

    // Click 2: the provider refuses at once (PKCE is required of public clients); the app never hears of it.
    const appCallbacks = () => h.demo.spa.hits.filter((x) => x.startsWith('/callback.html')).length;
    const before = appCallbacks();
    await p.click('[data-testid="relaunch"] [data-testid="relaunch-start"]');
    await p.waitForSelector('[data-testid="flow-detail"][data-source="launched"][data-status="failed"]', { timeout: 30_000 });
    relaunchedId = /#\/flows\/([^/?]+)/.exec(await hash(p))?.[1] ?? '';
    expect(relaunchedId).not.toBe('');
    expect(relaunchedId).not.toBe(recordedId);
    expect(await p.$eval('li.step[data-step="callback"]', (e) => (e as HTMLElement).innerText)).toContain('Grantscope stopped this redirect');
    expect(appCallbacks()).toBe(before);
    expect(await p.$$eval('[data-testid="authz-params"] th', (els) => els.map((e) => e.textContent?.trim()))).not.toContain('code_challenge');
    expect(await p.$eval('li.verdict-item[data-rule="pkce.missing"]', (e) => e.getAttribute('data-outcome'))).toBe('fail');
    await h.shoot(p, 'relaunch-result');
    await Promise.all([p.close(), app.close()]);
  });

  it('search finds flows by what they hold: S256, fragment, the sub, a finding', async () => {
    expect(codeId && implicitId && recordedId && relaunchedId).toBeTruthy();
    // S256: the code + PKCE launch and the recorded SPA login, not the RS256 of every ID token.
    const s256 = await found(h, 'S256');
    expect(s256).toContain(codeId);
    expect(s256).toContain(recordedId);
    expect(s256).not.toContain(implicitId);
    expect(s256).not.toContain(relaunchedId);
    // fragment: the implicit flow alone received its tokens there.
    expect(await found(h, 'fragment')).toEqual([implicitId]);
    expect((await found(h, USER)).sort()).toEqual([codeId, implicitId].sort());
    expect(await found(h, 'pkce.missing')).toEqual([relaunchedId]);
    const p = await h.openExtensionPage('panel.html#/flows?q=S256', 'nav.flow-list [data-flow-id]');
    await p.setViewport({ width: 1280, height: 900 });
    await h.shoot(p, 'search-s256');
    await p.close();
  });
});
