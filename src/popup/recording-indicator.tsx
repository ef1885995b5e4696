/** The recorder at a glance in the popup: its state, how many flows it holds, pause/resume, and a way to its settings. */
import { recordedText, recordingState, STATE_TEXT, STATE_TONE } from '../ui/capture-state';
import { useConnector } from '../ui/connector';
import { SiteAccess } from '../ui/site-access';
import { useCaptureStatus } from '../ui/use-capture-status';

export function RecordingIndicator({ open }: { open: (view: string) => void }) {
  const connector = useConnector();
  const { status, error, set, setError, reload } = useCaptureStatus();
  if (!status) return error ? <div class="hint" data-testid="recording-indicator" data-state="unknown">Recording status unavailable: {error}</div> : null;
  const state = recordingState(status);
  const toggle = () => void connector.send('capture/pause', { paused: !status.paused }).then(set, (e: Error) => setError(e.message));
  return (
    <section class="row wrap recording-indicator" data-testid="recording-indicator" data-state={state} aria-label="Recording">
      <span class={`badge ${STATE_TONE[state]}`}>{STATE_TEXT[state]}</span>
      <span class="hint nowrap" data-testid="recording-count">
        {recordedText(status.captured)}
      </span>
      <span class="spacer" />
      {state !== 'off' && (
        <button type="button" onClick={toggle}>
          {status.paused ? 'Resume' : 'Pause'}
        </button>
      )}
      <button type="button" class="link nowrap" onClick={() => open('recording')}>
        Recording settings
      </button>
      {state !== 'off' && <SiteAccess allSites={status.allSites} reload={reload} compact />}
      {status.problem && (
        <div class="banner err recording-problem" role="alert">
          {status.problem}
        </div>
      )}
    </section>
  );
}
