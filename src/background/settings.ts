/**
 * Person-set options kept in storage.local. The clock tolerance is how far apart the provider's
 * clock and ours may be before exp / nbf / iat checks fail (OIDC Core 3.1.3.7 allows "a small
 * leeway"); it is shown in every time check's message.
 */
import browser from '../shared/browser';

const KEY = 'settings';
export const DEFAULT_TOLERANCE_SEC = 60;

export interface Settings {
  clockToleranceSec: number;
}

export async function getSettings(): Promise<Settings> {
  const raw = (await browser.storage.local.get(KEY))[KEY] as Partial<Settings> | undefined;
  const t = raw?.clockToleranceSec;
  return { clockToleranceSec: typeof t === 'number' && Number.isFinite(t) && t >= 0 && t <= 3600 ? t : DEFAULT_TOLERANCE_SEC };
}

export async function setSettings(s: Settings): Promise<Settings> {
  const clean = { clockToleranceSec: Math.min(3600, Math.max(0, Math.round(s.clockToleranceSec))) };
  await browser.storage.local.set({ [KEY]: clean });
  return clean;
}

export const clockToleranceSec = async () => (await getSettings()).clockToleranceSec;
