/**
 * Firefox end-to-end harness: Debian's firefox-esr (headless) driven by puppeteer-core over WebDriver
 * BiDi, dist/firefox installed as a temporary add-on (BiDi webExtension.install), and the demo provider
 * with its two loopback apps. Playwright cannot load an extension into stock Firefox; puppeteer can
 * (platform notes, Firefox).
 *
 * The panel lives at moz-extension://UUID/panel.html with a fixed UUID: the pref
 * extensions.webextensions.uuids maps the add-on's gecko id to it before the add-on is installed.
 *
 * Set FIREFOX_PATH to use another Firefox. Without a Firefox the tests skip, unless FIREFOX_REQUIRED is
 * set (CI sets it), in which case they fail.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type browserApi from 'webextension-polyfill';
import { afterAll, beforeAll } from 'vitest';
import { type DemoWithApps, startDemoWithApps } from '../apps/demo-apps';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../dist/firefox');

/** 'test' (default): dist/firefox from `npm run build:test`. 'release': what a person installs. */
export type HarnessBuild = 'test' | 'release';

let releaseBuilt: Promise<string> | undefined;

/**
 * A release build's Firefox folder: dist/firefox when it holds one (after `npm run build`), else one
 * built once per test process into a temporary folder (release-build.ts), so npm test, which leaves
 * dist/ holding the test build, runs release-build tests without touching dist/.
 */
function releaseBuildDir(): Promise<string> {
  const info = resolve(EXTENSION_DIR, '../build-info.json');
  if (existsSync(info) && (JSON.parse(readFileSync(info, 'utf8')) as { test?: boolean }).test === false) return Promise.resolve(EXTENSION_DIR);
  releaseBuilt ??= (async () => {
    const root = await mkdtemp(join(tmpdir(), 'grantscope-release-'));
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    const tsx = resolve(import.meta.dirname, '../../node_modules/.bin/tsx');
    await promisify(execFile)(tsx, [resolve(import.meta.dirname, 'release-build.ts'), root], { cwd: resolve(import.meta.dirname, '../..'), timeout: 300_000 });
    return join(root, 'firefox');
  })();
  return releaseBuilt;
}
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** Any fixed UUID: the moz-extension:// host of the installed add-on. */
export const EXTENSION_UUID = '5b0c7e52-8f3a-4d61-9c2e-7a1d4f6b3e90';

/** Why the Firefox tests cannot run here, or undefined when they can (or must: FIREFOX_REQUIRED). */
export function firefoxSkipReason(): string | undefined {
  if (existsSync(FIREFOX_PATH) || process.env.FIREFOX_REQUIRED) return undefined;
  return `no Firefox at ${FIREFOX_PATH} (apt-get install firefox-esr, or set FIREFOX_PATH; FIREFOX_REQUIRED=1 fails instead of skipping)`;
}

export interface FirefoxHarness {
  browser: Browser;
  demo: DemoWithApps;
  /** moz-extension://UUID/<path> */
  url(path: string): string;
  /** A new tab at an extension page, once `selector` shows there. */
  openExtensionPage(path: string, selector: string): Promise<Page>;
  newPage(): Promise<Page>;
  /** Forgets every cookie, so the next login starts at the provider's login form. */
  clearCookies(): Promise<void>;
  /**
   * Stops the add-on's event page as Firefox does when it is idle, and as about:debugging's
   * "Terminate Background Script" does (Extension.terminateBackground, run in the browser's chrome
   * scope over BiDi); resolves once Firefox says it is stopped. The next event starts a new one.
   */
  terminateEventPage(): Promise<void>;
  /** Firefox's own word for the event page's state: "running", "suspending", "stopped", ... */
  eventPageState(): Promise<string>;
  /** With GRANTSCOPE_SCREENSHOTS=dir: saves the page as firefox-<name>-light.png and firefox-<name>-dark.png there. */
  shoot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Runs `expression` in the browser's own (chrome) scope: BiDi reaches it with
 * --remote-allow-system-access and "moz:scope": "chrome" (Firefox's BiDi extension, 138+). Test use
 * only: this is how about:debugging's buttons are pressed without about:debugging.
 */
async function chromeEval(b: Browser, expression: string): Promise<unknown> {
  const conn = (b as unknown as { connection: { send(method: string, params: object): Promise<{ result: unknown }> } }).connection;
  const tree = (await conn.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 })).result as { contexts: { context: string }[] };
  const context = tree.contexts[0]?.context;
  if (!context) throw new Error('no chrome-scope browsing context (is --remote-allow-system-access set?)');
  const got = (await conn.send('script.evaluate', { expression, target: { context }, awaitPromise: true })).result as {
    type: string;
    result?: { value?: unknown };
    exceptionDetails?: { text?: string };
  };
  if (got.type !== 'success') throw new Error(`chrome-scope evaluate failed: ${got.exceptionDetails?.text ?? got.type}`);
  return got.result?.value;
}

/**
 * Starts firefox-esr with dist/firefox installed, and the demo provider with both apps. `prefs` adds
 * Firefox preferences (worker-start.test.ts shortens the event page's idle timeout).
 */
export async function launchFirefoxHarness(opts: { prefs?: Record<string, unknown>; build?: HarnessBuild } = {}): Promise<FirefoxHarness> {
  if (!existsSync(FIREFOX_PATH)) throw new Error(`No Firefox at ${FIREFOX_PATH}: apt-get install firefox-esr, or set FIREFOX_PATH.`);
  // The release build, where a test wants what a person installs (issue 10: launches failed only there).
  const extensionDir = opts.build === 'release' ? await releaseBuildDir() : EXTENSION_DIR;
  if (opts.build !== 'release') {
    if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error('dist/firefox is missing: run `npm run build:test` first.');
    const info = JSON.parse(readFileSync(resolve(extensionDir, '../build-info.json'), 'utf8')) as { test?: boolean };
    if (info.test !== true) throw new Error('dist/ holds a release build: run `npm run build:test` (npm test does) before the e2e tests.');
  }
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as { browser_specific_settings?: { gecko?: { id?: string } } };
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error('dist/firefox/manifest.json has no browser_specific_settings.gecko.id');

  // Firefox reads a temporary add-on's files from its folder while it runs: install a copy, so a
  // rebuild of dist/ during the run cannot pull files from under it.
  const addonDir = await mkdtemp(join(tmpdir(), 'grantscope-ff-addon-'));
  await cp(extensionDir, addonDir, { recursive: true });

  let browser: Browser | undefined;
  let demo: DemoWithApps | undefined;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: FIREFOX_PATH,
      headless: true,
      // Lets BiDi install add-ons (webExtension.install is a privileged command).
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: EXTENSION_UUID }),
        // Firefox MV3 grants the manifest's host_permissions at install only while this is true
        // (Extension.sys.mjs, "installIncludesOrigins"), as the install prompt tells a person. Firefox 153
        // ESR ships it true, so nothing is loosened here: it is set so the test does not rest on a
        // default, and the grant is checked below. The manifest is the test build's, unchanged.
        'extensions.originControls.grantByDefault': true,
        ...opts.prefs,
      },
    });
    await browser.installExtension(addonDir);
    demo = await startDemoWithApps();
  } catch (err) {
    await browser?.close().catch(() => undefined);
    await rm(addonDir, { recursive: true, force: true });
    throw err;
  }
  const b = browser;
  const d = demo;
  const url = (path: string) => `moz-extension://${EXTENSION_UUID}/${path}`;

  const h: FirefoxHarness = {
    browser: b,
    demo: d,
    url,
    async openExtensionPage(path, selector) {
      const page = await b.newPage();
      // Firefox swaps the tab's frame when it moves to the extension process, so goto's own wait ends
      // in "Frame detached" (platform notes): start it, and wait on the page content instead. A wait
      // begun on the old frame can fail at once the same way (5 in 60 opens on a loaded machine), so
      // it is started again until the page shows or the time is up.
      void page.goto(url(path)).catch(() => undefined);
      const until = Date.now() + 15_000;
      for (;;) {
        try {
          await page.waitForSelector(selector, { timeout: Math.max(until - Date.now(), 1) });
          return page;
        } catch (err) {
          if (Date.now() >= until) throw err;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    },
    newPage: () => b.newPage(),
    async terminateEventPage() {
      const ext = `WebExtensionPolicy.getByID(${JSON.stringify(geckoId)}).extension`;
      // The same call as DebugUtils.terminateBackgroundScript (about:debugging) and the idle timer.
      const state = await chromeEval(b, `(async () => { const e = ${ext}; await e.terminateBackground({ disableResetIdleForTest: true }); return String(e.backgroundState); })()`);
      if (state !== 'stopped') throw new Error(`the event page did not stop: Firefox says "${String(state)}"`);
    },
    async eventPageState() {
      return String(await chromeEval(b, `String(WebExtensionPolicy.getByID(${JSON.stringify(geckoId)}).extension.backgroundState)`));
    },
    async shoot(page, name) {
      const dir = process.env.GRANTSCOPE_SCREENSHOTS;
      if (!dir) return;
      await mkdir(dir, { recursive: true });
      // emulateMediaFeatures is CDP-only in puppeteer; Firefox's content colour-scheme pref (0 dark,
      // 1 light, 2 follow the browser) changes prefers-color-scheme for every page at once.
      const pref = 'layout.css.prefers-color-scheme.content-override';
      // The panel scrolls inside its flow pane: grow the viewport to show the whole flow at once.
      const before = page.viewport();
      const tall = await page.evaluate(() => {
        const pane = document.querySelector('.flow-pane');
        pane?.scrollTo(0, 0);
        return pane ? pane.scrollHeight + pane.getBoundingClientRect().top + 16 : 0;
      });
      const width = before?.width ?? 1200;
      if (tall > (before?.height ?? 900)) await page.setViewport({ width, height: Math.min(Math.ceil(tall), 6000) });
      for (const [scheme, value] of [['light', 1], ['dark', 0]] as const) {
        await chromeEval(b, `Services.prefs.setIntPref(${JSON.stringify(pref)}, ${value})`);
        await page.waitForFunction((s: string) => matchMedia(`(prefers-color-scheme: ${s})`).matches, {}, scheme);
        await page.screenshot({ path: join(dir, `firefox-${name}-${scheme}.png`) as `${string}.png`, fullPage: true });
      }
      await chromeEval(b, `Services.prefs.clearUserPref(${JSON.stringify(pref)})`);
      if (before) await page.setViewport(before);
    },
    async clearCookies() {
      const context = b.defaultBrowserContext();
      const cookies = await context.cookies();
      if (cookies.length) await context.deleteCookie(...cookies);
    },
    async close() {
      await b.close().catch(() => undefined);
      await d.close();
      await rm(addonDir, { recursive: true, force: true });
    },
  };

  // Recording sees only hosts the add-on may access: say so at once rather than as an empty flow list.
  const probe = await h.openExtensionPage('panel.html', 'nav.flow-list, [data-testid="recording-view"]');
  const granted = await probe.evaluate(() => {
    const api = (globalThis as unknown as { browser: typeof browserApi }).browser;
    return api.permissions.contains({ origins: ['http://*/*', 'https://*/*'] });
  });
  await probe.close();
  if (!granted) {
    await h.close();
    throw new Error('Firefox did not grant the add-on its host_permissions at install: recording cannot see any site.');
  }
  return h;
}

/** One Firefox and demo for a test file: launched before its tests, closed after them. */
export function useFirefoxHarness(set: (h: FirefoxHarness) => void, opts: Parameters<typeof launchFirefoxHarness>[0] = {}): void {
  let current: FirefoxHarness | undefined;
  beforeAll(async () => {
    current = await launchFirefoxHarness(opts);
    set(current);
  }, opts.build === 'release' ? 360_000 : undefined);
  afterAll(async () => {
    await current?.close();
  });
}
