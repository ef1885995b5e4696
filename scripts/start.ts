/**
 * npm start: build the extension, start the demo provider on 127.0.0.1:9400 with its two apps (the SPA
 * on 9401, the server-side app on 9402), and open Chromium with the extension loaded, the panel ready,
 * and the SPA in front, so logging in to it shows capture at work. Where there is no display (or no
 * Chromium), print the provider, its clients, the apps and how to load the extension by hand; the
 * provider and apps keep running.
 */
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { DEMO_SPA_PORT, DEMO_WEBAPP_PORT, startDemoWithApps } from '../test/apps/demo-apps';
import { describeDemo } from '../test/provider/describe';
import { DEMO_PORT } from '../src/shared/constants';
import { buildAll, distDir } from './build';

const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const port = Number(process.env.GRANTSCOPE_DEMO_PORT ?? DEMO_PORT);

await buildAll({ test: false });
const demo = await startDemoWithApps({
  port,
  spaPort: Number(process.env.GRANTSCOPE_SPA_PORT ?? DEMO_SPA_PORT),
  webappPort: Number(process.env.GRANTSCOPE_WEBAPP_PORT ?? DEMO_WEBAPP_PORT),
});
const apps = { spa: demo.spa.origin, webapp: demo.webapp.origin };
console.log(`\n${describeDemo(demo.provider, apps)}\n`);

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
Then either:
  - watch an app sign in by itself: open ${apps.spa}/ (single-page app: "Log in" or "Log in with popup")
    or ${apps.webapp}/ (server-side app), log in with any username and password, consent, and open
    the Grantscope panel to see the recorded flow; or
  - launch a flow yourself: click the Grantscope toolbar button, keep "Demo provider: public client",
    and press Start.
(Branded Google Chrome 137+ ignores --load-extension, but Load unpacked works.)
The demo provider and both apps keep running until Ctrl-C.`);
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
  const panel = context.pages()[0] ?? (await context.newPage());
  await panel.goto(`chrome-extension://${id}/panel.html`);
  // The SPA last, so it is the tab in front: logging in there is the quickest way to see capture.
  const spa = await context.newPage();
  await spa.goto(`${apps.spa}/`);
  await spa.bringToFront();
  console.log(`Chromium is open with Grantscope (${id}): the SPA at ${apps.spa}/ in front, the panel in the other tab.
Press "Log in" (or "Log in with popup") in the SPA, log in with any username and password, consent, and
look at the panel. The server-side app is at ${apps.webapp}/. The toolbar button launches flows of your own.
Close the browser or press Ctrl-C to stop.`);
  context.on('close', () => void stop());
}
