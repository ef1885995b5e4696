/**
 * A flow that ended in failure reads n/a, not "not seen", for the rules whose deciding step could only
 * have come after the end (ended.ts). False alarm fixed: a flow that ended at an error callback
 * (access_denied) read 36 rules "not seen" (token answer, ID token, PKCE redemption).
 */
import { describe, expect, it } from 'vitest';
import type { Flow, TokenResponseStep } from '../flow';
import { evaluate } from './engine';
import { callback, launched, recorded, STATE, VERIFIER } from './rule-flows.fixtures';

const statusOf = (f: Flow, id: string) => evaluate(f).findings.filter((x) => x.id === id).map((x) => x.status);
const denied = (make: typeof launched) => make({ cb: callback({ error: 'access_denied', state: STATE }), redeem: false, over: { status: 'failed', outcome: { kind: 'error', title: 'Provider returned error: access_denied' } } });
const refused: TokenResponseStep = { kind: 'token-response', at: 4, status: 400, headers: { 'content-type': 'application/json' }, bodyText: '{"error":"invalid_grant"}', result: { ok: false, problem: 'oauth-error', error: 'invalid_grant', message: 'invalid_grant', status: 400 } } as TokenResponseStep;

describe('rules after the end of a failed flow', () => {
  it.each([['launched', launched], ['recorded', recorded]] as const)('%s error callback: no rule reads "not seen"; the token and ID token rules are n/a with the reason', (_n, make) => {
    const v = evaluate(denied(make));
    expect(v.counts.notSeen).toBe(0);
    for (const id of ['token.json', 'pkce.verifier-match', 'idtoken.signature', 'idtoken.nonce.mismatch']) expect([id, statusOf(denied(make), id)]).toEqual([id, ['n/a']]);
    expect(v.findings.find((x) => x.id === 'token.json')?.message).toContain('access_denied');
    // The callback's own rules are still judged.
    expect(statusOf(denied(make), 'state.mismatch')).toEqual(['pass']);
  });

  it('a code refused at the token endpoint: the ID token rules are n/a, the token rules judge the refusal', () => {
    const f = launched({ cb: callback({ code: 'c', state: STATE }), redeem: { code_verifier: VERIFIER }, over: { status: 'failed' } });
    f.steps.push(refused);
    expect(statusOf(f, 'idtoken.exp')).toEqual(['n/a']);
    expect(statusOf(f, 'token.error')).toEqual(['pass']);
  });

  it('still "not seen" while the flow may go on, and for a step before the end that was not observed', () => {
    const waiting = launched({ cb: callback({ code: 'c', state: STATE }), redeem: false, over: { status: 'callback-received' } });
    expect(statusOf(waiting, 'token.json')).toEqual(['not-seen']);
    expect(statusOf(recorded({ cb: callback({ code: 'c', state: STATE }), redeem: false, over: { status: 'observed' } }), 'token.json')).toEqual(['not-seen']);
    // A recorded callback whose request was not seen, ended at the token endpoint: the request rules stay not seen.
    const orphan = recorded({ sent: {}, cb: callback({ code: 'c', state: STATE }), redeem: { code_verifier: VERIFIER }, over: { status: 'failed' } });
    orphan.steps.push(refused);
    expect(statusOf(orphan, 'pkce.missing')).toEqual(['not-seen']);
  });
});
