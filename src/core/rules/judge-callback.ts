/**
 * The callback rules as judges over a flow (catalog-callback.ts): the same per-rule checks the worker
 * runs on arrival (callback-checks.ts), fed from what the flow recorded. A flow whose callback was
 * never seen reads "not seen"; a recorded callback whose request was never seen cannot have its state
 * held to anything, so its state rules read "not seen" too.
 */
import { type CallbackParams, parseCallbackUrl } from '../callback';
import { type CallbackExpectations } from '../callback-checks';
import { type Finding, notApplicable, notSeen } from '../finding';
import type { CallbackStep, Flow } from '../flow';
import { callbackOf, isFrontChannel, issuerOf, responseTypeOf, sentRequest } from './judge-seen';

/**
 * The response as the checks read it. A URL callback is read again from its URL, so where each value
 * came from and any repeated name are known for launched and recorded flows alike; a form_post body
 * is gone by then, so its repeats are the ones the step kept.
 */
export function callbackParams(cb: CallbackStep): CallbackParams {
  const hit = parsed.get(cb);
  if (hit && hit.url === cb.url && hit.kept === cb.duplicates) return hit.p;
  const kept = cb.duplicates ?? [];
  let p: CallbackParams = { params: cb.params, source: cb.source, duplicates: kept };
  if (cb.source !== 'form_post') {
    const r = parseCallbackUrl(cb.url);
    if (r.ok) p = { params: cb.params, source: cb.source, duplicates: [...new Set([...kept, ...r.value.duplicates])], ...(r.value.from ? { from: r.value.from } : {}) };
  }
  parsed.set(cb, { url: cb.url, kept: cb.duplicates, p });
  return p;
}

/** Parsed once per callback step: eight rules read it, and a recorded callback URL can be megabytes. */
const parsed = new WeakMap<CallbackStep, { url: string; kept: string[] | undefined; p: CallbackParams }>();

export function callbackExpectations(flow: Flow): CallbackExpectations {
  const sent = sentRequest(flow);
  const { issuer, metadata } = issuerOf(flow);
  const mode = sent?.params.response_mode;
  return {
    ...(sent?.params.state !== undefined ? { state: sent.params.state } : {}),
    ...(issuer ? { issuer } : {}),
    issRequired: metadata?.authorization_response_iss_parameter_supported === true,
    ...(metadata ? {} : { discoveryUnknown: true }),
    responseType: responseTypeOf(flow, sent),
    ...(mode ? { responseMode: mode } : {}),
  };
}

type Check = (p: CallbackParams, exp: CallbackExpectations, ev: { step: number }) => Finding | Finding[];

/**
 * A judge for one callback rule. `needsRequest`: the rule compares with what the request sent, so
 * without the request (an orphan callback) it reads not seen.
 */
export function callbackJudge(id: string, clause: string, check: Check, needsRequest = false): (flow: Flow) => Finding[] {
  return (flow) => {
    if (!isFrontChannel(flow)) return [notApplicable(id, clause, 'no front-channel callback in this grant')];
    const cb = callbackOf(flow);
    if (!cb) return [notSeen(id, clause, 'the callback was not seen')];
    if (needsRequest && (cb.step.orphan || !sentRequest(flow))) return [notSeen(id, clause, 'the authorization request this callback answers was not seen')];
    const out = check(callbackParams(cb.step), callbackExpectations(flow), { step: cb.index });
    return Array.isArray(out) ? out : [out];
  };
}
