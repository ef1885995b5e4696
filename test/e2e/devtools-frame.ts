/**
 * The extension's "OAuth" panel inside a real DevTools window (issue 10, item 2), for end-to-end tests.
 *
 * How it is reached, in Debian's Chromium 156, headless:
 * - `--auto-open-devtools-for-tabs` (the harness's `devtools` option) opens DevTools on every new tab.
 *   Each DevTools window is a CDP target of type "page" at devtools://devtools/bundled/devtools_app.html;
 *   Playwright lists none of them (context.pages() leaves DevTools out), but the browser's own CDP
 *   session does (Target.getTargets).
 * - The extension's DevTools page (devtools.html) runs in an iframe target whose `parentId` is its
 *   DevTools window; it knows the tab it inspects (devtools.inspectedWindow.tabId), which tells the
 *   windows apart.
 * - DevTools shows an extension panel when asked by its id, the extension's origin followed by the
 *   panel's title: `InspectorView.instance().showPanel('chrome-extension://ID' + 'OAuth')`, evaluated in
 *   the DevTools window (its module ui/legacy/legacy.js, imported from the bundled frontend). That is
 *   what a click on the "OAuth" tab does; the panel's iframe (panel.html) then appears as one more
 *   iframe target, child of the same window.
 * - Playwright's CDPSession cannot address a flattened child session, so targets are attached without
 *   `flatten` and spoken to through Target.sendMessageToTarget / receivedMessageFromTarget (deprecated
 *   in CDP, still served by Chromium 156). If a later Chromium drops it, attach with flatten on a raw
 *   CDP connection (--remote-debugging-port) instead.
 *
 * The panel is then driven by evaluating functions in its frame (clicks, typing, reading the DOM), and
 * DevTools is screenshotted as a person sees it, panel docked on the right.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import type { Harness } from './harness';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
  parentId?: string;
}

type Wire = { id?: number; result?: unknown; error?: { message: string } };

/** One target attached without flatten: commands go wrapped through the browser session. */
class Target {
  private static next = 0;
  constructor(
    private readonly browser: CDPSession,
    private readonly sessionId: string,
    private readonly pending: Map<number, (m: Wire) => void>,
  ) {}

  call<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = ++Target.next;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result as T)));
      this.browser.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message: JSON.stringify({ id, method, params }) }).catch((e: unknown) => {
        this.pending.delete(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      });
    });
  }

  /** Runs `fn(arg)` in the target (a function's source and JSON arg, as Playwright's evaluate does). */
  eval<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> {
    return this.evalText<T>(`(${fn.toString()})(${JSON.stringify(arg ?? null)})`);
  }

  /** Evaluates an expression given as text, awaiting a promise it gives. */
  async evalText<T>(expression: string): Promise<T> {
    const r = await this.call<{ result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } }>('Runtime.evaluate', {
      expression,
      awaitPromise: true,
      returnByValue: true,
    });
    if (r.exceptionDetails) throw new Error(`in DevTools: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value as T;
  }
}

export interface DevtoolsPanel {
  /** The tab this DevTools window inspects. */
  tabId: number;
  /** Runs `fn(arg)` in the panel's frame (panel.html inside DevTools). */
  eval<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  /** Waits until `fn(arg)` returns something truthy in the panel, and returns it. */
  waitFor<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A, opts?: { timeout?: number; message?: string }): Promise<T>;
  /** Clicks the first element matching `selector` in the panel. */
  click(selector: string): Promise<void>;
  /** Types `text` into the input matching `selector`, as a person would (an input event per change). */
  fill(selector: string, text: string): Promise<void>;
  /** Reloads the panel's frame and waits for the panel to draw again. */
  reload(): Promise<void>;
  /** The panel frame's URL. */
  url(): Promise<string>;
  /** Saves DevTools, with the panel, light and dark (GRANTSCOPE_SCREENSHOTS=dir). */
  shoot(name: string): Promise<void>;
  /** Detaches from DevTools (DevTools stays open). */
  detach(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function poll<T>(what: () => Promise<T | undefined | null | false>, timeout: number, message: string): Promise<T> {
  const until = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const v = await what();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) throw new Error(`${message}${last ? ` (last error: ${String(last)})` : ''}`);
    await sleep(200);
  }
}

/**
 * Finds the DevTools window open on `tabId`, shows its "OAuth" panel and returns a handle on the
 * panel's frame, once the panel has drawn its views.
 */
export async function openOAuthPanel(h: Harness, tabId: number, timeout = 30_000): Promise<DevtoolsPanel> {
  const browserSession = await h.context.browser()!.newBrowserCDPSession();
  const pending = new Map<number, (m: Wire) => void>();
  browserSession.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
    const m = JSON.parse(e.message) as Wire;
    if (m.id !== undefined) {
      pending.get(m.id)?.(m);
      pending.delete(m.id);
    }
  });
  const attached = new Map<string, Target>();
  const attach = async (targetId: string): Promise<Target> => {
    const known = attached.get(targetId);
    if (known) return known;
    const { sessionId } = (await browserSession.send('Target.attachToTarget', { targetId, flatten: false })) as { sessionId: string };
    const t = new Target(browserSession, sessionId, pending);
    attached.set(targetId, t);
    return t;
  };
  const targets = async () => ((await browserSession.send('Target.getTargets')) as { targetInfos: TargetInfo[] }).targetInfos;
  const origin = `chrome-extension://${h.extensionId}`;

  // The DevTools window whose DevTools page inspects tabId (it opens a moment after its tab).
  const windowId = await poll(
    async () => {
      for (const t of (await targets()).filter((x) => x.type === 'iframe' && x.url === `${origin}/devtools.html`)) {
        const page = await attach(t.targetId);
        const inspected = await page.eval(() => (globalThis as unknown as { chrome: { devtools: { inspectedWindow: { tabId: number } } } }).chrome.devtools.inspectedWindow.tabId);
        if (inspected === tabId && t.parentId) return t.parentId;
      }
      return undefined;
    },
    timeout,
    `no DevTools window with Grantscope's DevTools page was found for tab ${tabId}`,
  );
  const devtools = await attach(windowId);
  // The panel's id in DevTools: the extension's origin, then the title given to devtools.panels.create.
  // Text, not a function: vitest rewrites `import(` in this file's functions. The module is resolved
  // against devtools://devtools/bundled/, where the frontend's modules live.
  await devtools.evalText(`import('./ui/legacy/legacy.js').then((UI) => UI.InspectorView.InspectorView.instance().showPanel(${JSON.stringify(`${origin}OAuth`)}))`);
  const panelTarget = await poll(
    async () => (await targets()).find((t) => t.type === 'iframe' && t.parentId === windowId && t.url.startsWith(`${origin}/panel.html`)),
    timeout,
    `DevTools on tab ${tabId} did not load the OAuth panel (panel.html)`,
  );
  const panel = await attach(panelTarget.targetId);

  const waitFor: DevtoolsPanel['waitFor'] = (fn, arg, opts) =>
    poll(
      () => panel.eval(fn, arg),
      opts?.timeout ?? 20_000,
      opts?.message ?? `the DevTools panel never showed what was waited for: ${fn.toString().slice(0, 200)}`,
    );
  const drawn = () => waitFor(() => document.querySelector('nav.tabs button[aria-current="page"]') !== null, undefined, { message: 'the panel in DevTools never drew its views' });
  await drawn();

  return {
    tabId,
    eval: (fn, arg) => panel.eval(fn, arg),
    waitFor,
    async click(selector) {
      const found = await panel.eval((s) => {
        const el = document.querySelector<HTMLElement>(s);
        el?.click();
        return el !== null;
      }, selector);
      if (!found) throw new Error(`nothing in the DevTools panel matches ${selector}`);
    },
    async fill(selector, text) {
      const found = await panel.eval(
        ([s, t]) => {
          const el = document.querySelector<HTMLInputElement>(s);
          if (!el) return false;
          el.focus();
          el.value = t;
          el.dispatchEvent(new InputEvent('input', { bubbles: true, data: t, inputType: 'insertText' }));
          return true;
        },
        [selector, text] as const,
      );
      if (!found) throw new Error(`no input in the DevTools panel matches ${selector}`);
    },
    async reload() {
      // The frame keeps its target (and this session) across a reload; wait for the old document to go.
      await panel.eval(() => {
        (globalThis as unknown as { __before?: boolean }).__before = true;
        setTimeout(() => location.reload(), 0);
      });
      await waitFor(() => (globalThis as unknown as { __before?: boolean }).__before !== true && document.readyState === 'complete', undefined, { message: 'the panel in DevTools did not reload' });
      await drawn();
    },
    url: () => panel.eval(() => location.href),
    async shoot(name) {
      const dir = process.env.GRANTSCOPE_SCREENSHOTS;
      if (!dir) return;
      await mkdir(dir, { recursive: true });
      for (const scheme of ['light', 'dark'] as const) {
        const media = { features: [{ name: 'prefers-color-scheme', value: scheme }] };
        await devtools.call('Emulation.setEmulatedMedia', media);
        await panel.call('Emulation.setEmulatedMedia', media);
        // A headless DevTools window draws only when asked: wait for the panel to paint twice, and take
        // the second capture (the first can still hold the frame from before the change).
        // (A DevTools window behind another tab's never paints: rAF does not fire there, hence the limit.)
        await panel.eval(() => Promise.race([new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))), new Promise((r) => setTimeout(r, 500))]));
        await devtools.call('Page.captureScreenshot', { format: 'png' });
        await sleep(100);
        const { data } = await devtools.call<{ data: string }>('Page.captureScreenshot', { format: 'png' });
        await writeFile(join(dir, `${name}-${scheme}.png`), Buffer.from(data, 'base64'));
      }
      await devtools.call('Emulation.setEmulatedMedia', { features: [] });
      await panel.call('Emulation.setEmulatedMedia', { features: [] });
    },
    async detach() {
      await browserSession.detach().catch(() => undefined);
    },
  };
}
