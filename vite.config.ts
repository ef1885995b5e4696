import { resolve } from 'node:path';
import type { InlineConfig } from 'vite';
import { noMarkupPlugin } from './scripts/no-markup-plugin';

/**
 * Two Vite builds make one unpacked extension:
 *  - the pages (popup, panel, DevTools page), which may share chunks;
 *  - the background service worker, bundled alone into background.js, because a service worker may not
 *    use import() and must not pull in Vite's preload helper (it touches `document`).
 * scripts/build.ts runs both and writes one manifest per browser.
 */
const root = resolve(import.meta.dirname, 'src');

export interface BuildTarget {
  outDir: string;
  /** Test-only code sits behind `__TEST__` so the release build carries none of it. */
  test: boolean;
}

const common = (t: BuildTarget): InlineConfig => ({
  configFile: false,
  root,
  logLevel: 'warn',
  define: { __TEST__: JSON.stringify(t.test) },
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
        },
      },
    },
  };
}

export function backgroundConfig(t: BuildTarget): InlineConfig {
  return {
    ...common(t),
    publicDir: false,
    build: {
      outDir: t.outDir,
      emptyOutDir: false,
      target: 'es2022',
      sourcemap: false,
      lib: {
        entry: resolve(root, 'background/index.ts'),
        formats: ['es'],
        fileName: () => 'background.js',
      },
    },
  };
}

// `vite build` alone builds the pages into dist/chrome; `npm run build` is the full build.
export default pagesConfig({ outDir: resolve(import.meta.dirname, 'dist/chrome'), test: false });
