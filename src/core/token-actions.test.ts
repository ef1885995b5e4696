import { describe, expect, it } from 'vitest';
import { authorizationScheme, introspectionRequest, readIntrospection, readRevocation, revocationRequest } from './token-actions';

const auth = { headers: { Authorization: 'Basic Yzpz' }, params: {} };
const answer = (status: number, bodyText: string) => ({ status, headers: {}, bodyText });

describe('token actions', () => {
  it('builds introspection and revocation requests (RFC 7662 2.1, RFC 7009 2.1)', () => {
    const i = introspectionRequest('https://op.example/introspect', auth, 'tok', 'access_token');
    expect(i.ok && i.value.body).toBe('token=tok&token_type_hint=access_token');
    expect(i.ok && i.value.headers.Authorization).toBe('Basic Yzpz');
    const r = revocationRequest('https://op.example/revoke', { headers: {}, params: { client_id: 'pub' } }, 'rt', 'refresh_token');
    expect(r.ok && r.value.body).toBe('token=rt&token_type_hint=refresh_token&client_id=pub');
  });

  it.each([
    [answer(200, '{"active":false}'), { active: false }],
    [answer(200, '{"active":true,"scope":"openid","exp":1}'), { active: true }],
  ])('reads introspection %#', (a, want) => {
    const r = readIntrospection(a);
    expect(r.ok && r.value).toMatchObject(want);
  });

  it.each([
    [answer(401, '{"error":"invalid_client"}'), 'HTTP 401'],
    [answer(200, '<html>'), 'not JSON'],
    [answer(200, '[]'), 'not a JSON object'],
    [answer(200, '{"scope":"x"}'), 'no boolean "active"'],
    [answer(200, '{"active":"yes"}'), 'no boolean "active"'],
  ])('names a broken introspection answer %#', (a, msg) => {
    const r = readIntrospection(a);
    expect(!r.ok && r.error.message).toContain(msg);
  });

  it('reads revocation answers (RFC 7009 2.2)', () => {
    expect(readRevocation(answer(200, '')).ok).toBe(true);
    const r = readRevocation(answer(503, ''));
    expect(!r.ok && r.error.message).toContain('temporarily unavailable');
  });

  it.each([
    ['Bearer', 'Bearer'],
    ['bearer', 'Bearer'],
    ['DPoP', 'DPoP'],
    [undefined, 'Bearer'],
  ])('presents a %s token as %s', (t, want) => expect(authorizationScheme(t)).toBe(want));
});
