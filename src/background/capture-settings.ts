/**
 * The recorder's settings (storage.local, kept across restarts) and its pause (storage.session: a
 * pause lasts until resumed or until the browser restarts). Read on every recognised request, so the
 * value is cached and refreshed when storage changes, whichever page changed it.
 */
import { type CaptureSettings, normalizeCaptureSettings } from '../core/capture/settings';
import browser from '../shared/browser';

const KEY = 'captureSettings';
const PAUSE_KEY = 'capturePaused';

let cached: Promise<{ settings: CaptureSettings; paused: boolean }> | undefined;

async function load(): Promise<{ settings: CaptureSettings; paused: boolean }> {
  const [local, session] = await Promise.all([browser.storage.local.get(KEY), browser.storage.session.get(PAUSE_KEY)]);
  return { settings: normalizeCaptureSettings(local[KEY]), paused: session[PAUSE_KEY] === true };
}

export function captureState(): Promise<{ settings: CaptureSettings; paused: boolean }> {
  cached ??= load();
  return cached;
}

export async function saveCaptureSettings(s: CaptureSettings): Promise<CaptureSettings> {
  const clean = normalizeCaptureSettings(s);
  await browser.storage.local.set({ [KEY]: clean });
  cached = undefined;
  return clean;
}

export async function setPaused(paused: boolean): Promise<void> {
  await browser.storage.session.set({ [PAUSE_KEY]: paused });
  cached = undefined;
}

/** Registered at top level: another page or a restarted worker may change the settings. */
export function watchCaptureSettings(onChange: (s: CaptureSettings) => void): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if ((area === 'local' && KEY in changes) || (area === 'session' && PAUSE_KEY in changes)) {
      cached = undefined;
      if (area === 'local') onChange(normalizeCaptureSettings(changes[KEY]?.newValue));
    }
  });
}
