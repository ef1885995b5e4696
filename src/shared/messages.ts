/**
 * The one typed message map between the extension's pages and its background.
 *
 * Every request names its key; the background has one handler per key (src/background/handlers.ts),
 * checks who sent it (src/background/sender.ts) and checks the payload's shape before use.
 */
import type { ClientProfile, Flow, FlowSummary } from '../core/flow';

export interface StartFlowResult {
  flowId: string;
}

export interface Messages {
  'profile/list': { req: null; res: ClientProfile[] };
  'profile/save': { req: ClientProfile; res: ClientProfile[] };
  'profile/delete': { req: { id: string }; res: ClientProfile[] };
  'flow/start': { req: { profile: ClientProfile }; res: StartFlowResult };
  'flow/list': { req: null; res: FlowSummary[] };
  'flow/get': { req: { id: string }; res: Flow | null };
  'flow/clear': { req: null; res: null };
  'panel/open': { req: null; res: null };
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
  'flow/start',
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
