/** Flows: search and filters on top, the list on the left, the selected flow's timeline on the right. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Flow, FlowSummary } from '../core/flow';
import type { RuleSetId } from '../core/rules/types';
import { useConnector } from '../ui/connector';
import { ErrorBoundary } from '../ui/error-boundary';
import { FlowDetail } from './flow-detail';
import { type FlowFilter, filterFlows, isFiltering, NO_FILTER, splitByTab } from './flow-filter';
import { FlowFilters } from './flow-filters';
import { FlowList } from './flow-list';
import { ToleranceSetting } from './tolerance-setting';
import { DropOverlay, ImportBanner, ImportButton, useImport } from './import/import-control';
import { ExportSelection } from './export/export-selection';
import { CompareBar, togglePick } from './compare/compare-picks';

function NoMatch({ onReset }: { onReset: () => void }) {
  return (
    <div class="stack" data-testid="no-match">
      <p class="hint">No flow matches the search and filters.</p>
      <button type="button" onClick={onReset}>
        Clear search and filters
      </button>
    </div>
  );
}

/** What the Flows view shows that the URL keeps (view-state.ts): the selected flow and the search. */
export interface FlowsChoice {
  /** The flow picked in the list; null (or one not shown) lets the list pick. */
  flowId: string | null;
  filter: FlowFilter;
  /** The rule set flows are judged under in the detail (?set=); absent: each flow's profile's set. */
  set?: RuleSetId | undefined;
}

export interface FlowsViewProps extends FlowsChoice {
  onChange: (c: FlowsChoice) => void;
  /** In a DevTools panel, the inspected tab: its flows are listed, and picked, first. */
  inspectedTabId?: number | undefined;
}

export function FlowsView({ flowId: selected, filter, set, onChange, inspectedTabId }: FlowsViewProps) {
  const connector = useConnector();
  const [flows, setFlows] = useState<FlowSummary[]>([]);
  const [flow, setFlow] = useState<Flow | null>(null);
  // Bumped on every list load, so the open flow is read again when flows change.
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  // Two flows ticked in the list to compare (issue 12); the comparison's URL keeps them once opened.
  const [picked, setPicked] = useState<string[]>([]);
  const keep = set ? { set } : {};
  const setSelected = (flowId: string | null) => onChange({ flowId, filter, ...keep });
  const setFilter = (f: FlowFilter) => onChange({ flowId: selected, filter: f, ...keep });
  const setSet = (s: RuleSetId) => onChange({ flowId: selected, filter, set: s });

  useEffect(() => {
    // Loads overlap when flows change quickly; an older answer arriving last must not win.
    let latest = 0;
    const load = () => {
      const mine = ++latest;
      return connector.send('flow/list', null).then(
        (list) => {
          if (mine !== latest) return;
          setFlows(list);
          setVersion((v) => v + 1);
          setError(null);
        },
        (e: Error) => setError(e.message),
      );
    };
    void load();
    return connector.onFlowsChanged(() => void load());
  }, [connector]);

  const shown = useMemo(() => filterFlows(flows, filter), [flows, filter]);
  // The list's own pick, when nothing (or a flow gone or filtered out) is selected: the newest flow,
  // in DevTools the inspected tab's newest. A stale id from the URL thus selects nothing odd.
  const current = selected && shown.some((f) => f.id === selected) ? selected : ((splitByTab(shown, inspectedTabId).here[0] ?? shown[0])?.id ?? null);

  useEffect(() => {
    if (!current) return setFlow(null);
    let live = true;
    connector.send('flow/get', { id: current }).then(
      (f) => live && setFlow(f),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [connector, current, version]);

  // In DevTools, "This tab" empty because of the search is not "nothing ran here".
  const noneHere = inspectedTabId !== undefined && isFiltering(filter) && flows.some((f) => f.tabIds?.includes(inspectedTabId)) ? "None of this tab's flows matches the search and filters." : undefined;

  const clear = async () => {
    await connector.send('flow/clear', null).catch((e: Error) => setError(e.message));
    setSelected(null);
  };
  const reset = () => onChange({ flowId: selected, filter: NO_FILTER, ...keep });
  // Import (issue 13): the first imported flow opens, with every filter off so it is in the list.
  const imp = useImport((id) => id && onChange({ flowId: id, filter: NO_FILTER, ...keep }));
  const removeImported = () => void connector.send('flow/import-clear', null).then(imp.dismiss, (e: Error) => setError(e.message));

  return (
    <>
      <FlowFilters filter={filter} onChange={setFilter} shown={shown.length} total={flows.length}>
        <ToleranceSetting />
        <ImportButton onFile={(f) => void imp.importFile(f)} busy={imp.state.kind === 'reading'} imported={flows.filter((f) => f.imported).length} onRemove={removeImported} />
        <ExportSelection flows={shown} current={current} picked={picked} />
        <button type="button" onClick={() => void clear()} disabled={flows.length === 0}>
          Clear flows
        </button>
      </FlowFilters>
      {error && <div class="banner err">{error}</div>}
      <CompareBar picked={picked} flows={flows} onClear={() => setPicked([])} />
      <ImportBanner state={imp.state} onDismiss={imp.dismiss} />
      <DropOverlay on={imp.dragging} />
      <div class="columns">
        {/* The list and the open flow fail apart (issue 9): the panel reopens on the newest flow, so a flow
            that breaks its detail must leave the list usable, to pick another or clear them all. */}
        <ErrorBoundary label="flow list" resetKey={shown}>
          <FlowList flows={shown} selected={current} onSelect={setSelected} inspectedTabId={inspectedTabId} noneHere={noneHere} empty={flows.length > 0 && <NoMatch onReset={reset} />} picks={{ picked, onPick: (id) => setPicked((p) => togglePick(p, id)) }} />
        </ErrorBoundary>
        <main class="flow-pane">
          {flow && current === flow.id ? (
            <ErrorBoundary key={flow.id} label="flow detail" resetKey={flow}>
              <FlowDetail flow={flow} set={set} onSet={setSet} />
            </ErrorBoundary>
          ) : flows.length > 0 && isFiltering(filter) && shown.length === 0 ? (
            <div class="empty">
              <h2>No matching flows</h2>
              <p class="hint">None of the {flows.length === 1 ? 'one flow' : `${flows.length} flows`} kept here matches. Change the search or the filters above.</p>
            </div>
          ) : flows.length === 0 ? (
            <div class="empty">
              <h2>No flows yet</h2>
              <p class="hint">
                Start one from the Launch tab here or the Grantscope button in the toolbar, or sign in on a site: Grantscope records the flows sites run on their own (see
                Recording).
              </p>
            </div>
          ) : null}
        </main>
      </div>
    </>
  );
}
