/**
 * Test setup through the extension's own message channel: save a profile as the panel would, and
 * start flows as the popup would. Used where the UI itself is not what the test is about.
 */
import type { Page } from 'playwright-core';
import type { LaunchInput } from '../../src/core/launch';
import { type ClientProfile, type ProfileSecrets, blankProfile, defaultRequest } from '../../src/core/profile';
import { type BrokenProvider, type HostileCase, startBrokenProvider } from '../provider/hostile';
import type { Harness } from './harness';

type Runtime = { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }> } };

async function send<T>(page: Page, type: string, payload: unknown): Promise<T> {
  const reply = await page.evaluate(
    ([t, p]) => (globalThis as unknown as { chrome: Runtime }).chrome.runtime.sendMessage({ grantscope: 1, type: t, payload: p }),
    [type, payload] as const,
  );
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as T;
}

/** An extension page to talk through; opened once per harness. */
const pages = new WeakMap<Harness, Page>();
async function page(h: Harness): Promise<Page> {
  let p = pages.get(h);
  if (!p || p.isClosed()) {
    p = await h.openPage('panel.html#launch');
    pages.set(h, p);
  }
  return p;
}

export function profileFor(issuer: string, clientId: string, over: Partial<ClientProfile> = {}): ClientProfile {
  return {
    ...blankProfile(`${clientId}-${Math.random().toString(36).slice(2, 8)}`),
    name: `${clientId} @ ${issuer}`,
    issuer,
    clientId,
    redirectUri: `${issuer}/app/callback`,
    ...over,
    request: { ...defaultRequest(), scope: 'openid profile offline_access', ...over.request },
  };
}

export async function saveProfile(h: Harness, profile: ClientProfile, secrets: ProfileSecrets = {}): Promise<ClientProfile> {
  await send(await page(h), 'profile/save', { profile, secrets });
  return profile;
}

export async function startFlow(h: Harness, profileId: string, launch: LaunchInput): Promise<string> {
  return (await send<{ flowId: string }>(await page(h), 'flow/start', { profileId, launch })).flowId;
}

/** Broken providers (test/provider/hostile.ts) started for one test file, all closed after it. */
export function brokenProviders(): { start(c: HostileCase): Promise<BrokenProvider>; closeAll(): Promise<void> } {
  const started: BrokenProvider[] = [];
  return {
    async start(c) {
      const p = await startBrokenProvider(c);
      started.push(p);
      return p;
    },
    closeAll: async () => {
      await Promise.all(started.map((p) => p.close()));
    },
  };
}
