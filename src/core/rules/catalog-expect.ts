/**
 * The launch's expected outcome (issue 11): a negative test says what the provider should do, so a
 * consent the tester refused on purpose reads "passed" when the provider answers access_denied, and
 * tokens issued where a refusal was expected read "failed". Errors are the codes RFC 6749 4.1.2.1 and
 * 5.2 and OIDC Core 3.1.2.6 define; the flow carries the expectation (Flow.expect, from LaunchInput).
 */
import { type Finding, failed, notApplicable, notSeen, passed } from '../finding';
import type { Flow, FlowStatus } from '../flow';
import { EXPECTED_LABELS } from '../launch';
import { rfc } from './link';
import type { RuleDef } from './types';

const ID = 'expect.outcome';
// flow.ts's isActive, restated: flow.ts imports the engine, so importing its values here would be a cycle.
const isActive = (s: FlowStatus): boolean => s === 'authorizing' || s === 'callback-received' || s === 'redeeming' || s === 'polling';
const CLAUSE = 'RFC 6749 4.1.2.1, 5.2';

/** What the provider ended the flow with: tokens (with or without a refresh token) or an error code, and where. */
export type Ending = { kind: 'tokens'; refresh: boolean; step: number } | { kind: 'error'; error: string; step: number };

export function endingOf(flow: Flow): Ending | undefined {
  let tokens: Ending | undefined;
  for (let i = 0; i < flow.steps.length; i++) {
    const s = flow.steps[i]!;
    if (s.kind === 'check') break; // actions after the launch do not change how it ended
    if (s.kind === 'callback' && s.params.error) return { kind: 'error', error: s.params.error, step: i };
    if (s.kind === 'callback' && (s.params.access_token || s.params.id_token)) tokens = { kind: 'tokens', refresh: !!s.params.refresh_token, step: i };
    if (s.kind === 'token-response') {
      const r = s.result;
      if (r.ok) return { kind: 'tokens', refresh: typeof r.tokens.refresh_token === 'string', step: i };
      if (r.problem === 'oauth-error' && 'error' in r && typeof r.error === 'string') return { kind: 'error', error: r.error, step: i };
      if (!isActive(flow.status)) return { kind: 'error', error: r.problem, step: i };
    }
  }
  // Implicit tokens end the flow; a hybrid flow's code is still to be redeemed while it is active.
  if (tokens && (!flow.responseType?.split(' ').includes('code') || !isActive(flow.status))) return tokens;
  return undefined;
}

function judgeExpected(flow: Flow): Finding[] {
  const want = flow.expect;
  if (!want) return [notApplicable(ID, CLAUSE, 'No expected outcome was given for this launch')];
  const end = endingOf(flow);
  const label = EXPECTED_LABELS[want];
  if (!end) return [isActive(flow.status) ? notSeen(ID, CLAUSE, `Expected ${label}: the flow has not ended yet`) : notSeen(ID, CLAUSE, `Expected ${label}: the provider's answer was not seen`)];
  const ev = { step: end.step, expected: want, actual: end.kind === 'error' ? end.error : end.refresh ? 'tokens with a refresh token' : 'tokens, no refresh token' };
  if (want === 'success') {
    return end.kind === 'tokens'
      ? [passed(ID, CLAUSE, 'Expected success: tokens were issued', { step: end.step })]
      : [failed(ID, 'error', CLAUSE, `Expected success, but the provider answered ${end.error}`, { ...ev, param: 'error' })];
  }
  if (want === 'no-refresh-token') {
    if (end.kind === 'error') return [failed(ID, 'error', CLAUSE, `Expected tokens without a refresh token, but the provider answered ${end.error}`, { ...ev, param: 'error' })];
    return end.refresh
      ? [failed(ID, 'error', CLAUSE, 'Expected no refresh token, but one was issued', { ...ev, param: 'refresh_token' })]
      : [passed(ID, CLAUSE, 'Expected no refresh token: none was issued', { step: end.step, param: 'refresh_token' })];
  }
  if (end.kind === 'tokens') return [failed(ID, 'error', CLAUSE, `Expected ${want}, but the provider issued tokens`, ev)];
  return end.error === want
    ? [passed(ID, CLAUSE, `Expected ${want}: the provider answered ${want}, as it should`, { step: end.step, param: 'error', actual: want })]
    : [failed(ID, 'error', CLAUSE, `Expected ${want}, but the provider answered ${end.error}`, { ...ev, param: 'error' })];
}

export const EXPECT_RULES: readonly RuleDef[] = [
  {
    id: ID,
    title: 'The provider ends the flow as the test expects',
    severity: 'error',
    set: 'core',
    clause: CLAUSE,
    link: rfc(6749, '4.1.2.1'),
    decidedBy: 'flow',
    judge: judgeExpected,
  },
];
