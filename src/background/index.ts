/**
 * The background service worker (Chrome) / background script (Firefox).
 * Every listener is registered synchronously at top level so its event wakes a stopped worker.
 */
import browser, { type Runtime } from '../shared/browser';
import { MAX_FLOWS, demoProfiles } from '../shared/constants';
import { type Envelope, type MessageKey, type Reply, isEnvelope } from '../shared/messages';
import { registerAutoRefresh } from './auto-refresh';
import { registerCapture } from './capture';
import { FlowStore } from './flow-store';
import { makeHandlers } from './handlers';
import { ProfileStore } from './profile-store';
import { resumeFlows } from './redeem';
import { isTrustedSender } from './sender';
import { validPayload } from './validate';

const flows = new FlowStore(browser.storage.session, MAX_FLOWS);
const profiles = new ProfileStore(browser.storage.local, browser.storage.session);
const handlers = makeHandlers({ flows, profiles });

async function dispatch<K extends MessageKey>(m: Envelope<K>): Promise<Reply<K>> {
  if (!validPayload(m.type, m.payload)) return { ok: false, error: `Malformed request for ${m.type}.` };
  try {
    const handler = handlers[m.type] as (req: unknown) => Promise<unknown>;
    return { ok: true, value: (await handler(m.payload)) as Reply<K> extends { value: infer V } ? V : never };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  // Fault case 28: anything not from our own pages, or not one of our messages, is dropped unanswered.
  if (!isEnvelope(message) || !isTrustedSender(sender, browser.runtime.id, browser.runtime.getURL('/'))) return undefined;
  return dispatch(message);
});

registerCapture(flows);
registerAutoRefresh({ flows, profiles });
void resumeFlows(flows);

// A new install gets the demo provider's clients as ready profiles (never over existing ones).
browser.runtime.onInstalled.addListener(() => void seedDemoProfiles(profiles));

async function seedDemoProfiles(store: ProfileStore): Promise<void> {
  if ((await store.list()).length > 0) return;
  for (const { profile, secrets } of demoProfiles()) await store.save(profile, secrets ?? {});
}
