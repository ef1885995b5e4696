/**
 * Where a captured flow stands, read from its steps after every change. Unlike a launched flow, nobody
 * drives it: it only moves when the browser shows the next step.
 *
 *   authorizing ──callback with code──▶ observed ──token request──▶ redeeming ──answer seen──▶ complete
 *        │                                   (the app holds the code; its server may redeem it)      │
 *        ├─ callback with error ──────────────────────────────────────────────────────────▶ failed ◀─┘ error answer
 *        └─ callback with tokens (implicit) ───────────────────────────────────────────────▶ complete
 *   device authorization seen ─▶ polling
 *
 * The newest token exchange decides: a refresh that fails after a good start fails the flow, since
 * that is what the app now faces (RFC 6749 5.2).
 */
import type { Flow, FlowStep, Outcome, TokenResponseStep } from '../flow';
import { redactText } from '../redact';

function lastIndex(steps: FlowStep[], ok: (s: FlowStep) => boolean): number {
  for (let i = steps.length - 1; i >= 0; i--) if (ok(steps[i]!)) return i;
  return -1;
}

function fromAnswer(s: TokenResponseStep, refreshed: boolean): { status: Flow['status']; outcome: Outcome } {
  if (s.result.ok) return { status: 'complete', outcome: { kind: 'success', title: refreshed ? 'Tokens refreshed' : 'Tokens received' } };
  const r = s.result;
  const title = r.problem === 'oauth-error' && r.error ? `Token endpoint refused: ${redactText(r.error).slice(0, 80)}` : 'The token endpoint answer is not usable';
  return { status: 'failed', outcome: { kind: 'error', title, detail: r.message } };
}

export function settle(f: Flow): void {
  const steps = f.steps;
  const answer = lastIndex(steps, (s) => s.kind === 'token-response');
  const request = lastIndex(steps, (s) => s.kind === 'token-request');
  if (request > answer) {
    // No outcome yet: the answer decides it, and the flow's notes say how to see it (notes.ts).
    f.status = 'redeeming';
    delete f.outcome;
    return;
  }
  if (answer >= 0) {
    const refreshed = steps.some((s, i) => i < answer && s.kind === 'token-response');
    Object.assign(f, fromAnswer(steps[answer] as TokenResponseStep, refreshed));
    return;
  }
  const cb = lastIndex(steps, (s) => s.kind === 'callback');
  if (cb >= 0) {
    const p = (steps[cb] as Extract<FlowStep, { kind: 'callback' }>).params;
    if (p.error) {
      f.status = 'failed';
      // RFC 6749 4.1.2.1: error and error_description are the provider's words, shown as text; a page
      // can put anything there (a token echoed back, a code pair), so they are redacted and cut.
      f.outcome = { kind: 'error', title: `Provider returned error: ${redactText(p.error).slice(0, 120)}`, ...(p.error_description ? { detail: redactText(p.error_description).slice(0, 2000) } : {}) };
    } else if (p.access_token || (p.id_token && !p.code)) {
      f.status = 'complete';
      f.outcome = { kind: 'success', title: 'Tokens received in the callback' };
    } else {
      f.status = 'observed';
      f.outcome = { kind: 'success', title: 'Code delivered to the app', detail: 'No token request for it has been seen from the browser yet.' };
    }
    return;
  }
  if (steps.some((s) => s.kind === 'exchange' && s.label === 'Device authorization')) {
    f.status = 'polling';
    delete f.outcome;
    return;
  }
  f.status = 'authorizing';
  delete f.outcome;
}
