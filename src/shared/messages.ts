/**
 * The one typed message map between the extension's pages and its background.
 *
 * Every request names its key; the background has one handler per key (src/background/handlers.ts),
 * checks who sent it (src/background/sender.ts) and checks the payload's shape before use
 * (src/background/validate.ts).
 */
import type { Capabilities } from '../core/capabilities';
import type { ObservedRequest } from '../core/capture/types';
import type { CaptureSettings } from '../core/capture/settings';
import type { ProviderMetadata } from '../core/discovery';
import type { Flow, FlowSummary } from '../core/flow';
import type { LaunchInput } from '../core/launch';
import type { PendingDecode } from '../core/menu-decode';
import type { ClientProfile, ProfileSecrets } from '../core/profile';
import type { DemoPresence } from './demo';
import type { Verification } from '../core/verify';

export type FlowAction = 'userinfo' | 'introspect' | 'revoke' | 'refresh' | 'reuse-test' | 'downscope-test';
export const FLOW_ACTIONS: readonly FlowAction[] = ['userinfo', 'introspect', 'revoke', 'refresh', 'reuse-test', 'downscope-test'];

/** Which of "Run both"'s two launches: 0 code + PKCE, 1 the front-channel flow. */
export type RunBothStep = 0 | 1;

/**
 * How saving an export as a file ended (issue 13): the file written (its own name, no folder), the
 * browser's reason it stopped, still going (a Save As dialog may be open), or no downloads API
 * (refused or absent: the panel offers Copy, or a link in its page, instead).
 */
export type DownloadResult = { state: 'complete'; filename: string } | { state: 'interrupted'; error?: string } | { state: 'in_progress' } | { state: 'unavailable' };

export interface StartFlowResult {
  flowId: string;
}

/** Where the recorder stands, for the panel's capture controls and the popup. */
export interface CaptureStatus {
  settings: CaptureSettings;
  /** Paused until resumed or until the browser restarts (kept in storage.session). */
  paused: boolean;
  /** Captured flows kept now. */
  captured: number;
  /** The last storage or registration problem, in plain words (storage full, permission missing). */
  problem?: string;
  /** Whether this build can read response bodies through Firefox's filterResponseData. */
  firefoxFilter: boolean;
  /**
   * Whether the browser still grants access to every http(s) site: recording sees nothing on sites
   * the person withheld (Chrome's "site access" menu); the panel offers to ask again (fault case 27).
   */
  allSites: boolean;
  /** Deep capture (chrome.debugger): only in the deep build; the tabs it is attached to now. */
  deep: { available: boolean; tabs: number[] };
  /** The recorded ring's room: flows kept, the JSON bytes they take, and the byte budget (the oldest go beyond it). */
  storage?: { flows: number; bytes: number; budget: number };
  /** What the recorder ignored, in plain words (a site that started too many flows, fault case 34). */
  notice?: string;
}

export interface Messages {
  'profile/list': { req: null; res: ClientProfile[] };
  /** With `secrets`, the profile's secrets are replaced too ({} clears them). */
  'profile/save': { req: { profile: ClientProfile; secrets?: ProfileSecrets }; res: ClientProfile[] };
  'profile/delete': { req: { id: string }; res: ClientProfile[] };
  'profile/secrets': { req: { id: string }; res: ProfileSecrets };
  'profile/export': { req: { includeSecrets: boolean }; res: string };
  'profile/import': { req: { text: string }; res: { imported: number; skipped: string[] } };
  /** The provider's metadata for an issuer, with nothing overridden: to show what discovery says. */
  'profile/discover': { req: { issuer: string }; res: ProviderMetadata };
  /** Whether the demo provider (127.0.0.1:9400) answers; checked at most once a minute unless `refresh`. */
  'demo/presence': { req: { refresh?: boolean }; res: DemoPresence };
  'flow/start': { req: { profileId: string; launch: LaunchInput }; res: StartFlowResult };
  /** "Run both" (issue 12): step 0 starts the profile's code + PKCE flow, step 1 its front-channel flow (src/background/run-both.ts). */
  'flow/run-both': { req: { profileId: string; step: RunBothStep }; res: StartFlowResult & { label: string; notes: string[] } };
  /** "Relaunch with Grantscope" (issue 12): an unsaved draft made from a recorded flow, started without any secret. */
  'flow/relaunch': { req: { profile: ClientProfile; launch: LaunchInput }; res: StartFlowResult };
  /** Runs a token action on a flow; its exchanges and verdict are appended to the flow's timeline. */
  'flow/action': { req: { id: string; action: FlowAction; token?: 'access_token' | 'refresh_token'; scope?: string }; res: null };
  'flow/auto-refresh': { req: { id: string; on: boolean }; res: null };
  /**
   * Asks the worker to confirm a recorded flow's issuer now (src/core/capture/trust.ts): its discovery
   * fetched by the worker, then its ID tokens checked. The flow changes in storage; nothing is returned.
   */
  'flow/confirm-issuer': { req: { id: string }; res: null };
  /** Verifies a token's signature against an issuer's keys (discovery, then jwks_uri; cached). */
  'token/verify': { req: { token: string; issuer: string }; res: Verification };
  'settings/get': { req: null; res: { clockToleranceSec: number } };
  'settings/set': { req: { clockToleranceSec: number }; res: { clockToleranceSec: number } };
  'flow/list': { req: null; res: FlowSummary[] };
  /** The newest flow's summary (first of flow/list) without its search text: the popup's last flow, not 1,000 rows. */
  'flow/last': { req: null; res: FlowSummary | null };
  'flow/get': { req: { id: string }; res: Flow | null };
  'flow/clear': { req: null; res: null };
  'panel/open': { req: { view?: string; flowId?: string } | null; res: null };
  'capture/status': { req: null; res: CaptureStatus };
  'capture/settings': { req: CaptureSettings; res: CaptureStatus };
  'capture/pause': { req: { paused: boolean }; res: CaptureStatus };
  /** Drops every captured flow (launched flows stay). */
  'capture/clear': { req: null; res: null };
  /** Deep capture on or off for a tab; without tabId, the active tab of the last focused window. */
  'capture/deep': { req: { on: boolean; tabId?: number }; res: CaptureStatus };
  /** A page's own fetch/XHR call, from the opt-in page script's relay (a content script). */
  'capture/report': { req: { request: ObservedRequest }; res: null };
  /** A request the DevTools page saw on the inspected tab (devtools.network). */
  'capture/devtools': { req: { request: ObservedRequest }; res: null };
  /** What "Decode with Grantscope" left for the Decode view (storage.session), removed as it is read. */
  'decode/pending': { req: null; res: PendingDecode | null };
  /** What this browser can and cannot do (src/core/capabilities.ts), for the UI to say so. */
  'env/capabilities': { req: null; res: Capabilities };
  /** Saves an export: a blob: URL the panel made of the text in its own page (never the text itself) and the file name. */
  'export/download': { req: { url: string; filename: string }; res: DownloadResult };
  /**
   * Stores the flows of a Grantscope bundle's text, each marked imported from `file` (issue 13). A HAR
   * is turned into a bundle by the panel first (src/background/import-handlers.ts says why).
   */
  'flow/import': { req: { file: string; text: string }; res: { imported: number; ids: string[]; redacted: boolean; fromVersion: number } };
  /** Drops every imported flow (recorded and launched flows stay). */
  'flow/import-clear': { req: null; res: null };
}

/** The only messages a content script may send; everything else must come from our own pages. */
export const CONTENT_SCRIPT_MESSAGES: readonly MessageKey[] = ['capture/report'];

export type MessageKey = keyof Messages;
export type Req<K extends MessageKey> = Messages[K]['req'];
export type Res<K extends MessageKey> = Messages[K]['res'];

export interface Envelope<K extends MessageKey = MessageKey> {
  /** Tells our messages apart from anything else on the runtime channel. */
  grantscope: 1;
  type: K;
  payload: Req<K>;
}

/** What comes back: a value, or a plain-text error that names the problem (never a secret). */
export type Reply<K extends MessageKey> = { ok: true; value: Res<K> } | { ok: false; error: string };

export const MESSAGE_KEYS: readonly MessageKey[] = [
  'profile/list',
  'profile/save',
  'profile/delete',
  'profile/secrets',
  'profile/export',
  'profile/import',
  'profile/discover',
  'demo/presence',
  'flow/start',
  'flow/run-both',
  'flow/relaunch',
  'flow/action',
  'flow/auto-refresh',
  'flow/confirm-issuer',
  'token/verify',
  'settings/get',
  'settings/set',
  'flow/list',
  'flow/last',
  'flow/get',
  'flow/clear',
  'panel/open',
  'capture/status',
  'capture/settings',
  'capture/pause',
  'capture/clear',
  'capture/deep',
  'capture/report',
  'capture/devtools',
  'decode/pending',
  'env/capabilities',
  'export/download',
  'flow/import',
  'flow/import-clear',
];

export function isEnvelope(m: unknown): m is Envelope {
  if (typeof m !== 'object' || m === null) return false;
  const e = m as Partial<Envelope>;
  return e.grantscope === 1 && typeof e.type === 'string' && (MESSAGE_KEYS as readonly string[]).includes(e.type);
}
