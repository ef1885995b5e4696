/**
 * Checks with their outcome, in words: pass, fail, warn, info, not seen, n/a (issue 11). "Not seen"
 * (the step that would decide the check was never observed) never reads as a pass. The clause opens
 * the spec in a new tab; messages, expected and actual are outside data and are rendered as text only.
 */
import { type Finding, type Outcome, outcomeOf } from '../core/finding';
import { RULE_SETS } from '../core/rules/types';

export const OUTCOME_WORD: Record<Outcome, string> = { pass: 'pass', fail: 'fail', warn: 'warn', info: 'info', 'not-seen': 'not seen', 'n/a': 'n/a' };
export const OUTCOME_TONE: Record<Outcome, string> = { pass: 'ok', fail: 'err', warn: 'warn', info: 'info', 'not-seen': 'unseen', 'n/a': 'info' };

/** A spec link is only ever https (the catalog's links); anything else shows as plain text. */
const safeLink = (url: string | undefined): string | undefined => (url && /^https:\/\/[^\s"'<>]+$/.test(url) ? url : undefined);

/** The clause, as a link to the spec when the finding has one. */
export function Clause({ f }: { f: Finding }) {
  const href = safeLink(f.link);
  return href ? (
    <a href={href} target="_blank" rel="noreferrer" class="clause" data-testid="finding-clause">
      {f.clause}
    </a>
  ) : (
    <span class="clause">{f.clause}</span>
  );
}

const setName = (id: Finding['set']) => RULE_SETS.find((s) => s.id === id)?.name ?? String(id);

/** The rule set a finding comes from, named when it is not the core specs (issue 11, item 2). */
export function SetTag({ f }: { f: Finding }) {
  if (!f.set || f.set === 'core') return null;
  return (
    <span class="badge set" data-testid="finding-set" title={setName(f.set)}>
      {setName(f.set)}
    </span>
  );
}

/** Expected against actual, for a check that did not pass. */
export function Evidence({ f }: { f: Finding }) {
  if (f.status === 'pass' || (f.expected === undefined && f.actual === undefined)) return null;
  return (
    <div class="hint mono evidence" data-testid="finding-evidence">
      {f.param ? `${f.param}: ` : ''}expected {f.expected ?? '(none)'} · actual {f.actual ?? '(none)'}
    </div>
  );
}

export function OutcomeBadge({ f }: { f: Finding }) {
  const o = outcomeOf(f);
  return <span class={`badge ${OUTCOME_TONE[o]}`}>{OUTCOME_WORD[o]}</span>;
}

/**
 * `ruleAttr`: the verdict summary names its rows data-rule, so a step's own table stays the one
 * element that carries data-finding for a rule (tests and the "show step" target read it).
 */
export function Findings({ findings, title, ruleAttr = 'data-finding' }: { findings: Finding[]; title: string; ruleAttr?: 'data-finding' | 'data-rule' }) {
  if (findings.length === 0) return null;
  return (
    <div class="findings" data-title={title}>
      <h3>{title}</h3>
      <table class="params">
        <tbody>
          {findings.map((f, i) => (
            <tr key={`${f.id}-${i}`} {...{ [ruleAttr]: f.id }} data-status={f.status} data-outcome={outcomeOf(f)}>
              <td>
                <OutcomeBadge f={f} />
              </td>
              <td>
                {f.message} <SetTag f={f} />
                <Evidence f={f} />
              </td>
              <td class="hint">
                <Clause f={f} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
