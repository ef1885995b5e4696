/**
 * The result of a token action, shown right under the button that ran it (issue 11: results used to
 * land only on the timeline, thousands of pixels below, with no cue). It reads the steps the action
 * added to the flow: a check step's verdicts (pass / fail / warn with the clause, as the rules engine
 * judges them under the flow's set), or an exchange's answer; then scrolls itself into view. The
 * timeline keeps the full evidence; a link jumps there.
 */
import { useEffect, useRef } from 'preact/hooks';
import { type Finding, outcomeOf } from '../core/finding';
import type { Flow } from '../core/flow';
import { evaluate } from '../core/rules/engine';

const TONE: Record<ReturnType<typeof outcomeOf>, string> = { pass: 'ok', fail: 'err', warn: 'warn', info: 'info', 'not-seen': 'info', 'n/a': 'info' };
const WORD: Record<ReturnType<typeof outcomeOf>, string> = { pass: 'pass', fail: 'fail', warn: 'warn', info: 'info', 'not-seen': 'not seen', 'n/a': 'n/a' };

/** What the steps from index `from` on say, as verdict lines and exchange answers. */
function resultOf(flow: Flow, from: number): { checks: { title: string; index: number; findings: Finding[] }[]; exchanges: { label: string; index: number; line: string; ok: boolean }[] } {
  const judged = evaluate(flow).findings;
  const checks: { title: string; index: number; findings: Finding[] }[] = [];
  const exchanges: { label: string; index: number; line: string; ok: boolean }[] = [];
  flow.steps.forEach((s, index) => {
    if (index < from) return;
    if (s.kind === 'check') checks.push({ title: s.title, index, findings: judged.filter((f) => f.step === index) });
    if (s.kind === 'exchange') {
      const status = s.response ? `HTTP ${s.response.status}` : 'no answer';
      const said = s.summary ? Object.entries(s.summary).filter(([k]) => k === 'active' || k === 'revoked' || k === 'sub').map(([k, v]) => `${k}: ${v}`).join(', ') : '';
      exchanges.push({ label: s.label, index, line: s.problem ? `${status}: ${s.problem}` : [status, said].filter(Boolean).join(' · '), ok: !s.problem });
    }
  });
  return { checks, exchanges };
}

/** The timeline's step (flow-detail.tsx gives each one id step-N): scrolled to and focused. The URL hash is the view state, so no link. */
function showStep(i: number): void {
  const li = document.getElementById(`step-${i}`);
  li?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  li?.focus?.({ preventScroll: true });
}

export function ActionResult({ flow, label, from, busy }: { flow: Flow; label: string; from: number; busy: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const { checks, exchanges } = resultOf(flow, from);
  const size = flow.steps.length;
  useEffect(() => {
    // 'nearest': no jump when the result is already on screen; a cue when it was not.
    ref.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [size, busy]);
  const shown = checks.length ? [] : exchanges;
  return (
    <div ref={ref} class="action-result stack" data-testid="action-result" data-action={label} role="status" aria-live="polite">
      {busy && size === from && <p class="hint">{label}: running…</p>}
      {!busy && size === from && <p class="hint">{label}: nothing was added to the timeline.</p>}
      {checks.map((c) => (
        <div key={c.index} class="stack">
          <strong>{c.title}</strong>
          <ul class="verdict-lines">
            {c.findings.map((f, i) => (
              <li key={`${f.id}-${i}`} data-rule={f.id} data-status={f.status} data-outcome={outcomeOf(f)}>
                <span class={`badge ${TONE[outcomeOf(f)]}`}>{WORD[outcomeOf(f)]}</span> {f.message} <span class="hint">{f.clause}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {shown.map((x) => (
        <p key={x.index} data-exchange={x.index}>
          <span class={`badge ${x.ok ? 'ok' : 'warn'}`}>{x.ok ? 'done' : 'problem'}</span> {x.label}: {x.line}
        </p>
      ))}
      {size > from && (
        <button type="button" class="link hint" onClick={() => showStep(size - 1)}>
          Full evidence: step {size} in the timeline below
        </button>
      )}
    </div>
  );
}
