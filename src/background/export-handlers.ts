/**
 * Saving an export as a file (issue 13): the panel makes the text and a blob: URL of it in its own
 * page, and asks the worker to hand that URL to the downloads API. The file's text never travels in a
 * message (an unredacted export holds secrets): only the blob URL of our own origin and a file name
 * the panel built. `downloads` is an optional permission, asked for by the panel from the click that
 * wants a file; without it (refused, or a browser without the API) the answer says so and the panel
 * offers Copy or a link in the page instead.
 */
import browser from '../shared/browser';
import type { DownloadResult } from '../shared/messages';

/** Waits this long for the file to be written before answering "in progress" (a Save As dialog may be open). */
const SETTLE_MS = 15_000;

type DownloadsApi = typeof browser.downloads;

/** The downloads API when this browser has it and the person granted it; undefined otherwise. */
async function downloadsApi(): Promise<DownloadsApi | undefined> {
  const api = (browser as { downloads?: DownloadsApi }).downloads;
  if (!api || typeof api.download !== 'function') return undefined;
  return (await browser.permissions.contains({ permissions: ['downloads'] }).catch(() => false)) ? api : undefined;
}

/** A blob: URL made by one of our own pages (validate.ts checked its shape). */
export function isOwnBlobUrl(url: string, extensionOrigin: string): boolean {
  // Scheme and host read off the text: URL.origin is 'null' for schemes a URL parser does not know
  // (chrome-extension: outside Chrome), and 'blob:null/' must never match anything.
  const own = /^[a-z][a-z-]*:\/\/[^/?#]+/.exec(extensionOrigin)?.[0];
  return own !== undefined && url.startsWith(`blob:${own}/`);
}

/** The download's end: complete, interrupted (with the browser's reason), or still going after SETTLE_MS. */
function settled(api: DownloadsApi, id: number): Promise<DownloadResult> {
  return new Promise((resolve) => {
    const done = (r: DownloadResult) => {
      clearTimeout(timer);
      api.onChanged.removeListener(onChanged);
      resolve(r);
    };
    const check = async () => {
      const [item] = await api.search({ id }).catch(() => []);
      if (item?.state === 'complete') done({ state: 'complete', filename: baseName(item.filename) });
      else if (item?.state === 'interrupted') done({ state: 'interrupted', ...(item.error ? { error: String(item.error) } : {}) });
    };
    const onChanged = (delta: { id: number; state?: { current?: string } }) => {
      if (delta.id === id && delta.state?.current && delta.state.current !== 'in_progress') void check();
    };
    const timer = setTimeout(() => done({ state: 'in_progress' }), SETTLE_MS);
    api.onChanged.addListener(onChanged);
    // It may have finished before the listener was added.
    void check();
  });
}

/** The file's own name, not the folder it went to (the person's home path stays out of the panel). */
const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

export async function downloadExport(req: { url: string; filename: string }): Promise<DownloadResult> {
  const api = await downloadsApi();
  if (!api) return { state: 'unavailable' };
  if (!isOwnBlobUrl(req.url, browser.runtime.getURL(''))) return { state: 'interrupted', error: 'not a file made by the panel' };
  const id = await api.download({ url: req.url, filename: req.filename, conflictAction: 'uniquify' });
  return settled(api, id);
}
