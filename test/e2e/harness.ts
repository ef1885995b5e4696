/**
 * End-to-end harness: Debian's Chromium (headless) with dist/chrome loaded (dist/chrome-deep with
 * `deep: true`), the demo provider on a random loopback port, and helpers to open extension pages,
 * stop the service worker, and save screenshots (light and dark) for people to look at.
 *
 * Set GRANTSCOPE_SCREENSHOTS=dir to save screenshots; CHROME_PATH to use another Chromium build.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type DemoProvider, startDemoProvider } from '../provider/demo-provider';
import { type DemoWithApps, startDemoWithApps } from '../apps/demo-apps';
import type { RunningApp } from '../apps/listen';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../dist/chrome');
/** The deep-capture variant (chrome.debugger), built by `npm run build:test:deep`. */
export const DEEP_EXTENSION_DIR = resolve(import.meta.dirname, '../../dist/chrome-deep');
export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

type SessionArea = { set(items: Record<string, unknown>): Promise<void>; remove(key: string): Promise<void> };

/** Sets (or, with undefined, removes) a storage.session key from an extension page: test hooks only. */
export async function setSessionKey(page: Page, key: string, value: unknown): Promise<void> {
  await page.evaluate(
    ([k, v]) => {
      const session = (globalThis as unknown as { chrome: { storage: { session: SessionArea } } }).chrome.storage.session;
      return v === undefined ? session.remove(k as string) : session.set({ [k as string]: v });
    },
    [key, value] as const,
  );
}

export interface Harness {
  context: BrowserContext;
  extensionId: string;
  provider: DemoProvider;
  /** With launchHarness({ apps: true }): the single-page app and the server-side app. */
  apps?: { spa: RunningApp; webapp: RunningApp };
  /** chrome-extension://ID/<path> */
  url(path: string): string;
  openPage(path: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** Stops the extension's service worker (as Chrome does when idle) and resolves once it has stopped. */
  stopServiceWorker(): Promise<void>;
  /** How many times the worker has started running since launch (a restart counts again). */
  workerStarts(): number;
  /**
   * The worker's own start counter (test build, src/background/test-hooks.ts), read in the running
   * worker: how many times its script has run since the browser started. Call it while the worker runs.
   */
  workerStartCount(): Promise<number>;
  shoot(page: Page, name: string): Promise<void>;
  /** Closes the browser; with keepProfile the browser profile stays on disk for a relaunch. */
  close(opts?: { keepProfile?: boolean }): Promise<void>;
  userDataDir: string;
}

export interface HarnessOptions {
  /** Reopens a browser profile kept by close({ keepProfile }). */
  userDataDir?: string;
  /** Also run the loopback SPA and server-side app (recording tests). */
  apps?: boolean;
  /** Load the deep-capture variant (dist/chrome-deep) instead of dist/chrome. */
  deep?: boolean;
  /**
   * The demo provider and apps, started by the test before the browser (closed with the harness), so a
   * sign-in can begin the moment the worker appears; `apps` is implied.
   */
  demo?: DemoWithApps;
  /**
   * Called the moment the extension's worker appears, before the harness does anything else (a test
   * that starts a sign-in right there). Not awaited.
   */
  onWorker?: (context: BrowserContext, extensionId: string) => void;
  /** More Chromium switches (worker-start.test.ts: --restore-last-session on a relaunch). */
  args?: string[];
  /**
   * Open DevTools on every new tab (`--auto-open-devtools-for-tabs`), which loads the extension's
   * DevTools page, and so its network listener, for each. DevTools opens after the tab does: wait for
   * the page to say it is listening (waitForDevtools in devtools-capture.test.ts) before relying on it.
   */
  devtools?: boolean;
  /**
   * 'test' (default): dist/chrome from `npm run build:test`. 'release': what a person installs, with no
   * test-only code (__TEST__) and no loopback grants: dist/chrome when it holds a release build, else
   * one built once per test process into a temporary folder. It holds host access to every http and
   * https site already; an optional permission it asks for (scripting, for page capture) is granted by
   * headless Chromium without a prompt. Helpers that read test hooks (workerStartCount) do not work there.
   */
  build?: HarnessBuild;
}

/** 'test' (default): the test build; 'release': what a person installs. */
export type HarnessBuild = 'test' | 'release';

let releaseBuilt: Promise<string> | undefined;
/** The temporary folder of that build, and how many open harnesses use it: the last close removes it. */
let releaseRoot: string | undefined;
let releaseUsers = 0;

/**
 * A release build's Chrome folder: dist/chrome when it holds one (after `npm run build`), else one built
 * once per test process into a temporary folder by test/e2e-firefox/release-build.ts (a process of its
 * own, so vite runs as `npm run build` runs it), never into dist/, which other tests are using.
 */
function releaseBuildDir(): Promise<string> {
  const info = resolve(EXTENSION_DIR, '../build-info.json');
  if (existsSync(info) && (JSON.parse(readFileSync(info, 'utf8')) as { test?: boolean }).test === false) return Promise.resolve(EXTENSION_DIR);
  releaseBuilt ??= (async () => {
    const root = await mkdtemp(join(tmpdir(), 'grantscope-release-'));
    releaseRoot = root;
    // A vitest worker may end without 'exit' handlers running: close() removes it too (releaseDone).
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    const here = resolve(import.meta.dirname, '../..');
    await promisify(execFile)(resolve(here, 'node_modules/.bin/tsx'), [resolve(here, 'test/e2e-firefox/release-build.ts'), root], { cwd: here, timeout: 300_000 });
    return join(root, 'chrome');
  })();
  return releaseBuilt;
}

/** A harness on the release build closed: the last one removes a temporary build (the next builds again). */
async function releaseDone(): Promise<void> {
  releaseUsers -= 1;
  if (releaseUsers > 0 || !releaseRoot) return;
  const root = releaseRoot;
  releaseRoot = undefined;
  releaseBuilt = undefined;
  await rm(root, { recursive: true, force: true });
}

/**
 * The unpacked extension to load, once its build says it is a test build: a release build asks for
 * host access with a prompt no test can click. Each variant has its own build-info (scripts/build.ts).
 */
function extensionDir(deep: boolean): string {
  const [dir, info, build] = deep
    ? [DEEP_EXTENSION_DIR, 'build-info.chrome-deep.json', 'npm run build:test:deep']
    : [EXTENSION_DIR, 'build-info.json', 'npm run build:test'];
  const name = deep ? 'dist/chrome-deep' : 'dist/chrome';
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`${name} is missing: run \`${build}\` first.`);
  const infoPath = resolve(dir, '..', info);
  if (!existsSync(infoPath)) throw new Error(`${name} has no dist/${info}: run \`${build}\` (npm test does) before the e2e tests.`);
  const got = JSON.parse(readFileSync(infoPath, 'utf8')) as { test?: boolean };
  if (got.test !== true) throw new Error(`${name} holds a release build: run \`${build}\` (npm test does) before the e2e tests.`);
  return dir;
}

/** Starts Chromium with the extension; `userDataDir` reopens a browser profile kept by close({ keepProfile }). */
export async function launchHarness(opts: HarnessOptions = {}): Promise<Harness> {
  if (opts.build === 'release' && opts.deep) throw new Error('build: release with deep: the deep variant has no release build here');
  const dir = opts.build === 'release' ? await releaseBuildDir() : extensionDir(opts.deep ?? false);
  if (opts.build === 'release') releaseUsers += 1;
  if (!existsSync(CHROME_PATH)) throw new Error(`No Chromium at ${CHROME_PATH}: apt-get install chromium, or set CHROME_PATH.`);
  const userDataDir = opts.userDataDir ?? (await mkdtemp(join(tmpdir(), 'grantscope-e2e-')));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROME_PATH,
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: [
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--disable-dev-shm-usage',
      ...(opts.devtools ? ['--auto-open-devtools-for-tabs'] : []),
      ...(opts.args ?? []),
    ],
  });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(sw.url()).host;
  opts.onWorker?.(context, extensionId);
  // A release build opens its welcome page on install: not what the tests look at.
  // It opens only on a new install, so a reopened profile (opts.userDataDir) does not wait for it.
  if (opts.build === 'release' && !opts.userDataDir) {
    const welcome = (p: Page) => p.url().startsWith(`chrome-extension://${extensionId}/welcome.html`);
    for (const end = Date.now() + 5_000; Date.now() < end && !context.pages().some(welcome); ) await new Promise((r) => setTimeout(r, 100));
    for (const p of context.pages().filter(welcome)) await p.close();
  }
  // The provider starts once the extension id is known, so its public client can also accept the
  // extension's own redirect URI (https://ID.chromiumapp.org/, the "extension-owned" mode).
  const extraRedirectUris = [`https://${extensionId}.chromiumapp.org/`];
  // Recording tests (issue 4) also run the two loopback apps that sign in by themselves.
  const withApps = opts.demo ?? (opts.apps ? await startDemoWithApps({ provider: { extraRedirectUris } }) : undefined);
  const provider = withApps?.provider ?? (await startDemoProvider({ extraRedirectUris }));
  const url = (path: string) => `chrome-extension://${extensionId}/${path}`;
  const shotDir = process.env.GRANTSCOPE_SCREENSHOTS;

  // Watch the worker's running status over CDP: Playwright keeps listing a stopped worker, so its
  // list cannot tell whether the worker really stopped and started again.
  const watcher = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(watcher);
  let status = 'running';
  let starts = 1;
  const statusWaiters: { want: string; resolve: () => void }[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { scriptURL: string; runningStatus: string }[] }) => {
    for (const v of e.versions) {
      if (!v.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) continue;
      if (v.runningStatus === 'running' && status !== 'running') starts += 1;
      status = v.runningStatus;
      for (const w of statusWaiters.filter((x) => x.want === status)) w.resolve();
    }
  });
  await cdp.send('ServiceWorker.enable');

  return {
    context,
    extensionId,
    provider,
    ...(withApps ? { apps: { spa: withApps.spa, webapp: withApps.webapp } } : {}),
    url,
    async openPage(path, viewport) {
      const page = await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      await page.goto(url(path));
      return page;
    },
    async stopServiceWorker() {
      // CDP ServiceWorker.stopAllWorkers, as Chrome does to an idle worker after 30 s.
      const stopped = new Promise<void>((resolve) => statusWaiters.push({ want: 'stopped', resolve }));
      await cdp.send('ServiceWorker.stopAllWorkers');
      await stopped;
    },
    workerStarts: () => starts,
    async workerStartCount() {
      const worker = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)) ?? (await context.waitForEvent('serviceworker'));
      return worker.evaluate(async () => {
        const api = (globalThis as unknown as { chrome: { storage: { session: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
        const n = (await api.storage.session.get('test:workerStarts'))['test:workerStarts'];
        return typeof n === 'number' ? n : 0;
      });
    },
    async shoot(page, name) {
      if (!shotDir) return;
      await mkdir(shotDir, { recursive: true });
      // The panel scrolls inside its flow pane: grow the viewport to show the whole flow at once.
      const before = page.viewportSize();
      const tall = await page.evaluate(() => {
        const pane = document.querySelector('.flow-pane');
        pane?.scrollTo(0, 0);
        return pane ? pane.scrollHeight + pane.getBoundingClientRect().top + 16 : 0;
      });
      if (before && tall > before.height) await page.setViewportSize({ width: before.width, height: Math.min(Math.ceil(tall), 6000) });
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await page.screenshot({ path: join(shotDir, `${name}-${colorScheme}.png`), fullPage: true });
      }
      await page.emulateMedia({ colorScheme: null });
      if (before) await page.setViewportSize(before);
    },
    async close(o) {
      await context.close();
      await (withApps ?? provider).close();
      if (!o?.keepProfile) await rm(userDataDir, { recursive: true, force: true });
      if (opts.build === 'release') await releaseDone();
    },
    userDataDir,
  };
}

/**
 * One browser and demo provider for a test file: launched before its tests, closed after them.
 * With freshLogin, cookies are cleared before each test, so every login starts at the provider's
 * login form rather than reusing the last test's session.
 */
export function useHarness(set: (h: Harness) => void, opts: { freshLogin?: boolean; apps?: boolean; deep?: boolean; devtools?: boolean; build?: HarnessBuild } = {}): void {
  let current: Harness | undefined;
  beforeAll(async () => {
    current = await launchHarness({ ...(opts.apps ? { apps: true } : {}), ...(opts.deep ? { deep: true } : {}), ...(opts.devtools ? { devtools: true } : {}), ...(opts.build ? { build: opts.build } : {}) });
    set(current);
  }, opts.build === 'release' ? 360_000 : undefined);
  if (opts.freshLogin) {
    beforeEach(async () => {
      await current?.context.clearCookies();
    });
  }
  afterAll(async () => {
    await current?.close();
  });
}
