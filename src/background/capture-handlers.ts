/**
 * The recorder's message handlers: its controls for the panel and popup, and the two ways pages'
 * requests reach it besides webRequest (the page script's relay and the DevTools page).
 */
import { parseObserved } from '../core/capture/observed';
import { keyedRateLimit } from '../core/capture/rate-limit';
import { normalizeCaptureSettings } from '../core/capture/settings';
import type { CaptureSink } from '../core/capture/types';
import { summarize } from '../core/flow';
import browser, { type Tabs } from '../shared/browser';
import type { CaptureStatus, Req, Res } from '../shared/messages';
import { clearBadges } from './badge';
import { captureState, saveCaptureSettings, setPaused } from './capture-settings';
import type { CaptureStore } from './capture-store';
import { clearKnownEndpoints } from './known-endpoints';
import { syncPageScripts } from './page-script';
import type { SenderInfo } from './sender';
import { siteLimit } from './site-limit';

export interface CaptureDeps {
  captures: () => CaptureStore;
  sink: CaptureSink;
  firefoxFilter: boolean;
  deep?: { attach(tabId: number): Promise<void>; detach(tabId: number): Promise<void>; attachedTabs(): number[] };
}

let pageScriptProblem: string | undefined;

/** The host access recording needs (manifest host_permissions; README "Permissions"). */
export const ALL_SITES = ['http://*/*', 'https://*/*'];

/** Applies settings to the store and the page scripts; after a change and when the worker starts. */
export async function applyCaptureSettings(deps: Pick<CaptureDeps, 'captures'>): Promise<void> {
  const { settings } = await captureState();
  await deps.captures().configure(settings.keepCaptures, settings.ringSize);
  pageScriptProblem = await syncPageScripts(settings.pageScriptSites);
}

async function status(deps: CaptureDeps): Promise<CaptureStatus> {
  const { settings, paused } = await captureState();
  const store = deps.captures().flows;
  const problem = store.problem ?? pageScriptProblem;
  const room = await deps.captures().usage();
  const notice = siteLimit.notice();
  return {
    settings,
    paused,
    captured: (await store.summaries()).length,
    ...(problem ? { problem } : {}),
    ...(room.budget ? { storage: { flows: room.flows, bytes: room.bytes, budget: room.budget } } : {}),
    ...(notice ? { notice } : {}),
    firefoxFilter: deps.firefoxFilter,
    allSites: await browser.permissions.contains({ origins: ALL_SITES }).catch(() => false),
    deep: { available: !!deps.deep, tabs: deps.deep?.attachedTabs() ?? [] },
  };
}

/**
 * The web page the person is looking at: the active http(s) tab of the last focused window, else the
 * web tab that was in front most recently (the panel itself is often the active tab when the button is
 * pressed). `lastAccessed` (Chrome 121+) is when a tab last became active, and its URL is read now: a
 * page typed into a new tab was the New Tab page when it came to front, and still counts. Host access
 * lets the worker read web tabs' URLs, which is how extension pages are told apart.
 */
async function activeTab(): Promise<number> {
  const isWeb = (t: Tabs.Tab) => t.id !== undefined && /^https?:/.test(t.url ?? '');
  const front = (await browser.tabs.query({ active: true, lastFocusedWindow: true })).find(isWeb);
  const latest = front ?? (await browser.tabs.query({})).filter(isWeb).sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
  if (latest?.id === undefined) throw new Error('No web page to attach deep capture to: open the page in a tab, bring it to front, then press the button again.');
  return latest.id;
}

/** Page-capture reports per tab (rate-limit.ts), shared by every frame of the tab. */
const reportsPerTab = keyedRateLimit();

export function captureHandlers(deps: CaptureDeps) {
  return {
    'capture/status': () => status(deps),
    'capture/settings': async (s: Req<'capture/settings'>) => {
      await saveCaptureSettings(normalizeCaptureSettings(s));
      await applyCaptureSettings(deps);
      return status(deps);
    },
    'capture/pause': async ({ paused }: Req<'capture/pause'>) => {
      await setPaused(paused);
      return status(deps);
    },
    // Everything the recorder keeps goes (issue 9): the ring in both areas, loose calls, openers,
    // learned endpoints, badge counts and the per-site limits. Settings and the pause stay.
    'capture/clear': async (): Promise<Res<'capture/clear'>> => {
      // Badges first: they read their counts, which the store's sweep of "capture:" keys removes.
      await clearBadges();
      await deps.captures().clear();
      await clearKnownEndpoints();
      siteLimit.clear();
      return null;
    },
    'capture/deep': async ({ on, tabId }: Req<'capture/deep'>) => {
      if (!deps.deep) throw new Error('Deep capture is only in the deep-capture build (npm run build:deep): Chrome cannot make the debugger permission optional.');
      const tab = tabId ?? (await activeTab());
      if (on) await deps.deep.attach(tab);
      else await deps.deep.detach(tab);
      return status(deps);
    },
    'capture/report': async ({ request }: Req<'capture/report'>, sender: SenderInfo): Promise<null> => {
      // The page script runs in the page, which can forge anything: only the tab, known from the
      // browser, and an opted-in site are trusted; the content is recorded as the page reported it.
      // Counted per tab before any work: every frame's relay has its own limit (issue 9).
      if (sender.tabId === undefined || !reportsPerTab.allow(sender.tabId, Date.now())) return null;
      const { settings } = await captureState();
      const origin = sender.url ? new URL(sender.url).origin : '';
      const clean = parseObserved(request);
      if (!clean || sender.tabId === undefined || !settings.pageScriptSites.includes(origin)) return null;
      deps.sink.request({ ...clean, tabId: sender.tabId, via: 'page-script', initiator: origin });
      return null;
    },
    'capture/devtools': async ({ request }: Req<'capture/devtools'>): Promise<null> => {
      const clean = parseObserved(request);
      if (clean) deps.sink.request({ ...clean, via: 'devtools' });
      return null;
    },
  };
}

/** Launched and recorded flows in one list, newest first. */
export async function allSummaries(launched: { summaries(): Promise<ReturnType<typeof summarize>[]> }, captures: CaptureStore) {
  const both = [...(await launched.summaries()), ...(await captures.flows.summaries())];
  return both.sort((a, b) => b.createdAt - a.createdAt);
}
