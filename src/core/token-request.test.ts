import { describe, expect, it } from 'vitest';
import { authorizationCodeTokenRequest } from './token-request';

// RFC 6749 4.1.3 example, with the RFC 7636 appendix B verifier.
const input = {
  tokenEndpoint: 'https://server.example.com/token',
  code: 'SplxlOBeZQQYbYS6WxSbIA',
  redirectUri: 'https://client.example.com/cb',
  clientId: 's6BhdRkqt3',
  codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
};

describe('authorizationCodeTokenRequest', () => {
  it('builds the RFC 6749 4.1.3 request for a public client with PKCE', () => {
    expect(authorizationCodeTokenRequest(input)).toEqual({
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
    const { headers } = authorizationCodeTokenRequest(input);
    expect(Object.keys(headers).map((h) => h.toLowerCase())).not.toContain('authorization');
  });

  it('leaves out a missing verifier and adds extras after the core parameters', () => {
    const r = authorizationCodeTokenRequest({ ...input, codeVerifier: undefined, extra: { resource: 'https://api.example.com/' } });
    expect(Object.keys(r.params)).toEqual(['grant_type', 'code', 'redirect_uri', 'client_id', 'resource']);
    expect(new URLSearchParams(r.body).get('resource')).toBe('https://api.example.com/');
  });

  it('encodes values so they round-trip', () => {
    const r = authorizationCodeTokenRequest({ ...input, code: 'a+b/c=d&e f' });
    expect(new URLSearchParams(r.body).get('code')).toBe('a+b/c=d&e f');
  });

  it.each(['code', 'client_id', 'grant_type', 'redirect_uri', 'code_verifier'])('refuses an extra %s', (name) => {
    expect(() => authorizationCodeTokenRequest({ ...input, extra: { [name]: 'x' } })).toThrow(TypeError);
  });
});
