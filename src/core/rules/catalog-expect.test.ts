import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow';
import type { ExpectedOutcome } from '../launch';
import { authz, callback, flow, judged, refusedAnswer, statuses, tokenReq, tokens } from './rules.fixtures';

const denied = (e?: ExpectedOutcome) => flow([authz({ response_type: 'code' }), callback({ error: 'access_denied' })], { status: 'failed', ...(e ? { expect: e } : {}) });
const issued = (e: ExpectedOutcome, rt = false) => flow([authz({ response_type: 'code' }), callback({ code: 'c' }), tokenReq({ grant_type: 'authorization_code' }), tokens({ access_token: 'a', ...(rt ? { refresh_token: 'r' } : {}) })], { expect: e });

describe('expect.outcome', () => {
  it.each<[string, Flow, string[]]>([
    ['expected access_denied, the person denied: passed', denied('access_denied'), ['pass']],
    ['expected success, denied: failed', denied('success'), ['fail:error']],
    ['expected invalid_scope, denied: another refusal fails', denied('invalid_scope'), ['fail:error']],
    ['expected access_denied, tokens issued: failed', issued('access_denied'), ['fail:error']],
    ['expected success, tokens: passed', issued('success'), ['pass']],
    ['expected no refresh token, none: passed', issued('no-refresh-token'), ['pass']],
    ['expected no refresh token, one came: failed', issued('no-refresh-token', true), ['fail:error']],
    ['expected invalid_grant at the token endpoint', flow([tokenReq({ grant_type: 'refresh_token' }), refusedAnswer('invalid_grant')], { grant: 'refresh_token', status: 'failed', expect: 'invalid_grant' }), ['pass']],
    ['no expectation: n/a', denied(), ['n/a']],
    ['still running: not seen', flow([authz({ response_type: 'code' })], { status: 'authorizing', expect: 'access_denied' }), ['not-seen']],
  ])('%s', (_, f, want) => expect(statuses('expect.outcome', f, 'core')).toEqual(want));

  it('points at the step that ended the flow, and names the error', () => {
    expect(judged('expect.outcome', denied('access_denied'), 'core')[0]).toMatchObject({ step: 1, param: 'error', actual: 'access_denied' });
  });

  it('actions run after the launch do not change how it ended', () => {
    const f = issued('success');
    f.steps.push({ kind: 'check', at: 9, title: 'x', findings: [] }, refusedAnswer('invalid_grant'));
    expect(statuses('expect.outcome', f, 'core')).toEqual(['pass']);
  });
});
