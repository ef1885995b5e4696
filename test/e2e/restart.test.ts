/**
 * Profiles survive a browser restart; their secrets do not, unless the person ticked "keep secrets"
 * (storage.session is emptied when the browser closes, storage.local is not).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ProfileSecrets } from '../../src/core/profile';
import { type Harness, launchHarness } from './harness';
import { profileFor, saveProfile } from './profiles';

let h: Harness | undefined;
afterAll(async () => {
  await h?.close();
});

type Runtime = { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: unknown }> } };

async function ask<T>(harness: Harness, type: string, payload: unknown): Promise<T> {
  const page = await harness.openPage('panel.html#profiles');
  const reply = await page.evaluate(
    ([t, p]) => (globalThis as unknown as { chrome: Runtime }).chrome.runtime.sendMessage({ grantscope: 1, type: t, payload: p }),
    [type, payload] as const,
  );
  await page.close();
  return reply.value as T;
}

describe('browser restart', () => {
  it('keeps profiles, forgets secrets unless kept', async () => {
    const first = await launchHarness();
    const forgotten = await saveProfile(first, profileFor(first.provider.issuer, 'grantscope-confidential', { name: 'Session secret', authMethod: 'client_secret_basic' }), { clientSecret: 'gone-after-restart' });
    const kept = await saveProfile(first, profileFor(first.provider.issuer, 'grantscope-confidential', { name: 'Kept secret', authMethod: 'client_secret_basic', keepSecrets: true }), { clientSecret: 'still-here' });
    await first.close({ keepProfile: true });

    h = await launchHarness({ userDataDir: first.userDataDir });
    const names = (await ask<{ name: string }[]>(h, 'profile/list', null)).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['Session secret', 'Kept secret']));
    expect(await ask<ProfileSecrets>(h, 'profile/secrets', { id: forgotten.id })).toEqual({});
    expect(await ask<ProfileSecrets>(h, 'profile/secrets', { id: kept.id })).toEqual({ clientSecret: 'still-here' });
  });
});
