/**
 * Saved client profiles, in storage.local so they survive a browser restart. The code flow's public
 * client has no secret; when confidential clients arrive, their secrets stay in storage.session.
 */
import type { ClientProfile } from '../core/flow';
import { isProfile } from './validate';
import type { KV } from './kv';

const KEY = 'profiles';

export async function listProfiles(kv: KV): Promise<ClientProfile[]> {
  const v = (await kv.get(KEY))[KEY];
  return Array.isArray(v) ? v.filter(isProfile) : [];
}

export async function saveProfile(kv: KV, p: ClientProfile): Promise<ClientProfile[]> {
  const all = await listProfiles(kv);
  const i = all.findIndex((x) => x.id === p.id);
  if (i >= 0) all[i] = p;
  else all.push(p);
  await kv.set({ [KEY]: all });
  return all;
}

export async function deleteProfile(kv: KV, id: string): Promise<ClientProfile[]> {
  const all = (await listProfiles(kv)).filter((x) => x.id !== id);
  await kv.set({ [KEY]: all });
  return all;
}
