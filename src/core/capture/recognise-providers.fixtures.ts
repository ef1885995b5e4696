/**
 * Requests as well-known providers' clients send them, after each provider's documentation
 * (Google, Microsoft identity platform, Auth0 with auth0-spa-js, Okta, Keycloak with keycloak-js,
 * GitHub), none with a `known` map: these are the heuristics on their own.
 */
import { formData, obs, type Row } from './recognise.fixtures';

const APP = 'https://app.example.com';
const MS_CLIENT = '6731de76-14a6-49ae-97bc-6eba6914391e';
const AUTH0 = 'https://dev-x1y2z3.us.auth0.com';
const OKTA = 'https://dev-123456.okta.com/oauth2/default';
const KC = 'https://sso.example.com/realms/demo/protocol/openid-connect';
const PKCE = 'code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256';

const call = (name: string, method: string, url: string, c: string, extra = {}): Row => ({
  name,
  req: obs(method, url, { frame: 'fetch', ...extra }),
  expected: { kind: 'provider-call', call: c, endpoint: url.split('?')[0] },
});

export const PROVIDER_ROWS: Row[] = [
  // Google
  {
    name: 'Google: authorization request',
    req: obs('GET', `https://accounts.google.com/o/oauth2/v2/auth?client_id=1234567890-abc123def456.apps.googleusercontent.com&redirect_uri=https%3A%2F%2Fapp.example.com%2Fauth%2Fgoogle%2Fcallback&response_type=code&scope=openid%20email%20profile&state=af0ifjsldkj&access_type=offline&prompt=consent&${PKCE}`),
    expected: { kind: 'authorization-request', endpoint: 'https://accounts.google.com/o/oauth2/v2/auth', params: { access_type: 'offline', scope: 'openid email profile' } },
  },
  {
    name: 'Google: callback with scope and authuser',
    req: obs('GET', `${APP}/auth/google/callback?state=af0ifjsldkj&code=4%2F0AeanS0b7Yq1xkTt2tyQ0nHc9sJcB8fG2aLwz5vE3pR6uWmKd&scope=email+profile+openid+https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fuserinfo.email&authuser=0&prompt=consent`),
    expected: { kind: 'callback', redirectUri: `${APP}/auth/google/callback`, params: { code: '4/0AeanS0b7Yq1xkTt2tyQ0nHc9sJcB8fG2aLwz5vE3pR6uWmKd', authuser: '0' } },
  },
  {
    name: 'Google: token request',
    req: obs('POST', 'https://oauth2.googleapis.com/token', { frame: 'fetch', form: formData('code=4%2F0AeanS0b7Yq1xkTt2tyQ0nHc9sJcB8fG2aLwz5vE3pR6uWmKd&client_id=1234567890-abc123def456.apps.googleusercontent.com&client_secret=GOCSPX-abcdefghijklmnopqrstuvwx&redirect_uri=https%3A%2F%2Fapp.example.com%2Fauth%2Fgoogle%2Fcallback&grant_type=authorization_code') }),
    expected: { kind: 'token-request', endpoint: 'https://oauth2.googleapis.com/token', grantType: 'authorization_code' },
  },
  call('Google: revoke, token in the query', 'POST', 'https://oauth2.googleapis.com/revoke?token=ya29.a0AfB_byC1x2y3z4', 'revocation', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
  call('Google: device code', 'POST', 'https://oauth2.googleapis.com/device/code', 'device-authorization', { form: formData('client_id=1234567890-abc123def456.apps.googleusercontent.com&scope=email%20profile') }),
  call('Google: certs', 'GET', 'https://www.googleapis.com/oauth2/v3/certs', 'jwks'),
  call('Google: userinfo', 'GET', 'https://openidconnect.googleapis.com/v1/userinfo', 'userinfo'),
  call('Google: discovery', 'GET', 'https://accounts.google.com/.well-known/openid-configuration', 'discovery'),
  // Microsoft identity platform v2.0
  {
    name: 'Microsoft: authorization request',
    req: obs('GET', `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=${MS_CLIENT}&response_type=code&redirect_uri=http%3A%2F%2Flocalhost%2Fmyapp%2F&response_mode=query&scope=openid%20offline_access%20https%3A%2F%2Fgraph.microsoft.com%2Fmail.read&state=12345&${PKCE}`),
    expected: { kind: 'authorization-request', endpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize' },
  },
  {
    name: 'Microsoft: callback on a localhost redirect URI',
    req: obs('GET', 'http://localhost/myapp/?code=AwABAAAAvPM1KaPlrEqdFSBzjqfTGBCmLdgfSTLEMPGYuNHSUYBrq&state=12345'),
    expected: { kind: 'callback', redirectUri: 'http://localhost/myapp/', source: 'query' },
  },
  {
    name: 'Microsoft: form_post to ASP.NET /signin-oidc with session_state',
    req: obs('POST', `${APP}/signin-oidc`, { form: formData('code=0.AXoA8lN2nYw&id_token=eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln&state=CfDJ8Hx2&session_state=7d3f0c1e-6b5a-4d2c-9e8f-1a2b3c4d5e6f') }),
    expected: { kind: 'callback', source: 'form_post', params: { session_state: '7d3f0c1e-6b5a-4d2c-9e8f-1a2b3c4d5e6f' } },
  },
  {
    name: 'Microsoft: token request from a SPA',
    req: obs('POST', 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token', { frame: 'fetch', via: 'page-script', bodyText: `client_id=${MS_CLIENT}&scope=https%3A%2F%2Fgraph.microsoft.com%2Fmail.read&code=OAAABAAAAiL9Kn2Z27UubvWFPbm0gLWQJVzCTE9UkP3pSx1aXxUjq3n8b2JRLk4OxVXr&redirect_uri=http%3A%2F%2Flocalhost%2Fmyapp%2F&grant_type=authorization_code&code_verifier=ThisIsntRandomButItNeedsToBe43CharactersLong` }),
    expected: { kind: 'token-request', grantType: 'authorization_code', params: { code_verifier: 'ThisIsntRandomButItNeedsToBe43CharactersLong' } },
  },
  call('Microsoft: device code', 'POST', 'https://login.microsoftonline.com/common/oauth2/v2.0/devicecode', 'device-authorization', { form: formData(`client_id=${MS_CLIENT}&scope=user.read%20openid%20profile`) }),
  call('Microsoft: keys', 'GET', 'https://login.microsoftonline.com/common/discovery/v2.0/keys', 'jwks'),
  call('Microsoft: discovery, issuer path first', 'GET', 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration', 'discovery'),
  call('Microsoft Graph: OIDC userinfo', 'GET', 'https://graph.microsoft.com/oidc/userinfo', 'userinfo'),
  // Auth0 (auth0-spa-js)
  {
    name: 'Auth0: authorization request with audience and auth0Client',
    req: obs('GET', `${AUTH0}/authorize?client_id=Xn6Fd1tT8qY2w0Y8Yq3S9tUZxJQ2r4Kp&scope=openid+profile+email+offline_access&redirect_uri=https%3A%2F%2Fapp.example.com&audience=https%3A%2F%2Fapi.example.com&response_type=code&response_mode=query&state=bTJHdlJ0cmVYTGhB&nonce=ZmV4T1BxQUVvWnhB&${PKCE}&auth0Client=eyJuYW1lIjoiYXV0aDAtc3BhLWpzIiwidmVyc2lvbiI6IjIuMS4zIn0%3D`),
    expected: { kind: 'authorization-request', endpoint: `${AUTH0}/authorize`, params: { audience: 'https://api.example.com' } },
  },
  {
    name: 'Auth0: silent authentication in an iframe (prompt=none, web_message)',
    req: obs('GET', `${AUTH0}/authorize?client_id=Xn6Fd1tT8qY2w0Y8Yq3S9tUZxJQ2r4Kp&redirect_uri=https%3A%2F%2Fapp.example.com&response_type=code&response_mode=web_message&prompt=none&state=c1d2&${PKCE}`, { frame: 'sub' }),
    expected: { kind: 'authorization-request', params: { prompt: 'none' } },
  },
  { name: 'Auth0: callback at the site root', req: obs('GET', `${APP}/?code=Hx6LdW0Ejc8Ykq5nS0tbK0XyXKvGmvR-eMUd8H6ETyPqz&state=bTJHdlJ0cmVYTGhB`), expected: { kind: 'callback', redirectUri: `${APP}/` } },
  {
    name: 'Auth0: token request as JSON',
    req: obs('POST', `${AUTH0}/oauth/token`, { frame: 'fetch', via: 'page-script', bodyText: '{"client_id":"Xn6Fd1tT8qY2w0Y8Yq3S9tUZxJQ2r4Kp","code_verifier":"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk","grant_type":"authorization_code","code":"Hx6LdW0Ejc8Ykq5nS0tbK0XyXKvGmvR-eMUd8H6ETyPqz","redirect_uri":"https://app.example.com"}' }),
    expected: { kind: 'token-request', endpoint: `${AUTH0}/oauth/token`, format: 'json', grantType: 'authorization_code' },
  },
  call('Auth0: revoke as JSON', 'POST', `${AUTH0}/oauth/revoke`, 'revocation', { bodyText: '{"client_id":"Xn6Fd1tT8qY2w0Y8Yq3S9tUZxJQ2r4Kp","token":"v1.MRrT0Ha6Ye1Ij8Qv"}' }),
  call('Auth0: JWKS', 'GET', `${AUTH0}/.well-known/jwks.json`, 'jwks'),
  call('Auth0: userinfo', 'GET', `${AUTH0}/userinfo`, 'userinfo'),
  // Okta
  {
    name: 'Okta: authorization request',
    req: obs('GET', `${OKTA}/v1/authorize?client_id=0oa1a2b3c4d5e6f7g8h9&response_type=code&scope=openid%20profile&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Flogin%2Fcallback&state=WM6D&${PKCE}`),
    expected: { kind: 'authorization-request', endpoint: `${OKTA}/v1/authorize` },
  },
  { name: 'Okta: callback', req: obs('GET', 'http://localhost:8080/login/callback?code=P5I7mdxxdv13_JfXrCSq&state=WM6D'), expected: { kind: 'callback' } },
  call('Okta: keys', 'GET', `${OKTA}/v1/keys`, 'jwks'),
  call('Okta: introspect', 'POST', `${OKTA}/v1/introspect`, 'introspection', { form: formData('token=eyJraWQiOiJ4In0.e30.c2ln&token_type_hint=access_token&client_id=0oa1a2b3c4d5e6f7g8h9') }),
  call('Okta: device authorize', 'POST', `${OKTA}/v1/device/authorize`, 'device-authorization', { form: formData('client_id=0oa1a2b3c4d5e6f7g8h9&scope=openid%20profile%20offline_access') }),
  call('Okta: PAR', 'POST', `${OKTA}/v1/par`, 'par', { form: formData(`client_id=0oa1a2b3c4d5e6f7g8h9&response_type=code&scope=openid&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Flogin%2Fcallback&state=WM6D&${PKCE}`) }),
  call('Okta: RFC 8414 metadata, issuer path first', 'GET', `${OKTA}/.well-known/oauth-authorization-server`, 'discovery'),
  call('RFC 8414 3.1: metadata with the well-known segment inserted', 'GET', 'https://example.com/.well-known/oauth-authorization-server/issuer1', 'discovery'),
  // Keycloak (keycloak-js)
  {
    name: 'Keycloak: authorization request, response_mode=fragment',
    req: obs('GET', `${KC}/auth?client_id=web-app&redirect_uri=https%3A%2F%2Fapp.example.com%2F&state=9a2c7d4e-1b3f-4a5c-8d6e-0f1a2b3c4d5e&response_mode=fragment&response_type=code&scope=openid&nonce=f3e2d1c0-b9a8-4765-8432-10fedcba9876&${PKCE}`),
    expected: { kind: 'authorization-request', endpoint: `${KC}/auth`, params: { response_mode: 'fragment' } },
  },
  {
    name: 'Keycloak: callback in the fragment with session_state and iss',
    req: obs('GET', `${APP}/#state=9a2c7d4e-1b3f-4a5c-8d6e-0f1a2b3c4d5e&session_state=2d4e6f80-1a3b-4c5d-9e7f-8a9b0c1d2e3f&iss=https%3A%2F%2Fsso.example.com%2Frealms%2Fdemo&code=3f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b.2d4e6f80-1a3b.7c8d9e0f`),
    expected: { kind: 'callback', source: 'fragment', params: { iss: 'https://sso.example.com/realms/demo' } },
  },
  { name: 'Keycloak: token request', req: obs('POST', `${KC}/token`, { frame: 'fetch', form: formData('code=3f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b.2d4e6f80-1a3b.7c8d9e0f&grant_type=authorization_code&client_id=web-app&redirect_uri=https%3A%2F%2Fapp.example.com%2F&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk') }), expected: { kind: 'token-request', endpoint: `${KC}/token` } },
  call('Keycloak: certs', 'GET', `${KC}/certs`, 'jwks'),
  call('Keycloak: userinfo', 'GET', `${KC}/userinfo`, 'userinfo'),
  call('Keycloak: introspect', 'POST', `${KC}/token/introspect`, 'introspection', { form: formData('token=eyJhbGciOiJSUzI1NiJ9.e30.c2ln&client_id=api&client_secret=s3cr3t') }),
  call('Keycloak: revoke', 'POST', `${KC}/revoke`, 'revocation', { form: formData('token=eyJhbGciOiJIUzUxMiJ9.e30.c2ln&token_type_hint=refresh_token&client_id=web-app') }),
  call('Keycloak: device', 'POST', `${KC}/auth/device`, 'device-authorization', { form: formData('client_id=tv-app') }),
  call('Keycloak: PAR', 'POST', `${KC}/ext/par/request`, 'par', { form: formData(`client_id=web-app&response_type=code&redirect_uri=https%3A%2F%2Fapp.example.com%2F&${PKCE}`) }),
  // GitHub: no response_type at authorize, no grant_type in the code exchange.
  {
    name: 'GitHub: authorization request without response_type',
    req: obs('GET', 'https://github.com/login/oauth/authorize?client_id=Iv1.8a61f9b3a7aba766&redirect_uri=https%3A%2F%2Fapp.example.com%2Fauth%2Fgithub%2Fcallback&scope=read%3Auser&state=e8d1b2c3a4'),
    expected: { kind: 'authorization-request', endpoint: 'https://github.com/login/oauth/authorize', params: { scope: 'read:user' } },
  },
  { name: 'GitHub: callback', req: obs('GET', `${APP}/auth/github/callback?code=d8f4a2b1c0e9f7a6b5c4&state=e8d1b2c3a4`), expected: { kind: 'callback', params: { code: 'd8f4a2b1c0e9f7a6b5c4' } } },
  {
    name: 'GitHub: code exchange without grant_type',
    req: obs('POST', 'https://github.com/login/oauth/access_token', { frame: 'fetch', headers: { accept: 'application/json' }, form: formData('client_id=Iv1.8a61f9b3a7aba766&client_secret=1f2e3d4c5b6a79880f1e2d3c4b5a69788f7e6d5c&code=d8f4a2b1c0e9f7a6b5c4&redirect_uri=https%3A%2F%2Fapp.example.com%2Fauth%2Fgithub%2Fcallback') }),
    expected: { kind: 'token-request', endpoint: 'https://github.com/login/oauth/access_token', grantType: '', params: { code: 'd8f4a2b1c0e9f7a6b5c4' } },
  },
  call('GitHub: device code', 'POST', 'https://github.com/login/device/code', 'device-authorization', { form: formData('client_id=Iv1.8a61f9b3a7aba766&scope=repo') }),
  {
    name: 'GitHub: device poll',
    req: obs('POST', 'https://github.com/login/oauth/access_token', { frame: 'fetch', form: formData('client_id=Iv1.8a61f9b3a7aba766&device_code=3584d83530557fdd1f46af8289938c8ef79f9dc5&grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code') }),
    expected: { kind: 'token-request', grantType: 'urn:ietf:params:oauth:grant-type:device_code' },
  },
];
