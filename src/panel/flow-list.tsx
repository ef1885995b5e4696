/** The flows that pass the filters, newest first; recorded ones say so and name the site they ran on. */
import type { ComponentChildren } from 'preact';
import { type FlowSummary, flowTitle } from '../core/flow';
import { clockTime, hostOf } from '../ui/format';
import { STATUS_TONE, statusText } from './status';

function Sites({ sites }: { sites: string[] }) {
  if (sites.length === 0) return null;
  const more = sites.length > 1 ? ` +${sites.length - 1}` : '';
  return (
    <span class="hint list-site" data-testid="flow-site" title={sites.join('\n')}>
      on {hostOf(sites[0]!)}
      {more}
    </span>
  );
}

export function FlowList(props: { flows: FlowSummary[]; selected: string | null; onSelect: (id: string) => void; empty?: ComponentChildren }) {
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
              data-source={f.source}
              onClick={() => props.onSelect(f.id)}
            >
              <span class="row">
                <strong>{flowTitle(f)}</strong>
                <span class="spacer" />
                <span class={`badge ${STATUS_TONE[f.status]}`}>{statusText(f.status, f.source)}</span>
              </span>
              <span class="hint mono">{f.clientId || '(no client id seen)'}</span>
              {f.outcome && <span class={f.outcome.kind === 'error' ? 'list-outcome err' : 'list-outcome'}>{f.outcome.title}</span>}
              {f.source === 'captured' && (
                <span class="row">
                  <span class="badge recorded" data-testid="recorded-badge">
                    Recorded
                  </span>
                  <Sites sites={f.sites ?? []} />
                </span>
              )}
              <span class="hint">
                {hostOf(f.issuer)} · {clockTime(f.createdAt)}
              </span>
            </button>
          </li>
        ))}
        {props.flows.length === 0 && props.empty && <li class="pad">{props.empty}</li>}
      </ul>
    </nav>
  );
}
