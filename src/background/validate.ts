/**
 * Shape checks for message payloads. The sender is already known to be one of our pages, but a page
 * can still hold a stale or broken value; anything that does not fit is refused with a plain message.
 */
import type { ClientProfile } from '../core/flow';
import type { MessageKey, Req } from '../shared/messages';

const str = (v: unknown, max = 4096): v is string => typeof v === 'string' && v.length <= max;

export function isProfile(v: unknown): v is ClientProfile {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  return str(p.id, 200) && str(p.name, 200) && str(p.issuer) && str(p.clientId, 1000) && str(p.redirectUri) && str(p.scope, 2000);
}

const isId = (v: unknown): v is { id: string } => typeof v === 'object' && v !== null && str((v as { id?: unknown }).id, 200);

const validators: { [K in MessageKey]: (v: unknown) => v is Req<K> } = {
  'profile/list': (v): v is null => v === null,
  'profile/save': isProfile,
  'profile/delete': isId,
  'flow/start': (v): v is { profile: ClientProfile } => typeof v === 'object' && v !== null && isProfile((v as { profile?: unknown }).profile),
  'flow/list': (v): v is null => v === null,
  'flow/get': isId,
  'flow/clear': (v): v is null => v === null,
  'panel/open': (v): v is null => v === null,
};

export function validPayload<K extends MessageKey>(type: K, payload: unknown): payload is Req<K> {
  return validators[type](payload);
}
