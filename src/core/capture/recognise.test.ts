import { describe, expect, it } from 'vitest';
import { discoveryEndpoints, recognise } from './recognise';
import { DEMO_DISCOVERY, DEMO_ROWS, formData, obs } from './recognise.fixtures';
import { PROVIDER_ROWS } from './recognise-providers.fixtures';
import type { ObservedRequest } from './types';

const APP = 'https://app.example.com';

describe('recognise: real OAuth requests', () => {
  it.each([...DEMO_ROWS, ...PROVIDER_ROWS].map((r) => [r.name, r] as const))('%s', (_name, row) => {
    expect(recognise(row.req, row.known)).toMatchObject(row.expected);
  });

  it('gives a whole callback, exactly', () => {
    expect(recognise(obs('GET', `${APP}/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz&state=abc#iss=https%3A%2F%2Fas.example`))).toEqual({
      kind: 'callback',
      redirectUri: `${APP}/cb`,
      params: { code: 'SplxlOBeZQQYbYS6WxSbIA', state: 'xyz', iss: 'https://as.example' },
      source: 'both',
      duplicates: ['state'],
    });
  });

  it('lists repeated authorization request parameters (RFC 6749 3.1)', () => {
    const r = recognise(obs('GET', 'https://as.example/authorize?response_type=code&client_id=s6BhdRkqt3&scope=openid&scope=email&state=a'));
    expect(r).toEqual({ kind: 'authorization-request', endpoint: 'https://as.example/authorize', params: { response_type: 'code', client_id: 's6BhdRkqt3', scope: 'openid', state: 'a' }, duplicates: ['scope'] });
  });

  it('counts a name in both the query and the POST body as repeated', () => {
    const r = recognise(obs('POST', 'https://as.example/authorize?client_id=s6BhdRkqt3', { form: formData('client_id=s6BhdRkqt3&response_type=code&scope=openid') }));
    expect(r).toMatchObject({ kind: 'authorization-request', duplicates: ['client_id'] });
  });
});

describe('recognise: the callback rules', () => {
  it.each([
    ['main frame, code + state', obs('GET', `${APP}/?code=abcDEF123_-xyz&state=s1`), 'callback'],
    ['fetch, code + state (a SPA forwarding its callback)', obs('GET', `${APP}/api/auth/callback?code=abcDEF123_-xyz&state=s1`, { frame: 'fetch' }), 'callback'],
    ['fetch, code + iss, no state', obs('GET', `${APP}/cb?code=abcDEF123_-xyz&iss=https%3A%2F%2Fas.example`, { frame: 'fetch' }), 'callback'],
    ['fetch, bare code: a lookup, not a callback', obs('GET', `${APP}/api/auth/callback?code=abcDEF123_-xyz`, { frame: 'fetch' }), null],
    ['main frame, bare code on a callback path', obs('GET', `${APP}/oauth2/callback?code=abcDEF123_-xyz`), 'callback'],
    ['main frame, bare code on /login', obs('GET', `${APP}/login?code=abcDEF123_-xyz`), 'callback'],
    ['main frame, bare code with session_state', obs('GET', `${APP}/home?code=abcDEF123_-xyz&session_state=f1e2d3`), 'callback'],
    ['main frame, bare code on an ordinary path (a promo code)', obs('GET', 'https://shop.example.com/cart?code=SUMMER24'), null],
    ['main frame, bare six-digit code on /login (a one-time passcode)', obs('GET', `${APP}/login?code=123456`), null],
    ['iframe, code + state (silent renew)', obs('GET', `${APP}/silent-renew.html?code=abcDEF123_-xyz&state=s1`, { frame: 'sub' }), 'callback'],
    ['registered error code, no state', obs('GET', `${APP}/?error=access_denied&error_description=User+cancelled`), 'callback'],
    ['OIDC error login_required, no state', obs('GET', `${APP}/silent?error=login_required`, { frame: 'sub' }), 'callback'],
    ['unregistered error with state', obs('GET', `${APP}/cb?error=org_blocked&state=s1`), 'callback'],
    ['unregistered error, no state', obs('GET', `${APP}/upload?error=file_too_large`), null],
    ['access_token in a fetch query: an RFC 6750 2.3 API call', obs('GET', 'https://graph.facebook.com/v19.0/me?fields=id,name&access_token=EAAGm0PX4ZCpsBAKZC', { frame: 'fetch' }), null],
    ['Google tokeninfo by fetch', obs('GET', 'https://oauth2.googleapis.com/tokeninfo?id_token=eyJhbGciOiJSUzI1NiJ9.e30.c2ln', { frame: 'fetch' }), null],
    ['access_token in a page fragment', obs('GET', `${APP}/#access_token=2YotnFZFEjr1zKsicMWpAA&token_type=example&expires_in=3600`), 'callback'],
    ['a request is not a response: response_type', obs('GET', `${APP}/cb?code=abc&state=s&response_type=code`), null],
    ['a GET token call is not a callback', obs('GET', 'https://graph.facebook.com/v19.0/oauth/access_token?client_id=1&redirect_uri=https%3A%2F%2Fapp.example.com%2F&client_secret=s&code=AQD7x', { frame: 'fetch' }), null],
    ['form_post needs state or iss: a bare code is an MFA form', obs('POST', `${APP}/login/verify`, { form: formData('code=8f3a9b2c7d1e') }), null],
    ['form_post with a six-digit code and state is Auth0 MFA', obs('POST', 'https://dev-x1y2z3.us.auth0.com/u/mfa-otp-challenge?state=hKFo2SBDZ', { form: formData('state=hKFo2SBDZ&code=123456&action=default') }), null],
    ['a login form with state is not a callback', obs('POST', 'https://dev-x1y2z3.us.auth0.com/u/login?state=hKFo2SBDZ', { form: formData('state=hKFo2SBDZ&username=alice%40example.com&password=hunter2&action=default') }), null],
    ['form_post from a script is not a form post', obs('POST', `${APP}/cb`, { frame: 'fetch', form: formData('code=abcDEF123_-xyz&state=s1') }), null],
  ] as const)('%s', (_what, req, kind) => {
    const r = recognise(req);
    expect(r?.kind ?? null).toBe(kind);
  });
});

describe('recognise: ordinary traffic is nothing', () => {
  it.each([
    ['a page', obs('GET', 'https://www.example.com/about')],
    ['a search with ?state=', obs('GET', 'https://www.example.com/search?city=Portland&state=OR')],
    ['a postcode lookup', obs('GET', 'https://api.example.com/v1/lookup?code=94103', { frame: 'fetch' })],
    ['an image with a code parameter', obs('GET', 'https://cdn.example.com/img/hero.jpg?w=1200&code=a1b2c3', { frame: 'other' })],
    ['a site API at /api/me', obs('GET', `${APP}/api/me`, { frame: 'fetch' })],
    ['an API key list at /v2/keys', obs('GET', 'https://api.example.com/v2/keys', { frame: 'fetch' })],
    ['GA4 collect beacon', obs('POST', 'https://www.google-analytics.com/g/collect?v=2&tid=G-ABC123XYZ&cid=1234.5678&dl=https%3A%2F%2Fapp.example.com%2Fcb%3Fcode%3Dabc%26state%3Dxyz&en=page_view', { frame: 'other', bodyText: '' })],
    ['Segment track call', obs('POST', 'https://api.segment.io/v1/t', { frame: 'fetch', bodyText: '{"event":"Signed In","properties":{"method":"google"},"userId":"u_1","type":"track"}' })],
    ['a GraphQL mutation with a token variable', obs('POST', 'https://api.example.com/graphql', { frame: 'fetch', bodyText: '{"operationName":"Refresh","variables":{"token":"eyJhbGciOiJIUzI1NiJ9.e30.c2ln","grant_type":"x"},"query":"mutation Refresh($token: String!) { refresh(token: $token) { token } }"}' })],
    ['oidc-provider login form', obs('POST', 'http://127.0.0.1:9400/interaction/R6xOHi8GuJU6B8J_biz2Lt4ux8rL1wZZhN50rtxG8S3', { form: formData('prompt=login&login=alice&password=any-password') })],
    ['oidc-provider resuming the authorization', obs('GET', 'http://127.0.0.1:9400/auth/R6xOHi8GuJU6B8J_biz2Lt4ux8rL1wZZhN50rtxG8S3')],
    ['oidc-provider user code page', obs('GET', 'http://127.0.0.1:9400/device?user_code=GLCD-CCNV')],
    ['oidc-provider user code form', obs('POST', 'http://127.0.0.1:9400/device', { form: formData('xsrf=b934816fd51b90460d779e91cfb704fa3f2f00fb56438828&user_code=GLCD-CCNV') })],
    ['Keycloak login form (client_id in its query)', obs('POST', 'https://sso.example.com/realms/demo/login-actions/authenticate?session_code=Gx1&execution=6f0c&client_id=web-app&tab_id=xN2', { form: formData('username=alice&password=hunter2&credentialId=') })],
    ['Keycloak logout with id_token_hint', obs('GET', 'https://sso.example.com/realms/demo/protocol/openid-connect/logout?id_token_hint=eyJhbGciOiJSUzI1NiJ9.e30.c2ln&post_logout_redirect_uri=https%3A%2F%2Fapp.example.com%2F')],
    ['a CORS preflight to a token endpoint', obs('OPTIONS', 'https://oauth2.googleapis.com/token', { frame: 'fetch' })],
  ])('%s', (_what, req) => {
    expect(recognise(req)).toBeNull();
  });
});

describe('recognise: known endpoints win', () => {
  const known = discoveryEndpoints(DEMO_DISCOVERY);
  it.each([
    ['a GET to the token endpoint is no step', obs('GET', 'http://127.0.0.1:9400/token'), null],
    ['the authorization endpoint without any of its parameters', obs('GET', 'http://127.0.0.1:9400/auth?ui_locales=de'), null],
    ['jwks with a cache-buster', obs('GET', 'http://127.0.0.1:9400/jwks?t=1795684261', { frame: 'fetch' }), 'provider-call'],
    ['a POST form to /auth from a script is still the authorization endpoint', obs('POST', 'http://127.0.0.1:9400/auth', { frame: 'fetch', form: formData('client_id=c&response_type=code') }), 'authorization-request'],
  ] as const)('%s', (_what, req, kind) => {
    expect(recognise(req, known)?.kind ?? null).toBe(kind);
  });

  it('ignores inherited names in the map', () => {
    expect(recognise(obs('GET', `${APP}/constructor`), {})).toBeNull();
  });
});

describe('recognise: broken input never throws', () => {
  const big = 'x'.repeat(2 * 1024 * 1024);
  it.each([
    ['not a URL', obs('GET', 'not a url?code=a&state=b')],
    ['an empty URL', obs('GET', '')],
    ['javascript:', obs('GET', 'javascript:alert(1)//?code=a&state=b')],
    ['an extension page', obs('GET', 'chrome-extension://abcdefghijklmnop/cb.html?code=a&state=b')],
    ['ftp', obs('GET', 'ftp://files.example.com/?code=a&state=b')],
    ['no method', { ...obs('GET', `${APP}/?code=a&state=b`), method: undefined } as unknown as ObservedRequest],
    ['a binary body', obs('POST', 'https://as.example/token', { bodyText: '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000grant_type=x' })],
    ['a form with non-array values', obs('POST', 'https://as.example/token', { form: { grant_type: 'client_credentials' } as unknown as Record<string, string[]> })],
    ['a JSON array body', obs('POST', 'https://as.example/token', { bodyText: '[{"grant_type":"client_credentials"}]' })],
    ['a JSON null body', obs('POST', 'https://as.example/token', { bodyText: 'null' })],
    ['broken JSON', obs('POST', 'https://as.example/token', { bodyText: '{"grant_type":"client_credentials"' })],
    ['grant_type past the first 64 KB', obs('POST', 'https://as.example/token', { bodyText: `pad=${big}&grant_type=client_credentials` })],
    ['a 2 MB JSON body', obs('POST', 'https://as.example/token', { bodyText: `{"pad":"${big}","grant_type":"client_credentials"}` })],
    ['not an object', null as unknown as ObservedRequest],
  ])('%s', (_what, req) => {
    expect(recognise(req)).toBeNull();
  });

  it('still reads a huge body whose start is a token request', () => {
    const req = obs('POST', 'https://as.example/token', { bodyText: `grant_type=client_credentials&scope=a&pad=${big}` });
    expect(recognise(req)).toMatchObject({ kind: 'token-request', grantType: 'client_credentials', params: { scope: 'a' } });
  });

  it('reads a hand-built body with unescaped URLs', () => {
    const req = obs('POST', 'https://as.example/token', { frame: 'fetch', bodyText: 'grant_type=authorization_code&code=abc&redirect_uri=https://app.example.com/cb' });
    expect(recognise(req)).toMatchObject({ kind: 'token-request', params: { redirect_uri: 'https://app.example.com/cb' } });
  });
});

describe('discoveryEndpoints', () => {
  it('maps the demo provider document', () => {
    expect(discoveryEndpoints(DEMO_DISCOVERY)).toEqual({
      'http://127.0.0.1:9400/auth': 'authorization',
      'http://127.0.0.1:9400/token': 'token',
      'http://127.0.0.1:9400/jwks': 'jwks',
      'http://127.0.0.1:9400/me': 'userinfo',
      'http://127.0.0.1:9400/token/introspection': 'introspection',
      'http://127.0.0.1:9400/token/revocation': 'revocation',
      'http://127.0.0.1:9400/device/auth': 'device-authorization',
      'http://127.0.0.1:9400/request': 'par',
    });
  });

  it('normalises URLs, drops queries, and reads mTLS aliases (RFC 8705 5)', () => {
    const doc = {
      token_endpoint: 'HTTPS://Login.Example.COM:443/oauth2/token?api-version=2',
      mtls_endpoint_aliases: { token_endpoint: 'https://mtls.example.com/oauth2/token', userinfo_endpoint: 'https://mtls.example.com/userinfo' },
    };
    expect(discoveryEndpoints(doc)).toEqual({
      'https://login.example.com/oauth2/token': 'token',
      'https://mtls.example.com/oauth2/token': 'token',
      'https://mtls.example.com/userinfo': 'userinfo',
    });
  });

  it.each([
    ['null', null],
    ['a string', 'https://as.example/token'],
    ['an array', [{ token_endpoint: 'https://as.example/token' }]],
    ['non-string and non-http values', { token_endpoint: 42, jwks_uri: 'javascript:alert(1)', userinfo_endpoint: 'not a url', authorization_endpoint: 'urn:x', revocation_endpoint: ['https://as.example/r'] }],
    ['a __proto__ member', JSON.parse('{"__proto__":{"token_endpoint":"https://evil.example/token"}}')],
  ])('%s gives nothing', (_what, doc) => {
    expect(discoveryEndpoints(doc)).toEqual({});
  });
});
