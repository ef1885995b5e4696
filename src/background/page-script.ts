/**
 * Registers the opt-in page script (content-hook.js, world MAIN) and its relay (content-relay.js,
 * world ISOLATED) on the sites a person opted in. They are registered at run time, not listed in the
 * manifest, because they run only where asked: wrapping a page's fetch is intrusive (platform notes).
 * `scripting` is optional in the release build; without it there is nothing to register and the
 * problem is returned in plain words. Never throws: the caller shows the problem in the panel.
 */
import type { Scripting } from 'webextension-polyfill';
import browser from '../shared/browser';

export const PAGE_SCRIPT_IDS = ['gs-hook', 'gs-relay'] as const;

export type ScriptingLike = Pick<Scripting.Static, 'registerContentScripts' | 'unregisterContentScripts' | 'getRegisteredContentScripts'>;

/**
 * Match patterns for origins. Chrome matches a port when the pattern names one; Firefox match patterns
 * cannot hold a port (Firefox bug 1362809), so there the pattern covers every port of the host and the
 * background checks the report's sender origin against the opted-in sites.
 */
export function matchPatterns(sites: string[], ports: boolean): string[] {
  const out = new Set<string>();
  for (const site of sites) {
    try {
      const u = new URL(site);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') continue;
      out.add(`${u.protocol}//${ports ? u.host : u.hostname}/*`);
    } catch {
      // Not an origin: nothing to match.
    }
  }
  return [...out];
}

export function pageScripts(matches: string[]): Scripting.RegisteredContentScript[] {
  // allFrames: an app may run its login in an iframe. document_start: before the page's own scripts.
  const base = { matches, runAt: 'document_start' as const, allFrames: true };
  return [
    { ...base, id: PAGE_SCRIPT_IDS[0], js: ['content-hook.js'], world: 'MAIN' },
    { ...base, id: PAGE_SCRIPT_IDS[1], js: ['content-relay.js'], world: 'ISOLATED' },
  ];
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * (Re)registers both scripts for `sites` (origins), or removes them when the list is empty. Calls are
 * queued: two overlapping syncs would otherwise both register the same ids and one would fail.
 */
export function syncPageScripts(sites: string[], scripting: ScriptingLike | undefined = browser.scripting, ports = !isFirefox()): Promise<string | undefined> {
  const run = queue.then(() => sync(sites, scripting, ports));
  queue = run;
  return run;
}

async function sync(sites: string[], scripting: ScriptingLike | undefined, ports: boolean): Promise<string | undefined> {
  if (!scripting?.registerContentScripts) {
    return sites.length ? 'The page script needs the "scripting" permission, which is not granted: opt the site in again to be asked.' : undefined;
  }
  try {
    const ids: string[] = [...PAGE_SCRIPT_IDS];
    const existing = await scripting.getRegisteredContentScripts({ ids });
    if (existing.length) await scripting.unregisterContentScripts({ ids: existing.map((s) => s.id) });
    const matches = matchPatterns(sites, ports);
    if (matches.length) await scripting.registerContentScripts(pageScripts(matches));
    return undefined;
  } catch (err) {
    return `The page script could not be registered: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** Firefox alone has runtime.getBrowserInfo. */
function isFirefox(): boolean {
  return typeof (browser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function';
}
