/**
 * The parts every step card shares: when it happened (and how long after the step before), where a
 * recorded step was seen, and the raw exchange as text, redacted until the person reveals it.
 */
import { useState } from 'preact/hooks';
import type { FlowStep, StepSeen } from '../core/flow';
import type { TabLabels } from '../core/capture/tab-labels';
import { clockTime } from '../ui/format';
import { hasRaw, rawText } from './raw-text';
import { frameText, seenBy, tabText } from './seen-text';

export function StepTime({ at, since }: { at: number; since: string }) {
  return (
    <span class="hint step-time nowrap">
      <time data-testid="step-time" dateTime={new Date(at).toISOString()}>
        {clockTime(at)}
      </time>
      {since && (
        <span class="step-delta" data-testid="step-delta" title="Time since the previous step">
          {since}
        </span>
      )}
    </span>
  );
}

export function SeenLine({ seen, firstTab, labels }: { seen: StepSeen; firstTab: number | undefined; labels?: TabLabels | undefined }) {
  return (
    <div class="hint seen" data-testid="step-seen" data-via={seen.via.join(' ')} data-tab={seen.tabId}>
      <span>
        <strong>Seen by:</strong> {seenBy(seen)}
      </span>
      <span title={`${seen.tabId >= 0 ? `tab id ${seen.tabId}. ` : ''}A flow can span tabs: the app's tab and a login popup, for example.`} data-testid="step-tab">
        <strong>Where:</strong> {tabText(seen, firstTab, labels)}, {frameText(seen)}
        {seen.initiator ? ` from ${seen.initiator}` : ''}
      </span>
    </div>
  );
}

/** "Raw": the request line, headers and body, or the callback URL, or the response, as plain text. */
export function RawToggle({ step }: { step: FlowStep }) {
  const [open, setOpen] = useState(false);
  const [reveal, setReveal] = useState(false);
  const text = open ? rawText(step, reveal) : undefined;
  if (!hasRaw(step)) return null;
  return (
    <details class="raw" data-testid="step-raw" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Raw</summary>
      {open && (
        <div class="stack">
          <div class="row wrap">
            <span class="hint">{reveal ? 'Shown as sent and received, secrets included.' : 'Codes, tokens, secrets and credentials are redacted.'}</span>
            <span class="spacer" />
            <button type="button" class="link" aria-pressed={reveal} onClick={() => setReveal(!reveal)}>
              {reveal ? 'Hide secrets' : 'Reveal secrets'}
            </button>
          </div>
          <pre class="raw-text" data-testid="raw-text" data-revealed={reveal}>
            {text}
          </pre>
        </div>
      )}
    </details>
  );
}
