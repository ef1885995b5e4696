/**
 * The Recording view: whether Grantscope records the flows sites run on their own, on which sites,
 * how many it keeps and where, page capture per site, and deep capture where the build has it.
 */
import type { CaptureSettings } from '../../core/capture/settings';
import { BrowserNotes } from '../../ui/browser-notes';
import { useConnector } from '../../ui/connector';
import { useCaptureStatus } from '../../ui/use-capture-status';
import { DeepCapture } from './deep-capture';
import { PageCapture } from './page-capture';
import { RecorderControls } from './recorder-controls';
import { SiteRules } from './site-rules';

/** Saves changed settings; resolves true once the background took them. */
export type SaveSettings = (patch: Partial<CaptureSettings>) => Promise<boolean>;

export function RecordingView() {
  const connector = useConnector();
  const cs = useCaptureStatus();
  const status = cs.status;
  const save: SaveSettings = async (patch) => {
    if (!status) return false;
    try {
      cs.set(await connector.send('capture/settings', { ...status.settings, ...patch }));
      return true;
    } catch (e) {
      cs.setError((e as Error).message);
      return false;
    }
  };

  return (
    <main class="flow-pane recording stack" data-testid="recording-view">
      <h2>Recording</h2>
      <p class="hint">
        Besides the flows you launch, Grantscope records the OAuth and OpenID Connect flows sites run on their own: every authorization request, callback and token call it
        can see, tied together into flows under Flows (marked Recorded). It only watches: nothing is stopped or changed.
      </p>
      {cs.error && (
        <div class="banner err" role="alert">
          {cs.error}
        </div>
      )}
      {!status && !cs.error && <p class="hint">Reading the recorder’s status…</p>}
      {status && (
        <>
          <RecorderControls status={status} save={save} reload={cs.reload} setError={cs.setError} />
          <SiteRules settings={status.settings} save={save} />
          <PageCapture settings={status.settings} save={save} setError={cs.setError} />
          {status.deep.available && <DeepCapture status={status} set={cs.set} />}
          <BrowserNotes />
        </>
      )}
    </main>
  );
}
