/**
 * The popup: pick a saved profile and a grant, press Start. Profiles are edited in the panel, which
 * has the room for every option; the popup opens it at the Profiles view. Without a profile of the
 * person's own, it leads to their provider first (src/ui/start-pane.tsx).
 */
import { useConnector } from '../ui/connector';
import { ErrorBoundary } from '../ui/error-boundary';
import { StartPane } from '../ui/start-pane';
import { useProfiles } from '../ui/use-profiles';
import { RecordingIndicator } from './recording-indicator';
import { LastFlow } from './last-flow';

function PopupBody() {
  const connector = useConnector();
  const { profiles, error } = useProfiles();

  const open = (view: string) => void connector.send('panel/open', { view }).then(() => window.close());

  return (
    <div class="popup stack">
      <header class="row">
        <img src="icons/icon-32.png" width={20} height={20} alt="" />
        <h1>Grantscope</h1>
        <span class="spacer" />
        <button type="button" onClick={() => open('profiles')}>
          Profiles
        </button>
        <button type="button" onClick={() => open('flows')}>
          Open panel
        </button>
      </header>
      <ErrorBoundary label="recording indicator">
        <RecordingIndicator open={open} />
      </ErrorBoundary>
      <ErrorBoundary label="last flow">
        <LastFlow />
      </ErrorBoundary>
      {error && <div class="banner err">{error}</div>}
      {profiles && (
        <ErrorBoundary label="launch form">
          <StartPane profiles={profiles} openProfiles={() => open('profiles')} />
        </ErrorBoundary>
      )}
    </div>
  );
}

/** The popup's root, in an error boundary: a failure shows as a line, never a blank popup (issue 9). */
export function PopupApp() {
  return (
    <ErrorBoundary label="popup">
      <PopupBody />
    </ErrorBoundary>
  );
}
