import { describe, expect, it } from 'vitest';
import { badField, header, kind, readJsonObject, type HttpAnswer } from './json-answer';

const NAMES = { endpoint: 'the PAR endpoint', response: 'the PAR response' };
const a = (status: number, bodyText: string, headers: Record<string, string> = {}): HttpAnswer => ({ status, headers, bodyText });

describe('readJsonObject', () => {
  it('gives the object of a 2xx', () => {
    expect(readJsonObject(a(201, '{"request_uri":"urn:x","expires_in":60}'), NAMES)).toEqual({ ok: true, value: { request_uri: 'urn:x', expires_in: 60 } });
  });

  it.each([
    ['HTML 502', a(502, '<html><body>Bad Gateway</body></html>'), { code: 'unexpected-status', message: 'unexpected status 502, not JSON', status: 502, preview: '<html><body>Bad Gateway</body></html>' }],
    ['empty 204', a(204, ''), { code: 'not-json', message: 'the PAR response is not JSON: Unexpected end of JSON input', status: 204 }],
    ['truncated', a(200, '{"'), { code: 'not-json', message: 'the PAR response is not JSON: Unterminated string in JSON at position 2', status: 200, preview: '{"' }],
    ['null', a(200, 'null'), { code: 'not-object', message: 'the PAR response is not a JSON object (got null)', status: 200, preview: 'null' }],
    ['a number', a(200, '42'), { code: 'not-object', message: 'the PAR response is not a JSON object (got number)', status: 200, preview: '42' }],
    ['an OAuth error', a(400, '{"error":"invalid_request","error_uri":"https://as.example/e"}'), { code: 'oauth-error', message: 'the PAR endpoint answered invalid_request (HTTP 400)', status: 400, error: 'invalid_request', errorUri: 'https://as.example/e' }],
    ['an OAuth error with a challenge', a(401, '{"error":"invalid_client"}', { 'WWW-Authenticate': 'Basic realm="x"' }), { code: 'oauth-error', message: 'the PAR endpoint answered invalid_client (HTTP 401)', status: 401, error: 'invalid_client', challenge: 'Basic realm="x"' }],
    ['a 500 JSON without error', a(500, '{"message":"boom"}'), { code: 'unexpected-status', message: 'unexpected status 500, JSON without an error member', status: 500, preview: '{"message":"boom"}' }],
  ])('%s', (_what, answer, problem) => {
    expect(readJsonObject(answer, NAMES)).toEqual({ ok: false, error: problem });
  });

  it('redacts a token in the preview and the parse error', () => {
    const r = readJsonObject(a(200, '{"access_token": 2YotnFZFEjr1zCsicMWpAA}'), NAMES);
    expect(JSON.stringify(r)).not.toContain('2YotnFZFEjr1zCsicMWpAA');
  });
});

describe('helpers', () => {
  it('header finds a name in any case', () => {
    expect(header({ 'Cache-Control': 'no-store' }, 'cache-control')).toBe('no-store');
    expect(header({ 'cache-control': 'a' }, 'cache-control')).toBe('a');
    expect(header({}, 'cache-control')).toBeUndefined();
  });

  it.each([[null, 'null'], [[], 'an array'], [1, 'number'], ['x', 'string'], [{}, 'object']])('kind(%j) is %s', (v, k) => {
    expect(kind(v)).toBe(k);
  });

  it('badField names the field and keeps the evidence', () => {
    expect(badField(a(200, '{"a":1}', { 'www-authenticate': 'DPoP' }), 'a', 'a must be a string')).toEqual({
      ok: false,
      error: { code: 'bad-field', message: 'a must be a string', field: 'a', status: 200, challenge: 'DPoP', preview: '{"a":1}' },
    });
  });
});
