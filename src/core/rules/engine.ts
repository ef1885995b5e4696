/**
 * The rules engine (issue 11): judges a flow, launched or recorded, against a rule set.
 *
 * Every rule of the chosen set yields at least one finding: judged rules decide themselves (types.ts);
 * stored rules are read from where the worker put them (flow.findings and each step's findings), and
 * read "not seen" while the step that decides them has not been observed. Whatever a finding says of
 * its clause, link, set and severity is taken from the catalog, so one entry speaks for its rule.
 */
import { type Finding, notApplicable, notSeen, outcomeOf, type Severity } from '../finding';
import type { Flow, FlowStep } from '../flow';
import { CATALOG, ruleById } from './catalog';
import { afterTheEnd, endedAt } from './ended';
import { DEFAULT_RULE_SET, isRuleSetId, type JudgeContext, type RuleDef, type RuleSetId, SET_MEMBERS, type Verdict, type VerdictCounts, type VerdictSummary } from './types';

/** The findings the worker stored on the flow and its steps, each with the index of its step. */
export function storedFindings(flow: Flow): Finding[] {
  const out: Finding[] = [...(flow.findings ?? [])];
  flow.steps.forEach((s: FlowStep, i) => {
    const lists: (Finding[] | undefined)[] =
      s.kind === 'callback' ? [s.findings, s.idTokenFindings] : s.kind === 'token-response' || s.kind === 'check' ? [s.findings] : [];
    for (const list of lists) for (const f of list ?? []) out.push(f.step === undefined ? { ...f, step: i } : f);
  });
  return out;
}

const severityOf = (r: RuleDef, set: RuleSetId): Severity => r.severityIn?.[set] ?? r.severity;

/** The catalog speaks for the rule: its clause, link, set, and its severity under the chosen set. */
function stamp(f: Finding, r: RuleDef | undefined, set: RuleSetId): Finding {
  if (!r) return f;
  const out: Finding = { ...f, clause: r.clause, link: r.link, set: r.set };
  if (f.status === 'fail') out.severity = severityOf(r, set);
  return out;
}

function undecided(r: RuleDef, flow: Flow): Finding {
  if (r.applies && !r.applies(flow)) return notApplicable(r.id, r.clause, `${r.title}: does not concern this flow`);
  const seen = r.decidedBy === 'flow' || flow.steps.some((s) => s.kind === r.decidedBy);
  return seen ? notApplicable(r.id, r.clause, `${r.title}: not checked for this flow`) : notSeen(r.id, r.clause, `${r.title}: the ${r.decidedBy.replace('-', ' ')} was not seen`);
}

const RANK: Record<ReturnType<typeof outcomeOf>, number> = { fail: 0, warn: 1, info: 2, 'not-seen': 3, pass: 4, 'n/a': 5 };

export function countOf(findings: readonly Finding[]): VerdictCounts {
  const c: VerdictCounts = { failed: 0, warned: 0, passed: 0, notSeen: 0, na: 0 };
  for (const f of findings) {
    const o = outcomeOf(f);
    if (o === 'fail') c.failed++;
    else if (o === 'warn') c.warned++;
    else if (o === 'pass') c.passed++;
    else if (o === 'not-seen') c.notSeen++;
    else c.na++;
  }
  return c;
}

export function ruleSetOf(flow: Flow): RuleSetId {
  const s = (flow.profile as { ruleSet?: unknown }).ruleSet;
  return isRuleSetId(s) ? s : DEFAULT_RULE_SET;
}

/**
 * Judges `flow` under `ctx.set` (the flow's profile's set by default). A judge that throws on a
 * malformed flow is reported as that rule's failure to run, and the other rules still run.
 */
export function evaluate(flow: Flow, opts: Partial<JudgeContext> = {}): Verdict {
  const ctx: JudgeContext = { set: opts.set ?? ruleSetOf(flow), now: opts.now ?? Date.now(), toleranceSec: opts.toleranceSec ?? 60 };
  const members = SET_MEMBERS[ctx.set];
  const stored = storedFindings(flow);
  const byId = new Map<string, Finding[]>();
  for (const f of stored) {
    const list = byId.get(f.id);
    if (list) list.push(f);
    else byId.set(f.id, [f]);
  }
  const out: Finding[] = [];
  const end = endedAt(flow);
  for (const r of CATALOG) {
    if (!members.includes(r.set)) continue;
    let found: Finding[];
    if (r.judge) {
      try {
        found = r.judge(flow, ctx);
      } catch (e) {
        found = [notApplicable(r.id, r.clause, `${r.title}: could not be judged (${e instanceof Error ? e.name : 'error'})`)];
      }
    } else found = byId.get(r.id) ?? [];
    if (found.length === 0) found = [undecided(r, flow)];
    for (const f of found) out.push(stamp(afterTheEnd(f, r, end), r, ctx.set));
  }
  // Stored findings no catalog entry claims are kept as they are: nothing captured is lost.
  // (A unit test holds every id the checks produce to the catalog.)
  for (const f of stored) if (!ruleById(f.id)) out.push(f);
  const ordered = out.map((f, i) => ({ f, i })).sort((a, b) => RANK[outcomeOf(a.f)] - RANK[outcomeOf(b.f)] || a.i - b.i).map((x) => x.f);
  const counts = countOf(ordered);
  const worst = counts.failed ? 'fail' : counts.warned ? 'warn' : counts.passed ? 'pass' : 'none';
  return { set: ctx.set, findings: ordered, counts, worst };
}

export function summaryOf(v: Verdict): VerdictSummary {
  const first = v.findings.find((f) => f.status === 'fail' && f.severity !== 'info');
  return { set: v.set, failed: v.counts.failed, warned: v.counts.warned, notSeen: v.counts.notSeen, passed: v.counts.passed, ...(first ? { first: { id: first.id, message: first.message, clause: first.clause } } : {}) };
}
