/** One named async handler per message key (src/shared/messages.ts). */
import browser from '../shared/browser';
import type { MessageKey, Req, Res } from '../shared/messages';
import type { FlowStore } from './flow-store';
import type { KV } from './kv';
import { deleteProfile, listProfiles, saveProfile } from './profiles';
import { startFlow } from './start-flow';

export type Handlers = { [K in MessageKey]: (req: Req<K>) => Promise<Res<K>> };

export function makeHandlers(deps: { flows: FlowStore; local: KV }): Handlers {
  const { flows, local } = deps;
  return {
    'profile/list': () => listProfiles(local),
    'profile/save': (p) => saveProfile(local, p),
    'profile/delete': ({ id }) => deleteProfile(local, id),
    'flow/start': ({ profile }) => startFlow(flows, profile),
    'flow/list': () => flows.summaries(),
    'flow/get': async ({ id }) => (await flows.get(id)) ?? null,
    'flow/clear': async () => {
      await flows.clear();
      return null;
    },
    'panel/open': async () => {
      await browser.tabs.create({ url: browser.runtime.getURL('panel.html') });
      return null;
    },
  };
}
