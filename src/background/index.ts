/**
 * The background service worker (Chrome) / background script (Firefox).
 * Every listener is registered synchronously at top level so its event wakes a stopped worker.
 */
import browser, { type Runtime } from '../shared/browser';
import { MAX_FLOWS, demoProfiles } from '../shared/constants';
import { type Envelope, type MessageKey, type Reply, isEnvelope } from '../shared/messages';
import { registerAutoRefresh } from './auto-refresh';
import { registerCapture } from './capture';
import { LedgeredFlowStore } from './interrupted-ledger';
import { makeHandlers } from './handlers';
import { ProfileStore } from './profile-store';
import { resumeFlows } from './redeem';
import { isOwnContentScript, isTrustedSender, type SenderInfo } from './sender';
import { defaultCaptureSettings } from '../core/capture/settings';
import { CONTENT_SCRIPT_MESSAGES } from '../shared/messages';
import { registerBadges } from './badge';
import { applyCaptureSettings, type CaptureDeps } from './capture-handlers';
import { watchCaptureSettings } from './capture-settings';
import { CaptureStore } from './capture-store';
import { deepCapture } from './deep-capture';
import { registerFirefoxFilter } from './firefox-filter';
import { makeRecorder, wantedByFilter } from './recorder';
import { registerWebRequestSource } from './record-webrequest';
import { knownEndpoints, loadKnownEndpoints } from './known-endpoints';
import { validPayload } from './validate';
import { countWorkerStart, testInitDelay } from './test-hooks';
import { WELCOME_PAGE, opensWelcome } from './welcome';
import { registerContextMenu } from './context-menu';
import { registerCommands } from './commands';
import { sweepOpenTabsOnce } from './restore-sweep';
import { logText } from '../core/redact';

// Storage full for a launched flow: the recorded ring's oldest go first (fault case 24; `captures` is set below, before any write).
// Running flows also leave a note in storage.local, so a reload of the extension shows them interrupted (fault case 25).
const flows = new LedgeredFlowStore(browser.storage.session, MAX_FLOWS, { makeRoom: (bytes) => captures.shedSession(bytes) }, browser.storage.local);
const profiles = new ProfileStore(browser.storage.local, browser.storage.session);

// Test build only: count this start, so a test can prove a stopped worker really started again.
if (__TEST__) void countWorkerStart();

// Recording (issue 4): on from install; captured flows in their own bounded ring.
const captures = new CaptureStore(false, defaultCaptureSettings().ringSize);
// What recording needs before it may judge an event: the stored settings (the ring's storage area and
// size) and the endpoints learned from discovery. Started before the sink exists, so the sink can hold
// every event that arrives meanwhile and record it, in order, once this settles (issue 9, item 6).
// Test build: a test can hold the learned endpoints back (test:initDelayMs), as slow storage would.
const endpointsLoaded = __TEST__ ? testInitDelay().then(loadKnownEndpoints) : loadKnownEndpoints();
captures.ready = Promise.all([applyCaptureSettings({ captures: () => captures }), endpointsLoaded])
  .then(() => undefined).catch((e: unknown) => console.error('Grantscope: capture settings:', logText(e)));
const ownOrigin = browser.runtime.getURL('/').replace(/\/$/, '');
const sink = makeRecorder({ captures, launched: flows, ownOrigin, ready: captures.ready });
const deep = deepCapture(sink, undefined, knownEndpoints);
const capture: CaptureDeps = {
  captures: () => captures,
  sink,
  firefoxFilter: registerFirefoxFilter(sink, wantedByFilter),
  ...(deep ? { deep } : {}),
};
const handlers = makeHandlers({ flows, profiles, capture });

async function dispatch<K extends MessageKey>(m: Envelope<K>, sender: SenderInfo): Promise<Reply<K>> {
  if (!validPayload(m.type, m.payload)) return { ok: false, error: `Malformed request for ${m.type}.` };
  try {
    await captures.ready;
    const handler = handlers[m.type] as (req: unknown, sender: SenderInfo) => Promise<unknown>;
    return { ok: true, value: (await handler(m.payload, sender)) as Reply<K> extends { value: infer V } ? V : never };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  // Fault case 28: anything not from our own pages, or not one of our messages, is dropped unanswered.
  if (!isEnvelope(message)) return undefined;
  if (isTrustedSender(sender, browser.runtime.id, browser.runtime.getURL('/'))) return dispatch(message, {});
  // Our content scripts (the page capture relay) may send only their own report.
  if (CONTENT_SCRIPT_MESSAGES.includes(message.type) && isOwnContentScript(sender, browser.runtime.id)) {
    return dispatch(message, { tabId: sender.tab!.id!, ...(sender.url ? { url: sender.url } : {}) });
  }
  return undefined;
});

registerCapture(flows);
registerWebRequestSource(sink);
// Tabs restored at browser start loaded before this worker listened: read their URLs instead.
sweepOpenTabsOnce(sink).catch((e: unknown) => console.error('Grantscope: open tabs at start:', logText(e)));
registerBadges();
browser.tabs.onCreated.addListener((tab) => {
  // A login popup (window.open) or a new tab opened by the app: one flow may span both.
  if (tab.id !== undefined && tab.openerTabId !== undefined) void captures.setOpener(tab.id, tab.openerTabId);
});
watchCaptureSettings(() => void applyCaptureSettings(capture));
registerAutoRefresh({ flows, profiles });
registerContextMenu(); // "Decode with Grantscope" on selections and links (issue 10, item 3)
registerCommands(handlers); // keyboard shortcuts: open-panel, start-last-profile (issue 10, item 3)
void resumeFlows(flows);
flows.recoverInterrupted().catch((e: unknown) => console.error('Grantscope: interrupted flows:', logText(e)));

// A new install gets the demo provider's clients as ready profiles (never over existing ones), and
// opens the welcome page once: what is recorded, where it is kept, how to pause (issue 10, item 4).
browser.runtime.onInstalled.addListener((details) => {
  void seedDemoProfiles(profiles);
  if (opensWelcome(details.reason, __TEST__)) void browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE) });
});

async function seedDemoProfiles(store: ProfileStore): Promise<void> {
  if ((await store.list()).length > 0) return;
  for (const { profile, secrets } of demoProfiles()) await store.save(profile, secrets ?? {});
}
