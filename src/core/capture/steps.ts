/**
 * What the recorder can say about a captured flow: the token answer as a step, and the findings on
 * what the app sent and got (guide oauth-rules.md). The app chose its request, so these are the
 * app's problems, each with its clause.
 */
import { checkCallback } from '../callback-checks';
import type { Finding } from '../finding';
import type { CallbackStep, Flow, StepSeen, TokenResponseStep } from '../flow';
import { parseTokenResponse } from '../token-response';
import { REQUEST_RULES } from '../rules/catalog-request';
import { callbackExpectations, callbackParams } from '../rules/judge-callback';
import type { CaptureVia, ObservedResponse } from './types';

/** The token answer as a step, credited to the source that read it: its request id and tab, its `via`. */
export function answerStep(seen: StepSeen, res: ObservedResponse, via: CaptureVia): TokenResponseStep {
  const answer = { status: res.status, headers: lower(res.headers), bodyText: res.bodyText ?? '' };
  return { kind: 'token-response', at: res.at, status: res.status, headers: answer.headers, bodyText: answer.bodyText, result: parseTokenResponse(answer), seen: { via: [via], tabId: seen.tabId, frame: seen.frame, requestId: seen.requestId, ...(seen.initiator ? { initiator: seen.initiator } : {}), ...(res.cut ? { cut: { ...res.cut } } : {}) } };
}

const lower = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

/** What the recorder keeps on the flow as the app's problems (runs on every event, so only these few). */
const STORED = REQUEST_RULES.filter((r) => ['pkce.missing', 'pkce.plain', 'csrf.protection', 'implicit.token', 'nonce.omitted', 'client.secret-in-browser'].includes(r.id));

/**
 * With a callback step: the callback's own checks against the request it answers, failures only,
 * with the names it carried twice. Without: what the app got wrong in its request, as the catalog's
 * judges see it (the engine judges the flow again whenever it is read; these stay with the flow).
 */
export function capturedFindings(f: Flow, cb?: CallbackStep): Finding[] {
  if (cb) {
    // An orphan callback has no request to hold its state to: only its own shape is checked.
    const expected = callbackExpectations(f);
    if (cb.orphan) {
      delete expected.state;
      if (cb.params.state !== undefined) expected.state = cb.params.state;
    }
    return checkCallback(callbackParams(cb), expected).filter((x) => x.status === 'fail');
  }
  const ctx = { set: 'core' as const, now: f.updatedAt, toleranceSec: 60 };
  return STORED.flatMap((r) => r.judge?.(f, ctx) ?? []).filter((x) => x.status === 'fail');
}
