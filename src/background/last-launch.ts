/**
 * The most recent launch, for the start-last-profile shortcut (src/background/commands.ts). Kept in
 * storage.local so the shortcut still works the next day; it holds a profile id and a grant, nothing
 * secret (src/core/last-launch.ts says what is left out and why).
 */
import browser from '../shared/browser';
import type { LaunchInput } from '../core/launch';
import { type LastLaunch, lastLaunchOf, parseLastLaunch } from '../core/last-launch';
import { logText } from '../core/redact';

export const LAST_LAUNCH_KEY = 'launch:last';

/** Remembers a launch; a storage failure never stops the launch itself. */
export async function rememberLaunch(profileId: string, launch: LaunchInput): Promise<void> {
  await browser.storage.local.set({ [LAST_LAUNCH_KEY]: lastLaunchOf(profileId, launch, Date.now()) }).catch((e: unknown) => {
    console.warn('Grantscope: could not remember the last launch:', logText(e));
  });
}

export async function readLastLaunch(): Promise<LastLaunch | null> {
  return parseLastLaunch((await browser.storage.local.get(LAST_LAUNCH_KEY))[LAST_LAUNCH_KEY]);
}
