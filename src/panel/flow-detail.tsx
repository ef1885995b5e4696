/** One flow: outcome, then each step in order with the time since the one before. */
import { type Flow, flowTitle } from '../core/flow';
import { delta, clockTime, hostOf } from '../ui/format';
import { STATUS_TONE, statusText } from './status';
import { StepView } from './steps';
import { Findings } from '../ui/findings';
import { TokenActions } from './token-actions';
import { CaptureNotes } from './capture-notes';
import { ErrorBoundary } from '../ui/error-boundary';

function Who({ flow }: { flow: Flow }) {
  const p = flow.profile;
  if (flow.source !== 'captured') {
    return (
      <div class="hint">
        Profile {p.name} · client <span class="mono">{p.clientId}</span> at <span class="mono">{p.issuer}</span>
      </div>
    );
  }
  const sites = flow.capture?.sites ?? [];
  return (
    <div class="hint" data-testid="captured-who">
      Recorded{sites.length ? ` on ${sites.map(hostOf).join(', ')}` : ''} · client <span class="mono">{p.clientId || '(not seen)'}</span> at{' '}
      <span class="mono">{p.issuer || '(unknown issuer)'}</span>
      {flow.capture?.issuerGuessed ? ' (guessed)' : ''}
    </div>
  );
}

const PENDING: Record<Flow['source'], string> = {
  launched: "Waiting for the login in the provider's tab. The redirect to the app will be caught there.",
  captured: 'The authorization request was seen; its callback to the app has not come back yet.',
};

export function FlowDetail({ flow }: { flow: Flow }) {
  const o = flow.outcome;
  const captured = flow.source === 'captured';
  return (
    <article class="stack" data-testid="flow-detail" data-status={flow.status} data-source={flow.source}>
      <div class="row wrap">
        <h2>{flowTitle({ ...flow, ...(flow.capture?.grantType ? { grantType: flow.capture.grantType } : {}) })}</h2>
        <span class={`badge ${STATUS_TONE[flow.status]}`}>{statusText(flow.status, flow.source)}</span>
        {captured && <span class="badge recorded">Recorded</span>}
        <span class="spacer" />
        <span class="hint">started {clockTime(flow.createdAt)}</span>
      </div>
      <Who flow={flow} />
      {captured && <CaptureNotes flow={flow} />}
      {o && (
        <div class={`banner ${o.kind === 'success' ? 'ok' : 'err'}`} data-testid="outcome" data-kind={o.kind}>
          <strong>{o.title}</strong>
          {o.detail && <div class="detail">{o.detail}</div>}
        </div>
      )}
      {!o && flow.status === 'authorizing' && (
        <div class="banner info" data-testid="outcome" data-kind="pending">
          {PENDING[flow.source]}
        </div>
      )}
      <Findings findings={flow.findings} title="Request checks" />
      {(flow.status === 'complete' || flow.status === 'failed') && (
        <ErrorBoundary label="token actions" resetKey={flow}>
          <TokenActions flow={flow} />
        </ErrorBoundary>
      )}
      <ol class="timeline">
        {flow.steps.map((s, i) => (
          <li key={i} class="step" data-step={s.kind}>
            {/* Each step fails alone (issue 9): the steps before and after a broken one still show. */}
            <ErrorBoundary label={`step ${i + 1}`} resetKey={s}>
              <StepView step={s} since={i === 0 ? '' : delta(flow.steps[i - 1]!.at, s.at)} mode={captured ? 'captured' : flow.profile.redirectMode} firstTab={flow.capture?.tabIds[0]} />
            </ErrorBoundary>
          </li>
        ))}
      </ol>
    </article>
  );
}
