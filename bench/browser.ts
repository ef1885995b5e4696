/**
 * Shared by the browser benchmarks: one release build per `npm run bench` (into a temp folder, so
 * dist/ is left alone), and Debian's Chromium with it loaded, as page-load.bench.ts launches it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Page, type Worker, chromium } from 'playwright-core';
import { buildAll, distDir } from '../scripts/build';

export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--disable-dev-shm-usage'];

let build: Promise<{ root: string; dir: string; seconds: number }> | undefined;

/** The release build, made once per process (and removed when the process ends). */
export function releaseBuild(): Promise<{ root: string; dir: string; seconds: number }> {
  build ??= (async () => {
    const root = await mkdtemp(join(tmpdir(), 'grantscope-bench-build-'));
    process.once('exit', () => void rm(root, { recursive: true, force: true }));
    const t0 = performance.now();
    await buildAll({ test: false, outRoot: join(root, 'dist') });
    return { root, dir: distDir('chrome', join(root, 'dist')), seconds: (performance.now() - t0) / 1000 };
  })();
  return build;
}

export interface Loaded {
  context: BrowserContext;
  worker: Worker;
  id: string;
  url: (path: string) => string;
  close(): Promise<void>;
}

/** Chromium with the release build loaded, its worker running. */
export async function launchWithExtension(viewport = { width: 1200, height: 900 }): Promise<Loaded> {
  const { dir } = await releaseBuild();
  const profile = await mkdtemp(join(tmpdir(), 'grantscope-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROME_PATH,
    headless: true,
    viewport,
    args: [...ARGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const id = new URL(worker.url()).host;
  // The welcome page a release build opens on install is not what is measured.
  for (const p of context.pages()) if (p.url().includes('welcome.html')) await p.close();
  return {
    context,
    worker,
    id,
    url: (path) => `chrome-extension://${id}/${path}`,
    async close() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Stops the extension's worker (as Chrome does after 30 s idle); the next event or message starts it. */
export async function stopWorker(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

/** The heap a page's JavaScript uses, in bytes (CDP Runtime.getHeapUsage). */
export async function heapOf(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize;
}

export const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : Number.NaN;
};

/**
 * The heap the extension's service worker uses, in bytes: Runtime.getHeapUsage sent to the worker's
 * target through a page's DevTools session (Target.attachToTarget, not flattened); undefined when the
 * browser will not attach.
 */
export async function workerHeap(page: Page, extensionId: string): Promise<number | undefined> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
    const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
    if (!sw) return undefined;
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false })) as { sessionId: string };
    const answer = new Promise<number | undefined>((resolve) => {
      cdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
        if (e.sessionId !== sessionId) return;
        const m = JSON.parse(e.message) as { id?: number; result?: { usedSize?: number } };
        if (m.id === 1) resolve(m.result?.usedSize);
      });
      setTimeout(() => resolve(undefined), 5000);
    });
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' }) });
    const used = await answer;
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    return used;
  } catch {
    return undefined;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
