import { describe, expect, it } from 'vitest';
import type { Flow, FlowStep } from '../flow';
import { blankProfile } from '../profile';
import { scopeDiff, scopeDiffAt, scopeLine } from './scope-diff';

describe('scopeDiff / scopeLine', () => {
  it.each([
    ['all granted', 'openid profile', 'openid profile', 'asked: openid profile · granted: openid profile'],
    ['one not granted', 'openid profile offline_access', 'openid profile', 'asked: openid profile offline_access · granted: openid profile (offline_access not granted)'],
    ['granted more', 'openid', 'openid email', 'asked: openid · granted: openid email (email not asked for)'],
    ['answer without scope = same as asked (RFC 6749 3.3)', 'openid', undefined, 'asked: openid · granted: same as asked (no scope in the answer, RFC 6749 3.3)'],
    ['asked not known', undefined, 'openid', 'asked: not seen · granted: openid'],
    ['order and repeats do not count', 'b a a', 'a  b', 'asked: b a · granted: a b'],
    ['nothing asked', '', 'read', 'asked: (none) · granted: read (read not asked for)'],
  ])('%s', (_, asked, granted, line) => {
    expect(scopeLine(scopeDiff(asked, granted))).toBe(line);
  });
});

const ok = (tokens: Record<string, unknown>): FlowStep => ({ kind: 'token-response', at: 3, status: 200, headers: {}, bodyText: '', result: { ok: true, tokens: { token_type: 'Bearer', access_token: 'a', ...tokens } as never, warnings: [] } });
const authz = (scope?: string): FlowStep => ({ kind: 'authorization-request', at: 1, url: 'https://as/authorize', params: { response_type: 'code', ...(scope !== undefined ? { scope } : {}) } });
const treq = (params: Record<string, string>): FlowStep => ({ kind: 'token-request', at: 2, url: 'https://as/token', method: 'POST', headers: {}, params });
const cb = (params: Record<string, string>): FlowStep => ({ kind: 'callback', at: 2, url: 'https://app/cb', params, source: 'fragment', findings: [] });

function flow(steps: FlowStep[], source: Flow['source'] = 'captured', scope = 'openid'): Flow {
  const profile = blankProfile('p');
  profile.request.scope = scope;
  return { id: 'f', createdAt: 0, updatedAt: 0, source, grant: 'authorization', profile, findings: [], metadata: { issuer: 'https://as' } as Flow['metadata'], status: 'complete', steps };
}

describe('scopeDiffAt: every token answer against what its request asked', () => {
  it('code redemption: the authorization request’s scope', () => {
    const f = flow([authz('openid profile offline_access'), treq({ grant_type: 'authorization_code' }), ok({ scope: 'openid profile' })]);
    expect(scopeDiffAt(f, 2)).toEqual({ asked: ['openid', 'profile', 'offline_access'], granted: ['openid', 'profile'], notGranted: ['offline_access'], extra: [] });
  });
  it('refresh without scope asks for what was granted before (RFC 6749 6)', () => {
    const f = flow([authz('openid profile'), treq({ grant_type: 'authorization_code' }), ok({ scope: 'openid' }), treq({ grant_type: 'refresh_token' }), ok({})]);
    expect(scopeLine(scopeDiffAt(f, 4)!)).toBe('asked: openid · granted: same as asked (no scope in the answer, RFC 6749 3.3)');
  });
  it('refresh with a narrower scope', () => {
    const f = flow([authz('openid profile'), treq({ grant_type: 'authorization_code' }), ok({}), treq({ grant_type: 'refresh_token', scope: 'openid' }), ok({ scope: 'openid' })]);
    expect(scopeDiffAt(f, 4)?.asked).toEqual(['openid']);
  });
  it('implicit callback', () => {
    const f = flow([authz('openid email'), cb({ access_token: 'x', scope: 'openid' })]);
    expect(scopeLine(scopeDiffAt(f, 1)!)).toBe('asked: openid email · granted: openid (email not granted)');
  });
  it('a launched flow with a request object: the profile’s scope', () => {
    const f = flow([authz(undefined), treq({ grant_type: 'authorization_code' }), ok({ scope: 'openid' })], 'launched', 'openid profile');
    expect(scopeDiffAt(f, 2)?.notGranted).toEqual(['profile']);
  });
  it('recorded, the request not seen: asked unknown', () => {
    const f = flow([treq({ grant_type: 'authorization_code' }), ok({ scope: 'openid' })]);
    expect(scopeDiffAt(f, 1)?.asked).toBeUndefined();
  });
  it('steps that are no token answer have no line', () => {
    const f = flow([authz('openid'), cb({ code: 'c' }), treq({ grant_type: 'authorization_code' })]);
    expect([0, 1, 2, 9].map((i) => scopeDiffAt(f, i))).toEqual([undefined, undefined, undefined, undefined]);
  });
});
