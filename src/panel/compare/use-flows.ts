/**
 * The flows a comparison or token diff reads: the two it names (flow/get) and the list to pick from
 * (flow/list), read again when flows change. A flow id that is not (or no longer) stored reads as
 * missing, never as an error page: the view says so and offers the pickers.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Flow, FlowSummary } from '../../core/flow';
import { useConnector } from '../../ui/connector';

export interface FlowsPair {
  list: FlowSummary[];
  /** undefined while loading, null when not stored. */
  a: Flow | null | undefined;
  b: Flow | null | undefined;
  error: string | null;
}

export function useFlowsPair(pair: { a: string; b: string } | undefined): FlowsPair {
  const connector = useConnector();
  const [list, setList] = useState<FlowSummary[]>([]);
  const [flows, setFlows] = useState<{ key: string; a: Flow | null; b: Flow | null } | null>(null);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let latest = 0;
    const load = () => {
      const mine = ++latest;
      connector.send('flow/list', null).then(
        (l) => {
          if (mine !== latest) return;
          setList(l);
          setVersion((v) => v + 1);
        },
        (e: Error) => setError(e.message),
      );
    };
    load();
    return connector.onFlowsChanged(load);
  }, [connector]);
  const key = pair ? `${pair.a}\n${pair.b}` : '';
  useEffect(() => {
    if (!pair) return setFlows(null);
    let live = true;
    const get = (id: string) => connector.send('flow/get', { id }).catch(() => null);
    void Promise.all([get(pair.a), get(pair.b)]).then(([a, b]) => live && setFlows({ key, a, b }));
    return () => {
      live = false;
    };
    // `key` stands for the pair; `version` reads both again when flows change.
  }, [connector, key, version]);
  const current = flows && flows.key === key ? flows : undefined;
  return { list, a: current?.a, b: current?.b, error };
}
