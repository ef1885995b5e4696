/**
 * The flows that pass the filters, newest first; recorded ones say so and name the site they ran on.
 * In a DevTools panel the inspected tab's flows come first, under "This tab", the rest under "Other tabs".
 */
import type { ComponentChildren } from 'preact';
import { type FlowSummary, flowTitle } from '../core/flow';
import { clockTime, hostOf } from '../ui/format';
import { splitByTab } from './flow-filter';
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

function FlowItem({ f, selected, onSelect }: { f: FlowSummary; selected: boolean; onSelect: (id: string) => void }) {
  return (
    <li>
      <button
        type="button"
        class={selected ? 'flow-item selected' : 'flow-item'}
        aria-current={selected}
        data-flow-id={f.id}
        data-status={f.status}
        data-source={f.source}
        onClick={() => onSelect(f.id)}
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
  );
}

interface ListProps {
  flows: FlowSummary[];
  selected: string | null;
  onSelect: (id: string) => void;
  empty?: ComponentChildren;
  /** In a DevTools panel: the inspected tab, whose flows are listed first under their own heading. */
  inspectedTabId?: number | undefined;
}

/** One titled part of the list (DevTools: "This tab", "Other tabs"). */
function Group(p: { id: string; title: string; flows: FlowSummary[]; selected: string | null; onSelect: (id: string) => void; none: string }) {
  return (
    <section data-group={p.id} aria-labelledby={`flows-${p.id}`}>
      <h2 class="list-heading" id={`flows-${p.id}`}>
        {p.title} <span class="hint">({p.flows.length})</span>
      </h2>
      <ul>
        {p.flows.map((f) => (
          <FlowItem key={f.id} f={f} selected={f.id === p.selected} onSelect={p.onSelect} />
        ))}
        {p.flows.length === 0 && <li class="pad hint">{p.none}</li>}
      </ul>
    </section>
  );
}

export function FlowList(props: ListProps) {
  const { flows, selected, onSelect, inspectedTabId } = props;
  if (inspectedTabId !== undefined && flows.length > 0) {
    const { here, others } = splitByTab(flows, inspectedTabId);
    return (
      <nav class="flow-list" aria-label="Flows" data-inspected-tab={inspectedTabId}>
        <Group id="this-tab" title="This tab" flows={here} selected={selected} onSelect={onSelect} none="No flow has run in the inspected tab yet." />
        {others.length > 0 && <Group id="other-tabs" title="Other tabs" flows={others} selected={selected} onSelect={onSelect} none="" />}
      </nav>
    );
  }
  return (
    <nav class="flow-list" aria-label="Flows" data-inspected-tab={inspectedTabId}>
      <ul>
        {flows.map((f) => (
          <FlowItem key={f.id} f={f} selected={f.id === selected} onSelect={onSelect} />
        ))}
        {flows.length === 0 && props.empty && <li class="pad">{props.empty}</li>}
      </ul>
    </nav>
  );
}
