/**
 * One automatic check on a flow, with the clause it comes from (see the guide's oauth-rules.md).
 * `status` says whether the check passed, failed, or could not be made ('n/a': e.g. no nonce was
 * sent, so there is nothing to compare) - a check that could not run must never read as a pass.
 * `severity` is how bad a failure is; passes and n/a carry 'info'.
 * `expected`/`actual` are evidence for the UI: they may hold state, nonce, issuer, times - never a
 * secret (codes, tokens, verifiers are masked or left out by the code that builds the finding).
 */
export interface Finding {
  id: string;
  status: 'pass' | 'fail' | 'n/a';
  severity: 'error' | 'warning' | 'info';
  clause: string;
  message: string;
  expected?: string;
  actual?: string;
}

type Evidence = { expected?: string; actual?: string };

/**
 * Leaves out undefined evidence so findings compare and serialise cleanly. Built in place, not by
 * spreading: an ID token's validation makes some 16 findings, on the path npm run bench measures.
 */
function withEvidence(out: Finding, ev: Evidence): Finding {
  if (ev.expected !== undefined) out.expected = ev.expected;
  if (ev.actual !== undefined) out.actual = ev.actual;
  return out;
}

export function passed(id: string, clause: string, message: string, ev: Evidence = {}): Finding {
  return withEvidence({ id, status: 'pass', severity: 'info', clause, message }, ev);
}

export function failed(
  id: string,
  severity: 'error' | 'warning' | 'info',
  clause: string,
  message: string,
  ev: Evidence = {},
): Finding {
  return withEvidence({ id, status: 'fail', severity, clause, message }, ev);
}

export function notApplicable(id: string, clause: string, message: string): Finding {
  return { id, status: 'n/a', severity: 'info', clause, message };
}
