/**
 * "Not seen" means the step that would decide a rule was never observed, and may still come. A flow
 * that has failed (an error in the callback, RFC 6749 4.1.2.1; a state mismatch that stopped the
 * redemption; a refusal at the token endpoint) will show no further step: a rule decided by a step
 * that would only have come after where the flow ended does not concern it, so it reads n/a with the
 * reason, not "not seen". So does one decided by the step the flow ended at (a refused token answer
 * carries no ID token, and none will follow). Steps that come before the end (a recorded callback
 * whose request was not seen) stay "not seen": they happened, unobserved.
 */
import { type Finding, notApplicable } from '../finding';
import type { Flow, FlowStep } from '../flow';
import type { RuleDef } from './types';

/** Where each step kind sits in a flow's course; 'exchange' (userinfo, introspection) comes last. */
const ORDER: Record<FlowStep['kind'], number> = { 'authorization-request': 0, callback: 1, 'device-poll': 1, 'token-request': 2, 'token-response': 3, check: 4, exchange: 4 };

/** The furthest point a failed flow reached, and why it ended there; undefined while it may go on. */
export function endedAt(flow: Flow): { reached: number; why: string } | undefined {
  if (flow.status !== 'failed') return undefined;
  // PAR and device authorization are exchanges before the front channel: they do not count as "last".
  const reached = Math.max(-1, ...flow.steps.map((s) => (s.kind === 'exchange' ? -1 : ORDER[s.kind])));
  return { reached, why: flow.outcome?.title ?? 'the flow failed' };
}

/** A not-seen finding of rule `r` on a flow that ended at or before `r`'s deciding step: n/a. */
export function afterTheEnd(f: Finding, r: RuleDef, end: ReturnType<typeof endedAt>): Finding {
  if (!end || f.status !== 'not-seen' || r.decidedBy === 'flow' || ORDER[r.decidedBy] < end.reached) return f;
  return notApplicable(r.id, r.clause, `${r.title}: the flow ended before this could be seen (${end.why})`);
}
