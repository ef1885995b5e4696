/**
 * Client profiles in storage.local (they survive a browser restart), and each profile's secrets apart:
 * in storage.session by default, in storage.local only when the person ticked "keep secrets".
 *
 *   profiles                 (local)            ClientProfile[]   no secret inside
 *   profile-secret:<id>      (session | local)  ProfileSecrets
 */
import { type ClientProfile, type ProfileSecrets, normalizeProfile, normalizeSecrets } from '../core/profile';
import type { KV } from './kv';

const KEY = 'profiles';
const secretKey = (id: string) => `profile-secret:${id}`;

export class ProfileStore {
  constructor(
    private readonly local: KV,
    private readonly session: KV,
  ) {}

  async list(): Promise<ClientProfile[]> {
    const raw = (await this.local.get(KEY))[KEY];
    if (!Array.isArray(raw)) return [];
    return raw.map(normalizeProfile).flatMap((r) => (r.ok ? [r.value] : []));
  }

  async get(id: string): Promise<ClientProfile | undefined> {
    return (await this.list()).find((p) => p.id === id);
  }

  /** Saves a profile; with `secrets`, replaces its secrets too (an empty object clears them). */
  async save(profile: ClientProfile, secrets?: ProfileSecrets): Promise<ClientProfile[]> {
    const all = await this.list();
    const i = all.findIndex((p) => p.id === profile.id);
    if (i >= 0) all[i] = profile;
    else all.push(profile);
    await this.local.set({ [KEY]: all });
    const current = secrets ?? (await this.secrets(profile.id));
    // Secrets go where the profile says, and never stay behind in the other area.
    const [keep, drop] = profile.keepSecrets ? [this.local, this.session] : [this.session, this.local];
    await drop.remove(secretKey(profile.id));
    if (current.clientSecret || current.privateJwk) await keep.set({ [secretKey(profile.id)]: current });
    else await keep.remove(secretKey(profile.id));
    return all;
  }

  async delete(id: string): Promise<ClientProfile[]> {
    const all = (await this.list()).filter((p) => p.id !== id);
    await this.local.set({ [KEY]: all });
    await this.local.remove(secretKey(id));
    await this.session.remove(secretKey(id));
    return all;
  }

  async secrets(id: string): Promise<ProfileSecrets> {
    const k = secretKey(id);
    const fromSession = (await this.session.get(k))[k];
    return normalizeSecrets(fromSession ?? (await this.local.get(k))[k]);
  }

  async allSecrets(): Promise<Record<string, ProfileSecrets>> {
    const out: Record<string, ProfileSecrets> = {};
    for (const p of await this.list()) out[p.id] = await this.secrets(p.id);
    return out;
  }
}
