/**
 * No event lost at worker start, in Firefox (issue 9, item 6; test/e2e/worker-start.test.ts is the
 * Chromium side). Firefox runs the background as an event page: it is suspended after
 * `extensions.background.idle.timeout` ms without events (30 s by default) and started again by the
 * next event its listeners were registered for. No CDP here, so the test shortens that timeout to
 * 1.5 s instead: a pause longer than that suspends the page, and the sign-in's first request starts a
 * new one. runtime.reload would reinstall the add-on (a new install, storage.session wiped), which is
 * not the path a person's browser takes, so it is not used.
 *
 * The background cannot be evaluated in from here, so the test build's start log
 * (test:workerStartTimes, src/background/test-hooks.ts) says when each start happened: a start
 * inside the sign-in's own time window is the one its requests caused.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'puppeteer-core';
import type browserApi from 'webextension-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spaLogin } from './apps';
import { type FirefoxHarness, firefoxSkipReason, launchFirefoxHarness } from './harness';

const skip = firefoxSkipReason();
if (skip) console.warn(`e2e-firefox skipped: ${skip}`);

const IDLE_MS = 1500;

type Step = { kind: string; url?: string; params?: Record<string, string>; orphan?: boolean; request?: { url: string } };
type StoredFlow = { id: string; steps: Step[] };

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

describe.skipIf(!!skip)(`no event lost at worker start, Firefox${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let h: FirefoxHarness;
  beforeAll(async () => {
    h = await launchFirefoxHarness({ prefs: { 'extensions.background.idle.timeout': IDLE_MS } });
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Recorded flows (storage.session), newest first, and the start log, read from the panel page. */
  async function stored(p: Page): Promise<{ flows: StoredFlow[]; starts: number[] }> {
    return p.evaluate(async () => {
      const session = (globalThis as unknown as { browser: typeof browserApi }).browser.storage.session;
      const got = await session.get(['captures', 'test:workerStartTimes']);
      const ids = (got.captures as string[] | undefined) ?? [];
      const flows = ids.length ? await session.get(ids.map((id) => `cap:${id}`)) : {};
      // Flows are stored as JSON text (flow-store.ts).
      const parse = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as StoredFlow) : (v as StoredFlow));
      return { flows: ids.map((id) => parse(flows[`cap:${id}`])).filter(Boolean), starts: (got['test:workerStartTimes'] as number[] | undefined) ?? [] };
    });
  }

  const panel = () => h.openExtensionPage('panel.html', 'nav.flow-list');

  /** New flows since `before`, once one holds the SPA's callback and its userinfo call (its last request). */
  async function newFlows(p: Page, before: Set<string>): Promise<StoredFlow[]> {
    const spa = h.demo.spa.origin;
    const whole = (f: StoredFlow) => f.steps.some((s) => s.kind === 'callback' && s.url?.startsWith(`${spa}/`)) && f.steps.some((s) => s.kind === 'exchange' && s.request?.url.endsWith('/me'));
    let fresh: StoredFlow[] = [];
    await expect
      .poll(async () => {
        fresh = (await stored(p)).flows.filter((f) => !before.has(f.id));
        return fresh.some(whole);
      }, { timeout: 15_000 })
      .toBe(true)
      .catch(() => undefined);
    return fresh;
  }

  /** The same whole-flow checks as the Chromium test: request, callback by state, redemption by PKCE, userinfo. */
  function expectWhole(flows: StoredFlow[]): StoredFlow {
    const spa = h.demo.spa.origin;
    const flow = flows.find((f) => f.steps.some((s) => s.kind === 'callback' && s.url?.startsWith(`${spa}/`)));
    expect(flow, `a new recorded flow with the SPA's callback; new flows: ${JSON.stringify(flows.map((f) => f.steps.map((s) => s.kind)))}`).toBeDefined();
    const kinds = flow!.steps.map((s) => s.kind);
    const auth = flow!.steps.find((s) => s.kind === 'authorization-request');
    const callback = flow!.steps.find((s) => s.kind === 'callback')!;
    const redeem = flow!.steps.find((s) => s.kind === 'token-request' && s.params?.grant_type === 'authorization_code');
    expect(auth, `the authorization request is in the flow: ${kinds.join(', ')}`).toBeDefined();
    expect(kinds.indexOf('authorization-request')).toBeLessThan(kinds.indexOf('callback'));
    expect(callback.orphan ?? false).toBe(false);
    expect(callback.params!.state).toBe(auth!.params!.state);
    expect(redeem, `the code redemption is in the flow: ${kinds.join(', ')}`).toBeDefined();
    expect(redeem!.params!.code).toBe(callback.params!.code);
    expect(s256(redeem!.params!.code_verifier!)).toBe(auth!.params!.code_challenge);
    expect(flow!.steps.some((s) => s.kind === 'exchange' && s.request?.url === `${h.demo.provider.issuer}/me`), `the userinfo call is in the flow: ${kinds.join(', ')}`).toBe(true);
    return flow!;
  }

  async function expectNoOrphanNote(p: Page, id: string): Promise<void> {
    await p.click(`[data-flow-id="${id}"]`);
    await p.waitForSelector('[data-testid="flow-detail"][data-source="captured"]');
    expect(await p.$$eval('li.step[data-step="authorization-request"]', (els) => els.length)).toBeGreaterThan(0);
    expect(await p.$$eval('[data-note="orphan-callback"]', (els) => els.length)).toBe(0);
  }

  it('records a sign-in begun right after the add-on is installed, with its authorization request', async () => {
    const page = await h.newPage();
    await spaLogin(page, h.demo);
    const p = await panel();
    const flow = expectWhole(await newFlows(p, new Set()));
    await expectNoOrphanNote(p, flow.id);
    await Promise.all([p.close(), page.close()]);
  });

  it('after the event page was suspended, a sign-in starts it again and is recorded whole', async () => {
    const p0 = await panel();
    const before = new Set((await stored(p0)).flows.map((f) => f.id));
    await p0.close();
    await h.clearCookies();
    // The tab first: opening it is an event too (tabs.onCreated), which would wake the page itself.
    const page = await h.newPage();
    // Idle past the timeout (three times over): Firefox suspends the event page.
    await new Promise((r) => setTimeout(r, IDLE_MS * 3));
    const from = Date.now();
    await spaLogin(page, h.demo);
    const until = Date.now();
    const p = await panel();
    const { starts } = await stored(p);
    // A new event page started while the sign-in ran: its requests woke it.
    expect(starts.filter((t) => t >= from && t <= until).length, `starts ${JSON.stringify(starts)}, sign-in ${from}..${until}`).toBeGreaterThan(0);
    const flow = expectWhole(await newFlows(p, before));
    await expectNoOrphanNote(p, flow.id);
    await Promise.all([p.close(), page.close()]);
  });
});
