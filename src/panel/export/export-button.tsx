/**
 * The "Export…" button and its dialog, for a flow's detail and for a comparison view to mount
 * (issue 12's compare view: <ExportButton flows={[a, b]} what="comparison" names={['A', 'B']} />,
 * which exports the pair as one report through reportMarkdownMany / reportHtmlMany, or any other format).
 */
import { useState } from 'preact/hooks';
import type { Flow } from '../../core/flow';
import { lazy } from '../lazy';

// The dialog and the export core (redactor, HAR, bundle, reports) load when the dialog first opens.
const ExportDialog = lazy(() => import('./export-dialog').then((m) => m.ExportDialog), 'the export dialog', true);
import type { ExportWhat } from './export-model';

export interface ExportButtonProps {
  flows: readonly Flow[];
  what: ExportWhat;
  names?: readonly string[];
  label?: string;
}

export function ExportButton({ flows, what, names, label }: ExportButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" data-testid="export-open" aria-haspopup="dialog" onClick={() => setOpen(true)} disabled={flows.length === 0}>
        {label ?? (what === 'comparison' ? 'Export comparison…' : 'Export…')}
      </button>
      {open && <ExportDialog flows={flows} what={what} onClose={() => setOpen(false)} {...(names ? { names } : {})} />}
    </>
  );
}
