/**
 * Picking two flows in the list to compare (issue 12, item 1): a tick box on each row, and a bar over
 * the list that says what is picked and offers Compare (#/compare/<a>/<b>). At most two are kept: a
 * third tick lets go of the oldest. The picks live in the Flows view only; the comparison's URL holds them.
 */
import { type FlowSummary, flowTitle } from '../../core/flow';
import { clockTime } from '../../ui/format';
import { compareState } from '../view-state';
import { ViewLink } from './nav';
import './compare.css';

/** The picks after ticking or unticking `id`: two at most, oldest let go first. */
export function togglePick(picked: readonly string[], id: string): string[] {
  if (picked.includes(id)) return picked.filter((x) => x !== id);
  return [...picked, id].slice(-2);
}

export function PickBox({ id, picked, onPick }: { id: string; picked: boolean; onPick: (id: string) => void }) {
  return (
    <label class="pick-compare" title={picked ? 'Picked for comparison' : 'Pick for comparison'}>
      <input type="checkbox" data-pick={id} aria-label="Pick for comparison" checked={picked} onChange={() => onPick(id)} />
    </label>
  );
}

const name = (f: FlowSummary | undefined) => (f ? `${flowTitle(f)} (${clockTime(f.createdAt)})` : 'a flow no longer listed');

export function CompareBar({ picked, flows, onClear }: { picked: readonly string[]; flows: FlowSummary[]; onClear: () => void }) {
  if (picked.length === 0) return null;
  const [a, b] = picked.map((id) => flows.find((f) => f.id === id));
  return (
    <div class="row wrap compare-bar" data-testid="compare-bar" role="status">
      {picked.length === 1 ? (
        <span>
          Picked <strong>{name(a)}</strong>: tick one more flow to compare with it.
        </span>
      ) : (
        <>
          <span>
            A <strong>{name(a)}</strong> · B <strong>{name(b)}</strong>
          </span>
          <ViewLink to={compareState(picked[0]!, picked[1]!)} class="button primary" data-testid="compare-picked">
            Compare
          </ViewLink>
        </>
      )}
      <button type="button" class="link" onClick={onClear}>
        Clear
      </button>
    </div>
  );
}
