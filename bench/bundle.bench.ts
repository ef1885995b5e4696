/**
 * Bundle sizes of the release build, gzipped (issue 10, item 5): what the popup and the panel load
 * (their HTML's scripts, module preloads and stylesheets, shared chunks counted for each) and the
 * worker (background.js and what it imports). gzip level 9, as a store serves them.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { releaseBuild } from './browser';
import type { BenchResult } from './types';

export const name = 'bundle-size';
const POPUP_KB = 40;
const PANEL_KB = 150;
export const target = `Release build gzipped: popup at most ${POPUP_KB} KB, panel at most ${PANEL_KB} KB, worker reported (ratio = the larger of popup/${POPUP_KB} and panel/${PANEL_KB})`;

/** The files an HTML page loads from its own folder: module scripts, preloads, stylesheets. */
export function assetsOf(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="\.?\/?([^"]+\.(?:js|css))"/g)) out.add(m[1]!);
  return [...out];
}

/** A module's static imports, followed (the worker's chunks). */
async function withImports(dir: string, file: string, seen = new Set<string>()): Promise<Set<string>> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = await readFile(join(dir, file), 'utf8');
  for (const m of code.matchAll(/\bfrom\s*["']\.\/?([^"']+\.js)["']|\bimport\s*["']\.\/?([^"']+\.js)["']/g)) {
    const rel = m[1] ?? m[2]!;
    const base = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    await withImports(dir, rel.startsWith('assets/') ? rel : base + rel, seen);
  }
  return seen;
}

export async function gzipKB(dir: string, files: Iterable<string>): Promise<number> {
  let n = 0;
  for (const f of files) n += gzipSync(await readFile(join(dir, f)), { level: 9 }).length;
  return n / 1024;
}

export async function measureBundles(dir: string): Promise<BenchResult> {
  const popupFiles = assetsOf(await readFile(join(dir, 'popup.html'), 'utf8'));
  const panelFiles = assetsOf(await readFile(join(dir, 'panel.html'), 'utf8'));
  if (popupFiles.length === 0 || panelFiles.length === 0) throw new Error('no script found in popup.html or panel.html');
  const workerFiles = await withImports(dir, 'background.js');
  const popup = await gzipKB(dir, popupFiles);
  const panel = await gzipKB(dir, panelFiles);
  const worker = await gzipKB(dir, workerFiles);
  const kb = (x: number) => `${x.toFixed(1)} KB`;
  return {
    ratio: Math.max(popup / POPUP_KB, panel / PANEL_KB),
    pass: popup <= POPUP_KB && panel <= PANEL_KB,
    figure: `popup ${kb(popup)}, panel ${kb(panel)}, worker ${kb(worker)}`,
    details: {
      'popup gzipped': kb(popup),
      'panel gzipped': kb(panel),
      'worker gzipped': kb(worker),
      'popup files': popupFiles.join(' '),
      'panel files': panelFiles.join(' '),
      'worker files': [...workerFiles].join(' '),
    },
  };
}

export async function run(): Promise<BenchResult> {
  return measureBundles((await releaseBuild()).dir);
}
