/**
 * Issue 9, "Recorded traffic is hostile", from the attacker's side, against the built extension in
 * Chromium. Recording is on for every site, so a page on another host (test/apps/hostile-site.ts, at
 * http://localhost:PORT while the person's apps and provider are on 127.0.0.1) feeds the recorder what
 * it likes: planted discovery documents, forged ID tokens, floods, megabyte URLs and bodies, a 53 KB ID
 * token nested 20,000 deep, a 250 K `error` answer, discovery URLs that never answer.
 *
 * The person signs in on the real demo SPA (page capture on, so the recorded flow holds real tokens)
 * and the server-side app; every attack then asserts from the person's side: no token of theirs reaches
 * the attacker's server, no "verified" comes from the attacker's keys, other tabs' page loads are not
 * held up, their earlier flows are still listed (and any message says so truly), the panel still lists
 * and shows flows, and "Clear flows" leaves nothing of the recorder's behind.
 *
 * The tests share one browser and run in order: each attack leaves its traces for the next, as a real
 * hostile site would.
 *
 * They run against the RELEASE build (issue 9, Done when: "every attack above fails against the release
 * build"): nothing here needs a test hook, the release build holds host access to every site, and the
 * page-capture opt-in's `scripting` request is granted by headless Chromium without a prompt. One build
 * per run keeps the suite's time; GRANTSCOPE_HOSTILE_BUILD=test runs the same attacks on the test build.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORGED_ISSUER, HUGE_CALLBACK_CHARS, HUGE_DOCS, HUGE_FORM_CHARS, type HostileSite, PLANTED, startHostileSite } from '../apps/hostile-site';
import { loginAtProvider, waitSignedIn, webappLogin } from './apps';
import { runCodeFlow } from './flows';
import { type Harness, type HarnessBuild, useHarness } from './harness';

const BUILD: HarnessBuild = process.env.GRANTSCOPE_HOSTILE_BUILD === 'test' ? 'test' : 'release';
let h: Harness;
useHarness((x) => (h = x), { apps: true, build: BUILD });

let evil: HostileSite;
beforeAll(async () => {
  evil = await startHostileSite({ realIssuer: h.provider.issuer });
});
afterAll(async () => {
  await evil?.close();
});

const apps = () => ({ ...h.apps!, provider: h.provider });
const host = (origin: string) => new URL(origin).host;
const RECORDED = '[data-flow-id][data-source="captured"]';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The person's recorded flows (SPA and web app), by id, as the tests go. */
const personFlows = new Set<string>();
/** The person's SPA flow, which holds their tokens. */
let spaFlow = '';
/** The person's tokens, read from the SPA's own session storage. */
let tokens: { accessToken: string; refreshToken?: string } = { accessToken: '' };

async function panel(view = ''): Promise<Page> {
  const p = await h.openPage(`panel.html${view ? `#${view}` : ''}`);
  await p.waitForSelector('nav.flow-list, [data-testid="recording-view"]');
  return p;
}

interface Listed { id: string; status: string; site: string }
async function recorded(p: Page): Promise<Listed[]> {
  return p.locator(RECORDED).evaluateAll((els) =>
    els.map((e) => ({ id: e.getAttribute('data-flow-id') ?? '', status: e.getAttribute('data-status') ?? '', site: e.querySelector('[data-testid="flow-site"]')?.getAttribute('title') ?? '' })),
  );
}
const onSite = (list: Listed[], origin: string) => list.filter((f) => f.site.split('\n').includes(origin));

async function openFlow(p: Page, id: string): Promise<void> {
  await p.click(`${RECORDED}[data-flow-id="${id}"]`);
  await p.waitForSelector(`[data-testid="flow-detail"]`);
  await expect.poll(() => p.locator(`${RECORDED}[data-flow-id="${id}"][aria-current="true"]`).count()).toBeGreaterThan(0);
}

/** Waits until a flow on `origin` (with `status`, unless '') shows that is not in `known`; returns its id. */
async function waitNewFlow(p: Page, origin: string, status: string, known: Set<string>, timeout = 20_000): Promise<string> {
  let id = '';
  await expect
    .poll(async () => {
      id = onSite(await recorded(p), origin).find((f) => (status === '' || f.status === status) && !known.has(f.id))?.id ?? '';
      return id;
    }, { timeout })
    .not.toBe('');
  return id;
}

/** A tab on the attacker's site, where its scripts run. */
async function attackerTab(): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(`${evil.origin}/`);
  return page;
}

/** The page fetches each URL and does not wait for the answers (some never come). */
async function fire(page: Page, urls: string[], init?: { method: string; body?: string; form?: Record<string, string> }): Promise<void> {
  await page.evaluate(
    ([list, i]) => {
      for (const u of list) {
        const body = i?.form ? new URLSearchParams(i.form) : i?.body;
        void fetch(u, { ...(i ? { method: i.method } : {}), ...(body !== undefined ? { body } : {}) }).catch(() => undefined);
      }
    },
    [urls, init] as const,
  );
}

/** Every request the attacker's server got that carries one of the person's tokens. */
function stolen(): string[] {
  const secrets = [tokens.accessToken, tokens.refreshToken].filter((t): t is string => !!t);
  return secrets.flatMap((s) => evil.holding(s).map((r) => `${r.method} ${r.url.slice(0, 120)}`));
}

/** Loads the bystander page in a fresh tab and returns how long the load took. */
async function bystanderLoad(): Promise<number> {
  const tab = await h.context.newPage();
  const t0 = Date.now();
  await tab.goto(`${evil.bystander.origin}/?n=${t0}`, { waitUntil: 'load', timeout: 60_000 });
  const took = Date.now() - t0;
  await tab.close();
  return took;
}

/**
 * Presses a token action on the open flow when it is offered, and waits for its step or its refusal.
 * Returns what the button said, or why it was not pressed.
 */
async function press(p: Page, label: RegExp): Promise<string> {
  const actions = p.locator('[data-testid="token-actions"]');
  const button = actions.getByRole('button', { name: label }).first();
  if ((await button.count()) === 0) return 'absent';
  const said = `${await button.innerText()} ${(await button.getAttribute('title')) ?? ''}`;
  if (await button.isDisabled()) return `disabled: ${said}`;
  const before = await p.locator('li.step').count();
  const errorsBefore = await actions.locator('[role="alert"]').count();
  await button.click();
  await expect
    .poll(async () => (await p.locator('li.step').count()) > before || (await actions.locator('[role="alert"]').count()) > errorsBefore, { timeout: 20_000 })
    .toBe(true);
  return `pressed: ${said}`;
}

/** The verification verdicts the open flow shows, once none is still being worked out. */
async function verdicts(p: Page): Promise<string[]> {
  await sleep(1500); // the ID token check runs after the step is stored, and may fetch keys
  return p.locator('[data-testid="flow-detail"] [data-testid="verification"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status') ?? ''));
}

describe(`a hostile site cannot steer tokens, forge a verdict, stall recording, wipe flows or kill the panel (issue 9, ${BUILD} build)`, () => {
  it('Token theft: documents planted mid-login send no token of the person to the attacker; the buttons point at the real provider', async () => {
    // The build under attack is the one named: a release build asks for scripting and holds no loopback grant.
    const first = await panel();
    const manifest = await first.evaluate(() => (globalThis as unknown as { chrome: { runtime: { getManifest(): { host_permissions?: string[]; optional_permissions?: string[] } } } }).chrome.runtime.getManifest());
    await first.close();
    expect(manifest.host_permissions?.includes('http://127.0.0.1/*'), 'the test build’s loopback grant').toBe(BUILD === 'test');
    expect(manifest.optional_permissions?.includes('scripting') ?? false, 'scripting optional (release)').toBe(BUILD === 'release');
    // Page capture for the SPA: its token answer is then recorded, so the flow holds real tokens.
    const settings = await panel('recording');
    await settings.fill('input[name="page-capture-site"]', apps().spa.origin);
    await settings.getByRole('button', { name: 'Add site' }).click();
    await settings.waitForSelector(`[data-site="${apps().spa.origin}"]`);
    await settings.close();

    const app = await h.context.newPage();
    await webappLogin(app, apps());
    await h.context.clearCookies(); // so the SPA's login stops at the provider's form
    // The SPA login, stopped at the provider's login form: the recorded flow has its authorization
    // request and nothing else, its issuer still a guess. Now the attacker plants its documents.
    await app.goto(`${apps().spa.origin}/`);
    await app.waitForSelector('[data-testid="client-id"]:not(:text("…"))');
    const from = app.url();
    await app.click('[data-testid="login"]');
    await app.waitForSelector('input[name="login"]');
    const attacker = await attackerTab();
    await fire(attacker, PLANTED.map((n) => evil.plant(n)));
    await sleep(1500);
    await loginAtProvider(app, h.provider.issuer, { from });
    await waitSignedIn(app, 'alice');
    await app.waitForFunction(() => !!document.querySelector('[data-testid="userinfo"]')?.textContent);
    tokens = await app.evaluate(() => JSON.parse(sessionStorage.getItem('grantscope-spa/session') ?? '{}') as { accessToken: string; refreshToken?: string });
    expect(tokens.accessToken).toBeTruthy();
    // After the login too: documents planted once the flow is complete change nothing either.
    await fire(attacker, PLANTED.map((n) => `${evil.plant(n)}?again=1`));
    await sleep(1000);

    const p = await panel();
    const web = await waitNewFlow(p, apps().webapp.origin, 'observed', personFlows);
    personFlows.add(web);
    spaFlow = await waitNewFlow(p, apps().spa.origin, 'complete', personFlows);
    personFlows.add(spaFlow);
    await openFlow(p, spaFlow);
    // Whatever the buttons say about where they send, it is not the attacker's host.
    expect.soft(await p.locator('[data-testid="token-actions"]').innerText(), 'the token actions’ text').not.toContain(host(evil.origin));
    const pressed = [];
    for (const label of [/^Userinfo/, /^Introspect access token/, /^Introspect refresh token/]) pressed.push(await press(p, label));
    console.info('token actions on the person’s SPA flow:', pressed);
    await sleep(1000);
    expect.soft(stolen(), 'requests to the attacker that carry the person’s tokens').toEqual([]);
    expect.soft(evil.hits.filter((r) => r.url.startsWith('/steal/')).map((r) => `${r.method} ${r.url}`), 'calls to the planted endpoints').toEqual([]);
    // Every exchange the actions made went to the person's own provider.
    const targets = await p.locator('li.step[data-step="exchange"]').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    expect.soft(targets.filter((t) => t.includes(host(evil.origin))), 'exchanges sent to the attacker').toEqual([]);
    // A clean sign-in still records, verifies and offers its token actions (issue 9, Done when): the
    // app itself called userinfo, so that endpoint is the app's own and Userinfo is offered.
    expect.soft(pressed[0], 'Userinfo on the person’s flow').toMatch(/^pressed/);
    const verdict = p.locator('[data-testid="flow-detail"] [data-testid="verification"]').first();
    for (let end = Date.now() + 15_000; Date.now() < end && (await verdict.getAttribute('data-status').catch(() => null)) !== 'verified'; ) await sleep(250);
    expect.soft(await verdict.getAttribute('data-status').catch(() => null), 'the person’s ID token, checked with its own provider’s keys').toBe('verified');
    expect.soft(await p.locator('[data-testid="captured-who"]').innerText(), 'the issuer the flow shows').toContain(h.provider.issuer);
    await h.shoot(p, 'hostile-token-theft');
    await Promise.all([p.close(), app.close(), attacker.close()]);
  });

  it('Forged verdict: a planted document or an iss parameter naming Google gets the attacker’s own ID token no "verified"', async () => {
    const attacker = await attackerTab();
    const authorize = (state: string, nonce: string) =>
      `${evil.origin}/authorize?${new URLSearchParams({ response_type: 'id_token', client_id: evil.clientId, redirect_uri: `${evil.origin}/cb`, scope: 'openid email', state, nonce })}`;
    // 1. The flow starts at the attacker's "Sign in with Google" page, the document naming Google as its
    //    issuer and the attacker's keys is fetched, then the forged ID token comes back in the fragment.
    await attacker.goto(authorize('forge-1', 'nonce-1'));
    await fire(attacker, [evil.plant('google'), `${evil.origin}/.well-known/openid-configuration`]);
    await sleep(1500);
    await attacker.goto(`${evil.origin}/send?kind=forged&state=forge-1&nonce=nonce-1`);
    // 2. The same token with RFC 9207's iss parameter saying Google, and no document at all.
    await attacker.goto(authorize('forge-2', 'nonce-2'));
    await attacker.goto(`${evil.origin}/send?kind=forged-iss&state=forge-2&nonce=nonce-2`);
    // 3. A document claiming the real issuer whose jwks_uri is an internal host (Blind requests, below).
    await attacker.goto(authorize('forge-3', 'nonce-3'));
    await fire(attacker, [`${evil.plant('blind')}?flow=3`]);
    await sleep(1500);
    await attacker.goto(`${evil.origin}/send?kind=forged&state=forge-3&nonce=nonce-3`);
    await sleep(1500);
    await attacker.close();

    const p = await panel();
    await expect.poll(async () => onSite(await recorded(p), evil.origin).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    for (const f of onSite(await recorded(p), evil.origin)) {
      await openFlow(p, f.id);
      const shown = await verdicts(p);
      expect(shown, `flow ${f.id}: signature verdicts`).not.toContain('verified');
      const issPass = await p.locator('[data-testid="flow-detail"] [data-finding="idtoken.iss"][data-status="pass"]').count();
      expect(issPass, `flow ${f.id}: "iss is the issuer: pass" for ${FORGED_ISSUER}`).toBe(0);
    }
    await h.shoot(p, 'hostile-forged-verdict');
    await p.close();
  });

  it('Dead panel: ID tokens nested 20,000 and 5,000 deep leave the list and every flow viewable', async () => {
    const before = await panel();
    const known = new Set(onSite(await recorded(before), evil.origin).map((f) => f.id));
    await before.close();
    const attacker = await attackerTab();
    // The 53 KB token of the issue, and a 13 KB one nested 5,000 deep that fits under a recorder's cut.
    for (const kind of ['deep', 'deep-small']) {
      await attacker.goto(`${evil.origin}/authorize?${new URLSearchParams({ response_type: 'id_token', client_id: evil.clientId, redirect_uri: `${evil.origin}/cb`, scope: 'openid', state: `${kind}-state`, nonce: 'deep-nonce' })}`);
      await attacker.goto(`${evil.origin}/send?kind=${kind}&state=${kind}-state`);
    }
    await sleep(2000); // recorded, and their ID tokens checked
    await attacker.close();

    const crashes: string[] = [];
    for (let round = 0; round < 2; round++) {
      // The panel opens on the newest flow, the deep one; the second round opens it again.
      const p = await h.openPage('panel.html');
      p.on('pageerror', (e) => crashes.push(e.message.slice(0, 200)));
      const listed = await p.waitForSelector('nav.flow-list', { timeout: 10_000 }).then(() => true, () => false);
      expect(listed, `round ${round + 1}: the panel shows its flow list with the deep token's flow recorded`).toBe(true);
      const deep = onSite(await recorded(p), evil.origin).filter((f) => !known.has(f.id));
      expect(deep.length, 'the deep tokens’ flows are listed').toBe(2);
      for (const [i, f] of deep.entries()) {
        await openFlow(p, f.id);
        await sleep(500);
        await expect(p.locator('nav.flow-list').isVisible()).resolves.toBe(true);
        await expect(p.locator('[data-testid="flow-detail"]').isVisible()).resolves.toBe(true);
        if (round === 0) await h.shoot(p, `hostile-deep-token-${i === 0 ? 'small' : 'large'}`);
      }
      await openFlow(p, spaFlow);
      await expect(p.locator('li.step').count()).resolves.toBeGreaterThan(0);
      await p.close();
    }
    expect(crashes, 'uncaught errors in the panel').toEqual([]);
  });


  it('Blind requests: a planted jwks_uri on another host is never fetched', async () => {
    // The "blind" document (planted in the first two tests) names the victim host, path and query included.
    expect(evil.victim.hits.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('Secrets unmasked: tokens in URLs and secret-looking names are masked in the panel', async () => {
    const attacker = await attackerTab();
    await attacker.goto(`${evil.origin}/authorize?${new URLSearchParams({ response_type: 'code', client_id: evil.clientId, redirect_uri: `${evil.origin}/cb`, state: 'mask-1' })}`);
    await attacker.evaluate(async (o) => {
      await fetch(`${o}/userinfo?access_token=SEKRIT-AT-1&session_token=SEKRIT-ST-2&api_key=SEKRIT-KEY-3`, { headers: { 'x-api-key': 'SEKRIT-HDR-4' } }).catch(() => undefined);
      await fetch(`${o}/oauth/token?session_token=SEKRIT-ST-5`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'authorization_code', code: 'SEKRIT-CODE-6', client_id: 'evil-client', client_assertion: 'SEKRIT-ASSERTION-7', redirect_uri: `${o}/cb` }),
      }).catch(() => undefined);
    }, evil.origin);
    await sleep(1000);
    await attacker.close();
    const p = await panel();
    const leaks: string[] = [];
    for (const f of onSite(await recorded(p), evil.origin)) {
      await openFlow(p, f.id);
      const text = await p.locator('[data-testid="flow-detail"]').innerText();
      leaks.push(...(text.match(/SEKRIT-[A-Z]+-\d/g) ?? []).map((s) => `${f.id}: ${s}`));
    }
    expect(leaks).toEqual([]);
    await p.close();
  });

  it('Frozen worker: a 250 K `error` answer holds up no page load in another tab', async () => {
    const attacker = await attackerTab();
    const form = { grant_type: 'authorization_code', code: 'evil-code', client_id: evil.clientId, redirect_uri: `${evil.origin}/cb` };
    const loads: number[] = [];
    for (let i = 0; i < 3; i++) {
      await fire(attacker, [`${evil.origin}/token`], { method: 'POST', form });
      loads.push(await bystanderLoad());
    }
    expect(Math.max(...loads), `page loads while the answer is read: ${loads.join(', ')} ms`).toBeLessThan(3000);
    await attacker.close();
  });

  it('Stalled recording: six discovery URLs that never answer do not delay the recording of a real sign-in', async () => {
    const attacker = await attackerTab();
    await fire(attacker, Array.from({ length: 6 }, (_, i) => evil.hang(i)));
    await sleep(500);
    const p = await panel();
    const app = await h.context.newPage();
    await webappLogin(app, apps());
    const done = Date.now();
    const id = await waitNewFlow(p, apps().webapp.origin, 'observed', personFlows, 30_000);
    const late = Date.now() - done;
    personFlows.add(id);
    expect(late, 'ms from "Signed in" to the flow in the panel').toBeLessThan(5000);
    await Promise.all([p.close(), app.close(), attacker.close()]);
  }, 60_000);

  /**
   * After a storage attack: a new real sign-in on the web app is still recorded (after everything
   * before it: one queue), none of the person's earlier flows is gone, and whatever the recorder says
   * about storage is true of them.
   */
  async function personIntact(what: string): Promise<void> {
    const t0 = Date.now();
    const stage = (s: string) => console.info(`${what}: ${s} at ${Date.now() - t0} ms`);
    const p = await panel();
    stage('panel open');
    const app = await h.context.newPage();
    await h.context.clearCookies();
    await webappLogin(app, apps());
    stage('signed in');
    personFlows.add(await waitNewFlow(p, apps().webapp.origin, 'observed', personFlows, 30_000));
    console.info(`${what}: the next real sign-in recorded ${Date.now() - t0} ms after it started`);
    const listed = await recorded(p);
    expect([...personFlows].filter((id) => !listed.some((f) => f.id === id)), `the person’s flows gone after ${what}`).toEqual([]);
    await Promise.all([app.close(), p.close()]);
    const settings = await panel('recording');
    const problem = (await settings.locator('[data-testid="capture-problem"]').allInnerTexts()).join(' ');
    if (problem) console.info(`${what}: the recorder says: ${problem}`);
    await settings.close();
  }

  it('Full storage: eight discovery documents of ~1.3 MB of endpoint URLs stop no recording and evict nothing', async () => {
    const attacker = await attackerTab();
    // Flows of the attacker's own, their issuer still a guess, for the documents to match.
    await fire(attacker, Array.from({ length: HUGE_DOCS }, (_, i) => `${evil.origin}/authorize?response_type=code&client_id=${evil.clientId}&state=huge-${i}`));
    await sleep(1000);
    await fire(attacker, Array.from({ length: HUGE_DOCS }, (_, i) => evil.huge(i)));
    await sleep(2000);
    await attacker.close();
    const t0 = Date.now();
    await personIntact('huge discovery');
    expect.soft(Date.now() - t0, 'ms to sign in and see the flow recorded after the huge documents').toBeLessThan(10_000);
    const p = await panel();
    const used = await p.evaluate(() => (globalThis as unknown as { chrome: { storage: { session: { getBytesInUse(k: null): Promise<number> } } } }).chrome.storage.session.getBytesInUse(null));
    await p.close();
    // storage.session holds 10 MB; learned endpoints and cut flows are bounded well below that.
    expect.soft(used, 'bytes in storage.session after the huge documents').toBeLessThan(5 * 1024 * 1024);
  }, 60_000);

  it('Wiped flows: one POST with an 11 MB form field evicts none of the person’s flows', async () => {
    const attacker = await attackerTab();
    await attacker.evaluate(
      ([u, client, n]) => fetch(u, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', client_id: client, code: 'x'.repeat(n) }) }).then(() => undefined, () => undefined),
      [`${evil.origin}/form`, evil.clientId, HUGE_FORM_CHARS] as const,
    );
    await attacker.close();
    await personIntact('an 11 MB form field');
  }, 60_000);

  it('Wiped flows: four 1.6 MB callback URLs evict none of the person’s flows', async () => {
    const attacker = await attackerTab();
    for (let i = 0; i < 4; i++) {
      const t0 = Date.now();
      await attacker.goto(`${evil.origin}/cb?code=evil-${i}&state=${String(i).repeat(HUGE_CALLBACK_CHARS)}`, { waitUntil: 'commit' });
      console.info(`1.6 MB callback ${i}: ${Date.now() - t0} ms`);
    }
    // Closing this tab once took Chromium ~60 s (four 1.6 MB entries in its history), in the browser
    // rather than the recorder: the sign-in below is what shows whether recording kept up.
    const closed = Date.now();
    void attacker.close().then(() => console.info(`1.6 MB callbacks: attacker tab closed after ${Date.now() - closed} ms`), () => undefined);
    await personIntact('four 1.6 MB callbacks');
    const p = await panel();
    await h.shoot(p, 'hostile-after-storage-attacks');
    await p.close();
  }, 60_000);

  it('Launching still works after the storage attacks', async () => {
    await h.context.clearCookies();
    const launched = await runCodeFlow(h, h.provider.issuer);
    await expect(launched.locator('[data-testid="outcome"]').getAttribute('data-kind')).resolves.toBe('success');
    await launched.close();
  });

  it('Flood: hundreds of OAuth-looking requests evict none of the person’s flows and are rate-limited per site', async () => {
    const attacker = await attackerTab();
    const FLOOD = 250;
    await attacker.evaluate(
      async ([o, n, client]) => {
        const urls = Array.from({ length: n }, (_, i) => `${o}/authorize?response_type=code&client_id=${client}&redirect_uri=${encodeURIComponent(`${o}/cb`)}&state=flood-${i}`);
        for (let i = 0; i < urls.length; i += 25) await Promise.all(urls.slice(i, i + 25).map((u) => fetch(u).catch(() => undefined)));
      },
      [evil.origin, FLOOD, evil.clientId] as const,
    );
    // A real sign-in after the flood: once it is recorded, so is everything before it (one queue).
    const p = await panel();
    const app = await h.context.newPage();
    await webappLogin(app, apps());
    personFlows.add(await waitNewFlow(p, apps().webapp.origin, 'observed', personFlows, 60_000));
    const listed = await recorded(p);
    expect([...personFlows].filter((id) => !listed.some((f) => f.id === id)), 'the person’s flows gone after the flood').toEqual([]);
    expect(onSite(listed, evil.origin).length, 'flows recorded from the flooding site').toBeLessThan(FLOOD / 2);
    await Promise.all([p.close(), app.close(), attacker.close()]);
  }, 90_000);

  it('Clear flows leaves no recorder data in storage', async () => {
    const p = await panel();
    const t0 = Date.now();
    const button = p.getByRole('button', { name: 'Clear flows' });
    // Disabled only when the list is already empty (a retry after a slow clear): the keys still count.
    if (await button.isEnabled()) await button.click();
    // Clear waits behind the store's queued writes: once, in a clean-clone CI run on a loaded 2-core
    // machine, it took 15-45 s after the flood (seen, not yet explained; closing note of issue 9), so
    // the wait is long and the time is logged to find out.
    await expect.poll(() => p.locator('[data-flow-id]').count(), { timeout: 50_000 }).toBe(0);
    console.info(`Clear flows: list empty after ${Date.now() - t0} ms`);
    type Area = { get(k: null): Promise<Record<string, unknown>> };
    const keys = await p.evaluate(async () => {
      const s = (globalThis as unknown as { chrome: { storage: { session: Area; local: Area } } }).chrome.storage;
      return { session: Object.keys(await s.session.get(null)), local: Object.keys(await s.local.get(null)) };
    });
    // The recorder's keys (src/background/capture-store.ts, known-endpoints.ts, badge.ts); its settings stay.
    const recorder = (k: string) => /^(captures$|cap:|capsecret:|capture:)/.test(k);
    expect(keys.session.filter(recorder)).toEqual([]);
    expect(keys.local.filter(recorder)).toEqual([]);
    await h.shoot(p, 'hostile-after-clear');
    await p.close();
  }, 75_000);
});
