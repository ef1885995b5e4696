import { describe, expect, it } from 'vitest';
import { blankProfile } from '../core/profile';
import { memoryKV } from './kv';
import { ProfileStore } from './profile-store';

const p = { ...blankProfile('p1'), name: 'Conf', issuer: 'https://op.example', clientId: 'c', authMethod: 'client_secret_basic' as const };

describe('ProfileStore', () => {
  it('keeps profiles in local storage and secrets in session storage by default', async () => {
    const local = memoryKV();
    const session = memoryKV();
    const store = new ProfileStore(local, session);
    await store.save(p, { clientSecret: 's3cret' });
    expect(JSON.stringify([...local.data])).not.toContain('s3cret');
    expect(session.data.get('profile-secret:p1')).toEqual({ clientSecret: 's3cret' });
    expect(await store.secrets('p1')).toEqual({ clientSecret: 's3cret' });
  });

  it('moves secrets to local storage only when the profile says keep them, and back', async () => {
    const local = memoryKV();
    const session = memoryKV();
    const store = new ProfileStore(local, session);
    await store.save({ ...p, keepSecrets: true }, { clientSecret: 's3cret' });
    expect(local.data.get('profile-secret:p1')).toEqual({ clientSecret: 's3cret' });
    expect(session.data.has('profile-secret:p1')).toBe(false);
    await store.save({ ...p, keepSecrets: false });
    expect(local.data.has('profile-secret:p1')).toBe(false);
    expect(await store.secrets('p1')).toEqual({ clientSecret: 's3cret' });
  });

  it('survives a browser restart without secrets unless kept (session storage is emptied)', async () => {
    const local = memoryKV();
    await new ProfileStore(local, memoryKV()).save(p, { clientSecret: 's3cret' });
    const afterRestart = new ProfileStore(local, memoryKV());
    expect((await afterRestart.list()).map((x) => x.id)).toEqual(['p1']);
    expect(await afterRestart.secrets('p1')).toEqual({});
  });

  it('deletes a profile and its secrets everywhere, and skips broken stored entries', async () => {
    const local = memoryKV();
    const session = memoryKV();
    const store = new ProfileStore(local, session);
    await store.save(p, { clientSecret: 'x' });
    await local.set({ profiles: [...((local.data.get('profiles') as unknown[]) ?? []), { broken: true }] });
    expect((await store.list()).map((x) => x.id)).toEqual(['p1']);
    await store.delete('p1');
    expect(await store.list()).toEqual([]);
    expect(session.data.has('profile-secret:p1')).toBe(false);
  });
});
