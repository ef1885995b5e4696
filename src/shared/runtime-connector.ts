/** The real Connector: runtime messages to the background, storage events for live updates. */
import type { Connector } from '../ui/connector';
import browser from './browser';
import type { Envelope, MessageKey, Reply, Req, Res } from './messages';

export function runtimeConnector(): Connector {
  return {
    async send<K extends MessageKey>(type: K, payload: Req<K>): Promise<Res<K>> {
      const envelope: Envelope<K> = { grantscope: 1, type, payload };
      const reply = (await browser.runtime.sendMessage(envelope)) as Reply<K> | undefined;
      if (!reply) throw new Error('The background did not answer. Reload the extension and try again.');
      if (!reply.ok) throw new Error(reply.error);
      return reply.value;
    },
    onFlowsChanged(cb) {
      const listener = (changes: Record<string, unknown>, area: string) => {
        // Launched flows live in storage.session; recorded ones there or, when kept, in storage.local;
        // imported ones (issue 13) in storage.session.
        const flowKey = (k: string) => k === 'flows' || k.startsWith('flow:') || k === 'captures' || k.startsWith('cap:') || k === 'imports' || k.startsWith('imp:');
        if ((area === 'session' || area === 'local') && Object.keys(changes).some(flowKey)) cb();
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
    onProfilesChanged(cb) {
      const listener = (changes: Record<string, unknown>, area: string) => {
        if (area === 'local' && 'profiles' in changes) cb();
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
    requestHostAccess(origins, permissions) {
      // The polyfill's types predate "identity" as an optional permission; Chrome and Firefox accept it.
      const request = { origins, ...(permissions?.length ? { permissions } : {}) } as Parameters<typeof browser.permissions.request>[0];
      return browser.permissions.request(request);
    },
  };
}
