/**
 * Export several flows from the list (issue 13, item 1): "Export flows…" beside the list's own buttons
 * opens a picker of the flows shown (the open one ticked), then the export dialog for the picked
 * flows, read whole from the worker. The list itself stays as it is.
 */
import { useState } from 'preact/hooks';
import { type Flow, type FlowSummary, flowTitle } from '../../core/flow';
import { useConnector } from '../../ui/connector';
import { clockTime, hostOf } from '../../ui/format';
import { statusLine } from '../status';
import { lazy } from '../lazy';

// The dialog and the export core (redactor, HAR, bundle, reports) load when the dialog first opens.
const ExportDialog = lazy(() => import('./export-dialog').then((m) => m.ExportDialog), 'the export dialog', true);
import './export.css';

/** A selection's bound: a report of more is no ticket attachment, and each flow is read whole. */
export const SELECTION_MAX = 200;

/** The row's status as the list reads it, verdict included: what is picked is judged before it leaves. */
function StatusBadge({ f }: { f: FlowSummary }) {
  const s = statusLine(f.status, f.source, f.verdict, f.row?.expect);
  return <span class={`badge ${s.tone}`}>{s.text}</span>;
}

function Picker(p: { flows: FlowSummary[]; picked: Set<string>; onPick: (s: Set<string>) => void; onNext: () => void; onClose: () => void; error: string | null; loading: boolean }) {
  const toggle = (id: string) => {
    const s = new Set(p.picked);
    if (!s.delete(id)) s.add(id);
    p.onPick(s);
  };
  const n = p.picked.size;
  return (
    <div class="export-backdrop" onClick={(e) => e.target === e.currentTarget && p.onClose()}>
      <section class="export-dialog card stack" role="dialog" aria-modal="true" aria-labelledby="export-pick-title" data-testid="export-picker" onKeyDown={(e) => e.key === 'Escape' && p.onClose()}>
        <div class="row">
          <h2 id="export-pick-title">Export flows: pick them</h2>
          <span class="spacer" />
          <button type="button" class="link" aria-label="Close the export dialog" onClick={p.onClose}>
            Close
          </button>
        </div>
        <div class="row wrap">
          <button type="button" class="link" onClick={() => p.onPick(new Set(p.flows.slice(0, SELECTION_MAX).map((f) => f.id)))}>
            All shown{p.flows.length > SELECTION_MAX ? ` (the first ${SELECTION_MAX})` : ` (${p.flows.length})`}
          </button>
          <button type="button" class="link" onClick={() => p.onPick(new Set())}>
            None
          </button>
        </div>
        <ul class="export-pick">
          {p.flows.map((f) => (
            <li key={f.id}>
              <label class="check">
                <input type="checkbox" name="exportPick" value={f.id} checked={p.picked.has(f.id)} disabled={!p.picked.has(f.id) && n >= SELECTION_MAX} onChange={() => toggle(f.id)} />
                <strong>{flowTitle(f)}</strong> <StatusBadge f={f} /> {f.source === 'captured' && <span class="badge recorded">Recorded</span>}{' '}
                <span class="hint">
                  <span class="mono">{f.clientId || '(no client id seen)'}</span> · {hostOf(f.issuer)} · {clockTime(f.createdAt)}
                </span>
              </label>
            </li>
          ))}
        </ul>
        {p.error && <div class="banner err">{p.error}</div>}
        <div class="row">
          <button type="button" class="primary" data-testid="export-pick-next" disabled={n === 0 || p.loading} onClick={p.onNext}>
            {p.loading ? 'Reading the flows…' : `Next: export ${n} flow${n === 1 ? '' : 's'}`}
          </button>
        </div>
      </section>
    </div>
  );
}

/** `picked`: flows ticked in the list (to compare), which start ticked here too; else the open flow. */
export function ExportSelection({ flows, current, picked: ticked }: { flows: FlowSummary[]; current: string | null; picked?: readonly string[] }) {
  const connector = useConnector();
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [chosen, setChosen] = useState<Flow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const close = () => {
    setOpen(false);
    setChosen(null);
  };
  const start = () => {
    setPicked(new Set(ticked?.length ? ticked.filter((id) => flows.some((f) => f.id === id)) : current ? [current] : []));
    setError(null);
    setOpen(true);
  };
  const next = () => {
    // In the list's order, newest first, as the person saw them.
    const ids = flows.filter((f) => picked.has(f.id)).map((f) => f.id);
    setLoading(true);
    Promise.all(ids.map((id) => connector.send('flow/get', { id })))
      .then((got) => {
        const found = got.filter((f): f is Flow => f !== null);
        if (found.length < ids.length) setError(`${ids.length - found.length} of the picked flows are gone (cleared or dropped from the ring).`);
        if (found.length) setChosen(found);
      }, (e: Error) => setError(e.message))
      .finally(() => setLoading(false));
  };
  return (
    <>
      <button type="button" data-testid="export-selection" aria-haspopup="dialog" disabled={flows.length === 0} onClick={start}>
        {/* Not just "Export…": the open flow's header has that one, for the flow alone. */}
        Export flows…
      </button>
      {open && !chosen && <Picker flows={flows} picked={picked} onPick={setPicked} onNext={next} onClose={close} error={error} loading={loading} />}
      {open && chosen && <ExportDialog flows={chosen} what="selection" onClose={close} onBack={() => setChosen(null)} />}
    </>
  );
}
