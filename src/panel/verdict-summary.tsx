/**
 * The top of a flow's detail (issue 11, item 3): is this flow right? Failed and warned rules first,
 * each with its message, expected against actual, its clause as a link and a jump to the step that
 * holds the evidence; then the rules whose deciding step was never seen (never counted as passed);
 * passed and n/a rules fold away. The rule set it was judged under can be changed here.
 */
import { type Finding, outcomeOf } from '../core/finding';
import { RULE_SETS, type RuleSetId, type Verdict } from '../core/rules/types';
import { Clause, Evidence, Findings, OutcomeBadge, SetTag } from '../ui/findings';
import { verdictText } from './status';

function Problem({ f, onShowStep, stepLabel }: { f: Finding; onShowStep: ((i: number) => void) | undefined; stepLabel: (i: number) => string }) {
  return (
    <li class={`verdict-item ${outcomeOf(f)}`} data-rule={f.id} data-status={f.status} data-outcome={outcomeOf(f)}>
      <div class="row wrap">
        <OutcomeBadge f={f} />
        <span class="verdict-message">{f.message}</span>
        <SetTag f={f} />
      </div>
      <Evidence f={f} />
      <div class="row wrap hint">
        <Clause f={f} />
        {f.step !== undefined && onShowStep && (
          <button type="button" class="link" data-testid="show-step" onClick={() => onShowStep(f.step!)}>
            show step {f.step + 1}: {stepLabel(f.step)}
          </button>
        )}
      </div>
    </li>
  );
}

export function SetChooser({ set, onSet }: { set: RuleSetId; onSet: (s: RuleSetId) => void }) {
  return (
    <label class="inline-field">
      <span>Rules</span>
      <select name="rule-set" value={set} onChange={(e) => onSet((e.target as HTMLSelectElement).value as RuleSetId)}>
        {RULE_SETS.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The headline: "2 checks failed · 1 warning", "All 12 checks passed", "No check could be made yet". */
export function headline(v: Verdict): string {
  const bad = verdictText(v.counts);
  if (bad) return bad;
  if (v.counts.passed > 0) return v.counts.notSeen > 0 ? `No check failed · ${v.counts.notSeen} not seen` : `All ${v.counts.passed} checks passed`;
  return v.counts.notSeen > 0 ? `No check could be made yet · ${v.counts.notSeen} not seen` : 'No check concerns this flow';
}

export interface VerdictSummaryProps {
  verdict: Verdict;
  onSet: (s: RuleSetId) => void;
  onShowStep?: (step: number) => void;
  /** How the step at an index is named in "show step": "callback". */
  stepLabel?: (step: number) => string;
}

export function VerdictSummary({ verdict: v, onSet, onShowStep, stepLabel = () => '' }: VerdictSummaryProps) {
  const problems = v.findings.filter((f) => outcomeOf(f) === 'fail' || outcomeOf(f) === 'warn');
  const unseen = v.findings.filter((f) => f.status === 'not-seen');
  const passed = v.findings.filter((f) => f.status === 'pass');
  const rest = v.findings.filter((f) => f.status === 'n/a' || outcomeOf(f) === 'info');
  const tone = v.worst === 'fail' ? 'err' : v.worst === 'warn' ? 'warn' : v.worst === 'pass' ? 'ok' : 'info';
  return (
    <section class={`verdict ${tone}`} data-testid="verdict-summary" data-worst={v.worst} data-set={v.set} aria-label="Verdict">
      <div class="row wrap verdict-head">
        <strong data-testid="verdict-headline">{headline(v)}</strong>
        <span class="spacer" />
        <SetChooser set={v.set} onSet={onSet} />
      </div>
      {problems.length > 0 && (
        <ul class="verdict-list" data-testid="verdict-problems">
          {problems.map((f, i) => (
            <Problem key={`${f.id}-${i}`} f={f} onShowStep={onShowStep} stepLabel={stepLabel} />
          ))}
        </ul>
      )}
      {unseen.length > 0 && (
        <details class="verdict-fold" data-testid="verdict-not-seen" open={unseen.length <= 5}>
          <summary>{unseen.length} not seen (the step that decides them was not observed)</summary>
          <Findings findings={unseen} title="Not seen" ruleAttr="data-rule" />
        </details>
      )}
      {passed.length > 0 && (
        <details class="verdict-fold" data-testid="verdict-passed">
          <summary>{passed.length} passed</summary>
          <Findings findings={passed} title="Passed" ruleAttr="data-rule" />
        </details>
      )}
      {rest.length > 0 && (
        <details class="verdict-fold" data-testid="verdict-na">
          <summary>{rest.length} n/a or for information</summary>
          <Findings findings={rest} title="Not applicable or informational" ruleAttr="data-rule" />
        </details>
      )}
    </section>
  );
}
