/**
 * Download an export (issue 13, item 1): the downloads API, an optional permission asked for the
 * first time a person saves a file; refused, the dialog says so and offers Copy; where the API or the
 * permissions API is missing, a blob link in this page (<a download>) the person clicks.
 *
 * The text stays in this page: it becomes a blob: URL here, and only that URL and the file name go to
 * the worker (export-handlers.ts), so no message carries a secret of an unredacted export.
 */
import type { Connector } from '../../ui/connector';
import type { ExportFile } from './export-model';

export type SaveOutcome =
  | { kind: 'saved'; filename: string }
  | { kind: 'started'; filename: string }
  | { kind: 'refused' }
  | { kind: 'failed'; why: string }
  | { kind: 'link'; href: string; filename: string };

/** Long enough for the browser to read the blob; the panel page outlives it either way. */
const REVOKE_AFTER_MS = 120_000;

function blobUrl(file: ExportFile): string {
  return URL.createObjectURL(new Blob([file.text], { type: file.mime }));
}

/** A link in this page for the person to click; the caller revokes `href` when it goes away. */
export const linkFor = (file: ExportFile): SaveOutcome => ({ kind: 'link', href: blobUrl(file), filename: file.filename });

/**
 * Must be the first thing a click handler does: Firefox shows the permission prompt only when asked
 * synchronously inside the user gesture (the same rule as requestHostAccess's other callers).
 */
export function saveFile(connector: Connector, file: ExportFile): Promise<SaveOutcome> {
  let asked: Promise<boolean>;
  try {
    asked = connector.requestHostAccess([], ['downloads']);
  } catch (e) {
    asked = Promise.reject(e instanceof Error ? e : new Error('no permissions API'));
  }
  // A request that fails rather than answers (no permissions API in this page; Firefox refuses to
  // request what a build holds already, as the test build does) leaves the worker to tell: it checks
  // the grant itself and answers "unavailable" without one, which gives the page's own link.
  return asked.then(
    (granted): Promise<SaveOutcome> => (granted ? viaWorker(connector, file) : Promise.resolve({ kind: 'refused' })),
    () => viaWorker(connector, file),
  );
}

async function viaWorker(connector: Connector, file: ExportFile): Promise<SaveOutcome> {
  const url = blobUrl(file);
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  const r = await connector.send('export/download', { url, filename: file.filename }).catch((e: Error) => ({ state: 'interrupted' as const, error: e.message }));
  switch (r.state) {
    case 'complete':
      return { kind: 'saved', filename: r.filename };
    case 'in_progress':
      return { kind: 'started', filename: file.filename };
    case 'unavailable':
      URL.revokeObjectURL(url);
      return linkFor(file);
    case 'interrupted':
      return { kind: 'failed', why: r.error ?? 'the browser stopped it' };
  }
}
