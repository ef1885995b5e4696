/** One flow: outcome, then each step in order with the time since the one before. */
import { type Flow, flowTitle } from '../core/flow';
import { delta, clockTime } from '../ui/format';
import { STATUS_TEXT, STATUS_TONE } from './status';
import { StepView } from './steps';
import { Findings } from '../ui/findings';
import { TokenActions } from './token-actions';

export function FlowDetail({ flow }: { flow: Flow }) {
  const o = flow.outcome;
  return (
    <article class="stack" data-testid="flow-detail" data-status={flow.status}>
      <div class="row">
        <h2>{flowTitle(flow)}</h2>
        <span class={`badge ${STATUS_TONE[flow.status]}`}>{STATUS_TEXT[flow.status]}</span>
        <span class="spacer" />
        <span class="hint">started {clockTime(flow.createdAt)}</span>
      </div>
      <div class="hint">
        Profile {flow.profile.name} · client <span class="mono">{flow.profile.clientId}</span> at <span class="mono">{flow.profile.issuer}</span>
      </div>
      {o && (
        <div class={`banner ${o.kind === 'success' ? 'ok' : 'err'}`} data-testid="outcome" data-kind={o.kind}>
          <strong>{o.title}</strong>
          {o.detail && <div class="detail">{o.detail}</div>}
        </div>
      )}
      {!o && flow.status === 'authorizing' && (
        <div class="banner info" data-testid="outcome" data-kind="pending">
          Waiting for the login in the provider's tab. The redirect to the app will be caught there.
        </div>
      )}
      <Findings findings={flow.findings} title="Request checks" />
      {(flow.status === 'complete' || flow.status === 'failed') && <TokenActions flow={flow} />}
      <ol class="timeline">
        {flow.steps.map((s, i) => (
          <li key={i} class="step" data-step={s.kind}>
            <StepView step={s} since={i === 0 ? '' : delta(flow.steps[i - 1]!.at, s.at)} mode={flow.profile.redirectMode} />
          </li>
        ))}
      </ol>
    </article>
  );
}
