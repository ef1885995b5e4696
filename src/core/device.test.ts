import { describe, expect, it } from 'vitest';
import { parseDeviceAuthorizationResponse } from './device';
import type { HttpAnswer } from './json-answer';

const answer = (status: number, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): HttpAnswer => ({
  status,
  headers,
  bodyText: typeof body === 'string' ? body : JSON.stringify(body),
});

// RFC 8628 3.2 example response.
const DEVICE_CODE = 'GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS';
const rfc = {
  device_code: DEVICE_CODE,
  user_code: 'WDJB-MJHT',
  verification_uri: 'https://example.com/device',
  verification_uri_complete: 'https://example.com/device?user_code=WDJB-MJHT',
  expires_in: 1800,
  interval: 5,
};

describe('parseDeviceAuthorizationResponse: success', () => {
  it('reads the RFC 8628 3.2 example', () => {
    expect(parseDeviceAuthorizationResponse(answer(200, rfc))).toEqual({ ok: true, value: { ...rfc, warnings: [] } });
  });

  it('defaults interval to 5 s and leaves out a missing verification_uri_complete', () => {
    const bare = { ...rfc, interval: undefined, verification_uri_complete: undefined }; // undefined: left out of the JSON
    const r = parseDeviceAuthorizationResponse(answer(200, bare));
    expect(r).toEqual({ ok: true, value: { device_code: DEVICE_CODE, user_code: 'WDJB-MJHT', verification_uri: 'https://example.com/device', expires_in: 1800, interval: 5, warnings: [] } });
  });

  it("takes Google's verification_url, with a warning", () => {
    const uri = rfc.verification_uri;
    const r = parseDeviceAuthorizationResponse(answer(200, { ...rfc, verification_uri: undefined, verification_url: uri }));
    expect(r.ok && r.value.verification_uri).toBe(uri);
    expect(r.ok && r.value.warnings.map((w) => w.id)).toEqual(['device.verification-uri-name']);
  });

  it('warns on a 2xx other than 200', () => {
    const r = parseDeviceAuthorizationResponse(answer(201, rfc));
    expect(r.ok && r.value.warnings.map((w) => w.id)).toEqual(['device.status-200']);
  });
});

describe('parseDeviceAuthorizationResponse: broken answers', () => {
  it.each([
    ['HTML with 502', answer(502, '<html><body>Bad Gateway</body></html>', { 'content-type': 'text/html' }), 'unexpected-status', 'unexpected status 502, not JSON', undefined],
    ['truncated JSON', answer(200, '{"device_code": "GmRh'), 'not-json', 'the device authorization response is not JSON', undefined],
    ['null', answer(200, 'null'), 'not-object', 'the device authorization response is not a JSON object (got null)', undefined],
    ['an array', answer(200, '[]'), 'not-object', '(got an array)', undefined],
    ['device_code missing', answer(200, { ...rfc, device_code: undefined }), 'bad-field', 'device_code is missing', 'device_code'],
    ['device_code a number', answer(200, { ...rfc, device_code: 42 }), 'bad-field', 'device_code must be a string, got number', 'device_code'],
    ['user_code null', answer(200, { ...rfc, user_code: null }), 'bad-field', 'user_code must be a string, got null', 'user_code'],
    ['user_code empty', answer(200, { ...rfc, user_code: '' }), 'bad-field', 'user_code is empty', 'user_code'],
    ['verification_uri relative', answer(200, { ...rfc, verification_uri: '/device' }), 'bad-field', 'verification_uri must be an absolute http(s) URL', 'verification_uri'],
    ['verification_uri javascript:', answer(200, { ...rfc, verification_uri: 'javascript:alert(1)' }), 'bad-field', 'verification_uri must be an absolute http(s) URL', 'verification_uri'],
    ['verification_uri_complete an object', answer(200, { ...rfc, verification_uri_complete: {} }), 'bad-field', 'verification_uri_complete must be a string, got object', 'verification_uri_complete'],
    ['expires_in missing', answer(200, { ...rfc, expires_in: undefined }), 'bad-field', 'expires_in is missing', 'expires_in'],
    ['expires_in "1800"', answer(200, { ...rfc, expires_in: '1800' }), 'bad-field', 'expires_in must be a number of seconds, at least 1, got string', 'expires_in'],
    ['interval negative', answer(200, { ...rfc, interval: -5 }), 'bad-field', 'interval must be a number of seconds, not negative, got -5', 'interval'],
    ['expires_in 0', answer(200, { ...rfc, expires_in: 0 }), 'bad-field', 'expires_in must be a number of seconds, at least 1, got 0', 'expires_in'],
    ['interval null', answer(200, { ...rfc, interval: null }), 'bad-field', 'got null', 'interval'],
  ] as const)('%s', (_what, a, code, words, field) => {
    const r = parseDeviceAuthorizationResponse(a);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message).toContain(words);
      expect(r.error.field).toBe(field);
      expect(r.error.status).toBe(a.status);
    }
    expect(JSON.stringify(r)).not.toContain('GmRhmhcxhwAzkoEq');
  });

  it('an OAuth error (3.2: as the token endpoint does) is shown as text', () => {
    const r = parseDeviceAuthorizationResponse(answer(400, { error: 'invalid_client', error_description: 'Unknown <client>' }));
    expect(r).toEqual({
      ok: false,
      error: { code: 'oauth-error', message: 'the device authorization endpoint answered invalid_client (HTTP 400)', status: 400, error: 'invalid_client', errorDescription: 'Unknown <client>' },
    });
  });
});
