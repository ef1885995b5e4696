import { describe, expect, it } from 'vitest';
import { authorizationCodeRequest, buildTokenRequest, type AuthorizationCodeTokenRequestInput, type TokenRequest } from './token-request';

// RFC 6749 4.1.3 example, with the RFC 7636 appendix B verifier.
const input = {
  tokenEndpoint: 'https://server.example.com/token',
  code: 'SplxlOBeZQQYbYS6WxSbIA',
  redirectUri: 'https://client.example.com/cb',
  clientId: 's6BhdRkqt3',
  codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
};

/** The request, or a test failure naming the problem. */
function request(i: AuthorizationCodeTokenRequestInput): TokenRequest {
  const r = authorizationCodeRequest(i);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('authorizationCodeRequest: public client', () => {
  it('builds the RFC 6749 4.1.3 request for a public client with PKCE', () => {
    expect(request(input)).toEqual({
      url: 'https://server.example.com/token',
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body:
        'grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&redirect_uri=https%3A%2F%2Fclient.example.com%2Fcb' +
        '&client_id=s6BhdRkqt3&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
      params: {
        grant_type: 'authorization_code',
        code: 'SplxlOBeZQQYbYS6WxSbIA',
        redirect_uri: 'https://client.example.com/cb',
        client_id: 's6BhdRkqt3',
        code_verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
      },
    });
  });

  it('never sends an Authorization header', () => {
    const { headers } = request(input);
    expect(Object.keys(headers).map((h) => h.toLowerCase())).not.toContain('authorization');
  });

  it('leaves out a missing verifier and adds extras after the core parameters', () => {
    const r = request({ ...input, codeVerifier: undefined, extra: { resource: 'https://api.example.com/' } });
    expect(Object.keys(r.params)).toEqual(['grant_type', 'code', 'redirect_uri', 'client_id', 'resource']);
    expect(new URLSearchParams(r.body).get('resource')).toBe('https://api.example.com/');
  });

  it('encodes values so they round-trip', () => {
    const r = request({ ...input, code: 'a+b/c=d&e f' });
    expect(new URLSearchParams(r.body).get('code')).toBe('a+b/c=d&e f');
  });

  it.each(['code', 'client_id', 'grant_type', 'redirect_uri', 'code_verifier'])('refuses an extra %s', (name) => {
    const r = authorizationCodeRequest({ ...input, extra: { [name]: 'x' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('duplicate-param');
  });
});

describe('authorizationCodeRequest: with client authentication', () => {
  // RFC 6749 4.1.3: the confidential client of the example authenticates with Basic.
  const basic = { headers: { Authorization: 'Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW' }, params: {} };

  it('builds the RFC 6749 4.1.3 example exactly: Basic header, no client_id in the body', () => {
    const r = authorizationCodeRequest({ ...input, clientId: undefined, codeVerifier: undefined, auth: basic });
    expect(r).toEqual({
      ok: true,
      value: {
        url: 'https://server.example.com/token',
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', Authorization: 'Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW' },
        body: 'grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&redirect_uri=https%3A%2F%2Fclient.example.com%2Fcb',
        params: { grant_type: 'authorization_code', code: 'SplxlOBeZQQYbYS6WxSbIA', redirect_uri: 'https://client.example.com/cb' },
      },
    });
  });

  it('auth parts win over clientId, and go between the code and the verifier', () => {
    const auth = { headers: {}, params: { client_id: 'other', client_secret: 'gX1fBat3bV' } };
    const r = authorizationCodeRequest({ ...input, auth });
    expect(r.ok && Object.entries(r.value.params)).toEqual([
      ['grant_type', 'authorization_code'], ['code', 'SplxlOBeZQQYbYS6WxSbIA'], ['redirect_uri', 'https://client.example.com/cb'],
      ['client_id', 'other'], ['client_secret', 'gX1fBat3bV'], ['code_verifier', 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'],
    ]);
  });

  it('sends each resource on its own (RFC 8707 2) and shows them joined by a space', () => {
    const r = authorizationCodeRequest({ ...input, resource: ['https://cal.example.com/', 'https://contacts.example.com/'] });
    if (!r.ok) throw new Error(r.error.message);
    expect(new URLSearchParams(r.value.body).getAll('resource')).toEqual(['https://cal.example.com/', 'https://contacts.example.com/']);
    expect(r.value.params.resource).toBe('https://cal.example.com/ https://contacts.example.com/');
  });

  it('puts a DPoP proof in the DPoP header (RFC 9449 5)', () => {
    const r = authorizationCodeRequest({ ...input, dpopProof: 'eyJ0eXAiOiJkcG9wK2p3dCJ9.e30.c2ln' });
    expect(r.ok && r.value.headers.DPoP).toBe('eyJ0eXAiOiJkcG9wK2p3dCJ9.e30.c2ln');
  });

  it.each([
    ['an empty code', { code: '' }, 'missing-param', 'the authorization code is empty'],
    ['an extra client_secret', { extra: { client_secret: 'x' } }, 'duplicate-param', 'client_secret is set by the request itself, not as an extra parameter'],
    ['an extra client_assertion', { extra: { client_assertion: 'x' } }, 'duplicate-param', 'client_assertion is set by the request itself, not as an extra parameter'],
    ['an extra resource next to the list', { resource: ['https://a.example/'], extra: { resource: 'https://b.example/' } }, 'duplicate-param', 'resource is set by the request itself, not as an extra parameter'],
    ['an extra with no name', { extra: { '': 'x' } }, 'bad-param', 'an extra parameter has an empty name'],
    ['auth that sets code', { auth: { headers: {}, params: { code: 'x' } } }, 'duplicate-param', 'client authentication sets code, which the grant sets too'],
  ])('%s is a problem', (_what, over, code, message) => {
    expect(authorizationCodeRequest({ ...input, ...over })).toEqual({ ok: false, error: { code, message } });
  });
});

describe('buildTokenRequest', () => {
  it('leaves out empty and undefined values, and an empty extra', () => {
    const r = buildTokenRequest({ tokenEndpoint: 'https://as.example/token', extra: { a: '', b: '1' } }, [['grant_type', 'x'], ['scope', ''], ['y', undefined]]);
    expect(r.ok && [r.value.body, r.value.params]).toEqual(['grant_type=x&b=1', { grant_type: 'x', b: '1' }]);
  });

  it('refuses an extra named like a core parameter the grant left unset', () => {
    const r = buildTokenRequest({ tokenEndpoint: 'https://as.example/token', extra: { scope: 'x' } }, [['grant_type', 'x']], [], ['scope']);
    expect(r).toMatchObject({ ok: false, error: { code: 'duplicate-param' } });
  });
});
