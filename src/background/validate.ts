/**
 * Shape checks for message payloads. The sender is already known to be one of our pages, but a page
 * can still hold a stale or broken value; anything that does not fit is refused with a plain message.
 */
import { parseObserved } from '../core/capture/observed';
import { isLaunchInput } from '../core/launch';
import { normalizeProfile } from '../core/profile';
import { isRuleSetId } from '../core/rules/types';
import { BUNDLE_TEXT_MAX } from '../core/export/bundle';
import { FLOW_ACTIONS, type FlowAction, type MessageKey, type Req } from '../shared/messages';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max = 4096): v is string => typeof v === 'string' && v.length <= max;
const isId = (v: unknown): v is { id: string } => isObj(v) && str(v.id, 200);
const isNull = (v: unknown): v is null => v === null;

const validators: { [K in MessageKey]: (v: unknown) => v is Req<K> } = {
  'profile/list': isNull,
  'env/capabilities': isNull,
  'profile/save': (v): v is Req<'profile/save'> =>
    isObj(v) && normalizeProfile(v.profile).ok && (v.secrets === undefined || isObj(v.secrets)) && (!isObj(v.profile) || v.profile.ruleSet === undefined || isRuleSetId(v.profile.ruleSet)),
  'profile/delete': isId,
  'profile/secrets': isId,
  'profile/export': (v): v is Req<'profile/export'> => isObj(v) && typeof v.includeSecrets === 'boolean',
  'profile/import': (v): v is Req<'profile/import'> => isObj(v) && str(v.text, 5_000_000),
  'profile/discover': (v): v is Req<'profile/discover'> => isObj(v) && str(v.issuer),
  'demo/presence': (v): v is Req<'demo/presence'> => isObj(v) && (v.refresh === undefined || typeof v.refresh === 'boolean'),
  'flow/start': (v): v is Req<'flow/start'> => isObj(v) && str(v.profileId, 200) && isLaunchInput(v.launch),
  'flow/run-both': (v): v is Req<'flow/run-both'> => isObj(v) && str(v.profileId, 200) && (v.step === 0 || v.step === 1),
  // The draft is a whole profile (normalizeProfile, as profile/save), and only ever an authorization request.
  'flow/relaunch': (v): v is Req<'flow/relaunch'> =>
    isObj(v) && normalizeProfile(v.profile).ok && isLaunchInput(v.launch) && v.launch.grant === 'authorization' && (!isObj(v.profile) || v.profile.ruleSet === undefined || isRuleSetId(v.profile.ruleSet)),
  'flow/action': (v): v is Req<'flow/action'> =>
    isObj(v) &&
    str(v.id, 200) &&
    FLOW_ACTIONS.includes(v.action as FlowAction) &&
    (v.token === undefined || v.token === 'access_token' || v.token === 'refresh_token') &&
    (v.scope === undefined || str(v.scope, 2000)),
  'flow/auto-refresh': (v): v is Req<'flow/auto-refresh'> => isObj(v) && str(v.id, 200) && typeof v.on === 'boolean',
  'flow/confirm-issuer': isId,
  'token/verify': (v): v is Req<'token/verify'> => isObj(v) && str(v.token, 100_000) && str(v.issuer),
  'settings/get': isNull,
  'settings/set': (v): v is Req<'settings/set'> => isObj(v) && typeof v.clockToleranceSec === 'number' && Number.isFinite(v.clockToleranceSec),
  'flow/list': isNull,
  'flow/last': isNull,
  'flow/get': isId,
  'flow/clear': isNull,
  'panel/open': (v): v is Req<'panel/open'> => v === null || (isObj(v) && (v.view === undefined || str(v.view, 40)) && (v.flowId === undefined || (str(v.flowId, 128) && /^[\w.:-]+$/.test(v.flowId)))),
  'capture/status': isNull,
  // normalizeCaptureSettings repairs what it can; the shape must still be an object of the right kinds.
  'capture/settings': (v): v is Req<'capture/settings'> =>
    isObj(v) && typeof v.recording === 'boolean' && typeof v.keepCaptures === 'boolean' && typeof v.ringSize === 'number' && [v.allow, v.deny, v.pageScriptSites].every(strList),
  'capture/pause': (v): v is Req<'capture/pause'> => isObj(v) && typeof v.paused === 'boolean',
  'capture/clear': isNull,
  'capture/deep': (v): v is Req<'capture/deep'> => isObj(v) && typeof v.on === 'boolean' && (v.tabId === undefined || (Number.isInteger(v.tabId) && (v.tabId as number) >= 0)),
  'capture/report': (v): v is Req<'capture/report'> => isObj(v) && parseObserved(v.request) !== undefined,
  'capture/devtools': (v): v is Req<'capture/devtools'> => isObj(v) && parseObserved(v.request) !== undefined,
  'decode/pending': isNull,
  // A blob: URL of an extension page and a name the panel built (export-model.ts fileName): no folder, a known
  // extension, and nothing more (the export's text stays in the panel's page).
  'export/download': (v): v is Req<'export/download'> =>
    isObj(v) && Object.keys(v).length === 2 && str(v.url, 300) && /^blob:(chrome|moz)-extension:\/\/[\w-]+\/[\w-]+$/.test(v.url) && str(v.filename, 120) && /^[\w.-]+\.(md|html|json|har|sh)$/.test(v.filename) && !v.filename.startsWith('.'),
  // Refused past the bundle's own limit before anything parses it (import-handlers.ts).
  'flow/import': (v): v is Req<'flow/import'> => isObj(v) && str(v.file, 300) && str(v.text, BUNDLE_TEXT_MAX),
  'flow/import-clear': isNull,
};

const strList = (v: unknown): boolean => Array.isArray(v) && v.length <= 500 && v.every((x) => str(x, 300));

export function validPayload<K extends MessageKey>(type: K, payload: unknown): payload is Req<K> {
  return validators[type](payload);
}
