/**
 * npm run build        -> dist/chrome and dist/firefox, release manifests
 * npm run build:test   -> the same, plus loopback host access for the e2e tests (see scripts/manifest.ts)
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build } from 'vite';
import { backgroundConfig, pagesConfig } from '../vite.config';
import { buildManifest, type Browser } from './manifest';

const here = resolve(import.meta.dirname, '..');
export const distDir = (b: Browser, root = resolve(here, 'dist')) => resolve(root, b);

/** `outRoot` lets the benchmark build elsewhere than dist/, so it never clobbers a test build in use. */
export async function buildAll(opts: { test: boolean; outRoot?: string }): Promise<void> {
  const outRoot = opts.outRoot ?? resolve(here, 'dist');
  const pkg = JSON.parse(await readFile(resolve(here, 'package.json'), 'utf8')) as { version: string };
  const source = JSON.parse(await readFile(resolve(here, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const chrome = distDir('chrome', outRoot);
  await build(pagesConfig({ outDir: chrome, test: opts.test }));
  await build(backgroundConfig({ outDir: chrome, test: opts.test }));
  // House style 11: test-only code sits behind __TEST__; make sure none of it reached a release build.
  const worker = await readFile(resolve(chrome, 'background.js'), 'utf8');
  if (!opts.test && worker.includes('test:pauseBeforeRedeem')) throw new Error('test-only code leaked into the release build');
  // The code is the same for both browsers; only the manifest differs.
  const firefox = distDir('firefox', outRoot);
  await rm(firefox, { recursive: true, force: true });
  await cp(chrome, firefox, { recursive: true });
  for (const [browser, dir] of [['chrome', chrome], ['firefox', firefox]] as const) {
    const manifest = buildManifest(source, { browser, version: pkg.version, test: opts.test });
    await writeFile(resolve(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  }
  // Remember which kind of build this is, so `npm start` and the tests can tell (not shipped in zips).
  await writeFile(resolve(outRoot, 'build-info.json'), JSON.stringify({ test: opts.test, version: pkg.version }) + '\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const test = process.argv.includes('--test');
  await buildAll({ test });
  console.log(`built dist/chrome and dist/firefox (${test ? 'test build: loopback hosts granted' : 'release build'})`);
}
