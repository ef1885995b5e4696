/**
 * Issue 9 in Firefox: the hostile site of test/apps/hostile-site.ts against the Firefox build, where the
 * response filter (webRequest.filterResponseData) reads provider answers in a blocking listener, so a
 * hostile answer that takes the worker seconds holds up every page load in the browser. The cases here
 * are the ones Firefox adds to, or runs differently from, the Chromium suite (test/e2e/hostile-site.test.ts):
 * Frozen worker, Token theft (the filter reads the planted documents itself) and Forged verdict.
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORGED_ISSUER, type HostileSite, PLANTED, startHostileSite } from '../apps/hostile-site';
import { finishLogin, webappLogin } from './apps';
import { type FirefoxHarness, firefoxSkipReason, useFirefoxHarness } from './harness';

const skip = firefoxSkipReason();
if (skip) console.warn(`e2e-firefox skipped: ${skip}`);

const RECORDED = '[data-flow-id][data-source="captured"]';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!!skip)(`a hostile site in Firefox (issue 9)${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let h: FirefoxHarness;
  useFirefoxHarness((x) => (h = x));
  let evil: HostileSite;
  beforeAll(async () => {
    evil = await startHostileSite({ realIssuer: h.demo.provider.issuer });
  });
  afterAll(async () => {
    await evil?.close();
  });

  const host = (origin: string) => new URL(origin).host;
  const panel = () => h.openExtensionPage('panel.html', 'nav.flow-list');

  interface Listed { id: string; status: string; site: string }
  const recorded = (p: Page): Promise<Listed[]> =>
    p.$$eval(RECORDED, (els) =>
      els.map((e) => ({ id: e.getAttribute('data-flow-id') ?? '', status: e.getAttribute('data-status') ?? '', site: e.querySelector('[data-testid="flow-site"]')?.getAttribute('title') ?? '' })),
    );
  const onSite = (list: Listed[], origin: string) => list.filter((f) => f.site.split('\n').includes(origin));

  /** Polls `get` until `ok` holds or the time is up; returns the last value. */
  async function until<T>(get: () => Promise<T>, ok: (v: T) => boolean, timeout = 20_000): Promise<T> {
    const end = Date.now() + timeout;
    let v = await get();
    while (!ok(v) && Date.now() < end) {
      await sleep(250);
      v = await get();
    }
    return v;
  }

  async function openFlow(p: Page, id: string): Promise<void> {
    const item = (await p.waitForSelector(`${RECORDED}[data-flow-id="${id}"]`)) as ElementHandle<Element>;
    await item.click();
    await p.waitForSelector(`${RECORDED}[data-flow-id="${id}"][aria-current="true"]`);
    await p.waitForSelector('[data-testid="flow-detail"]');
  }

  async function attackerTab(): Promise<Page> {
    const page = await h.newPage();
    await page.goto(`${evil.origin}/`, { waitUntil: 'load' });
    return page;
  }

  /** The page fetches each URL and does not wait for the answers. */
  const fire = (page: Page, urls: string[], form?: Record<string, string>) =>
    page.evaluate((list: string[], f: Record<string, string> | null) => {
      for (const u of list) void fetch(u, f ? { method: 'POST', body: new URLSearchParams(f) } : {}).catch(() => undefined);
    }, urls, form ?? null);

  async function bystanderLoad(): Promise<number> {
    const tab = await h.newPage();
    const t0 = Date.now();
    await tab.goto(`${evil.bystander.origin}/?n=${t0}`, { waitUntil: 'load', timeout: 60_000 });
    const took = Date.now() - t0;
    await tab.close();
    return took;
  }

  it('Frozen worker: a 250 K `error` answer holds up no page load in another tab, and the flow gets its answer', async () => {
    const attacker = await attackerTab();
    const form = { grant_type: 'authorization_code', code: 'evil-code', client_id: evil.clientId, redirect_uri: `${evil.origin}/cb` };
    const loads: number[] = [];
    for (let i = 0; i < 3; i++) {
      await fire(attacker, [`${evil.origin}/token`], form);
      loads.push(await bystanderLoad());
    }
    await attacker.close();
    expect(Math.max(...loads), `page loads while the answer is read: ${loads.join(', ')} ms`).toBeLessThan(3000);
    // The answer reached the flow: it says the redemption failed, not "redeeming" for ever.
    const p = await panel();
    const flows = await until(() => recorded(p).then((l) => onSite(l, evil.origin)), (l) => l.length > 0 && l.every((f) => f.status !== 'redeeming'), 20_000);
    expect(flows.length).toBeGreaterThan(0);
    expect(flows.map((f) => f.status)).not.toContain('redeeming');
    await p.close();
  }, 90_000);

  it('Token theft: documents planted mid-login send no token of the person to the attacker', async () => {
    await h.clearCookies();
    const app = await h.newPage();
    await webappLogin(app, h.demo);
    await h.clearCookies(); // so the SPA's login stops at the provider's form
    await app.goto(`${h.demo.spa.origin}/`, { waitUntil: 'load' });
    await app.waitForFunction(() => (document.querySelector('[data-testid="client-id"]')?.textContent ?? '…') !== '…');
    await app.click('[data-testid="login"]');
    await app.waitForSelector('input[name="login"]');
    const attacker = await attackerTab();
    await fire(attacker, PLANTED.map((n) => evil.plant(n)));
    await sleep(1500);
    await finishLogin(app, 'alice');
    const tokens = await app.evaluate(() => JSON.parse(sessionStorage.getItem('grantscope-spa/session') ?? '{}') as { accessToken?: string; refreshToken?: string });
    expect(tokens.accessToken).toBeTruthy();
    await fire(attacker, PLANTED.map((n) => `${evil.plant(n)}?again=1`));
    await sleep(1000);

    const p = await panel();
    const spa = await until(() => recorded(p).then((l) => onSite(l, h.demo.spa.origin).find((f) => f.status === 'complete')), (f) => !!f);
    expect(spa, 'the SPA flow, complete').toBeTruthy();
    await openFlow(p, spa!.id);
    const actionsText = await p.$eval('[data-testid="token-actions"]', (e) => e.textContent ?? '').catch(() => '');
    expect.soft(actionsText, 'the token actions’ text').not.toContain(host(evil.origin));

    // Press every read-only action offered (each lands as a step, or says why not).
    const labels = await p.$$eval('[data-testid="token-actions"] button', (els) => els.map((e) => ({ text: e.textContent ?? '', disabled: (e as HTMLButtonElement).disabled })));
    console.info('token actions on the person’s SPA flow:', labels);
    for (const [i, l] of labels.entries()) {
      if (l.disabled || !/^(Userinfo|Introspect)/.test(l.text)) continue;
      const before = (await p.$$('li.step')).length;
      await p.$$eval('[data-testid="token-actions"] button', (els, n) => (els[n] as HTMLButtonElement).click(), i);
      await until(async () => (await p.$$('li.step')).length > before || (await p.$$('[data-testid="token-actions"] [role="alert"]')).length > 0, (v) => v, 20_000);
    }
    await sleep(1000);
    const secrets = [tokens.accessToken, tokens.refreshToken].filter((t): t is string => !!t);
    expect.soft(secrets.flatMap((s) => evil.holding(s).map((r) => `${r.method} ${r.url.slice(0, 120)}`)), 'requests to the attacker carrying the person’s tokens').toEqual([]);
    expect.soft(evil.hits.filter((r) => r.url.startsWith('/steal/')).map((r) => `${r.method} ${r.url}`), 'calls to the planted endpoints').toEqual([]);
    expect.soft(evil.victim.hits.map((r) => `${r.method} ${r.url}`), 'requests to the host the planted jwks_uri names').toEqual([]);
    // A clean sign-in still records, verifies and offers Userinfo (the app called it itself).
    expect.soft(labels.some((l) => /^Userinfo/.test(l.text) && !l.disabled), 'Userinfo offered on the person’s flow').toBe(true);
    const verdict = await until(() => p.$eval('[data-testid="flow-detail"] [data-testid="verification"]', (e) => e.getAttribute('data-status')).catch(() => null), (v) => v === 'verified', 15_000);
    expect.soft(verdict, 'the person’s ID token, checked with its own provider’s keys').toBe('verified');
    expect.soft(await p.$eval('[data-testid="captured-who"]', (e) => e.textContent), 'the issuer the flow shows').toContain(h.demo.provider.issuer);
    await Promise.all([p.close(), app.close(), attacker.close()]);
  }, 90_000);

  it('Forged verdict: a planted document or an iss parameter naming Google gets the attacker’s own ID token no "verified"', async () => {
    const attacker = await attackerTab();
    const authorize = (state: string, nonce: string) =>
      `${evil.origin}/authorize?${new URLSearchParams({ response_type: 'id_token', client_id: evil.clientId, redirect_uri: `${evil.origin}/cb`, scope: 'openid email', state, nonce })}`;
    const p0 = await panel();
    const known = new Set((await recorded(p0)).map((f) => f.id));
    await p0.close();
    await attacker.goto(authorize('forge-1', 'nonce-1'), { waitUntil: 'load' });
    await fire(attacker, [evil.plant('google'), `${evil.origin}/.well-known/openid-configuration`]);
    await sleep(1500);
    await attacker.goto(`${evil.origin}/send?kind=forged&state=forge-1&nonce=nonce-1`, { waitUntil: 'load' });
    await attacker.goto(authorize('forge-2', 'nonce-2'), { waitUntil: 'load' });
    await attacker.goto(`${evil.origin}/send?kind=forged-iss&state=forge-2&nonce=nonce-2`, { waitUntil: 'load' });
    await attacker.close();

    const p = await panel();
    const forged = await until(() => recorded(p).then((l) => onSite(l, evil.origin).filter((f) => !known.has(f.id))), (l) => l.length >= 2, 15_000);
    expect(forged.length).toBeGreaterThanOrEqual(2);
    for (const f of forged) {
      await openFlow(p, f.id);
      await sleep(1500);
      const shown = await p.$$eval('[data-testid="flow-detail"] [data-testid="verification"]', (els) => els.map((e) => e.getAttribute('data-status')));
      expect(shown, `flow ${f.id}: signature verdicts`).not.toContain('verified');
      expect((await p.$$('[data-testid="flow-detail"] [data-finding="iss"][data-status="pass"]')).length, `flow ${f.id}: "iss is the issuer: pass" for ${FORGED_ISSUER}`).toBe(0);
    }
    await p.close();
  }, 90_000);
});
