/**
 * One outcome of one rule on a flow (the rules engine, src/core/rules/, and the guide's oauth-rules.md).
 * `status` says whether the check passed, failed, could not be made because the step that decides it
 * was never observed ('not-seen'), or does not concern this flow ('n/a': e.g. no nonce was sent, so
 * there is nothing to compare). A check that could not run must never read as a pass.
 * `severity` is how bad a failure is: 'error' reads "fail", 'warning' reads "warn"; passes carry 'info'.
 * `id` is the rule's id in the catalog (src/core/rules/catalog.ts), which also owns its clause, link
 * and set: the engine fills those in from the catalog, so a finding built anywhere speaks for its rule.
 * `expected`/`actual` are evidence for the UI: they may hold state, nonce, issuer, times - never a
 * secret (codes, tokens, verifiers are masked or left out by the code that builds the finding).
 */
import type { RuleSetId } from './rules/types';

export type Severity = 'error' | 'warning' | 'info';
export type FindingStatus = 'pass' | 'fail' | 'not-seen' | 'n/a';

export interface Finding {
  id: string;
  status: FindingStatus;
  severity: Severity;
  clause: string;
  message: string;
  expected?: string;
  actual?: string;
  /** The clause's URL (from the catalog). */
  link?: string;
  /** The rule set the rule comes from (from the catalog). */
  set?: RuleSetId;
  /** Index in flow.steps of the step that holds the evidence (set by the engine for stored findings). */
  step?: number;
  /** The parameter or claim the evidence is about. */
  param?: string;
}

type Evidence = { expected?: string; actual?: string; step?: number; param?: string };

/**
 * Leaves out undefined evidence so findings compare and serialise cleanly. Built in place, not by
 * spreading: an ID token's validation makes some 16 findings, on the path npm run bench measures.
 */
function withEvidence(out: Finding, ev: Evidence): Finding {
  if (ev.expected !== undefined) out.expected = ev.expected;
  if (ev.actual !== undefined) out.actual = ev.actual;
  if (ev.step !== undefined) out.step = ev.step;
  if (ev.param !== undefined) out.param = ev.param;
  return out;
}

export function passed(id: string, clause: string, message: string, ev: Evidence = {}): Finding {
  return withEvidence({ id, status: 'pass', severity: 'info', clause, message }, ev);
}

export function failed(id: string, severity: Severity, clause: string, message: string, ev: Evidence = {}): Finding {
  return withEvidence({ id, status: 'fail', severity, clause, message }, ev);
}

export function notApplicable(id: string, clause: string, message: string): Finding {
  return { id, status: 'n/a', severity: 'info', clause, message };
}

export function notSeen(id: string, clause: string, message: string): Finding {
  return { id, status: 'not-seen', severity: 'info', clause, message };
}

/** The outcome a person reads: a failed warning reads "warn". */
export type Outcome = 'pass' | 'fail' | 'warn' | 'info' | 'not-seen' | 'n/a';
export const outcomeOf = (f: Finding): Outcome => (f.status === 'fail' ? (f.severity === 'error' ? 'fail' : f.severity === 'warning' ? 'warn' : 'info') : f.status);
