/**
 * Findings that differ (from the rules engine, src/core/rules/engine.ts) and time, step by step.
 * A rule's row reads its outcomes on each side; messages go to the note, since they may name values
 * of one run (times, hosts) that differ even when the outcome does not.
 */
import { outcomeOf } from '../finding';
import type { Flow } from '../flow';
import { STEP_NAME } from '../flow-title';
import { evaluate } from '../rules/engine';
import { ruleById } from '../rules/catalog';
import type { RuleSetId } from '../rules/types';
import { NONE, type Row, row } from './types';

function outcomes(flow: Flow, set: RuleSetId | undefined, now: number): Map<string, { outcomes: string[]; message: string }> {
  const v = evaluate(flow, { ...(set ? { set } : {}), now });
  const out = new Map<string, { outcomes: string[]; message: string }>();
  for (const f of v.findings) {
    const o = outcomeOf(f);
    const e = out.get(f.id);
    if (!e) out.set(f.id, { outcomes: [o], message: f.message });
    else if (!e.outcomes.includes(o)) e.outcomes.push(o);
  }
  return out;
}

/** One row per rule either flow was judged on; `same` compares the outcomes only. */
export function findingRows(a: Flow, b: Flow, opts: { set?: RuleSetId; now: number }): Row[] {
  const x = outcomes(a, opts.set, opts.now);
  const y = outcomes(b, opts.set, opts.now);
  const ids = [...new Set([...x.keys(), ...y.keys()])];
  return ids.map((id) => {
    const p = x.get(id);
    const q = y.get(id);
    const cell = (e: typeof p) => (e ? e.outcomes.join(', ') : NONE);
    const same = cell(p) === cell(q);
    const note = same ? undefined : [p && `a: ${p.message}`, q && `b: ${q.message}`].filter(Boolean).join(' · ');
    return row(`findings.${id}`, ruleById(id)?.title ?? id, cell(p), cell(q), note ? { note } : {});
  });
}

const ms = (n: number): string => (n < 10_000 ? `${n} ms` : `${(n / 1000).toFixed(1)} s`);

function stepText(f: Flow, i: number): string {
  const s = f.steps[i];
  if (!s) return NONE;
  const prev = i > 0 ? f.steps[i - 1]!.at : s.at;
  return `${s.kind === 'exchange' ? s.label : STEP_NAME[s.kind]}: +${ms(Math.max(0, s.at - prev))}`;
}

/** Each step, with the time since the one before it, and the whole flow (first step to last). */
export function timeRows(a: Flow, b: Flow): Row[] {
  const n = Math.max(a.steps.length, b.steps.length);
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) rows.push(row(`time.step.${i}`, `Step ${i + 1}`, stepText(a, i), stepText(b, i), { varies: 'time' }));
  const total = (f: Flow) => (f.steps.length ? ms(f.steps.at(-1)!.at - f.steps[0]!.at) : NONE);
  rows.push(row('time.total', 'Whole flow', total(a), total(b), { varies: 'time' }));
  return rows;
}
