/**
 * Automatic refresh before expiry, on request, per flow. chrome.alarms survives the worker being
 * stopped (a setTimeout would not); each refresh schedules the next from the new expires_in.
 */
import { refreshAt } from '../core/auto-refresh';
import { tokenSets } from '../core/flow';
import browser from '../shared/browser';
import { runAction } from './actions';
import type { FlowStore } from './flow-store';
import type { ProfileStore } from './profile-store';

const PREFIX = 'refresh:';

export async function setAutoRefresh(flows: FlowStore, id: string, on: boolean): Promise<void> {
  const flow = await flows.update(id, (f) => {
    f.autoRefresh = on;
    return f;
  });
  await browser.alarms.clear(PREFIX + id);
  if (!on || !flow) return;
  const last = tokenSets(flow).at(-1);
  const when = last ? refreshAt(last.at, last.tokens.expires_in, Date.now()) : undefined;
  if (when === undefined) {
    await flows.update(id, (f) => {
      f.autoRefresh = false;
      return f;
    });
    throw new Error('The last token response has no expires_in: there is no expiry to refresh before.');
  }
  await browser.alarms.create(PREFIX + id, { when });
}

export function registerAutoRefresh(deps: { flows: FlowStore; profiles: ProfileStore }): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (!alarm.name.startsWith(PREFIX)) return;
    const id = alarm.name.slice(PREFIX.length);
    void (async () => {
      const flow = await deps.flows.get(id);
      if (!flow?.autoRefresh || flow.imported) return;
      await runAction(deps, id, 'refresh', {}).catch(() => undefined);
      await setAutoRefresh(deps.flows, id, true).catch(() => undefined);
    })();
  });
}
