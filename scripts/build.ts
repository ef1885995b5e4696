/**
 * npm run build        -> dist/chrome and dist/firefox, release manifests
 * npm run build:test   -> the same, plus loopback host access for the e2e tests (see scripts/manifest.ts)
 * npm run build:deep   -> dist/chrome-deep: Chrome only, with deep capture (chrome.debugger, `__DEEP__`)
 * npm run build:test:deep -> the same, plus the test build's additions (the e2e test of deep capture)
 *
 * Each variant records what kind of build it is (`buildInfoFile`) beside its folder, not in it, so it
 * is never shipped in a zip: the e2e harness reads it to refuse a release build. Every build ends with
 * scripts/scan-bundles.ts over what it wrote: a markup sink in any final bundle fails it.
 */
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build } from 'vite';
import { CONTENT_SCRIPTS, type BuildTarget, backgroundConfig, contentConfig, pagesConfig } from '../vite.config';
import { TEST_DEVTOOLS_KEY } from '../src/shared/constants';
import { buildManifest, type Browser } from './manifest';
import { assertNoMarkupSinks } from './scan-bundles';

const here = resolve(import.meta.dirname, '..');
export type Variant = Browser | 'chrome-deep';
export const distDir = (b: Variant, root = resolve(here, 'dist')) => resolve(root, b);
/**
 * dist/build-info.json for dist/chrome and dist/firefox (built together), dist/build-info.chrome-deep.json
 * for dist/chrome-deep, built on its own: `{ test, version }`.
 */
export const buildInfoFile = (b: Variant, root = resolve(here, 'dist')) => resolve(root, b === 'chrome-deep' ? 'build-info.chrome-deep.json' : 'build-info.json');

/** `outRoot` lets the benchmark build elsewhere than dist/, so it never clobbers a test build in use. */
export async function buildAll(opts: { test: boolean; outRoot?: string; deep?: boolean }): Promise<void> {
  const outRoot = opts.outRoot ?? resolve(here, 'dist');
  const deep = opts.deep ?? false;
  const pkg = JSON.parse(await readFile(resolve(here, 'package.json'), 'utf8')) as { version: string };
  const source = JSON.parse(await readFile(resolve(here, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const chrome = distDir(deep ? 'chrome-deep' : 'chrome', outRoot);
  const target: BuildTarget = { outDir: chrome, test: opts.test, deep };
  await build(pagesConfig(target));
  await build(backgroundConfig(target));
  for (const file of Object.keys(CONTENT_SCRIPTS) as (keyof typeof CONTENT_SCRIPTS)[]) await build(contentConfig(target, file));
  await checkBundles(chrome, opts.test, deep);
  if (deep) {
    // Deep capture is Chrome only: Firefox reads bodies with filterResponseData instead.
    const manifest = buildManifest(source, { browser: 'chrome', version: pkg.version, test: opts.test, deep: true });
    await writeFile(resolve(chrome, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    // The final bundles, every library in them, hold no markup sink (issue 9); else the build fails here.
    await assertNoMarkupSinks([chrome]);
    await writeFile(buildInfoFile('chrome-deep', outRoot), JSON.stringify({ test: opts.test, version: pkg.version }) + '\n');
    return;
  }
  // The code is the same for both browsers; only the manifest differs.
  const firefox = distDir('firefox', outRoot);
  await rm(firefox, { recursive: true, force: true });
  await cp(chrome, firefox, { recursive: true });
  for (const [browser, dir] of [['chrome', chrome], ['firefox', firefox]] as const) {
    const manifest = buildManifest(source, { browser, version: pkg.version, test: opts.test });
    await writeFile(resolve(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  }
  await assertNoMarkupSinks([chrome, firefox]);
  // Remember which kind of build this is, so `npm start` and the tests can tell (not shipped in zips).
  await writeFile(buildInfoFile('chrome', outRoot), JSON.stringify({ test: opts.test, version: pkg.version }) + '\n');
}

/** What must never reach a bundle: checked on the output, since a wrong import or define is silent. */
async function checkBundles(dir: string, test: boolean, deep: boolean): Promise<void> {
  const read = (f: string) => readFile(resolve(dir, f), 'utf8');
  const worker = await read('background.js');
  // House style 11: test-only code sits behind __TEST__; make sure none of it reached a release build.
  if (!test && worker.includes('test:pauseBeforeRedeem')) throw new Error('test-only code leaked into the release build');
  // The DevTools page's "listening" note for the e2e test (src/devtools/main.ts) is test-only too.
  for (const chunk of (await readdir(resolve(dir, 'assets'))).filter((f) => f.endsWith('.js'))) {
    if (!test && (await read(`assets/${chunk}`)).includes(TEST_DEVTOOLS_KEY)) throw new Error(`test-only code leaked into the release build (assets/${chunk})`);
  }
  if (!deep && worker.includes('Network.getResponseBody')) throw new Error('deep capture leaked into a build without --deep');
  for (const file of Object.keys(CONTENT_SCRIPTS)) {
    const code = await read(file);
    // Injected as classic scripts: a module import or an import() would fail to load.
    if (/^\s*(?:import|export)\b/m.test(code) || /\bimport\s*\(/.test(code)) throw new Error(`${file} is not a self-contained script`);
  }
  // The page script runs in the page's world, where the polyfill throws and `browser` does not exist.
  const hook = await read('content-hook.js');
  if (/webextension-polyfill|runtime\.sendMessage|This script should only be loaded in a browser extension/.test(hook)) {
    throw new Error('content-hook.js pulled in the extension API');
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const test = process.argv.includes('--test');
  const deep = process.argv.includes('--deep');
  await buildAll({ test, deep });
  const what = deep ? 'dist/chrome-deep (deep capture)' : 'dist/chrome and dist/firefox';
  console.log(`built ${what} (${test ? 'test build: loopback hosts granted' : 'release build'})`);
}
