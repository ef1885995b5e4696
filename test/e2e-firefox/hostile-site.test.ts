/**
 * Issue 9 in Firefox: the hostile site of test/apps/hostile-site.ts against the Firefox build, where the
 * response filter (webRequest.filterResponseData) reads provider answers in a blocking listener, so a
 * hostile answer that takes the worker seconds holds up every page load in the browser. The cases here
 * are the ones Firefox adds to, or runs differently from, the Chromium suite (test/e2e/hostile-site.test.ts):
 * Frozen worker, Token theft (the filter reads the planted documents itself) and Forged verdict; then the
 * attacks whose bounds live in the recorder and the panel, run here too: Dead panel (the 13 KB ID token
 * nested 5,000 deep, which fits under the 16 KB URL cut), Secrets unmasked, Wiped flows (an 11 MB form
 * field: Firefox hands webRequest the parsed form, as Chrome does; its ~1 MB URL limit refuses the
 * 1.6 MB callbacks before any listener sees them), Flood, and Clear flows.
 *
 * They run against the RELEASE build, what a person installs (issue 9, Done when), with the add-on's
 * host access granted at install as the prompt tells a person; nothing here needs a test hook.
 * GRANTSCOPE_HOSTILE_BUILD=test runs the same attacks on the test build.
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type browserApi from 'webextension-polyfill';
import { FORGED_ISSUER, HUGE_FORM_CHARS, type HostileSite, PLANTED, startHostileSite } from '../apps/hostile-site';
import { finishLogin, webappLogin } from './apps';
import { type FirefoxHarness, type HarnessBuild, firefoxSkipReason, useFirefoxHarness } from './harness';

const skip = firefoxSkipReason();
if (skip) console.warn(`e2e-firefox skipped: ${skip}`);

const RECORDED = '[data-flow-id][data-source="captured"]';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const BUILD: HarnessBuild = process.env.GRANTSCOPE_HOSTILE_BUILD === 'test' ? 'test' : 'release';

describe.skipIf(!!skip)(`a hostile site in Firefox (issue 9, ${BUILD} build)${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let h: FirefoxHarness;
  useFirefoxHarness((x) => (h = x), { build: BUILD });
  /** The person's recorded flows (web app and SPA), by id, as the tests go. */
  const personFlows = new Set<string>();
  let spaFlow = '';
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
    // The build under attack is the one named: the release build holds no loopback grant of its own.
    const first = await panel();
    const manifest = await first.evaluate(() => (globalThis as unknown as { browser: typeof browserApi }).browser.runtime.getManifest());
    await first.close();
    expect(manifest.host_permissions?.includes('http://127.0.0.1/*'), 'the test build’s loopback grant').toBe(BUILD === 'test');
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
    spaFlow = spa!.id;
    personFlows.add(spaFlow);
    const web = onSite(await recorded(p), h.demo.webapp.origin)[0];
    expect(web, 'the web app’s flow').toBeTruthy();
    personFlows.add(web!.id);
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
      expect((await p.$$('[data-testid="flow-detail"] [data-finding="idtoken.iss"][data-status="pass"]')).length, `flow ${f.id}: "iss is the issuer: pass" for ${FORGED_ISSUER}`).toBe(0);
    }
    await p.close();
  }, 90_000);

  it('Dead panel: an ID token nested 5,000 deep leaves the list and every flow viewable', async () => {
    const before = await panel();
    const known = new Set(onSite(await recorded(before), evil.origin).map((f) => f.id));
    await before.close();
    const attacker = await attackerTab();
    // 13 KB: it fits under the recorder's 16 KB URL cut, so the whole token reaches the panel.
    const authorize = `${evil.origin}/authorize?${new URLSearchParams({ response_type: 'id_token', client_id: evil.clientId, redirect_uri: `${evil.origin}/cb`, scope: 'openid', state: 'deep-small-state', nonce: 'deep-nonce' })}`;
    await attacker.goto(authorize, { waitUntil: 'load' });
    await attacker.goto(`${evil.origin}/send?kind=deep-small&state=deep-small-state`, { waitUntil: 'load' });
    await sleep(2000); // recorded, and its ID token checked
    await attacker.close();

    const crashes: string[] = [];
    for (let round = 0; round < 2; round++) {
      // The panel opens on the newest flow, the deep one; the second round opens it again.
      const p = await panel();
      p.on('pageerror', (e) => crashes.push(String((e as Error).message ?? e).slice(0, 200)));
      const deep = await until(() => recorded(p).then((l) => onSite(l, evil.origin).filter((f) => !known.has(f.id))), (l) => l.length >= 1, 10_000);
      expect(deep.length, 'the deep token’s flow is listed').toBe(1);
      await openFlow(p, deep[0]!.id);
      await sleep(500);
      expect(await p.$eval('[data-testid="flow-detail"]', (e) => (e as HTMLElement).innerText.length), 'the deep flow’s detail shows').toBeGreaterThan(0);
      expect(await p.$('nav.flow-list'), 'the flow list').not.toBeNull();
      if (round === 0) await h.shoot(p, 'hostile-deep-token-small');
      await openFlow(p, spaFlow);
      expect((await p.$$('li.step')).length, 'the person’s flow, opened after it').toBeGreaterThan(0);
      await p.close();
    }
    expect(crashes, 'uncaught errors in the panel').toEqual([]);
  }, 60_000);

  it('Secrets unmasked: tokens in URLs and secret-looking names are masked in the panel', async () => {
    const attacker = await attackerTab();
    await attacker.goto(`${evil.origin}/authorize?${new URLSearchParams({ response_type: 'code', client_id: evil.clientId, redirect_uri: `${evil.origin}/cb`, state: 'mask-1' })}`, { waitUntil: 'load' });
    await attacker.evaluate(async (o: string) => {
      await fetch(`${o}/userinfo?access_token=SEKRIT-AT-1&session_token=SEKRIT-ST-2&api_key=SEKRIT-KEY-3`, { headers: { 'x-api-key': 'SEKRIT-HDR-4' } }).catch(() => undefined);
      await fetch(`${o}/oauth/token?session_token=SEKRIT-ST-5`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'authorization_code', code: 'SEKRIT-CODE-6', client_id: 'evil-client', client_assertion: 'SEKRIT-ASSERTION-7', redirect_uri: `${o}/cb` }),
      }).catch(() => undefined);
    }, evil.origin);
    await sleep(1000);
    await attacker.close();
    const p = await panel();
    const flows = onSite(await recorded(p), evil.origin);
    // The attacker's code flow, where the secret-looking names were sent, is among them.
    expect(flows.length).toBeGreaterThan(0);
    const leaks: string[] = [];
    for (const f of flows) {
      await openFlow(p, f.id);
      const text = await p.$eval('[data-testid="flow-detail"]', (e) => (e as HTMLElement).innerText);
      leaks.push(...(text.match(/SEKRIT-[A-Z]+-\d/g) ?? []).map((x) => `${f.id}: ${x}`));
    }
    expect(leaks).toEqual([]);
    await p.close();
  }, 60_000);

  /** A new real sign-in on the web app is still recorded, and none of the person's flows is gone. */
  async function personIntact(what: string): Promise<void> {
    const t0 = Date.now();
    const p = await panel();
    const app = await h.newPage();
    await h.clearCookies();
    await webappLogin(app, h.demo);
    const fresh = await until(() => recorded(p).then((l) => onSite(l, h.demo.webapp.origin).find((f) => f.status === 'observed' && !personFlows.has(f.id))), (f) => !!f, 30_000);
    expect(fresh, `a real sign-in recorded after ${what}`).toBeTruthy();
    personFlows.add(fresh!.id);
    console.info(`${what}: the next real sign-in recorded ${Date.now() - t0} ms after it started`);
    const listed = await recorded(p);
    expect([...personFlows].filter((id) => !listed.some((f) => f.id === id)), `the person’s flows gone after ${what}`).toEqual([]);
    await Promise.all([app.close(), p.close()]);
  }

  it('Wiped flows: one POST with an 11 MB form field evicts none of the person’s flows', async () => {
    const attacker = await attackerTab();
    await attacker.evaluate(
      (u: string, client: string, n: number) => fetch(u, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', client_id: client, code: 'x'.repeat(n) }) }).then(() => undefined, () => undefined),
      `${evil.origin}/form`, evil.clientId, HUGE_FORM_CHARS,
    );
    await attacker.close();
    await personIntact('an 11 MB form field');
  }, 60_000);

  it('Flood: hundreds of OAuth-looking requests evict none of the person’s flows and are rate-limited per site', async () => {
    const attacker = await attackerTab();
    const FLOOD = 250;
    await attacker.evaluate(
      async (o: string, n: number, client: string) => {
        const urls = Array.from({ length: n }, (_, i) => `${o}/authorize?response_type=code&client_id=${client}&redirect_uri=${encodeURIComponent(`${o}/cb`)}&state=flood-${i}`);
        for (let i = 0; i < urls.length; i += 25) await Promise.all(urls.slice(i, i + 25).map((u) => fetch(u).catch(() => undefined)));
      },
      evil.origin, FLOOD, evil.clientId,
    );
    // A real sign-in after the flood: once it is recorded, so is everything before it (one queue).
    await personIntact('the flood');
    const p = await panel();
    expect(onSite(await recorded(p), evil.origin).length, 'flows recorded from the flooding site').toBeLessThan(FLOOD / 2);
    await p.close();
    await attacker.close();
  }, 90_000);

  it('Clear flows leaves no recorder data in storage', async () => {
    const p = await panel();
    await p.evaluate(() => {
      const b = [...document.querySelectorAll('button')].find((e) => e.textContent?.trim() === 'Clear flows');
      if (!b) throw new Error('no "Clear flows" button');
      b.click();
    });
    const left = await until(() => p.$$('[data-flow-id]').then((l) => l.length), (n) => n === 0, 15_000);
    expect(left, 'flows listed after Clear flows').toBe(0);
    // The extension page's own storage API: the same in every build.
    const keys = await p.evaluate(async () => {
      const s = (globalThis as unknown as { browser: typeof browserApi }).browser.storage;
      return { session: Object.keys(await s.session.get(null)), local: Object.keys(await s.local.get(null)) };
    });
    // The recorder's keys (src/background/capture-store.ts, known-endpoints.ts, badge.ts); its settings stay.
    const recorder = (k: string) => /^(captures$|cap:|capsecret:|capture:)/.test(k);
    expect(keys.session.filter(recorder)).toEqual([]);
    expect(keys.local.filter(recorder)).toEqual([]);
    await h.shoot(p, 'hostile-after-clear');
    await p.close();
  }, 60_000);
});
