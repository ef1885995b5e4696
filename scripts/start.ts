/**
 * npm start: build the extension, start the demo provider on 127.0.0.1:9400, and open Chromium with
 * the extension loaded and the panel ready. Where there is no display (or no Chromium), print the
 * provider, its clients, and how to load the extension by hand; the provider keeps running.
 */
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startDemoProvider } from '../test/provider/demo-provider';
import { describeDemo } from '../test/provider/describe';
import { DEMO_PORT } from '../src/shared/constants';
import { buildAll, distDir } from './build';

const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const port = Number(process.env.GRANTSCOPE_DEMO_PORT ?? DEMO_PORT);

await buildAll({ test: false });
const demo = await startDemoProvider({ port });
console.log(`\n${describeDemo(demo)}\n`);

const stop = async (code = 0) => {
  await demo.close().catch(() => undefined);
  process.exit(code);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());

const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (!hasDisplay || !existsSync(chromePath)) {
  console.log(`${hasDisplay ? `No Chromium at ${chromePath} (apt-get install chromium, or set CHROME_PATH).` : 'No display here, so no browser was opened.'}
Load the extension by hand:
  Chromium/Chrome: chrome://extensions -> Developer mode -> Load unpacked -> ${distDir('chrome')}
  Firefox:         about:debugging#/runtime/this-firefox -> Load Temporary Add-on -> ${join(distDir('firefox'), 'manifest.json')}
Then click the Grantscope toolbar button, keep "Demo provider: public client", and press Start.
(Branded Google Chrome 137+ ignores --load-extension, but Load unpacked works.)
The demo provider keeps running until Ctrl-C.`);
} else {
  const profile = await mkdtemp(join(tmpdir(), 'grantscope-start-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromePath,
    headless: false,
    viewport: null,
    // Chromium refuses its sandbox as root; everyone else keeps it.
    chromiumSandbox: process.getuid?.() !== 0,
    args: [`--disable-extensions-except=${distDir('chrome')}`, `--load-extension=${distDir('chrome')}`, '--no-first-run', '--disable-sync'],
  });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(sw.url()).host;
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`chrome-extension://${id}/panel.html`);
  console.log(`Chromium is open with Grantscope (${id}) and its panel. Click the toolbar button to start a flow.
Close the browser or press Ctrl-C to stop.`);
  context.on('close', () => void stop());
}
