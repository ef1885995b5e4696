/**
 * One flow: its verdict first (issue 11: is this right?), then the outcome, then each step in order
 * with the time since the one before. The verdict is judged here under the set the view chose (the
 * panel URL's ?set=), so changing the set re-judges the flow on the page.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type Flow, flowTitle } from '../core/flow';
import { STEP_NAME } from '../core/flow-title';
import { evaluate, ruleSetOf } from '../core/rules/engine';
import type { RuleSetId, Verdict } from '../core/rules/types';
import { delta, clockTime, hostOf } from '../ui/format';
import { statusLine, verdictText } from './status';
import { StepView } from './steps';
import { VerdictSummary } from './verdict-summary';
import { FlowMarks } from './flow-marks';
import { TokenActions } from './token-actions';
import { CaptureNotes } from './capture-notes';
import { ErrorBoundary } from '../ui/error-boundary';
import { Relaunch } from './relaunch/relaunch';
import { ImportedNote } from './import/imported-note';
import { ExportButton } from './export/export-button';
import { CompareWith } from './compare/compare-with';
import { RefreshDiffSection } from './compare/refresh-diff';

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

/** The outcome banner agrees with the verdict: tokens received with failed checks is not a green success. */
function OutcomeBanner({ flow, verdict }: { flow: Flow; verdict: Verdict }) {
  const o = flow.outcome;
  if (!o) return null;
  const bad = verdictText(verdict.counts);
  // A negative test's refusal that the rules found as expected (nothing failed) is not an error to the tester.
  const asExpected = o.kind === 'error' && !!flow.expect && flow.expect !== 'success' && verdict.counts.failed === 0;
  const tone = asExpected ? 'ok' : o.kind !== 'success' ? 'err' : verdict.counts.failed > 0 ? 'err' : verdict.counts.warned > 0 ? 'warn' : 'ok';
  const title = asExpected ? `${o.title} · as expected` : o.kind === 'success' && bad ? `${o.title} · ${bad}` : o.title;
  return (
    <div class={`banner ${tone}`} data-testid="outcome" data-kind={o.kind} data-verdict={verdict.worst}>
      <strong>{title}</strong>
      {o.detail && <div class="detail">{o.detail}</div>}
    </div>
  );
}

/** The engine over the flow; a flow it cannot read (issue 9: no data may blank the panel) still shows its steps. */
function judge(flow: Flow, set: RuleSetId): { verdict: Verdict; error?: string } {
  try {
    return { verdict: evaluate(flow, { set }) };
  } catch (e) {
    return { verdict: { set, findings: [], counts: { failed: 0, warned: 0, passed: 0, notSeen: 0, na: 0 }, worst: 'none' }, error: e instanceof Error ? e.name : 'error' };
  }
}

export interface FlowDetailProps {
  flow: Flow;
  /** The rule set the view chose; the flow's profile's set without one. */
  set?: RuleSetId | undefined;
  onSet?: (s: RuleSetId) => void;
}

export function FlowDetail({ flow, set, onSet }: FlowDetailProps) {
  const captured = flow.source === 'captured';
  // Without a view to keep the choice (a render test, a plain page), the detail keeps it itself.
  const [local, setLocal] = useState<RuleSetId | undefined>(undefined);
  const chosen = (onSet ? set : local) ?? ruleSetOf(flow);
  const judged = useMemo(() => judge(flow, chosen), [flow, chosen]);
  const shownVerdict = judged.verdict;
  // "show step": the step with the evidence scrolls into view and is outlined until another is asked
  // for; `n` makes a second click on the same step scroll again.
  const [jump, setJump] = useState<{ step: number; n: number } | null>(null);
  const lit = jump?.step ?? null;
  const timeline = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (jump === null) return;
    const li = timeline.current?.querySelector?.<HTMLElement>(`#step-${jump.step}`);
    li?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
    li?.focus?.({ preventScroll: true });
  }, [jump]);
  const status = statusLine(flow.status, flow.source, shownVerdict.counts, flow.expect);
  return (
    <article class="stack" data-testid="flow-detail" data-status={flow.status} data-source={flow.source} data-verdict={shownVerdict.worst}>
      <div class="row wrap">
        <h2>{flowTitle({ ...flow, ...(flow.capture?.grantType ? { grantType: flow.capture.grantType } : {}) })}</h2>
        <span class={`badge ${status.tone}`} data-testid="detail-status">
          {status.text}
        </span>
        {captured && <span class="badge recorded">Recorded</span>}
        {flow.imported && (
          <span class="badge imported" data-testid="detail-imported" title={`Imported from ${flow.imported.file}`}>
            Imported
          </span>
        )}
        <FlowMarks flow={flow} />
        <span class="spacer" />
        <span class="hint">started {clockTime(flow.createdAt)}</span>
        {/* Share it (issue 13): a report, bundle, HAR or cURL script, redacted unless the person chooses otherwise. */}
        <ExportButton flows={[flow]} what="flow" />
        {/* Issue 12: side by side with another flow, or this one alone in a new tab. */}
        <CompareWith flow={flow} />
      </div>
      <Who flow={flow} />
      <Relaunch flow={flow} />
      <ImportedNote flow={flow} />
      {judged.error && (
        <div class="banner err" data-testid="verdict-error">
          The checks could not be run on this flow ({judged.error}); its steps follow.
        </div>
      )}
      <VerdictSummary
        verdict={shownVerdict}
        onSet={onSet ?? setLocal}
        onShowStep={(step) => setJump((j) => ({ step, n: (j?.n ?? 0) + 1 }))}
        stepLabel={(i) => (flow.steps[i] ? STEP_NAME[flow.steps[i]!.kind] : '')}
      />
      {captured && <CaptureNotes flow={flow} />}
      <OutcomeBanner flow={flow} verdict={shownVerdict} />
      {!flow.outcome && flow.status === 'authorizing' && (
        <div class="banner info" data-testid="outcome" data-kind="pending">
          {flow.imported ? 'The file ends before this request’s callback: the rest of the login is not in it.' : PENDING[flow.source]}
        </div>
      )}
      {/* An imported flow's tokens are evidence: no action sends them, nothing fetches keys unasked (issue 13). */}
      {(flow.status === 'complete' || flow.status === 'failed') && !flow.imported && (
        <ErrorBoundary label="token actions" resetKey={flow}>
          <TokenActions flow={flow} />
        </ErrorBoundary>
      )}
      {/* Each refresh against the tokens before it (issue 12: rotation, scope, lifetime, sub and iss kept). */}
      <ErrorBoundary label="refresh diff" resetKey={flow}>
        <RefreshDiffSection flow={flow} />
      </ErrorBoundary>
      <ol class="timeline" ref={timeline}>
        {flow.steps.map((s, i) => (
          <li key={i} id={`step-${i}`} tabIndex={-1} class={lit === i ? 'step lit' : 'step'} data-step={s.kind}>
            {/* Each step fails alone (issue 9): the steps before and after a broken one still show. */}
            <ErrorBoundary label={`step ${i + 1}`} resetKey={s}>
              <StepView step={s} since={i === 0 ? '' : delta(flow.steps[i - 1]!.at, s.at)} mode={captured ? 'captured' : flow.profile.redirectMode} firstTab={flow.capture?.tabIds[0]} flow={flow} index={i} />
            </ErrorBoundary>
          </li>
        ))}
      </ol>
    </article>
  );
}
