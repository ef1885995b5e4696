/**
 * The one typed message map between the extension's pages and its background.
 *
 * Every request names its key; the background has one handler per key (src/background/handlers.ts),
 * checks who sent it (src/background/sender.ts) and checks the payload's shape before use
 * (src/background/validate.ts).
 */
import type { ProviderMetadata } from '../core/discovery';
import type { Flow, FlowSummary } from '../core/flow';
import type { LaunchInput } from '../core/launch';
import type { ClientProfile, ProfileSecrets } from '../core/profile';
import type { Verification } from '../core/verify';

export type FlowAction = 'userinfo' | 'introspect' | 'revoke' | 'refresh' | 'reuse-test' | 'downscope-test';
export const FLOW_ACTIONS: readonly FlowAction[] = ['userinfo', 'introspect', 'revoke', 'refresh', 'reuse-test', 'downscope-test'];

export interface StartFlowResult {
  flowId: string;
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
  'flow/start': { req: { profileId: string; launch: LaunchInput }; res: StartFlowResult };
  /** Runs a token action on a flow; its exchanges and verdict are appended to the flow's timeline. */
  'flow/action': { req: { id: string; action: FlowAction; token?: 'access_token' | 'refresh_token'; scope?: string }; res: null };
  'flow/auto-refresh': { req: { id: string; on: boolean }; res: null };
  /** Verifies a token's signature against an issuer's keys (discovery, then jwks_uri; cached). */
  'token/verify': { req: { token: string; issuer: string }; res: Verification };
  'settings/get': { req: null; res: { clockToleranceSec: number } };
  'settings/set': { req: { clockToleranceSec: number }; res: { clockToleranceSec: number } };
  'flow/list': { req: null; res: FlowSummary[] };
  'flow/get': { req: { id: string }; res: Flow | null };
  'flow/clear': { req: null; res: null };
  'panel/open': { req: { view?: string } | null; res: null };
}

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
  'flow/start',
  'flow/action',
  'flow/auto-refresh',
  'token/verify',
  'settings/get',
  'settings/set',
  'flow/list',
  'flow/get',
  'flow/clear',
  'panel/open',
];

export function isEnvelope(m: unknown): m is Envelope {
  if (typeof m !== 'object' || m === null) return false;
  const e = m as Partial<Envelope>;
  return e.grantscope === 1 && typeof e.type === 'string' && (MESSAGE_KEYS as readonly string[]).includes(e.type);
}
