/**
 * Every token request / answer rule (catalog-token.ts): a flow that triggers it, one that does not,
 * and one where the deciding step was not seen - judged through the engine, as the panel reads them.
 */
import { describe, expect, it } from 'vitest';
import type { Flow, FlowStep } from '../flow';
import { parseTokenResponse } from '../token-response';
import { evaluate } from './engine';

const AUTH: FlowStep = { kind: 'authorization-request', at: 1, url: 'https://as.example/authorize?x', params: { response_type: 'code', client_id: 'c', redirect_uri: 'https://app.example/cb', scope: 'openid' } };
const req = (over: Partial<Extract<FlowStep, { kind: 'token-request' }>> = {}): FlowStep => ({
  kind: 'token-request',
  at: 2,
  url: 'https://as.example/token',
  method: 'POST',
  headers: {},
  params: { grant_type: 'authorization_code', redirect_uri: 'https://app.example/cb', code: 'x' },
  ...over,
});
const GOOD = { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: { access_token: 'at', token_type: 'Bearer', expires_in: 3600 } };
function res(a: { status: number; headers: Record<string, string>; body: unknown } = GOOD): FlowStep {
  const bodyText = typeof a.body === 'string' ? a.body : JSON.stringify(a.body);
  return { kind: 'token-response', at: 3, status: a.status, headers: a.headers, bodyText, result: parseTokenResponse({ status: a.status, headers: a.headers, bodyText }) };
}
const flow = (steps: FlowStep[], over: Partial<Flow> = {}): Flow =>
  ({ id: 'f', createdAt: 1, updatedAt: 1, source: 'launched', grant: 'authorization', responseType: 'code', profile: { id: 'p', name: 'P', issuer: 'https://as.example', clientId: 'c', request: { scope: 'openid' } }, findings: [], metadata: {}, status: 'complete', steps, ...over }) as unknown as Flow;
const outcome = (f: Flow, id: string) => evaluate(f, { now: 0 }).findings.filter((x) => x.id === id).map((x) => (x.status === 'fail' ? `fail:${x.severity}` : x.status));

describe('token request and answer rules', () => {
  it.each([
    // [rule, triggering flow, passing flow]
    ['token.redirect-uri', flow([AUTH, req({ params: { grant_type: 'authorization_code', redirect_uri: 'https://app.example/cb/', code: 'x' } }), res()]), flow([AUTH, req(), res()])],
    ['token.https', flow([AUTH, req({ url: 'http://as.example/token' }), res()]), flow([AUTH, req({ url: 'http://127.0.0.1:8080/token' }), res()])],
    ['token.json', flow([AUTH, req(), res({ ...GOOD, body: { access_token: 'at' } })]), flow([AUTH, req(), res()])],
    ['token.status', flow([AUTH, req(), res({ ...GOOD, status: 201 })]), flow([AUTH, req(), res()])],
    ['token.content-type', flow([AUTH, req(), res({ ...GOOD, headers: { 'cache-control': 'no-store', 'content-type': 'text/plain' } })]), flow([AUTH, req(), res()])],
    ['token.cache-control', flow([AUTH, req(), res({ ...GOOD, headers: { 'content-type': 'application/json' } })]), flow([AUTH, req(), res()])],
    ['token.expires-in', flow([AUTH, req(), res({ ...GOOD, body: { ...GOOD.body, expires_in: '3600' } })]), flow([AUTH, req(), res()])],
    ['token.token-type', flow([AUTH, req(), res({ ...GOOD, body: { ...GOOD.body, token_type: 'mac' } })]), flow([AUTH, req(), res()])],
    ['token.error', flow([AUTH, req(), res({ status: 400, headers: {}, body: { message: 'no' } })]), flow([AUTH, req(), res({ status: 400, headers: {}, body: { error: 'invalid_grant' } })])],
  ])('%s: fails, passes, and reads not seen with no token step', (id, bad, good) => {
    expect(outcome(bad, id)).toEqual([id === 'token.status' || id.startsWith('token.c') || id === 'token.expires-in' || id === 'token.token-type' ? 'fail:warning' : 'fail:error']);
    expect(outcome(good, id)).toEqual(['pass']);
    expect(outcome(flow([AUTH]), id)).toEqual(['not-seen']);
  });

  it('ties evidence to its step and never shows the code or a token', () => {
    const f = flow([AUTH, req({ params: { grant_type: 'authorization_code', code: 'x' } }), res({ ...GOOD, headers: {} })]);
    const v = evaluate(f, { now: 0 }).findings;
    expect(v.find((x) => x.id === 'token.redirect-uri')).toMatchObject({ status: 'fail', step: 1, expected: 'https://app.example/cb', actual: '(absent)', param: 'redirect_uri' });
    expect(v.find((x) => x.id === 'token.cache-control')).toMatchObject({ status: 'fail', step: 2, link: 'https://www.rfc-editor.org/rfc/rfc6749#section-5.1' });
    expect(JSON.stringify(v.filter((x) => x.id.startsWith('token.')))).not.toMatch(/"at"|code=x/);
  });

  it('does not concern a flow that never uses the token endpoint (implicit)', () => {
    const f = flow([AUTH], { responseType: 'id_token token' });
    expect(outcome(f, 'token.redirect-uri')).toEqual(['n/a']);
    expect(outcome(f, 'token.status')).toEqual(['n/a']);
  });

  it('judges every answer of a flow: the first redemption and a refresh', () => {
    const refresh = req({ params: { grant_type: 'refresh_token', refresh_token: 'r' } });
    const f = flow([AUTH, req(), res(), refresh, res({ ...GOOD, headers: { 'content-type': 'application/json' } })]);
    expect(outcome(f, 'token.cache-control')).toEqual(['fail:warning', 'pass']);
    expect(outcome(f, 'token.redirect-uri')).toEqual(['pass']);
  });
});
