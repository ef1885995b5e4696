import { describe, expect, it } from 'vitest';
import { buildAuthorizationUrl, withQuery, type AuthorizationRequestInput } from './authorize';

const base: AuthorizationRequestInput = {
  authorizationEndpoint: 'https://server.example.com/authorize',
  clientId: 's6BhdRkqt3',
  redirectUri: 'https://client.example.org/cb',
  scope: 'openid profile',
};

const build = (over: Partial<AuthorizationRequestInput>) => buildAuthorizationUrl({ ...base, ...over });

describe('buildAuthorizationUrl', () => {
  it('builds the OIDC Core 3.1.2.1 example request, in a stable order', () => {
    const r = build({
      state: 'af0ifjsldkj',
      nonce: 'n-0S6_WzA2Mj',
      codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      codeChallengeMethod: 'S256',
      prompt: 'login',
      responseMode: 'query',
      extra: { login_hint: 'alice@example.com' },
    });
    expect(r).toEqual({
      ok: true,
      value: {
        url:
          'https://server.example.com/authorize?response_type=code&client_id=s6BhdRkqt3' +
          '&redirect_uri=https%3A%2F%2Fclient.example.org%2Fcb&scope=openid+profile&state=af0ifjsldkj' +
          '&nonce=n-0S6_WzA2Mj&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM' +
          '&code_challenge_method=S256&response_mode=query&prompt=login&login_hint=alice%40example.com',
        params: {
          response_type: 'code',
          client_id: 's6BhdRkqt3',
          redirect_uri: 'https://client.example.org/cb',
          scope: 'openid profile',
          state: 'af0ifjsldkj',
          nonce: 'n-0S6_WzA2Mj',
          code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
          code_challenge_method: 'S256',
          response_mode: 'query',
          prompt: 'login',
          login_hint: 'alice@example.com',
        },
      },
    });
  });

  it('omits empty and undefined optional parameters', () => {
    const r = build({ scope: '', state: '', nonce: undefined, responseType: '', extra: { ui_locales: '' } });
    expect(r.ok && r.value.url).toBe(
      'https://server.example.com/authorize?response_type=code&client_id=s6BhdRkqt3&redirect_uri=https%3A%2F%2Fclient.example.org%2Fcb',
    );
  });

  it.each([
    ['https://server.example.com/authorize?tenant=a%20b', 'https://server.example.com/authorize?tenant=a%20b&response_type='],
    ['https://server.example.com/authorize?', 'https://server.example.com/authorize?response_type='],
    ['https://server.example.com/authorize?x=1&', 'https://server.example.com/authorize?x=1&response_type='],
    ['https://server.example.com/oauth2/v2.0/authorize?p=B2C_1_signin', 'https://server.example.com/oauth2/v2.0/authorize?p=B2C_1_signin&response_type='],
  ])('keeps the endpoint query %s byte for byte (RFC 6749 3.1)', (endpoint, prefix) => {
    const r = build({ authorizationEndpoint: endpoint, responseType: 'code id_token' });
    expect(r.ok && r.value.url.startsWith(`${prefix}code+id_token&`)).toBe(true);
  });

  it('keeps a custom-scheme redirect URI (RFC 8252 7.1)', () => {
    const r = build({ redirectUri: 'com.example.app:/oauth2redirect' });
    expect(r.ok && r.value.params.redirect_uri).toBe('com.example.app:/oauth2redirect');
  });

  it.each([
    [{ authorizationEndpoint: 'https://server.example.com/authorize#frag' }, 'bad-endpoint', 'fragment'],
    [{ authorizationEndpoint: 'javascript:alert(1)' }, 'bad-endpoint', 'javascript:'],
    [{ authorizationEndpoint: '/authorize' }, 'bad-endpoint', 'not an absolute URL'],
    [{ authorizationEndpoint: 'https://server.example.com/authorize?client_id=other' }, 'duplicate-param', 'client_id'],
    [{ authorizationEndpoint: 'https://server.example.com/authorize?login_hint=a', extra: { login_hint: 'b' } }, 'duplicate-param', 'login_hint'],
    [{ extra: { state: 'evil' } }, 'duplicate-param', 'state is set through its own field'],
    [{ extra: { redirect_uri: 'https://evil.example/cb' } }, 'duplicate-param', 'redirect_uri'],
    [{ extra: { '': 'x' } }, 'bad-param', 'empty name'],
    [{ clientId: '' }, 'missing-param', 'client_id'],
    [{ redirectUri: '' }, 'missing-param', 'redirect_uri'],
    [{ redirectUri: '/cb' }, 'bad-redirect-uri', 'absolute'],
    [{ redirectUri: 'https://client.example.org/cb#x' }, 'bad-redirect-uri', 'fragment'],
  ] as const)('%j -> %s', (over, code, words) => {
    const r = build(over as Partial<AuthorizationRequestInput>);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message).toContain(words);
    }
  });

  it('round-trips every value through URL parsing', () => {
    const r = build({ state: 'a+b/c=d&e', extra: { claims: '{"id_token":{"acr":{"essential":true}}}' } });
    expect(r.ok).toBe(true);
    if (r.ok) {
      const q = new URL(r.value.url).searchParams;
      expect(q.get('state')).toBe('a+b/c=d&e');
      expect(q.get('claims')).toBe('{"id_token":{"acr":{"essential":true}}}');
      expect(q.get('scope')).toBe('openid profile');
    }
  });
});

describe('buildAuthorizationUrl: repeated parameters (RFC 8707 2)', () => {
  it('sends each resource on its own and shows them joined by a space', () => {
    const r = build({ repeated: { resource: ['https://cal.example.com/', 'https://contacts.example.com/'] } });
    if (!r.ok) throw new Error(r.error.message);
    expect(new URL(r.value.url).searchParams.getAll('resource')).toEqual(['https://cal.example.com/', 'https://contacts.example.com/']);
    expect(r.value.params.resource).toBe('https://cal.example.com/ https://contacts.example.com/');
  });

  it.each([
    [{ repeated: { scope: ['a', 'b'] } }, 'scope cannot be sent as a repeated parameter here'],
    [{ extra: { resource: 'x' }, repeated: { resource: ['y'] } }, 'resource cannot be sent as a repeated parameter here'],
    [{ repeated: { '': ['y'] } }, 'a parameter with no name cannot be sent as a repeated parameter here'],
  ])('%j is refused', (over, message) => {
    expect(build(over)).toEqual({ ok: false, error: { code: 'duplicate-param', message } });
  });
});

describe('withQuery', () => {
  it.each([
    ['https://as.example/authorize', 'https://as.example/authorize?client_id=c&request_uri=urn%3Ax'],
    ['https://as.example/authorize?tenant=a+b', 'https://as.example/authorize?tenant=a+b&client_id=c&request_uri=urn%3Ax'],
    ['https://as.example/authorize?', 'https://as.example/authorize?client_id=c&request_uri=urn%3Ax'],
  ])('%s', (endpoint, url) => {
    expect(withQuery(endpoint, [['client_id', 'c'], ['request_uri', 'urn:x']])).toEqual({ ok: true, value: url });
  });

  it.each([
    ['https://as.example/authorize?client_id=x', 'duplicate-param'],
    ['https://as.example/authorize#f', 'bad-endpoint'],
    ['/authorize', 'bad-endpoint'],
  ])('%s is a problem', (endpoint, code) => {
    expect(withQuery(endpoint, [['client_id', 'c']])).toMatchObject({ ok: false, error: { code } });
  });
});
