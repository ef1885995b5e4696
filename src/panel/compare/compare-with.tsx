/**
 * On a flow's detail (issue 12): "Compare with…" picks another stored flow and opens the comparison
 * (#/compare/<this>/<other>), the newest earlier flow of the same client first; and a link that opens
 * this flow on its own in a new tab (#/flows/<id>), to read two flows in two tabs.
 */
import { useState } from 'preact/hooks';
import type { Flow, FlowSummary } from '../../core/flow';
import { useConnector } from '../../ui/connector';
import { compareState, DEFAULT_VIEW_STATE, formatViewState } from '../view-state';
import { flowLabel } from './flow-picker';
import { useNavigate } from './nav';
import './compare.css';

/** Other flows, the same client's first (newest first within each), then the rest. */
export function candidates(flow: Pick<Flow, 'id' | 'profile'>, list: FlowSummary[]): FlowSummary[] {
  const others = list.filter((f) => f.id !== flow.id);
  const same = (f: FlowSummary) => !!flow.profile.clientId && f.clientId === flow.profile.clientId;
  return [...others.filter(same), ...others.filter((f) => !same(f))];
}

export function CompareWith({ flow }: { flow: Flow }) {
  const connector = useConnector();
  const go = useNavigate();
  const [list, setList] = useState<FlowSummary[] | null>(null);
  const open = () =>
    connector.send('flow/list', null).then(
      (l) => setList(candidates(flow, l)),
      () => setList([]),
    );
  return (
    <span class="row compare-with">
      {list === null ? (
        <button type="button" onClick={() => void open()} data-testid="compare-with" title="Put this flow side by side with another">
          Compare with…
        </button>
      ) : list.length === 0 ? (
        <span class="hint">No other flow to compare with.</span>
      ) : (
        <label class="inline-field">
          <span class="sr-only">Compare with</span>
          <select name="compareWith" onChange={(e) => go(compareState(flow.id, (e.target as HTMLSelectElement).value))} value="">
            <option value="">Compare with…</option>
            {list.map((f) => (
              <option key={f.id} value={f.id}>
                {flowLabel(f)}
              </option>
            ))}
          </select>
        </label>
      )}
      <a class="hint" href={formatViewState({ ...DEFAULT_VIEW_STATE, flowId: flow.id })} target="_blank" rel="noopener" title="This flow on its own, in a new tab">
        new tab
      </a>
    </span>
  );
}
