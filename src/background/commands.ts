/**
 * Keyboard shortcuts (commands API, issue 10, item 3), declared in manifest.json's "commands":
 *
 *   open-panel          (Alt+Shift+G)  the panel tab already open, focused; else a new one.
 *   start-last-profile  (Alt+Shift+L)  the most recently launched profile started again, as the popup's
 *                                      Start would (the same flow/start handler), then the panel on the
 *                                      new flow: behind the login tab for a front-channel grant, in
 *                                      front for the others. No notification: the panel is the answer.
 *
 * Where the shortcut cannot start the profile by itself, it opens the Launch view, where Start can:
 * no launch yet, the profile deleted, a grant that needs typed input (a password, a refresh or subject
 * token, never remembered), host access the browser does not grant (a worker cannot ask for it; Start
 * asks inside the click), or a start that failed (Start shows why).
 */
import browser from '../shared/browser';
import { launchOrigins, replayLaunch } from '../core/last-launch';
import type { Handlers } from './handlers';
import { readLastLaunch } from './last-launch';
import { showPanel } from './panel-tab';
import { logText } from '../core/redact';

export const OPEN_PANEL = 'open-panel';
export const START_LAST_PROFILE = 'start-last-profile';

export type CommandOutcome = 'panel' | 'started' | 'launch-view';

type Deps = Pick<Handlers, 'profile/list' | 'flow/start'>;

async function startLastProfile(handlers: Deps): Promise<CommandOutcome> {
  const toLaunchView = async (why: string): Promise<CommandOutcome> => {
    console.warn(`Grantscope: start-last-profile: ${why}; opening Launch.`);
    await showPanel({ view: 'launch' });
    return 'launch-view';
  };
  const last = await readLastLaunch();
  if (!last) return toLaunchView('nothing launched yet');
  const profile = (await handlers['profile/list'](null, {})).find((p) => p.id === last.profileId);
  if (!profile) return toLaunchView('the last profile no longer exists');
  const launch = replayLaunch(last);
  if (!launch) return toLaunchView(`the ${last.grant} grant needs values typed at Start`);
  const viaExtension = profile.redirectMode === 'extension' && launch.grant === 'authorization';
  const granted = await browser.permissions.contains({ origins: launchOrigins(profile), ...(viaExtension ? { permissions: ['identity'] } : {}) } as Parameters<typeof browser.permissions.contains>[0]);
  if (!granted) return toLaunchView('the browser does not grant access to its sites');
  let flowId: string;
  try {
    ({ flowId } = await handlers['flow/start']({ profileId: profile.id, launch }, {}));
  } catch (e) {
    // LaunchError messages are written to be shown and name no secret.
    return toLaunchView(logText(e));
  }
  // A front-channel grant opened a login tab (or the browser's sign-in window): leave it in front.
  await showPanel({ flowId, focus: launch.grant !== 'authorization' });
  return 'started';
}

/** What a shortcut does; the test build reaches it directly (a key press cannot fire onCommand in a test). */
export async function onCommand(name: string, handlers: Deps): Promise<CommandOutcome | null> {
  if (name === OPEN_PANEL) {
    await showPanel();
    return 'panel';
  }
  if (name === START_LAST_PROFILE) return startLastProfile(handlers);
  return null;
}

/** Registers the shortcut listener (top level, so a key press wakes the worker). */
export function registerCommands(handlers: Deps): void {
  browser.commands.onCommand.addListener((name: string) => {
    onCommand(name, handlers).catch((e: unknown) => console.error(`Grantscope: ${name}:`, logText(e)));
  });
  if (__TEST__) (globalThis as { __grantscopeCommand?: (name: string) => ReturnType<typeof onCommand> }).__grantscopeCommand = (name) => onCommand(name, handlers);
}
