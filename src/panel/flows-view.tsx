/** Flows: the list on the left, the selected flow's timeline on the right. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Flow, FlowSummary } from '../core/flow';
import { useConnector } from '../ui/connector';
import { FlowDetail } from './flow-detail';
import { FlowList } from './flow-list';
import { ToleranceSetting } from './tolerance-setting';

export function FlowsView() {
  const connector = useConnector();
  const [flows, setFlows] = useState<FlowSummary[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [flow, setFlow] = useState<Flow | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const list = await connector.send('flow/list', null);
      setFlows(list);
      setError(null);
      const id = selected && list.some((f) => f.id === selected) ? selected : (list[0]?.id ?? null);
      setSelected(id);
      setFlow(id ? await connector.send('flow/get', { id }) : null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [connector, selected]);

  useEffect(() => {
    void refresh();
    return connector.onFlowsChanged(() => void refresh());
  }, [connector, refresh]);

  const clear = async () => {
    await connector.send('flow/clear', null).catch((e: Error) => setError(e.message));
    setSelected(null);
  };

  return (
    <>
      <div class="row bar sub">
        <span class="hint">{flows.length === 1 ? '1 flow' : `${flows.length} flows`}</span>
        <span class="spacer" />
        <ToleranceSetting />
        <button type="button" onClick={() => void clear()} disabled={flows.length === 0}>
          Clear flows
        </button>
      </div>
      {error && <div class="banner err">{error}</div>}
      <div class="columns">
        <FlowList flows={flows} selected={selected} onSelect={setSelected} />
        <main class="flow-pane">
          {flow ? (
            <FlowDetail flow={flow} />
          ) : (
            <div class="empty">
              <h2>No flows yet</h2>
              <p class="hint">Start one from the Launch tab here, or from the Grantscope button in the toolbar.</p>
            </div>
          )}
        </main>
      </div>
    </>
  );
}
