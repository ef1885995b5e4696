/**
 * The "Relaunch with Grantscope" button on a recorded (or imported) flow's detail, and the editable
 * launch it opens in place: two clicks from a recorded flow to a running launch (issue 12, item 4).
 */
import { useState } from 'preact/hooks';
import type { Flow } from '../../core/flow';
import { RelaunchPanel } from './relaunch-panel';

/** A flow the app ran whose authorization request Grantscope saw: there is something to relaunch. */
export const canRelaunch = (flow: Flow): boolean => flow.source === 'captured' && flow.grant === 'authorization' && flow.steps.some((s) => s.kind === 'authorization-request');

export function Relaunch({ flow }: { flow: Flow }) {
  const [open, setOpen] = useState(false);
  if (!canRelaunch(flow)) return null;
  if (open) return <RelaunchPanel key={flow.id} flow={flow} onClose={() => setOpen(false)} />;
  return (
    <div class="row wrap">
      <button type="button" data-testid="relaunch-open" onClick={() => setOpen(true)} title="Run this authorization request again from Grantscope, with changes; it stops at the redirect, so the app never receives the code">
        Relaunch with Grantscope
      </button>
    </div>
  );
}
