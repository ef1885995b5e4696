import { resolve } from 'node:path';
import type { InlineConfig } from 'vite';
import { noMarkupPlugin } from './scripts/no-markup-plugin';

/**
 * Three kinds of Vite build make one unpacked extension:
 *  - the pages (popup, panel, DevTools page, welcome page), which may share chunks;
 *  - the background service worker, bundled alone into background.js, because a service worker may not
 *    use import() and must not pull in Vite's preload helper (it touches `document`);
 *  - the opt-in page script and its relay (content-hook.js, content-relay.js), each a self-contained
 *    classic script: scripting.registerContentScripts injects files, not modules.
 * scripts/build.ts runs them all and writes one manifest per browser.
 */
const root = resolve(import.meta.dirname, 'src');

export interface BuildTarget {
  outDir: string;
  /** Test-only code sits behind `__TEST__` so the release build carries none of it. */
  test: boolean;
  /** Deep capture (chrome.debugger) sits behind `__DEEP__`: only `npm run build:deep` has it. */
  deep?: boolean;
}

const common = (t: BuildTarget): InlineConfig => ({
  configFile: false,
  root,
  logLevel: 'warn',
  define: { __TEST__: JSON.stringify(t.test), __DEEP__: JSON.stringify(t.deep ?? false) },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [noMarkupPlugin()],
});

export function pagesConfig(t: BuildTarget): InlineConfig {
  return {
    ...common(t),
    publicDir: resolve(import.meta.dirname, 'public'),
    base: './',
    build: {
      outDir: t.outDir,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      // Extension pages run under `script-src 'self'`; the preload polyfill is not needed there.
      modulePreload: { polyfill: false },
      rolldownOptions: {
        input: {
          popup: resolve(root, 'popup.html'),
          panel: resolve(root, 'panel.html'),
          devtools: resolve(root, 'devtools.html'),
          // Opened once on install (src/background/index.ts): what is recorded, where, how to pause.
          welcome: resolve(root, 'welcome.html'),
        },
      },
    },
  };
}

/** A single-entry library build into the extension root, beside the pages (emptyOutDir off). */
function libConfig(t: BuildTarget, lib: NonNullable<NonNullable<InlineConfig['build']>['lib']>): InlineConfig {
  return {
    ...common(t),
    publicDir: false,
    build: { outDir: t.outDir, emptyOutDir: false, target: 'es2022', sourcemap: false, lib },
  };
}

export function backgroundConfig(t: BuildTarget): InlineConfig {
  return libConfig(t, { entry: resolve(root, 'background/index.ts'), formats: ['es'], fileName: () => 'background.js' });
}

/** The content scripts, one build each: an IIFE cannot be split, and each must stand alone. */
export const CONTENT_SCRIPTS = { 'content-hook.js': 'content/page-hook.ts', 'content-relay.js': 'content/relay.ts' } as const;

export function contentConfig(t: BuildTarget, file: keyof typeof CONTENT_SCRIPTS): InlineConfig {
  return libConfig(t, {
    entry: resolve(root, CONTENT_SCRIPTS[file]),
    // An IIFE with no exports assigns no global: nothing of ours lands on the page's window.
    formats: ['iife'],
    name: 'grantscope',
    fileName: () => file,
  });
}

// `vite build` alone builds the pages into dist/chrome; `npm run build` is the full build.
export default pagesConfig({ outDir: resolve(import.meta.dirname, 'dist/chrome'), test: false });
