/**
 * The recorder's status for the panel and the popup: read on mount, again whenever flows change (a
 * flow recorded or cleared changes the count) and when the page regains focus. Actions hand back the
 * fresh status, which `set` takes.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { CaptureStatus } from '../shared/messages';
import { useConnector } from './connector';

export interface CaptureStatusState {
  status: CaptureStatus | null;
  error: string | null;
  set(s: CaptureStatus): void;
  setError(e: string | null): void;
  reload(): void;
}

export function useCaptureStatus(): CaptureStatusState {
  const connector = useConnector();
  const [status, setStatus] = useState<CaptureStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    connector.send('capture/status', null).then(
      (s) => {
        setStatus(s);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, [connector]);
  useEffect(() => {
    reload();
    window.addEventListener('focus', reload);
    const off = connector.onFlowsChanged(reload);
    return () => {
      window.removeEventListener('focus', reload);
      off();
    };
  }, [connector, reload]);
  const set = useCallback((s: CaptureStatus) => {
    setStatus(s);
    setError(null);
  }, []);
  return { status, error, set, setError, reload };
}
