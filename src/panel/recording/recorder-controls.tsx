/** On/off, pause, clear, how many recorded flows are kept and whether they outlive the browser session. */
import { useEffect, useState } from 'preact/hooks';
import { formatBytes } from '../../core/capture/fit-flow';
import { RING_MAX, RING_MIN } from '../../core/capture/settings';
import type { CaptureStatus } from '../../shared/messages';
import { recordedText, recordingState, STATE_TEXT, STATE_TONE } from '../../ui/capture-state';
import { useConnector } from '../../ui/connector';
import { CheckField } from '../../ui/fields';
import { SiteAccess } from '../../ui/site-access';
import type { SaveSettings } from './recording-view';

export function StatusLine({ status }: { status: CaptureStatus }) {
  const state = recordingState(status);
  return (
    <div class="row wrap" data-testid="capture-status" data-state={state}>
      <span class={`badge ${STATE_TONE[state]}`}>{STATE_TEXT[state]}</span>
      <span data-testid="capture-count">{recordedText(status.captured)}</span>
      <span class="hint">
        {state === 'paused' ? 'paused until you resume or the browser restarts' : state === 'off' ? 'nothing new is recorded' : 'new flows are recorded as sites run them'}
      </span>
    </div>
  );
}

/** A typical recorded flow, for "about N flows" before any is kept (platform notes: 7 KB of JSON). */
const TYPICAL_FLOW = 7 * 1024;

/**
 * How much of its byte budget the ring uses, and about how many more flows of this size fit. With
 * the ring size set (`ringSize`), a size the bytes cannot hold is said to be one (issue 10, item 5:
 * the setting must not promise more flows than fit).
 */
export function roomText(room: NonNullable<CaptureStatus['storage']>, ringSize?: number): string {
  const each = room.flows === 0 || room.bytes === 0 ? TYPICAL_FLOW : room.bytes / room.flows;
  const fit = Math.floor(room.budget / each);
  const cap = ringSize !== undefined && ringSize > fit ? ` The ring is set to ${ringSize} flows, but about ${fit} of this size fit: past that the oldest go first.` : '';
  if (room.flows === 0 || room.bytes === 0) return `Recorded flows may take up to ${formatBytes(room.budget)}, about ${fit} flows of ${formatBytes(TYPICAL_FLOW)}.${cap}`;
  const more = Math.max(0, Math.floor((room.budget - room.bytes) / each));
  return `Recorded flows take ${formatBytes(room.bytes)} of ${formatBytes(room.budget)}: room for about ${more} more like these, then the oldest go first.${cap}`;
}

export function RecorderControls(p: { status: CaptureStatus; save: SaveSettings; reload: () => void; setError: (e: string | null) => void }) {
  const connector = useConnector();
  const { settings, paused } = p.status;
  const [ring, setRing] = useState(String(settings.ringSize));
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => setRing(String(settings.ringSize)), [settings.ringSize]);

  const pause = (on: boolean) => connector.send('capture/pause', { paused: on }).then(p.reload, (e: Error) => p.setError(e.message));
  const clear = () =>
    connector.send('capture/clear', null).then(
      () => {
        setNote('Recorded flows and everything the recorder learned are cleared. Launched flows stay.');
        p.reload();
      },
      (e: Error) => p.setError(e.message),
    );
  const saveRing = (text: string) => {
    const n = Math.round(Number(text));
    const size = Number.isFinite(n) ? Math.min(RING_MAX, Math.max(RING_MIN, n)) : settings.ringSize;
    setRing(String(size));
    if (size !== settings.ringSize) void p.save({ ringSize: size });
  };

  return (
    <section class="card stack" aria-labelledby="rec-h">
      <h3 id="rec-h">Recorder</h3>
      <StatusLine status={p.status} />
      {p.status.problem && (
        <div class="banner err" role="alert" data-testid="capture-problem">
          {p.status.problem}
        </div>
      )}
      {p.status.notice && (
        <div class="banner warn" role="status" data-testid="capture-notice">
          {p.status.notice}
        </div>
      )}
      {p.status.storage && (
        <div class="hint" data-testid="capture-room">
          {roomText(p.status.storage, settings.ringSize)}
        </div>
      )}
      <SiteAccess allSites={p.status.allSites} reload={p.reload} />
      <CheckField name="capture-recording" label="Record flows that sites run on their own" checked={settings.recording} onChange={(v) => void p.save({ recording: v })} />
      <div class="row wrap">
        <button type="button" disabled={!settings.recording} onClick={() => void pause(!paused)}>
          {paused ? 'Resume recording' : 'Pause recording'}
        </button>
        <button type="button" onClick={() => void clear()} title="Recorded flows, what the recorder learned from discovery, badge counts and rate limits">
          Clear recorded flows
        </button>
        {note && (
          <span class="hint" role="status">
            {note}
          </span>
        )}
      </div>
      <div class="field">
        <label for="capture-ring">
          Recorded flows to keep <span class="hint">{RING_MIN} to {RING_MAX}; when full, the oldest go first</span>
        </label>
        <input id="capture-ring" name="capture-ring" class="ring-input" type="number" min={RING_MIN} max={RING_MAX} value={ring} onInput={(e) => setRing((e.target as HTMLInputElement).value)} onChange={(e) => saveRing((e.target as HTMLInputElement).value)} />
      </div>
      <CheckField
        name="capture-keep"
        label="Keep recorded flows across browser restarts"
        hint="off: they live in session storage and vanish when the browser closes"
        checked={settings.keepCaptures}
        onChange={(v) => void p.save({ keepCaptures: v })}
      />
      {settings.keepCaptures && (
        <div class="banner warn" data-testid="keep-warning">
          Recorded flows, and the codes and tokens in them, are now written to disk (the extension’s storage.local) and stay there until you clear them or turn this off.
        </div>
      )}
      <div class="hint" data-testid="capture-visibility">
        {p.status.firefoxFilter
          ? 'Token answers: read through Firefox’s response filter.'
          : 'Token answers: Chrome’s network events carry no response bodies. Page capture, DevTools open on the tab, or deep capture show them.'}
      </div>
    </section>
  );
}
