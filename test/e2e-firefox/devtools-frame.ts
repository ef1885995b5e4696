/**
 * The extension's "OAuth" panel inside a real Firefox toolbox (issue 10, item 2), for end-to-end tests.
 *
 * How it is reached, in Debian's firefox-esr 153, headless, over WebDriver BiDi:
 * - The toolbox is opened for a tab from the browser's own (chrome) scope, which BiDi reaches with
 *   --remote-allow-system-access and "moz:scope": "chrome" (as the harness's chromeEval does):
 *   DevTools' loader gives `gDevTools`, and `gDevTools.showToolboxForTab(tab)` is what F12 does.
 *   Opening it loads the add-on's devtools_page, whose devtools.panels.create adds the panel as one of
 *   the toolbox's "additional tools" (label "OAuth"); `toolbox.selectTool(id)` is a click on its tab.
 * - The panel's page (panel.html) runs in a remote <browser> inside the toolbox's webext-panels.xhtml
 *   frame. BiDi does not list it (its browsing context is not in a tab: script.evaluate answers "no
 *   such frame"), and chrome code cannot read a remote document. Its message manager still takes a
 *   frame script (a data: URL, loaded by chrome code): the script evaluates the test's function in a
 *   sandbox over the panel's window (no Xrays, so the page's own objects; the page's CSP does not
 *   apply to a sandbox) and sends the JSON of the result back.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import type { FirefoxHarness } from './harness';

type Conn = { send(method: string, params: object): Promise<{ result: unknown }> };

/** Runs `expression` in the browser's chrome scope (the same call as the harness's chromeEval). */
async function chromeEval(b: Browser, expression: string): Promise<unknown> {
  const conn = (b as unknown as { connection: Conn }).connection;
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

export interface FirefoxDevtoolsPanel {
  /** Runs `fn(arg)` in the panel's page inside the toolbox; the result travels as JSON. */
  eval<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  waitFor<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A, opts?: { timeout?: number; message?: string }): Promise<T>;
  click(selector: string): Promise<void>;
  /** Reloads the panel's page and waits for it to draw its views again. */
  reload(): Promise<void>;
  /**
   * With GRANTSCOPE_SCREENSHOTS=dir: saves the panel as drawn in the toolbox, light and dark, as
   * firefox-<name>-light.png and -dark.png. BiDi cannot capture chrome, so the panel's own window
   * draws itself (WindowGlobalParent.drawSnapshot, as Firefox's screenshots feature does).
   */
  shoot(name: string): Promise<void>;
}

let panels = 0;

/**
 * Opens the toolbox on the tab whose URL is `tabUrl`, shows its "OAuth" panel, and returns a handle on
 * the panel's page once it has drawn its views. The tab is remembered, so it may navigate afterwards.
 */
export async function openOAuthPanel(h: FirefoxHarness, tabUrl: string, timeout = 30_000): Promise<FirefoxDevtoolsPanel> {
  const key = `panel${++panels}`;
  const opened = await chromeEval(
    h.browser,
    `(async () => {
      const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
      const { gDevTools } = require('devtools/client/framework/devtools');
      let tab;
      for (const win of Services.wm.getEnumerator('navigator:browser')) {
        tab ??= win.gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec === ${JSON.stringify(tabUrl)});
      }
      if (!tab) return 'no tab at ' + ${JSON.stringify(tabUrl)};
      // Docked at the bottom, as Firefox opens it; taller than its 250 px default, as a person using a
      // panel would make it, so the list shows more than one flow.
      Services.prefs.setIntPref('devtools.toolbox.footer.height', 560);
      const toolbox = await gDevTools.showToolboxForTab(tab);
      const until = Date.now() + ${timeout};
      let tool;
      while (!(tool = (toolbox.getAdditionalTools() ?? []).find((t) => t.label === 'OAuth')) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      if (!tool) return 'the toolbox has no OAuth panel';
      await toolbox.selectTool(tool.id);
      let browser;
      while (Date.now() < until) {
        const frame = toolbox.win.document.getElementById('toolbox-panel-iframe-' + tool.id);
        browser = frame?.contentDocument?.querySelector('browser');
        if (browser?.currentURI?.spec.startsWith('moz-extension://') && browser.currentURI.spec.includes('/panel.html')) break;
        browser = undefined;
        await new Promise((r) => setTimeout(r, 100));
      }
      if (!browser) return 'the OAuth panel never loaded panel.html';
      (globalThis.__grantscopePanels ??= {})[${JSON.stringify(key)}] = browser;
      return 'ok';
    })()`,
  );
  if (opened !== 'ok') throw new Error(`Firefox toolbox: ${String(opened)}`);

  let calls = 0;
  const evalText = async <T>(src: string): Promise<T> => {
    const name = `grantscope-test:${key}:${++calls}`;
    // The frame script: evaluates `src` in a sandbox over the panel's window and sends back JSON.
    const script = `(() => {
      const sb = Components.utils.Sandbox(content, { sandboxPrototype: content, wantXrays: false });
      let p;
      try { p = Promise.resolve(Components.utils.evalInSandbox(${JSON.stringify(src)}, sb)); } catch (e) { p = Promise.reject(e); }
      p.then((v) => sendAsyncMessage(${JSON.stringify(name)}, { ok: true, json: JSON.stringify(v === undefined ? null : v) }),
             (e) => sendAsyncMessage(${JSON.stringify(name)}, { ok: false, error: String(e) }));
    })();`;
    // As JSON text: BiDi hands an object back as its own serialisation, not as the object.
    const text = await chromeEval(
      h.browser,
      `new Promise((resolve) => {
        const mm = globalThis.__grantscopePanels[${JSON.stringify(key)}].messageManager;
        const timer = setTimeout(() => resolve(JSON.stringify({ ok: false, error: 'no answer from the panel in 10 s' })), 10000);
        const listener = (m) => { clearTimeout(timer); mm.removeMessageListener(${JSON.stringify(name)}, listener); resolve(JSON.stringify(m.data)); };
        mm.addMessageListener(${JSON.stringify(name)}, listener);
        mm.loadFrameScript('data:,' + encodeURIComponent(${JSON.stringify(script)}), false);
      })`,
    );
    const answer = JSON.parse(String(text)) as { ok: boolean; json?: string; error?: string };
    if (!answer.ok) throw new Error(`in the Firefox toolbox panel: ${answer.error ?? 'failed'}`);
    return JSON.parse(answer.json ?? 'null') as T;
  };
  const evalFn = <T, A>(fn: (arg: A) => T | Promise<T>, arg?: A) => evalText<T>(`(${fn.toString()})(${JSON.stringify(arg ?? null)})`);
  const waitFor: FirefoxDevtoolsPanel['waitFor'] = async (fn, arg, opts) => {
    const until = Date.now() + (opts?.timeout ?? 20_000);
    let last: unknown;
    for (;;) {
      try {
        const v = await evalFn(fn, arg);
        if (v) return v;
      } catch (e) {
        last = e;
      }
      if (Date.now() > until) throw new Error(`${opts?.message ?? `the toolbox panel never showed: ${fn.toString().slice(0, 200)}`}${last ? ` (last error: ${String(last)})` : ''}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const drawn = () => waitFor(() => document.querySelector('nav.tabs button[aria-current="page"]') !== null, undefined, { message: 'the panel in the Firefox toolbox never drew its views' });
  await drawn();

  return {
    eval: evalFn,
    waitFor,
    async click(selector) {
      const found = await evalFn((s) => {
        const el = document.querySelector<HTMLElement>(s);
        el?.click();
        return el !== null;
      }, selector);
      if (!found) throw new Error(`nothing in the toolbox panel matches ${selector}`);
    },
    async shoot(name) {
      const dir = process.env.GRANTSCOPE_SCREENSHOTS;
      if (!dir) return;
      await mkdir(dir, { recursive: true });
      // A toolbox panel takes its colour scheme from the DevTools theme (devtools.theme), not from the
      // content pref the harness uses for tabs.
      const pref = 'devtools.theme';
      for (const scheme of ['light', 'dark'] as const) {
        await chromeEval(h.browser, `Services.prefs.setStringPref(${JSON.stringify(pref)}, ${JSON.stringify(scheme)})`);
        await waitFor((s) => matchMedia(`(prefers-color-scheme: ${s})`).matches, scheme);
        await evalFn(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const png = await chromeEval(
          h.browser,
          `(async () => {
            const browser = globalThis.__grantscopePanels[${JSON.stringify(key)}];
            const bitmap = await browser.browsingContext.currentWindowGlobal.drawSnapshot(null, 1, 'white');
            const canvas = browser.ownerDocument.createElementNS('http://www.w3.org/1999/xhtml', 'canvas');
            canvas.width = bitmap.width;
            canvas.height = bitmap.height;
            canvas.getContext('2d').drawImage(bitmap, 0, 0);
            return canvas.toDataURL('image/png');
          })()`,
        );
        await writeFile(join(dir, `firefox-${name}-${scheme}.png`), Buffer.from(String(png).split(',')[1] ?? '', 'base64'));
      }
      await chromeEval(h.browser, `Services.prefs.clearUserPref(${JSON.stringify(pref)})`);
    },
    async reload() {
      // A mark on the document (each evaluation has a sandbox of its own): gone once the page is new.
      await evalFn(() => {
        document.documentElement.dataset['gsBefore'] = '1';
        setTimeout(() => location.reload(), 0);
      });
      await waitFor(() => document.documentElement.dataset['gsBefore'] !== '1' && document.readyState === 'complete', undefined, { message: 'the toolbox panel did not reload' });
      await drawn();
    },
  };
}
