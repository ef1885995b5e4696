import { type FlowSummary, flowTitle } from '../core/flow';
import { clockTime, hostOf } from '../ui/format';
import { STATUS_TEXT, STATUS_TONE } from './status';

export function FlowList(props: { flows: FlowSummary[]; selected: string | null; onSelect: (id: string) => void }) {
  return (
    <nav class="flow-list" aria-label="Flows">
      <ul>
        {props.flows.map((f) => (
          <li key={f.id}>
            <button
              type="button"
              class={f.id === props.selected ? 'flow-item selected' : 'flow-item'}
              aria-current={f.id === props.selected}
              data-flow-id={f.id}
              data-status={f.status}
              onClick={() => props.onSelect(f.id)}
            >
              <span class="row">
                <strong>{flowTitle(f)}</strong>
                <span class="spacer" />
                <span class={`badge ${STATUS_TONE[f.status]}`}>{STATUS_TEXT[f.status]}</span>
              </span>
              <span class="hint mono">{f.clientId}</span>
              {f.outcome && <span class={f.outcome.kind === 'error' ? 'list-outcome err' : 'list-outcome'}>{f.outcome.title}</span>}
              <span class="hint">
                {hostOf(f.issuer)} · {clockTime(f.createdAt)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
