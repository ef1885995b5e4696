/** How a flow's status reads and looks in the list and the detail header. */
import type { Flow, FlowStatus } from '../core/flow';

export const STATUS_TEXT: Record<FlowStatus, string> = {
  authorizing: 'waiting for login',
  'callback-received': 'callback received',
  redeeming: 'requesting tokens',
  polling: 'waiting for the user',
  complete: 'complete',
  observed: 'observed',
  failed: 'failed',
  interrupted: 'interrupted',
};

/**
 * A recorded flow's status means what was seen, not what Grantscope is doing: 'redeeming' there is
 * a token request whose answer the browser did not show, 'observed' a callback that reached the app.
 */
const CAPTURED_TEXT: Partial<Record<FlowStatus, string>> = {
  authorizing: 'request seen',
  observed: 'callback at the app',
  redeeming: 'token request seen',
};

export function statusText(status: FlowStatus, source: Flow['source'] = 'launched'): string {
  return (source === 'captured' ? CAPTURED_TEXT[status] : undefined) ?? STATUS_TEXT[status];
}

export const STATUS_TONE: Record<FlowStatus, string> = {
  authorizing: 'info',
  'callback-received': 'info',
  redeeming: 'info',
  polling: 'info',
  complete: 'ok',
  observed: 'ok',
  failed: 'err',
  interrupted: 'warn',
};

/** The part of a verdict a status reads: how many checks failed and warned. */
export interface VerdictCountsLike {
  failed: number;
  warned: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "2 checks failed", "1 warning", both joined with " · "; '' when nothing failed or warned. */
export function verdictText(v: VerdictCountsLike | undefined): string {
  if (!v) return '';
  const parts: string[] = [];
  if (v.failed > 0) parts.push(plural(v.failed, 'check failed', 'checks failed'));
  if (v.warned > 0) parts.push(plural(v.warned, 'warning', 'warnings'));
  return parts.join(' · ');
}

/**
 * The status a person reads, derived from the findings too (issue 11, item 3): a flow that completed
 * with failed checks reads "complete · 2 checks failed" in the danger colour, with only warnings in
 * the warning colour. A running flow keeps its own tone (its checks are not all in yet), but still
 * says what failed so far.
 */
export function statusLine(status: FlowStatus, source: Flow['source'], v: VerdictCountsLike | undefined, expect?: string): { text: string; tone: string } {
  // A negative test the provider answered as expected (rule expect.outcome passed, nothing failed)
  // is a success of the test, not a red "failed".
  if (status === 'failed' && expect && expect !== 'success' && v && v.failed === 0) {
    const extra = verdictText(v);
    return { text: `failed as expected (${expect})${extra ? ` · ${extra}` : ''}`, tone: v.warned > 0 ? 'warn' : 'ok' };
  }
  const base = statusText(status, source);
  const extra = verdictText(v);
  const text = extra ? `${base} · ${extra}` : base;
  const own = STATUS_TONE[status];
  if (!v || own === 'info') return { text, tone: own };
  return { text, tone: v.failed > 0 ? 'err' : v.warned > 0 && own !== 'err' ? 'warn' : own };
}
