/**
 * Real requests for the recogniser's tables (recognise.test.ts) and the prefilter's promise to let
 * every one of them through (prefilter.test.ts). The demo rows were recorded from the demo provider
 * (oidc-provider 9.13, test/provider/demo-provider.ts) driven through each flow, its port set to 9400.
 */
import { discoveryEndpoints } from './recognise';
import type { KnownEndpoints, ObservedRequest, Recognised } from './types';

export interface Row {
  name: string;
  req: ObservedRequest;
  known?: KnownEndpoints;
  /** Matched with toMatchObject: the fields given must be there, others may be too. */
  expected: { kind: Recognised['kind'] } & Record<string, unknown>;
}

export function obs(method: string, url: string, extra: Partial<ObservedRequest> = {}): ObservedRequest {
  return { id: 'wr:1', at: 1_795_684_261_000, tabId: 7, frame: 'main', method, url, via: 'webrequest', ...extra };
}

/** A urlencoded body as Chrome's webRequest requestBody.formData gives it. */
export function formData(body: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of new URLSearchParams(body)) (out[k] ??= []).push(v);
  return out;
}

const ISS = 'http://127.0.0.1:9400';
const CB = `${ISS}/app/callback`;
const STATE = 'OQz6DgGu6Hg7aHWtiY7h5A';
const CODE = 'b4VRj41cQQ35EMeMsXlnADBJvEd2QB03Fn1rxR-Eo0_';
const AUTH_QUERY = `client_id=grantscope-public&response_type=code&redirect_uri=http%3A%2F%2F127.0.0.1%3A9400%2Fapp%2Fcallback&scope=openid+profile+email+offline_access&state=${STATE}&nonce=7-pgeO9CsLRegvgxjl15-A&code_challenge=y0Pl_sZ40xEkTNGMA9DyS6xE2kiFMUx5_MNhb_5boqA&code_challenge_method=S256`;
const ID_TOKEN = 'eyJhbGciOiJSUzI1NiIsImtpZCI6InJzMjU2LWVhMzU5YTMwIn0.eyJzdWIiOiJhbGljZSIsIm5vbmNlIjoiNy1wZ2VPOUNzTFJlZ3ZneGpsMTUtQSIsImF0X2hhc2giOiJIeXdMSFJUTTFyc0VsMmp1R2NUdnBRIiwiYXVkIjoiZ3JhbnRzY29wZS1pbXBsaWNpdCIsImV4cCI6MTc5NTY4NDg2MiwiaWF0IjoxNzk1Njg0MjYyLCJpc3MiOiJodHRwOi8vMTI3LjAuMC4xOjQwMzgxIn0.azOdvt-jrqNrBZ1S7Mybo8AFK9b10318YlH7GBx8cfse7OSJdN-tm7rrsywvoXVLkQi7LxDIQnma2sUGjB4JN9waJocXjbl_XG0Rrf8v6RVBKZwdoslSsqtYvAWMegnlpyuGB4vIrdNKnK4LaFjXxjlbX92vI23nrb7XSk4llxezZd3e8KdQq0tTCsBxmPCd4--pZBnlR91OtxivMXvqeYEiMa04dE5KW6pXFJGjN1hNbbE89dZ44ACFQoqLllLKm3hIe3irDKHTN6xjq-MYSFlZO0AQnlee3DVvx9vCyTmGCV0ST3ifJDv601vz3-GHm2ssi-b8oTwMNHgKA5_Hng';
const ACCESS_TOKEN = 'Lgqm1gHoE7oOAa9PL4nm82ubGd7shrjv8UVWCsZRXwj';
const BASIC = { authorization: 'Basic Z3JhbnRzY29wZS1jb25maWRlbnRpYWw6Z3JhbnRzY29wZS1kZW1vLXNlY3JldA==', 'content-type': 'application/x-www-form-urlencoded' };

/** The demo provider's discovery document, as served (oidc-provider 9.13 with the demo's features). */
export const DEMO_DISCOVERY = {
  authorization_endpoint: `${ISS}/auth`,
  device_authorization_endpoint: `${ISS}/device/auth`,
  code_challenge_methods_supported: ['S256'],
  end_session_endpoint: `${ISS}/session/end`,
  grant_types_supported: ['authorization_code', 'implicit', 'refresh_token', 'client_credentials', 'urn:ietf:params:oauth:grant-type:device_code'],
  issuer: ISS,
  jwks_uri: `${ISS}/jwks`,
  authorization_response_iss_parameter_supported: true,
  response_modes_supported: ['form_post', 'fragment', 'query'],
  token_endpoint: `${ISS}/token`,
  pushed_authorization_request_endpoint: `${ISS}/request`,
  request_parameter_supported: true,
  userinfo_endpoint: `${ISS}/me`,
  introspection_endpoint: `${ISS}/token/introspection`,
  revocation_endpoint: `${ISS}/token/revocation`,
};
const KNOWN = discoveryEndpoints(DEMO_DISCOVERY);

export const DEMO_ROWS: Row[] = [
  {
    name: 'demo: authorization request, code + PKCE',
    req: obs('GET', `${ISS}/auth?${AUTH_QUERY}`),
    expected: { kind: 'authorization-request', endpoint: `${ISS}/auth`, params: { client_id: 'grantscope-public', response_type: 'code', redirect_uri: CB, scope: 'openid profile email offline_access', code_challenge_method: 'S256' }, duplicates: [] },
  },
  {
    name: 'demo: authorization request by PAR request_uri (RFC 9126 4)',
    req: obs('GET', `${ISS}/auth?client_id=grantscope-public&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Az65LPg8OYyoIsy8tB_W4BYTOQh5Xh8vZ2T0IXwj2dR2`),
    expected: { kind: 'authorization-request', params: { request_uri: 'urn:ietf:params:oauth:request_uri:z65LPg8OYyoIsy8tB_W4BYTOQh5Xh8vZ2T0IXwj2dR2' } },
  },
  {
    name: 'demo: callback with code, state and iss (RFC 9207)',
    req: obs('GET', `${CB}?code=${CODE}&state=${STATE}&iss=http%3A%2F%2F127.0.0.1%3A9400`),
    expected: { kind: 'callback', redirectUri: CB, source: 'query', params: { code: CODE, state: STATE, iss: ISS }, duplicates: [] },
  },
  {
    name: 'demo: error callback (PKCE required)',
    req: obs('GET', `${CB}?error=invalid_request&error_description=Authorization+Server+policy+requires+PKCE+to+be+used+for+this+request&state=${STATE}&iss=http%3A%2F%2F127.0.0.1%3A9400`),
    expected: { kind: 'callback', source: 'query', params: { error: 'invalid_request', error_description: 'Authorization Server policy requires PKCE to be used for this request' } },
  },
  {
    name: 'demo: implicit id_token token in the fragment',
    req: obs('GET', `${CB}#id_token=${ID_TOKEN}&access_token=xkrquqCOFlczs1xfevZGFtkfCPwT714H6D4tEUwe-I3&expires_in=600&token_type=Bearer&scope=openid&state=${STATE}`),
    expected: { kind: 'callback', source: 'fragment', params: { id_token: ID_TOKEN, token_type: 'Bearer', state: STATE } },
  },
  {
    name: 'demo: form_post callback, code id_token, as formData',
    req: obs('POST', CB, { form: { code: ['t9BBxGsTqvuR4-rJi_kD6NQlp17Q5E_Dvg0AvbvyK_u'], id_token: [ID_TOKEN], state: ['Zq3dXy8VbN1mK4pLw7sR2A'] } }),
    expected: { kind: 'callback', source: 'form_post', redirectUri: CB, params: { code: 't9BBxGsTqvuR4-rJi_kD6NQlp17Q5E_Dvg0AvbvyK_u', state: 'Zq3dXy8VbN1mK4pLw7sR2A' } },
  },
  {
    name: 'demo: form_post error callback, as body text',
    req: obs('POST', CB, { bodyText: `error=invalid_request&error_description=Authorization+Server+policy+requires+PKCE+to+be+used+for+this+request&state=${STATE}&iss=http%3A%2F%2F127.0.0.1%3A9400`, via: 'devtools' }),
    expected: { kind: 'callback', source: 'form_post', params: { error: 'invalid_request', iss: ISS } },
  },
  {
    name: 'demo: code redeemed at the token endpoint',
    req: obs('POST', `${ISS}/token`, { frame: 'fetch', form: formData(`grant_type=authorization_code&code=${CODE}&redirect_uri=http%3A%2F%2F127.0.0.1%3A9400%2Fapp%2Fcallback&code_verifier=R3_n8Jq_dhBINZeuqiXZdp_BST5kYIvIyGWGjFFMx0Q&client_id=grantscope-public`) }),
    expected: { kind: 'token-request', endpoint: `${ISS}/token`, grantType: 'authorization_code', format: 'form', params: { code: CODE, redirect_uri: CB, client_id: 'grantscope-public' } },
  },
  {
    name: 'demo: refresh, as body text',
    req: obs('POST', `${ISS}/token`, { frame: 'fetch', via: 'page-script', bodyText: 'grant_type=refresh_token&refresh_token=kZ4dV3h0Yq6mWcN8sJ2pT7rXbL1eA9uG5iO0fHyQwEt&client_id=grantscope-public' }),
    expected: { kind: 'token-request', grantType: 'refresh_token', params: { refresh_token: 'kZ4dV3h0Yq6mWcN8sJ2pT7rXbL1eA9uG5iO0fHyQwEt' } },
  },
  {
    name: 'demo: client credentials with Basic auth',
    req: obs('POST', `${ISS}/token`, { frame: 'fetch', headers: BASIC, form: formData('grant_type=client_credentials&scope=api%3Aread') }),
    expected: { kind: 'token-request', grantType: 'client_credentials', params: { scope: 'api:read' } },
  },
  {
    name: 'demo: device code poll (RFC 8628 3.4)',
    req: obs('POST', `${ISS}/token`, { frame: 'fetch', form: formData('grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=bFQL4mSxnatZdnW_TmV3BiFY373uMDOvnbFM5ZmtfMQ&client_id=grantscope-device') }),
    expected: { kind: 'token-request', grantType: 'urn:ietf:params:oauth:grant-type:device_code' },
  },
  { name: 'demo: discovery', req: obs('GET', `${ISS}/.well-known/openid-configuration`, { frame: 'fetch' }), expected: { kind: 'provider-call', call: 'discovery', endpoint: `${ISS}/.well-known/openid-configuration` } },
  { name: 'demo: JWKS, guessed from /jwks', req: obs('GET', `${ISS}/jwks`, { frame: 'fetch' }), expected: { kind: 'provider-call', call: 'jwks' } },
  {
    name: 'demo: introspection (RFC 7662)',
    req: obs('POST', `${ISS}/token/introspection`, { frame: 'fetch', headers: BASIC, form: formData(`token=${ACCESS_TOKEN}&token_type_hint=access_token`) }),
    expected: { kind: 'provider-call', call: 'introspection', params: { token: ACCESS_TOKEN, token_type_hint: 'access_token' } },
  },
  {
    name: 'demo: revocation (RFC 7009)',
    req: obs('POST', `${ISS}/token/revocation`, { frame: 'fetch', form: formData('token=kZ4dV3h0Yq6mWcN8sJ2pT7rXbL1eA9uG5iO0fHyQwEt&token_type_hint=refresh_token&client_id=grantscope-public') }),
    expected: { kind: 'provider-call', call: 'revocation', params: { token_type_hint: 'refresh_token' } },
  },
  {
    name: 'demo: device authorization (RFC 8628 3.1)',
    req: obs('POST', `${ISS}/device/auth`, { frame: 'fetch', form: formData('client_id=grantscope-device&scope=openid') }),
    expected: { kind: 'provider-call', call: 'device-authorization', params: { client_id: 'grantscope-device', scope: 'openid' } },
  },
  {
    name: 'demo: PAR push from a script, unknown endpoint',
    req: obs('POST', `${ISS}/request`, { frame: 'fetch', form: formData(AUTH_QUERY) }),
    expected: { kind: 'provider-call', call: 'par', endpoint: `${ISS}/request`, params: { response_type: 'code', code_challenge_method: 'S256' } },
  },
  // From here on, the endpoints the demo's discovery document names.
  { name: 'demo: userinfo at /me, known', known: KNOWN, req: obs('GET', `${ISS}/me`, { frame: 'fetch', headers: { authorization: `Bearer ${ACCESS_TOKEN}` } }), expected: { kind: 'provider-call', call: 'userinfo', endpoint: `${ISS}/me`, params: {} } },
  {
    name: 'demo: PAR push as a page form, known (known beats "a page POST is an authorization request")',
    known: KNOWN,
    req: obs('POST', `${ISS}/request`, { form: formData(AUTH_QUERY) }),
    expected: { kind: 'provider-call', call: 'par' },
  },
  {
    name: 'demo: authorization request by POST form (OIDC Core 3.1.2.1), known',
    known: KNOWN,
    req: obs('POST', `${ISS}/auth`, { form: formData(AUTH_QUERY) }),
    expected: { kind: 'authorization-request', endpoint: `${ISS}/auth`, params: { state: STATE }, duplicates: [] },
  },
  {
    name: 'demo: token POST whose body the browser could not read, known',
    known: KNOWN,
    req: obs('POST', `${ISS}/token`, { frame: 'fetch' }),
    expected: { kind: 'token-request', grantType: '', params: {} },
  },
];
