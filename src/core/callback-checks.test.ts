import { describe, expect, it } from 'vitest';
import type { CallbackParams } from './callback';
import { checkCallback } from './callback-checks';

// Whole findings for the cases callback.test.ts only checks by id.
const cp = (params: Record<string, string>, extra: Partial<CallbackParams> = {}): CallbackParams => ({ params, source: 'query', duplicates: [], ...extra });

describe('checkCallback findings', () => {
  it.each([
    [cp({ code: 'c' }), { state: 's' },
      { id: 'state.missing', status: 'fail', severity: 'error', clause: 'RFC 6749 4.1.2, 10.12', message: 'state was sent but did not come back', expected: 's' }],
    [cp({ code: 'c', state: 'x' }), {},
      { id: 'state.unexpected', status: 'fail', severity: 'warning', clause: 'RFC 6749 4.1.2', message: 'a state came back although none was sent', actual: 'x' }],
    [cp({ code: 'c' }), { issuer: 'https://as.example', issRequired: true },
      { id: 'callback.iss.missing', status: 'fail', severity: 'error', clause: 'RFC 9207 2.4', message: 'the server advertises the iss parameter but sent none', expected: 'https://as.example' }],
    [cp({ access_token: 'a', id_token: 'b' }, { from: { access_token: 'query', id_token: 'query' } }), {},
      { id: 'callback.implicit-in-query', status: 'fail', severity: 'error', clause: 'OIDC Core 3.2.2.5, 3.3.2.5', message: 'access_token and id_token came in the query; they must only come in the fragment', expected: 'fragment', actual: 'query' }],
    [cp({ error: 'access_denied' }), { responseType: 'id_token token' },
      { id: 'callback.implicit-in-query', status: 'fail', severity: 'error', clause: 'OAuth 2.0 Multiple Response Types 2.1', message: 'the answer to response_type "id_token token" came in the query, not the fragment', expected: 'fragment', actual: 'query' }],
  ])('%j with %j', (p, exp, finding) => {
    expect(checkCallback(p, exp).filter((f) => f.status === 'fail')).toEqual([expect.objectContaining(finding)]);
  });

  it('never puts the code in a finding', () => {
    const text = JSON.stringify(checkCallback(cp({ code: 'SplxlOBeZQQYbYS6WxSbIA', state: 'x' }, { duplicates: ['code'] }), { state: 'y', issRequired: true }));
    expect(text).not.toContain('SplxlOBeZQQYbYS6WxSbIA');
  });
});
