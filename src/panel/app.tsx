/** The panel: Flows, Launch, Profiles, Decode and Recording, chosen by the URL hash so each view can be linked to. */
import { useEffect, useState } from 'preact/hooks';
import { LaunchForm } from '../ui/launch-form';
import { useProfiles } from '../ui/use-profiles';
import { FlowsView } from './flows-view';
import { ProfilesView } from './profiles/profiles-view';
import { DecodeView } from './decode-view';
import { RecordingView } from './recording/recording-view';
import { DecoderContext } from '../ui/decoder-context';
import { ErrorBoundary } from '../ui/error-boundary';

const VIEWS = [
  ['flows', 'Flows'],
  ['launch', 'Launch'],
  ['profiles', 'Profiles'],
  ['decode', 'Decode'],
  ['recording', 'Recording'],
] as const;
type View = (typeof VIEWS)[number][0];

const fromHash = (): View => {
  const h = location.hash.slice(1);
  return VIEWS.some(([v]) => v === h) ? (h as View) : 'flows';
};

function LaunchView() {
  const { profiles, error } = useProfiles();
  return (
    <main class="flow-pane narrow">
      <h2>Launch a flow</h2>
      {error && <div class="banner err">{error}</div>}
      {profiles && profiles.length === 0 && <p class="hint">No profiles yet: create one under Profiles.</p>}
      {profiles && profiles.length > 0 && <LaunchForm profiles={profiles} />}
    </main>
  );
}

/** The tabs, and the view chosen in its own error boundary: a view that fails leaves the tabs working. */
function PanelBody() {
  const [view, setView] = useState<View>(fromHash);
  // A token to decode travels in memory, never in the URL (it is a secret).
  const [toDecode, setToDecode] = useState({ value: '', n: 0 });
  const openInDecoder = (value: string) => {
    setToDecode((d) => ({ value, n: d.n + 1 }));
    location.hash = 'decode';
  };
  useEffect(() => {
    const onHash = () => setView(fromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return (
    <DecoderContext.Provider value={openInDecoder}>
    <div class="panel">
      <header class="row bar">
        <h1>Grantscope</h1>
        <nav class="tabs" aria-label="Views">
          {VIEWS.map(([v, label]) => (
            <button key={v} type="button" aria-current={v === view ? 'page' : undefined} onClick={() => (location.hash = v)}>
              {label}
            </button>
          ))}
        </nav>
      </header>
      {/* Keyed by view, so a view that failed starts afresh when it is opened again. */}
      <ErrorBoundary key={view} label={`${view} view`}>
        {view === 'flows' && <FlowsView />}
        {view === 'launch' && <LaunchView />}
        {view === 'profiles' && <ProfilesView />}
        {view === 'decode' && <DecodeView key={toDecode.n} initial={toDecode.value} />}
        {view === 'recording' && <RecordingView />}
      </ErrorBoundary>
    </div>
    </DecoderContext.Provider>
  );
}

/** The panel's root: one more boundary, for anything outside the views (issue 9: no data may blank the panel). */
export function PanelApp() {
  return (
    <ErrorBoundary label="panel">
      <PanelBody />
    </ErrorBoundary>
  );
}
