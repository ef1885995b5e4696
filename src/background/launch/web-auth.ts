/**
 * The extension-owned redirect URI mode: for providers where the extension itself is registered as a
 * client (https://ID.chromiumapp.org/ in Chrome, https://HASH.extensions.allizom.org/ in Firefox). The
 * browser's identity.launchWebAuthFlow runs the login in its own window and hands back the final
 * redirect, fragment included, which is then treated like any other callback.
 *
 * The pending call lives only in this worker: a worker stopped mid-login loses it, so a fresh worker
 * marks such a flow interrupted (resumeFlows) instead of leaving it waiting for ever.
 */
import { parseCallbackUrl } from '../../core/callback';
import browser from '../../shared/browser';
import { handleCallback } from '../callback';
import type { FlowStore } from '../flow-store';
import { running } from '../running';
import { failFlow } from '../token-call';

type Identity = { getRedirectURL?: (path?: string) => string; launchWebAuthFlow?: (d: { url: string; interactive: boolean }) => Promise<string> };
const identity = () => (browser as unknown as { identity?: Identity }).identity;

export function extensionRedirectUri(): string {
  return identity()?.getRedirectURL?.() ?? `https://${browser.runtime.id}.chromiumapp.org/`;
}

export async function runWebAuthFlow(store: FlowStore, flowId: string, url: string): Promise<void> {
  const api = identity();
  if (!api?.launchWebAuthFlow) {
    return failFlow(store, flowId, 'The extension-owned redirect mode needs the "identity" permission, which was not granted.');
  }
  // Marked running only while the login window is open: the redemption that follows marks itself.
  running.add(flowId);
  let back: string;
  try {
    back = await api.launchWebAuthFlow({ url, interactive: true });
  } catch (e) {
    return failFlow(store, flowId, 'The login window was closed, or the provider did not redirect to the extension’s redirect URI.', e instanceof Error ? e.message : String(e));
  } finally {
    running.delete(flowId);
  }
  const parsed = parseCallbackUrl(back);
  await handleCallback(store, flowId, back, parsed.ok ? parsed.value : { params: {}, source: 'none', duplicates: [] });
}
