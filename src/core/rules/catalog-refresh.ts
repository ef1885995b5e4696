/**
 * Rules about refresh tokens and the active tests Grantscope runs on them (issue 11; the guide's
 * "Refresh tokens": RFC 6749 1.5, 4.2.2, 4.4.3, 6; RFC 9700 2.2.2, 4.14.2).
 *
 * Which grant may yield a refresh token is judged over the flow. The rest are outcomes of actions
 * the person ran (Refresh, Reuse test, Down-scope test, src/background/actions.ts): the worker stores
 * each verdict on the check step it adds, and these judges collect them; until the action ran, the
 * rule reads "not seen" (naming the button), and on a flow with no refresh token it is n/a.
 */
import { type Finding, failed, notApplicable, notSeen, passed } from '../finding';
import type { Flow } from '../flow';
import { OPEN } from '../export/placeholder';
import { rfc } from './link';
import { compareTokenSets } from './refresh-verdicts';
import type { RuleDef } from './types';

/** Findings with `id` stored on the flow's check steps, each pointing at its step. */
export function fromChecks(flow: Flow, id: string): Finding[] {
  const out: Finding[] = [];
  flow.steps.forEach((s, i) => {
    if (s.kind !== 'check') return;
    for (const f of s.findings) if (f.id === id) out.push(f.step === undefined ? { ...f, step: i } : f);
  });
  return out;
}

/** True when any token set of the flow carried a refresh token. */
export function hasRefreshToken(flow: Flow): boolean {
  return flow.steps.some((s) => (s.kind === 'token-response' && s.result.ok && typeof s.result.tokens.refresh_token === 'string') || (s.kind === 'callback' && !!s.params.refresh_token));
}

/**
 * A rule decided by an action the person runs: the stored verdicts, or why there are none. A recorded
 * flow's tokens are the app's: the spending tests are never run on them (token-actions.tsx).
 */
function actionRule(def: Omit<RuleDef, 'decidedBy' | 'judge'>, button: string, onlyWhen?: string, observed?: (flow: Flow) => Finding[]): RuleDef {
  return {
    ...def,
    decidedBy: 'check',
    judge: (flow) => {
      const got = fromChecks(flow, def.id);
      if (got.length) return got;
      const seen = observed?.(flow) ?? [];
      if (seen.length) return seen;
      if (!hasRefreshToken(flow)) return [notApplicable(def.id, def.clause, `${def.title}: the flow has no refresh token`)];
      if (flow.source === 'captured') return [notApplicable(def.id, def.clause, `${def.title}: not tested on a recorded flow (it would spend the app’s refresh token)`)];
      // A verdict that only some outcomes of an action give (a refusal, a narrower scope) is n/a until one does.
      if (onlyWhen) return [notApplicable(def.id, def.clause, `${def.title}: judged only when ${onlyWhen}`)];
      return [notSeen(def.id, def.clause, `${def.title}: not tested yet (Token actions: ${button})`)];
    },
  };
}

/**
 * Refreshes the flow itself made and Grantscope saw (a launched refresh_token grant, an app's own
 * refresh in a recording): the request names the refresh token it spent and the answer the one to use
 * next, so rotation is judged from the pair, without spending anything. A masked value (an import of
 * a redacted bundle) cannot be compared. An action's own verdicts (check steps) come first.
 */
function rotationSeen(flow: Flow): Finding[] {
  const out: Finding[] = [];
  flow.steps.forEach((s, i) => {
    if (s.kind !== 'token-request' || s.params.grant_type !== 'refresh_token' || !s.params.refresh_token) return;
    const answer = flow.steps.slice(i + 1).find((x) => x.kind === 'token-response');
    if (answer?.kind !== 'token-response' || !answer.result.ok) return;
    const at = flow.steps.indexOf(answer);
    const before = s.params.refresh_token;
    const after = answer.result.tokens.refresh_token;
    if (before.includes(OPEN) || (typeof after === 'string' && after.includes(OPEN))) return;
    for (const f of compareTokenSets(flow, { refresh_token: before }, answer.result.tokens)) if (f.id === 'refresh.rotated') out.push({ ...f, step: at });
  });
  return out;
}

/** The grant a flow used, as the refresh rules need it: implicit is an authorization flow without `code`. */
function issuingGrant(flow: Flow): 'implicit' | 'client_credentials' | 'other' {
  if (flow.grant === 'authorization' && flow.responseType && !flow.responseType.split(' ').includes('code')) return 'implicit';
  if (flow.grant === 'client_credentials' || flow.capture?.grantType === 'client_credentials') return 'client_credentials';
  return 'other';
}

/**
 * RFC 6749 4.2.2: the implicit grant MUST NOT issue a refresh token; 4.4.3: client credentials SHOULD
 * NOT. One rule each, as their severities differ; every other grant may (RFC 6749 1.5): n/a.
 */
const issuedBy =
  (only: 'implicit' | 'client_credentials', id: string, clause: string) =>
  (flow: Flow): Finding[] => {
    const name = only === 'implicit' ? 'the implicit grant' : 'the client credentials grant';
    if (issuingGrant(flow) !== only) return [notApplicable(id, clause, `not ${name}`)];
    const where = flow.steps.findIndex((s) => (s.kind === 'token-response' && s.result.ok) || (s.kind === 'callback' && (!!s.params.access_token || !!s.params.id_token)));
    if (where < 0) return [notSeen(id, clause, `${name}: no token answer was seen`)];
    const at = flow.steps.findIndex((s) => (s.kind === 'token-response' && s.result.ok && typeof s.result.tokens.refresh_token === 'string') || (s.kind === 'callback' && !!s.params.refresh_token));
    if (at < 0) return [passed(id, clause, `${name} yielded no refresh token`, { step: where, param: 'refresh_token' })];
    return [failed(id, 'error', clause, `${name} yielded a refresh token`, { step: at, param: 'refresh_token', expected: 'no refresh_token', actual: 'refresh_token present' })];
  };

export const REFRESH_RULES: readonly RuleDef[] = [
  { id: 'refresh.not-from-implicit', title: 'The implicit grant yields no refresh token', severity: 'error', set: 'core', clause: 'RFC 6749 4.2.2', link: rfc(6749, '4.2.2'), decidedBy: 'callback', judge: issuedBy('implicit', 'refresh.not-from-implicit', 'RFC 6749 4.2.2') },
  { id: 'refresh.not-from-client-credentials', title: 'The client credentials grant yields no refresh token', severity: 'warning', set: 'core', clause: 'RFC 6749 4.4.3', link: rfc(6749, '4.4.3'), decidedBy: 'token-response', judge: issuedBy('client_credentials', 'refresh.not-from-client-credentials', 'RFC 6749 4.4.3') },
  actionRule(
    {
      id: 'refresh.rotated',
      title: 'A public client’s refresh token is rotated or sender-constrained',
      severity: 'warning',
      severityIn: { bcp: 'error', oauth21: 'error', fapi2: 'error' },
      set: 'core',
      clause: 'RFC 9700 2.2.2, 4.14.2',
      link: rfc(9700, '2.2.2'),
    },
    'Refresh',
    undefined,
    rotationSeen,
  ),
  actionRule({ id: 'refresh.access-token-new', title: 'A refresh issues a new access token', severity: 'warning', set: 'core', clause: 'RFC 6749 6', link: rfc(6749, '6') }, 'Refresh'),
  actionRule({ id: 'refresh.scope-not-widened', title: 'A refresh never widens the scope', severity: 'error', set: 'core', clause: 'RFC 6749 6', link: rfc(6749, '6') }, 'Refresh'),
  actionRule({ id: 'refresh.lifetime', title: 'The refreshed access token’s lifetime', severity: 'info', set: 'core', clause: 'RFC 6749 5.1', link: rfc(6749, '5.1') }, 'Refresh', 'a refresh issues tokens'),
  actionRule({ id: 'refresh.revoked', title: 'A refresh token that was revoked is refused, and named as such', severity: 'warning', set: 'core', clause: 'RFC 7009 2, RFC 6749 5.2', link: rfc(7009, '2') }, 'Refresh', 'a refresh is refused with invalid_grant'),
  actionRule({ id: 'refresh.narrowing-allowed', title: 'A refresh may narrow the scope', severity: 'warning', set: 'core', clause: 'RFC 6749 6', link: rfc(6749, '6') }, 'Down-scope test', 'a down-scope test asks for a narrower scope'),
  actionRule({ id: 'refresh.downscope', title: 'A down-scoped refresh is never wider than asked', severity: 'error', set: 'core', clause: 'RFC 6749 6', link: rfc(6749, '6') }, 'Down-scope test'),
  actionRule({ id: 'refresh.reuse-refused', title: 'A spent (rotated-away) refresh token is refused', severity: 'error', set: 'core', clause: 'RFC 9700 4.14.2', link: rfc(9700, '4.14.2') }, 'Reuse test'),
  actionRule({ id: 'refresh.family-revoked', title: 'Reuse of a spent refresh token revokes its family', severity: 'warning', set: 'core', clause: 'RFC 9700 4.14.2, RFC 6819 5.2.2.3', link: rfc(9700, '4.14.2') }, 'Reuse test'),
];
