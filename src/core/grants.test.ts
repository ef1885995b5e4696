import { describe, expect, it } from 'vitest';
import { basicAuthorization, type AuthParts } from './client-auth';
import {
  clientCredentialsTokenRequest,
  DEVICE_CODE_GRANT,
  deviceCodeTokenRequest,
  passwordGrantFinding,
  passwordTokenRequest,
  refreshTokenRequest,
  scopesAdded,
} from './grants';

const tokenEndpoint = 'https://server.example.com/token';
// The confidential client of RFC 6749's examples: s6BhdRkqt3 / gX1fBat3bV.
const basic: AuthParts = { headers: { Authorization: basicAuthorization('s6BhdRkqt3', 'gX1fBat3bV') }, params: {} };
const HEADERS = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', Authorization: 'Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW' };

describe('the RFC examples, byte for byte', () => {
  it.each([
    ['client credentials, RFC 6749 4.4.2', clientCredentialsTokenRequest({ tokenEndpoint, auth: basic }), 'grant_type=client_credentials'],
    ['password, RFC 6749 4.3.2', passwordTokenRequest({ tokenEndpoint, auth: basic, username: 'johndoe', password: 'A3ddj3w' }), 'grant_type=password&username=johndoe&password=A3ddj3w'],
    ['refresh, RFC 6749 6', refreshTokenRequest({ tokenEndpoint, auth: basic, refreshToken: 'tGzv3JOkF0XG5Qx2TlKWIA' }), 'grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA'],
  ])('%s', (_what, r, body) => {
    expect(r.ok && r.value).toEqual({ url: tokenEndpoint, method: 'POST', headers: HEADERS, body, params: Object.fromEntries(new URLSearchParams(body)) });
  });

  it('device code polling, RFC 8628 3.4, a public client', () => {
    const r = deviceCodeTokenRequest({ tokenEndpoint, clientId: '1406020730', deviceCode: 'GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS' });
    expect(r.ok && r.value.body).toBe(
      'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS&client_id=1406020730',
    );
    expect(r.ok && r.value.params.grant_type).toBe(DEVICE_CODE_GRANT);
    expect(r.ok && Object.keys(r.value.headers)).toEqual(['Content-Type', 'Accept']);
  });
});

describe('optional parameters', () => {
  it.each([
    ['client credentials with scope and resources', clientCredentialsTokenRequest({ tokenEndpoint, auth: basic, scope: 'read write', resource: ['https://a.example/', 'https://b.example/'] }),
      'grant_type=client_credentials&scope=read+write&resource=https%3A%2F%2Fa.example%2F&resource=https%3A%2F%2Fb.example%2F'],
    ['refresh narrowed to one scope, public client', refreshTokenRequest({ tokenEndpoint, clientId: 'spa', refreshToken: 'rt', scope: 'openid' }),
      'grant_type=refresh_token&refresh_token=rt&scope=openid&client_id=spa'],
    ['password with client_secret_post', passwordTokenRequest({ tokenEndpoint, auth: { headers: {}, params: { client_id: 'c', client_secret: 's' } }, username: 'u', password: 'p w', scope: 'openid' }),
      'grant_type=password&username=u&password=p+w&scope=openid&client_id=c&client_secret=s'],
    ['extras after everything', clientCredentialsTokenRequest({ tokenEndpoint, auth: basic, extra: { audience: 'https://api.example' } }),
      'grant_type=client_credentials&audience=https%3A%2F%2Fapi.example'],
  ])('%s', (_what, r, body) => {
    expect(r.ok && r.value.body).toBe(body);
  });
});

describe('broken input is a problem, never a request', () => {
  it.each([
    ['no username', passwordTokenRequest({ tokenEndpoint, username: '', password: 'p' }), 'missing-param', 'username is empty'],
    ['no password', passwordTokenRequest({ tokenEndpoint, username: 'u', password: '' }), 'missing-param', 'password is empty'],
    ['no refresh token', refreshTokenRequest({ tokenEndpoint, refreshToken: '' }), 'missing-param', 'refresh_token is empty'],
    ['no device code', deviceCodeTokenRequest({ tokenEndpoint, deviceCode: '' }), 'missing-param', 'device_code is empty'],
    ['an extra scope', clientCredentialsTokenRequest({ tokenEndpoint, extra: { scope: 'x' } }), 'duplicate-param', 'scope is set by the request itself, not as an extra parameter'],
    ['an extra grant_type', refreshTokenRequest({ tokenEndpoint, refreshToken: 'rt', extra: { grant_type: 'password' } }), 'duplicate-param', 'grant_type is set by the request itself, not as an extra parameter'],
    ['an extra refresh_token', refreshTokenRequest({ tokenEndpoint, refreshToken: 'rt', extra: { refresh_token: 'other' } }), 'duplicate-param', 'refresh_token is set by the request itself, not as an extra parameter'],
  ])('%s', (_what, r, code, message) => {
    expect(r).toEqual({ ok: false, error: { code, message } });
  });
});

describe('scopesAdded (RFC 6749 6: a refresh may only narrow)', () => {
  it.each([
    ['openid', 'openid profile offline_access', []],
    ['openid  profile', 'openid profile', []],
    ['openid email', 'openid profile', ['email']],
    ['admin', '', ['admin']],
    ['', 'openid', []],
  ])('%j of %j adds %j', (requested, granted, added) => {
    expect(scopesAdded(requested, granted)).toEqual(added);
  });
});

it('the password grant is an error finding (RFC 9700 2.4)', () => {
  expect(passwordGrantFinding()).toMatchObject({ id: 'grant.password', status: 'fail', severity: 'error', clause: 'RFC 9700 2.4' });
});
