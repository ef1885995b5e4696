/**
 * The newest flow's verdict in the popup (issue 11, item 3): its status as the list reads it
 * ("complete · 2 checks failed"), the first failure's message, and a link that opens the flow in the
 * panel. Read from the flow summaries, which carry the verdict judged when the flow was stored.
 */
import { useEffect, useState } from 'preact/hooks';
import type { FlowSummary } from '../core/flow';
import { flowTitle } from '../core/flow-title';
import { useConnector } from '../ui/connector';
import { statusLine } from '../panel/status';

export function LastFlow() {
  const connector = useConnector();
  const [last, setLast] = useState<FlowSummary | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      // Only the newest summary: its verdict was judged when it was stored, nothing else is read.
      connector.send('flow/last', null).then(
        (newest) => live && setLast(newest),
        () => live && setLast(null),
      );
    void load();
    const off = connector.onFlowsChanged(() => void load());
    return () => {
      live = false;
      off();
    };
  }, [connector]);
  if (!last) return null;
  const v = last.verdict;
  const status = statusLine(last.status, last.source, v, last.row?.expect);
  const open = () => void connector.send('panel/open', { flowId: last.id }).then(() => window.close());
  return (
    <section class="last-flow" data-testid="last-flow" data-failed={v?.failed ?? 0} aria-label="Last flow">
      <div class="row wrap">
        <strong>Last flow: {flowTitle(last)}</strong>
        <span class={`badge ${status.tone}`} data-testid="last-flow-status">
          {status.text}
        </span>
      </div>
      {v?.first && (v.failed > 0 || v.warned > 0) && (
        <div class={v.failed > 0 ? 'last-flow-first err' : 'last-flow-first warn'} data-testid="last-flow-first">
          {v.first.message} <span class="hint">({v.first.clause})</span>
        </div>
      )}
      {v && v.failed === 0 && v.warned === 0 && v.passed > 0 && <div class="hint">{v.passed} checks passed{v.notSeen ? `, ${v.notSeen} not seen` : ''}</div>}
      <button type="button" class="link" onClick={open}>
        Open it in the panel
      </button>
    </section>
  );
}
