/** One named async handler per message key (src/shared/messages.ts). */
import { exportProfiles, importProfiles } from '../core/profile-io';
import browser from '../shared/browser';
import type { MessageKey, Req, Res } from '../shared/messages';
import { runAction } from './actions';
import { setAutoRefresh } from './auto-refresh';
import { discover } from './discover';
import { verifyForIssuer } from './keys';
import { getSettings, setSettings } from './settings';
import type { FlowStore } from './flow-store';
import { startDraft, startFlow } from './launch';
import { runBothStep } from './run-both';
import { LaunchError } from './metadata';
import type { ProfileStore } from './profile-store';
import { normalizeIssuer } from '../core/discovery';
import { allSummaries, type CaptureDeps, captureHandlers } from './capture-handlers';
import { CAPTURE_ID_PREFIX } from './capture-store';
import { checkCapturedIdTokens } from './capture-id-token';
import { makeDemoPresence } from './demo-presence';
import { capabilities } from './capabilities';
import { fetchText } from './http';
import { DEMO_ISSUER } from '../shared/constants';
import type { SenderInfo } from './sender';
import { takePendingDecode } from './decode-pending';
import { showPanel } from './panel-tab';
import { downloadExport } from './export-handlers';
import { confirmImportedIssuer, importHandlers, isImportedId, makeImportStore } from './import-handlers';
import { newestSummary } from '../core/newest-summary';

export type Handlers = { [K in MessageKey]: (req: Req<K>, sender: SenderInfo) => Promise<Res<K>> };

export function makeHandlers(deps: { flows: FlowStore; profiles: ProfileStore; capture: CaptureDeps }): Handlers {
  const { flows, profiles } = deps;
  const captures = deps.capture.captures;
  /** Recorded flows have ids of their own (CAPTURE_ID_PREFIX), so one lookup knows where to look. */
  // Imported flows (issue 13) live apart too, under ids of their own (import-handlers.ts).
  const imports = makeImportStore(browser.storage.session);
  const storeOf = (id: string) => (isImportedId(id) ? imports : id.startsWith(CAPTURE_ID_PREFIX) ? captures().flows : flows);
  // Issue 10, item 4: the popup and panel label the demo profiles when `npm run demo` is not running.
  const demoPresence = makeDemoPresence({ issuer: DEMO_ISSUER, session: browser.storage.session, fetchText });
  return {
    ...captureHandlers(deps.capture),
    ...importHandlers(imports),
    'profile/list': () => profiles.list(),
    'profile/save': ({ profile, secrets }) => profiles.save(profile, secrets),
    'profile/delete': ({ id }) => profiles.delete(id),
    'profile/secrets': ({ id }) => profiles.secrets(id),
    'profile/export': async ({ includeSecrets }) =>
      JSON.stringify(exportProfiles(await profiles.list(), includeSecrets ? await profiles.allSecrets() : {}, includeSecrets), null, 2),
    'profile/import': async ({ text }) => {
      const r = importProfiles(text);
      if (!r.ok) throw new LaunchError(r.error.message);
      for (const { profile, secrets } of r.value.profiles) await profiles.save(profile, secrets ?? {});
      return { imported: r.value.profiles.length, skipped: r.value.skipped };
    },
    'profile/discover': async ({ issuer }) => {
      const n = normalizeIssuer(issuer);
      if (!n.ok) throw new LaunchError(`Issuer URL: ${n.error.message}`);
      const r = await discover(n.value);
      if (!r.ok) throw new LaunchError(r.error.message);
      return r.value;
    },
    'demo/presence': ({ refresh }) => demoPresence(refresh ? { refresh } : {}),
    'env/capabilities': async () => capabilities(),
    'flow/start': ({ profileId, launch }) => startFlow(flows, profiles, profileId, launch),
    'flow/run-both': ({ profileId, step }) => runBothStep(flows, profiles, profileId, step),
    'flow/relaunch': ({ profile, launch }) => startDraft(flows, profile, launch),
    'flow/action': async ({ id, action, token, scope }) => {
      if (isImportedId(id)) throw new LaunchError('Imported flows are evidence from a file: Grantscope sends none of their tokens.');
      // A recorded flow's tokens are the app's: reading with them is fine, spending or rotating is not.
      if (id.startsWith(CAPTURE_ID_PREFIX) && action !== 'userinfo' && action !== 'introspect') {
        throw new LaunchError("Recorded flows' tokens belong to the app: only userinfo and introspection run on them.");
      }
      await runAction({ flows: storeOf(id), profiles }, id, action, { ...(token ? { token } : {}), ...(scope ? { scope } : {}) });
      return null;
    },
    'flow/auto-refresh': async ({ id, on }) => {
      if (isImportedId(id)) throw new LaunchError('Imported flows are evidence from a file: Grantscope does not refresh them.');
      if (id.startsWith(CAPTURE_ID_PREFIX)) throw new LaunchError("Recorded flows' tokens belong to the app: Grantscope does not refresh them.");
      await setAutoRefresh(flows, id, on);
      return null;
    },
    'flow/confirm-issuer': async ({ id }) => {
      // Recorded flows only: the trust model's issuer confirmation, then its ID token checks (issue 9).
      if (id.startsWith(CAPTURE_ID_PREFIX)) await checkCapturedIdTokens(captures().flows, id);
      if (isImportedId(id)) await confirmImportedIssuer(imports, id);
      return null;
    },
    'token/verify': ({ token, issuer }) => verifyForIssuer(token, issuer),
    'settings/get': () => getSettings(),
    'settings/set': (s) => setSettings(s),
    'flow/list': async () => [...(await allSummaries(flows, captures())), ...(await imports.summaries())].sort((a, b) => b.createdAt - a.createdAt),
    'flow/last': async () => newestSummary([...(await allSummaries(flows, captures())), ...(await imports.summaries())]),
    'flow/get': async ({ id }) => (await storeOf(id).get(id)) ?? null,
    'flow/clear': async () => {
      await flows.clear();
      await imports.clear();
      await captureHandlers(deps.capture)['capture/clear']();
      return null;
    },
    'panel/open': async (req) => {
      // The panel tab already open is brought to the front, on the view asked for, rather than another opened (issue 10, item 3).
      // The popup's last-flow verdict opens that flow (issue 11).
      await showPanel(req?.flowId ? { flowId: req.flowId } : req?.view ? { view: req.view } : {});
      return null;
    },
    'decode/pending': () => takePendingDecode(),
    'export/download': (req) => downloadExport(req),
  };
}
