/**
 * Deep capture (deep build only): Chrome's debugger attached to one tab reads every response there,
 * token answers included. Chrome shows its own bar for as long as it is attached.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CaptureStatus } from '../../shared/messages';
import { useConnector } from '../../ui/connector';

export function DeepCapture({ status, set }: { status: CaptureStatus; set: (s: CaptureStatus) => void }) {
  const connector = useConnector();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tabs = status.deep.tabs;

  // Cancel on Chrome's bar detaches the debugger without telling this page: look again while attached.
  useEffect(() => {
    if (tabs.length === 0) return;
    const t = setInterval(() => void connector.send('capture/status', null).then(set, () => undefined), 3000);
    return () => clearInterval(t);
  }, [connector, set, tabs.length]);

  const deep = (on: boolean, tabId?: number) => {
    setBusy(true);
    setError(null);
    connector
      .send('capture/deep', tabId === undefined ? { on } : { on, tabId })
      .then(set, (e: Error) => setError(e.message))
      .finally(() => setBusy(false));
  };

  return (
    <section class="card stack" aria-labelledby="deep-h" data-testid="deep-capture">
      <h3 id="deep-h">Deep capture</h3>
      <p class="hint">
        Attaches Chrome’s debugger to one tab, so Grantscope reads every answer there, token responses included, whatever the page does. While it is on, Chrome shows
        a bar saying “Grantscope started debugging this browser” on every window. Pressing Cancel on that bar detaches the debugger and stops deep capture; closing
        the tab stops it too.
      </p>
      {tabs.length > 0 && (
        <ul class="site-list" data-testid="deep-tabs">
          {tabs.map((t) => (
            <li key={t} class="row" data-tab={t}>
              <span class="badge ok">Deep capture on</span>
              <span>tab {t}</span>
              <span class="spacer" />
              <button type="button" disabled={busy} onClick={() => deep(false, t)}>
                Stop deep capture
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="row">
        <button type="button" disabled={busy} onClick={() => deep(true)}>
          Deep capture the active tab
        </button>
        <span class="hint">the web page in front in the window you last used, else the web page you last had in front</span>
      </div>
      {error && (
        <div class="banner err" role="alert">
          {error}
        </div>
      )}
    </section>
  );
}
