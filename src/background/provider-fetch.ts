/**
 * Every request the worker makes to a provider on a flow's behalf (PAR, device authorization, token)
 * carries the Origin the profile asks for, as the app's own request would: the redirect_uri's origin
 * (a browser app), none (a server), or the browser's own chrome-extension:// origin. Providers that
 * allow browser clients check Origin on all of these (oidc-provider's clientBasedCORS; Entra's
 * AADSTS9002326/9002327), so leaving the extension's would make them refuse for the wrong reason.
 */
import type { ClientProfile } from '../core/profile';
import { addOriginRule, removeRule } from './dnr-rules';
import { type FetchOutcome, fetchText } from './http';

/**
 * 'redirect' means "as the app would": a public client is a browser app, calling from its
 * redirect_uri's origin; a confidential client holds its secret on a server, which sends no Origin.
 */
export function originFor(profile: ClientProfile): { set?: string; drop?: true } {
  if (profile.origin === 'browser') return {};
  if (profile.origin === 'drop' || !profile.redirectUri || profile.authMethod !== 'none') return { drop: true };
  try {
    return { set: new URL(profile.redirectUri).origin };
  } catch {
    return { drop: true };
  }
}

export async function providerFetch(profile: ClientProfile, url: string, init: RequestInit, timeoutMs: number): Promise<FetchOutcome> {
  const origin = originFor(profile);
  const rule = origin.set || origin.drop ? await addOriginRule(url, origin.set ?? null).catch(() => undefined) : undefined;
  try {
    return await fetchText(url, init, timeoutMs);
  } finally {
    await removeRule(rule);
  }
}
