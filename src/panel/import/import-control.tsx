/**
 * Import in the Flows view (issue 13): an "Import…" button with a file picker, and a file dropped
 * anywhere on the view. A Grantscope bundle or a HAR file from any browser's DevTools becomes flows
 * marked "imported"; a broken or huge file gets its problem named, and nothing already kept changes
 * (the worker stores an import whole or not at all).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useConnector } from '../../ui/connector';
import { type ImportProblem, PROBLEM_TITLES, readImport, sizeProblem } from './read-import';
import './import.css';

export type ImportState =
  | { kind: 'idle' }
  | { kind: 'reading'; file: string }
  | { kind: 'done'; file: string; flows: number; notices: string[]; redacted: boolean }
  | { kind: 'failed'; file: string; problem: ImportProblem };

/** The import's state, and what the button, the drop target and the banner need. */
export function useImport(onImported: (firstId: string | undefined) => void) {
  const connector = useConnector();
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);

  const importFile = async (file: File) => {
    const name = file.name || 'file';
    const big = sizeProblem(name, file.size);
    if (big) return setState({ kind: 'failed', file: name, problem: big.error });
    setState({ kind: 'reading', file: name });
    try {
      const read = readImport(await file.text(), name);
      if (!read.ok) return setState({ kind: 'failed', file: name, problem: read.error });
      const r = await connector.send('flow/import', { file: name, text: read.value.text });
      setState({ kind: 'done', file: name, flows: r.imported, notices: read.value.notices, redacted: read.value.kind === 'har' || r.redacted });
      onImported(r.ids[0]);
    } catch (e) {
      setState({ kind: 'failed', file: name, problem: { code: 'unreadable', title: PROBLEM_TITLES.unreadable, message: e instanceof Error ? e.message : String(e) } });
    }
  };

  // A file dragged over the page: the whole Flows view is the drop target while it is shown.
  useEffect(() => {
    // The plain-page shell's fake DOM (render tests) has no document events.
    if (typeof document === 'undefined' || typeof document.addEventListener !== 'function') return;
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      setDragging(false);
      if (!file) return;
      e.preventDefault();
      void importFile(file);
    };
    document.addEventListener('dragover', over);
    document.addEventListener('dragleave', leave);
    document.addEventListener('drop', drop);
    return () => {
      document.removeEventListener('dragover', over);
      document.removeEventListener('dragleave', leave);
      document.removeEventListener('drop', drop);
    };
  });

  return { state, dragging, importFile, dismiss: () => setState({ kind: 'idle' }) };
}

/** "Import…": opens the file picker; "Remove imported" once there are imported flows. */
export function ImportButton(p: { onFile: (f: File) => void; busy: boolean; imported: number; onRemove: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" data-testid="import-button" onClick={() => input.current?.click()} disabled={p.busy} title="Import a Grantscope bundle (.json) or a HAR file from any browser's DevTools; or drop the file on this view">
        Import…
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,.har,application/json"
        data-testid="import-file"
        aria-label="File to import"
        hidden
        onChange={(e) => {
          const el = e.currentTarget;
          const f = el.files?.[0];
          el.value = '';
          if (f) p.onFile(f);
        }}
      />
      {p.imported > 0 && (
        <button type="button" data-testid="import-remove" onClick={p.onRemove} title="Drop every imported flow; recorded and launched flows stay">
          Remove imported ({p.imported})
        </button>
      )}
    </>
  );
}

/** What the last import did, or what is wrong with the file: text only, never markup from the file. */
export function ImportBanner({ state, onDismiss }: { state: ImportState; onDismiss: () => void }) {
  if (state.kind === 'idle') return null;
  if (state.kind === 'reading') {
    return (
      <div class="banner" data-testid="import-result" data-state="reading" aria-live="polite">
        Reading {state.file}…
      </div>
    );
  }
  const failed = state.kind === 'failed';
  return (
    <div class={failed ? 'banner err import-banner' : 'banner ok import-banner'} data-testid="import-result" data-state={state.kind} data-code={failed ? state.problem.code : undefined} role={failed ? 'alert' : 'status'}>
      <div class="grow">
        {failed ? (
          <>
            <strong>{state.problem.title}</strong>: {state.problem.message.replace(/\.$/, '')}. Nothing was imported; the flows kept here are unchanged.
          </>
        ) : (
          <>
            <strong>
              Imported {state.flows} flow{state.flows === 1 ? '' : 's'}
            </strong>{' '}
            from {state.file}.{state.notices.length ? ` ${state.notices.join('. ')}.` : ''}
            {!state.redacted && ' Its author exported it with secrets: tokens and codes in it are real.'}
          </>
        )}
      </div>
      <button type="button" class="link" onClick={onDismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}

/** Over the view while a file is dragged over it. */
export function DropOverlay({ on }: { on: boolean }) {
  if (!on) return null;
  return (
    <div class="import-drop" data-testid="import-drop" aria-hidden="true">
      Drop a Grantscope bundle or a HAR file to import it
    </div>
  );
}
