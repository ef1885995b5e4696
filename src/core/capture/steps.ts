/**
 * What the recorder can say about a captured flow: the token answer as a step, and the findings on
 * what the app sent and got (guide oauth-rules.md). The app chose its request, so these are the
 * app's problems, each with its clause.
 */
import { checkCallback } from '../callback-checks';
import { failed, type Finding } from '../finding';
import type { CallbackStep, Flow, StepSeen, TokenResponseStep } from '../flow';
import { parseTokenResponse } from '../token-response';
import { authParams } from './match';
import type { CaptureVia, ObservedResponse } from './types';

/** The token answer as a step, credited to the source that read it: its request id and tab, its `via`. */
export function answerStep(seen: StepSeen, res: ObservedResponse, via: CaptureVia): TokenResponseStep {
  const answer = { status: res.status, headers: lower(res.headers), bodyText: res.bodyText ?? '' };
  return { kind: 'token-response', at: res.at, status: res.status, headers: answer.headers, bodyText: answer.bodyText, result: parseTokenResponse(answer), seen: { via: [via], tabId: seen.tabId, frame: seen.frame, requestId: seen.requestId, ...(seen.initiator ? { initiator: seen.initiator } : {}), ...(res.cut ? { cut: { ...res.cut } } : {}) } };
}

const lower = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

function requestFindings(p: Record<string, string>): Finding[] {
  const types = (p.response_type ?? '').split(' ');
  const out: Finding[] = [];
  if (types.includes('code') && !p.code_challenge) {
    out.push(failed('pkce-none', 'error', 'RFC 9700 2.1.1, RFC 7636 4.2', 'no PKCE: an intercepted or injected code can be redeemed', { expected: 'S256' }));
  } else if (types.includes('code') && (p.code_challenge_method ?? 'plain') === 'plain') {
    out.push(failed('pkce-plain', 'warning', 'RFC 9700 2.1.1, RFC 7636 4.2', 'PKCE plain sends the verifier itself in the URL; S256 does not', { expected: 'S256', actual: 'plain' }));
  }
  if (!p.state) {
    const sev = p.code_challenge && p.code_challenge_method === 'S256' ? 'warning' : 'error';
    out.push(failed('state-omitted', sev, 'RFC 6749 10.12, RFC 9700 2.1.1', 'no state is sent: the callback cannot be tied to this browser (CSRF)'));
  }
  if (types.includes('token')) {
    out.push(failed('implicit-token', 'warning', 'RFC 9700 2.1.2', `response_type "${p.response_type}" returns an access token in the front channel`, { actual: p.response_type ?? '' }));
  }
  if (types.includes('id_token') && !p.nonce) {
    out.push(failed('nonce-omitted', 'error', 'OIDC Core 3.2.2.1, 3.3.2.11', `nonce is required when response_type "${p.response_type}" returns an ID token from the front channel`));
  }
  return out;
}

/** A client secret in a request the browser made: a browser app cannot keep one (RFC 6749 2.1, 10.1). */
function secretInBrowser(f: Flow): Finding[] {
  const sent = f.steps.some((s) => s.kind === 'token-request' && s.seen && s.seen.frame !== 'main' && (s.params.client_secret || /^basic /i.test(header(s.headers, 'authorization'))));
  return sent ? [failed('secret-in-browser', 'error', 'RFC 6749 2.1, 10.1', 'a client secret was sent from the browser: any user of the app can read it')] : [];
}

const header = (h: Record<string, string>, name: string) => Object.entries(h).find(([k]) => k.toLowerCase() === name)?.[1] ?? '';

/** With a callback step: the callback's own checks against the request it answers. Without: the flow's. */
export function capturedFindings(f: Flow, cb?: CallbackStep): Finding[] {
  const sent = authParams(f);
  if (cb) {
    // An orphan callback has no request to hold its state to: only its own shape is checked.
    const expected = cb.orphan ? (cb.params.state !== undefined ? { state: cb.params.state } : {}) : { ...(sent?.state !== undefined ? { state: sent.state } : {}), ...(sent?.response_type ? { responseType: sent.response_type } : {}) };
    return checkCallback({ params: cb.params, source: cb.source, duplicates: [] }, expected);
  }
  return [...(sent?.response_type ? requestFindings(sent) : []), ...secretInBrowser(f)];
}
