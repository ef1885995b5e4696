/**
 * The panel: Flows, Launch, Profiles, Decode and Recording. The view, the selected flow and the search
 * live in the URL's hash (view-state.ts), so a reload comes back to them and each can be linked to.
 */
import { useEffect, useState } from 'preact/hooks';
import { StartPane } from '../ui/start-pane';
import { useProfiles } from '../ui/use-profiles';
import { FlowsView } from './flows-view';
import { ProfilesView } from './profiles/profiles-view';
import { DecodeView } from './decode-view';
import { RecordingView } from './recording/recording-view';
import { DecoderContext } from '../ui/decoder-context';
import { ErrorBoundary } from '../ui/error-boundary';
import { tabOf, type View, type ViewState, VIEWS } from './view-state';
import { lazy } from './lazy';
import { NavigateContext, TokenDiffContext } from './compare/nav';

// Chunks of their own, loaded when first opened (bundle-size: the panel's first load stays small).
const CompareView = lazy(() => import('./compare/compare-view').then((m) => m.CompareView), 'the comparison');
const TokenDiffView = lazy(() => import('./compare/token-diff-view').then((m) => m.TokenDiffView), 'the token diff');

/** Where the panel keeps its ViewState: the URL's hash, bound by the entry file (main.tsx). */
export interface ViewStore {
  /** The state to open with. */
  initial: ViewState;
  /** Keeps a new state; `push` adds a history entry (a view change), otherwise the current one is replaced. */
  write(s: ViewState, push: boolean): void;
  /** Calls back when the hash changes from outside (back, forward, an edited URL); returns the unsubscribe. */
  onOutside(cb: (s: ViewState) => void): () => void;
}

export interface PanelProps {
  store: ViewStore;
  /** Set when the panel runs inside DevTools (devtools.panels.create): the tab DevTools inspects. */
  inspectedTabId?: number | undefined;
}

function LaunchView() {
  const { profiles, error } = useProfiles();
  return (
    <main class="flow-pane narrow">
      <h2>Launch a flow</h2>
      {error && <div class="banner err">{error}</div>}
      {/* No profile of the person's own: connect their provider first (issue 10, item 4). */}
      {profiles && <StartPane profiles={profiles} />}
    </main>
  );
}

/** The tabs, and the view chosen in its own error boundary: a view that fails leaves the tabs working. */
function PanelBody({ store, inspectedTabId }: PanelProps) {
  const [state, setState] = useState<ViewState>(store.initial);
  const { view } = state;
  const update = (next: ViewState) => {
    setState(next);
    // A new view, or another pair of flows to compare, is a history entry (Back returns to it).
    store.write(next, next.view !== state.view || next.pair?.a !== state.pair?.a || next.pair?.b !== state.pair?.b);
  };
  const show = (v: View) => update({ ...state, view: v });
  // A token to decode travels in memory, never in the URL (it is a secret).
  const [toDecode, setToDecode] = useState({ value: '', n: 0 });
  const openInDecoder = (value: string) => {
    setToDecode((d) => ({ value, n: d.n + 1 }));
    show('decode');
  };
  // Tokens to diff travel in memory too (#/tokens carries none).
  const [toDiff, setToDiff] = useState({ a: '', b: '', n: 0 });
  const openTokenDiff = (a: string, b = '') => {
    setToDiff((d) => ({ a, b, n: d.n + 1 }));
    update({ view: 'tokens', flowId: state.flowId, filter: state.filter });
  };
  // A link followed in this page (#/compare/…) changes the hash from outside; `write` keeps DevTools' memory of it.
  useEffect(
    () =>
      store.onOutside((s) => {
        setState(s);
        store.write(s, false);
      }),
    [store],
  );
  return (
    <DecoderContext.Provider value={openInDecoder}>
    <NavigateContext.Provider value={update}>
    <TokenDiffContext.Provider value={openTokenDiff}>
    <div class="panel">
      <header class="row bar">
        <h1>Grantscope</h1>
        <nav class="tabs" aria-label="Views">
          {VIEWS.map(([v, label]) => (
            <button key={v} type="button" aria-current={v === tabOf(state) ? 'page' : undefined} onClick={() => show(v)}>
              {label}
            </button>
          ))}
        </nav>
      </header>
      {/* Keyed by view, so a view that failed starts afresh when it is opened again. */}
      <ErrorBoundary key={view} label={`${view} view`}>
        {view === 'flows' && <FlowsView flowId={state.flowId} filter={state.filter} set={state.set} onChange={(c) => update({ ...state, ...c })} inspectedTabId={inspectedTabId} />}
        {view === 'launch' && <LaunchView />}
        {view === 'profiles' && <ProfilesView />}
        {view === 'decode' && <DecodeView key={toDecode.n} initial={toDecode.value} />}
        {view === 'recording' && <RecordingView />}
        {view === 'compare' && <CompareView pair={state.pair} onlyDiff={state.onlyDiff} set={state.set} />}
        {view === 'tokens' && <TokenDiffView key={toDiff.n} pair={state.pair} tokens={state.tokens} pasted={toDiff} />}
      </ErrorBoundary>
    </div>
    </TokenDiffContext.Provider>
    </NavigateContext.Provider>
    </DecoderContext.Provider>
  );
}

/** The panel's root: one more boundary, for anything outside the views (issue 9: no data may blank the panel). */
export function PanelApp(props: PanelProps) {
  return (
    <ErrorBoundary label="panel">
      <PanelBody {...props} />
    </ErrorBoundary>
  );
}
