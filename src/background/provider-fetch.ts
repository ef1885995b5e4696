/**
 * Every request the worker makes to a provider on a flow's behalf (PAR, device authorization, token)
 * carries the Origin the profile asks for (src/core/origin.ts), set by a DNR rule for that one URL.
 */
import { originFor } from '../core/origin';
import type { ClientProfile } from '../core/profile';
import { addOriginRule, removeRule } from './dnr-rules';
import { type FetchOutcome, fetchText } from './http';

export async function providerFetch(profile: ClientProfile, url: string, init: RequestInit, timeoutMs: number): Promise<FetchOutcome> {
  const origin = originFor(profile);
  const rule = 'keep' in origin ? undefined : await addOriginRule(url, 'set' in origin ? origin.set : null).catch(() => undefined);
  try {
    return await fetchText(url, init, timeoutMs);
  } finally {
    await removeRule(rule);
  }
}
