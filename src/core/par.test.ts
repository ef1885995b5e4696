import { describe, expect, it } from 'vitest';
import { basicAuthorization, type AuthParts } from './client-auth';
import type { HttpAnswer } from './json-answer';
import { authorizationUrlWithRequestUri, parseParResponse, pushedAuthorizationRequest, type ParInput } from './par';

// RFC 9126 2.1 example: client s6BhdRkqt3 with Basic, parameters in the example's order.
const basic: AuthParts = { headers: { Authorization: basicAuthorization('s6BhdRkqt3', '7Fjfp0ZBr1KtDRbnfVdmIw') }, params: {} };
const example: ParInput = {
  parEndpoint: 'https://as.example.com/as/par',
  params: {
    response_type: 'code',
    state: 'af0ifjsldkj',
    client_id: 's6BhdRkqt3',
    redirect_uri: 'https://client.example.org/cb',
    code_challenge: 'K2-ltc83acc4h0c9w6ESC_rEMTJ3bww-uCHaoeK1t8U',
    code_challenge_method: 'S256',
    scope: 'account-information',
  },
  auth: basic,
};

describe('pushedAuthorizationRequest', () => {
  it('builds the RFC 9126 2.1 example byte for byte', () => {
    expect(pushedAuthorizationRequest(example)).toEqual({
      ok: true,
      value: {
        url: 'https://as.example.com/as/par',
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', Authorization: 'Basic czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3' },
        body:
          'response_type=code&state=af0ifjsldkj&client_id=s6BhdRkqt3&redirect_uri=https%3A%2F%2Fclient.example.org%2Fcb' +
          '&code_challenge=K2-ltc83acc4h0c9w6ESC_rEMTJ3bww-uCHaoeK1t8U&code_challenge_method=S256&scope=account-information',
        params: example.params,
      },
    });
  });

  it('sends client_id once when the client authentication carries it too', () => {
    const r = pushedAuthorizationRequest({ ...example, auth: { headers: {}, params: { client_id: 's6BhdRkqt3', client_secret: 'x' } } });
    if (!r.ok) throw new Error(r.error.message);
    const body = new URLSearchParams(r.value.body);
    expect(body.getAll('client_id')).toEqual(['s6BhdRkqt3']);
    expect(body.get('client_secret')).toBe('x');
  });

  it('repeats resource and other repeated parameters, and carries a DPoP proof', () => {
    const r = pushedAuthorizationRequest({ ...example, repeated: { resource: ['https://a.example/', 'https://b.example/'] }, dpopProof: 'eyJ0eXAiOiJkcG9wK2p3dCJ9.e30.c2ln' });
    if (!r.ok) throw new Error(r.error.message);
    expect(new URLSearchParams(r.value.body).getAll('resource')).toEqual(['https://a.example/', 'https://b.example/']);
    expect(r.value.headers.DPoP).toBe('eyJ0eXAiOiJkcG9wK2p3dCJ9.e30.c2ln');
  });

  it.each([
    ['a request_uri', { params: { ...example.params, request_uri: 'urn:x' } }, 'bad-param'],
    ['no client_id', { params: { ...example.params, client_id: '' } }, 'missing-param'],
    ['another client in the authentication', { auth: { headers: {}, params: { client_id: 'other' } } }, 'client-id-mismatch'],
    ['a relative endpoint', { parEndpoint: '/as/par' }, 'bad-endpoint'],
    ['a custom-scheme endpoint', { parEndpoint: 'ftp://as.example.com/par' }, 'bad-endpoint'],
  ])('%s is a problem', (_what, over, code) => {
    expect(pushedAuthorizationRequest({ ...example, ...over })).toMatchObject({ ok: false, error: { code } });
  });
});

const answer = (status: number, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json', 'cache-control': 'no-cache, no-store' }): HttpAnswer => ({
  status,
  headers,
  bodyText: typeof body === 'string' ? body : JSON.stringify(body),
});
// RFC 9126 2.2 example response.
const REQUEST_URI = 'urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c';
const rfc = { request_uri: REQUEST_URI, expires_in: 60 };

describe('parseParResponse', () => {
  it('reads the RFC 9126 2.2 example', () => {
    expect(parseParResponse(answer(201, rfc))).toEqual({ ok: true, value: { ...rfc, warnings: [] } });
  });

  it.each([
    ['a 200 instead of 201', answer(200, rfc), ['par.status-201']],
    ['a request_uri that is not a URI', answer(201, { ...rfc, request_uri: 'abc' }), ['par.request-uri']],
  ])('%s is read, with a warning', (_what, a, ids) => {
    const r = parseParResponse(a);
    expect(r.ok && r.value.warnings.map((w) => w.id)).toEqual(ids);
  });

  it.each([
    ['HTML with 502', answer(502, '<html><title>Bad Gateway</title></html>', { 'content-type': 'text/html' }), 'unexpected-status', 'unexpected status 502, not JSON', undefined],
    ['truncated JSON', answer(201, '{"request_uri":"urn:ietf'), 'not-json', 'the PAR response is not JSON', undefined],
    ['null', answer(201, 'null'), 'not-object', 'the PAR response is not a JSON object (got null)', undefined],
    ['request_uri missing', answer(201, { expires_in: 60 }), 'bad-field', 'request_uri is missing', 'request_uri'],
    ['request_uri a number', answer(201, { ...rfc, request_uri: 7 }), 'bad-field', 'request_uri must be a string, got number', 'request_uri'],
    ['expires_in missing', answer(201, { request_uri: REQUEST_URI }), 'bad-field', 'expires_in is missing', 'expires_in'],
    ['expires_in "60"', answer(201, { ...rfc, expires_in: '60' }), 'bad-field', 'expires_in must be a number of seconds, at least 1, got string', 'expires_in'],
    ['expires_in 0', answer(201, { ...rfc, expires_in: 0 }), 'bad-field', 'got 0', 'expires_in'],
  ] as const)('%s', (_what, a, code, words, field) => {
    const r = parseParResponse(a);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ code, status: a.status });
      expect(r.error.field).toBe(field);
      expect(r.error.message).toContain(words);
    }
  });

  it('an OAuth error (2.3) is shown as text', () => {
    const r = parseParResponse(answer(400, { error: 'invalid_request', error_description: 'The redirect_uri is not valid for the given client' }));
    expect(r).toEqual({
      ok: false,
      error: { code: 'oauth-error', message: 'the PAR endpoint answered invalid_request (HTTP 400)', status: 400, error: 'invalid_request', errorDescription: 'The redirect_uri is not valid for the given client' },
    });
  });

  it('a 401 keeps the challenge', () => {
    const r = parseParResponse(answer(401, { error: 'invalid_client' }, { 'www-authenticate': 'Basic realm="par"' }));
    expect(r).toMatchObject({ ok: false, error: { code: 'oauth-error', challenge: 'Basic realm="par"' } });
  });
});

describe('authorizationUrlWithRequestUri (RFC 9126 4)', () => {
  it('builds the 4 example: only client_id and request_uri', () => {
    expect(authorizationUrlWithRequestUri('https://as.example.com/authorize', 's6BhdRkqt3', REQUEST_URI)).toEqual({
      ok: true,
      value: 'https://as.example.com/authorize?client_id=s6BhdRkqt3&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3A6esc_11ACC5bwc014ltc14eY22c',
    });
  });

  it.each([
    ['https://as.example.com/authorize', '', REQUEST_URI, 'missing-param'],
    ['https://as.example.com/authorize', 's6BhdRkqt3', '', 'missing-param'],
    ['https://as.example.com/authorize?client_id=x', 's6BhdRkqt3', REQUEST_URI, 'duplicate-param'],
    ['not a url', 's6BhdRkqt3', REQUEST_URI, 'bad-endpoint'],
  ])('%s %j %j is a problem', (endpoint, clientId, uri, code) => {
    expect(authorizationUrlWithRequestUri(endpoint, clientId, uri)).toMatchObject({ ok: false, error: { code } });
  });
});
