/**
 * The ID token rules as the engine reads them (catalog-idtoken.ts): findings the worker stored on the
 * step that carried the token, "not seen" when no ID token was seen, n/a when none was asked for; and
 * userinfo's sub against the ID token's (OIDC Core 5.3.4).
 */
import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import type { Flow, FlowStep } from '../flow';
import { judgeIdTokenClaims } from '../tokens/id-token-rules';
import { evaluate } from './engine';
import { IDTOKEN_RULES } from './catalog-idtoken';

const NOW = 1_700_000_000;
const jwt = (payload: Record<string, unknown>, header: Record<string, unknown> = { alg: 'RS256', kid: 'k' }) =>
  `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(payload))}.c2ln`;
const CLAIMS = { iss: 'https://as.example', sub: 'alice', aud: 'c', exp: NOW + 600, iat: NOW, nonce: 'n1' };

/** A token answer carrying `token`, with the findings the worker would have stored for it. */
function answer(token: string, payload: Record<string, unknown>, nonce = 'n1'): FlowStep {
  const findings = judgeIdTokenClaims({ header: { alg: 'RS256' }, payload, issuer: 'https://as.example', clientId: 'c', nonce, flow: 'code', expectedAlgs: ['RS256'], now: NOW * 1000, toleranceSec: 60 });
  return { kind: 'token-response', at: 3, status: 200, headers: {}, bodyText: '', result: { ok: true, tokens: { access_token: 'a', token_type: 'Bearer', id_token: token }, warnings: [] }, findings };
}
const userinfo = (body: string, status = 200): FlowStep => ({ kind: 'exchange', label: 'Userinfo (OIDC Core 5.3, Bearer)', at: 4, request: { url: 'https://as.example/me', method: 'GET', headers: {}, params: {} }, response: { status, headers: {}, bodyText: body } });
const AUTH: FlowStep = { kind: 'authorization-request', at: 1, url: 'https://as.example/authorize', params: { scope: 'openid', nonce: 'n1' } };
const flow = (steps: FlowStep[], scope = 'openid'): Flow =>
  ({ id: 'f', createdAt: 1, updatedAt: 1, source: 'launched', grant: 'authorization', responseType: 'code', profile: { id: 'p', name: 'P', issuer: 'https://as.example', clientId: 'c', request: { scope } }, findings: [], metadata: {}, status: 'complete', steps }) as unknown as Flow;
const outcomes = (f: Flow, id: string) => evaluate(f, { now: NOW * 1000 }).findings.filter((x) => x.id === id).map((x) => (x.status === 'fail' ? `fail:${x.severity}` : x.status));

describe('ID token rules in the engine', () => {
  it.each([
    ['idtoken.iss', { iss: 'https://evil.example' }],
    ['idtoken.sub', { sub: undefined }],
    ['idtoken.aud', { aud: 'other' }],
    ['idtoken.azp.present', { aud: ['c', 'api'] }, { aud: ['c', 'api'], azp: 'c' }],
    ['idtoken.azp', { azp: 'other' }, { azp: 'c' }],
    ['idtoken.exp', { exp: NOW - 3600 }],
    ['idtoken.iat', { iat: undefined }],
    ['idtoken.nbf', { nbf: NOW + 3600 }, { nbf: NOW - 10 }],
    ['idtoken.time.nbf-after-exp', { nbf: NOW + 700 }, { nbf: NOW - 10 }],
    ['idtoken.time.exp-before-iat', { exp: NOW - 1 }],
    ['idtoken.nonce.mismatch', { nonce: 'other' }],
  ] as [string, Record<string, unknown>, Record<string, unknown>?][])('%s: fails on a token that breaks it, passes on a good one, not seen without an ID token', (id, change, fine = {}) => {
    const bad = { ...CLAIMS, ...change };
    const out = outcomes(flow([AUTH, answer(jwt(bad), bad)]), id);
    expect(out[0]).toMatch(/^fail:/);
    const good = { ...CLAIMS, ...fine };
    expect(outcomes(flow([AUTH, answer(jwt(good), good)]), id)).toEqual(['pass']);
    expect(outcomes(flow([AUTH]), id)).toEqual(['not-seen']);
  });

  it('a stored finding points at the step that carried the token', () => {
    const bad = { ...CLAIMS, aud: 'other' };
    const f = evaluate(flow([AUTH, answer(jwt(bad), bad)]), { now: NOW * 1000 }).findings.find((x) => x.id === 'idtoken.aud');
    expect(f).toMatchObject({ status: 'fail', step: 1, param: 'aud', expected: 'c', actual: 'other', clause: 'OIDC Core 3.1.3.7 (3)' });
  });

  it('no ID token asked for (no openid scope): n/a, not "not seen"', () => {
    expect(outcomes(flow([{ ...AUTH, params: { scope: 'api' } }], 'api'), 'idtoken.exp')).toEqual(['n/a']);
  });

  it('an ID token not checked yet (a recorded flow whose issuer is not confirmed) reads n/a, never pass', () => {
    const s = answer(jwt(CLAIMS), CLAIMS);
    expect(outcomes(flow([AUTH, { ...s, findings: [] } as FlowStep]), 'idtoken.signature')).toEqual(['n/a']);
  });

  it('every ID token rule has a title, a clause and a link', () => {
    for (const r of IDTOKEN_RULES) expect([r.id, r.title.length > 3, r.link.startsWith('https://')]).toEqual([r.id, true, true]);
  });
});

describe('userinfo sub against the ID token sub (OIDC Core 5.3.4)', () => {
  const id = 'idtoken.userinfo.sub';
  const withToken = (...more: FlowStep[]) => flow([AUTH, answer(jwt(CLAIMS), CLAIMS), ...more]);
  it('passes when they are equal, fails when they differ, with both values', () => {
    expect(outcomes(withToken(userinfo('{"sub":"alice","email":"a@example"}')), id)).toEqual(['pass']);
    const f = evaluate(withToken(userinfo('{"sub":"mallory"}')), { now: NOW * 1000 }).findings.find((x) => x.id === id);
    expect(f).toMatchObject({ status: 'fail', severity: 'error', expected: 'alice', actual: 'mallory', step: 2 });
  });
  it('reads a userinfo answer that is a JWT (5.3.2)', () => {
    expect(outcomes(withToken(userinfo(jwt({ sub: 'bob' }))), id)).toEqual(['fail:error']);
  });
  it('not seen without a userinfo answer; n/a for a refusal or with no ID token before it', () => {
    expect(outcomes(withToken(), id)).toEqual(['not-seen']);
    expect(outcomes(withToken(userinfo('{"error":"invalid_token"}', 401)), id)).toEqual(['n/a']);
    expect(outcomes(flow([AUTH, userinfo('{"sub":"alice"}')]), id)).toEqual(['n/a']);
  });
  it('n/a, not "not seen", on a flow that never asked for an ID token (false alarm on client credentials)', () => {
    const cc = { ...flow([], 'api:read'), grant: 'client_credentials', responseType: undefined } as unknown as Flow;
    expect(outcomes(cc, id)).toEqual(['n/a']);
    expect(outcomes(flow([AUTH]), id)).toEqual(['not-seen']);
  });
});
