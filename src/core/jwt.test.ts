import { describe, expect, it } from 'vitest';
import { base64url } from 'jose';
import { decodeToken, looksLikeJwt } from './jwt';

const b64 = (o: unknown) => base64url.encode(typeof o === 'string' ? o : JSON.stringify(o));

// RFC 7519 3.1 example JWS (HS256).
const RFC7519 =
  'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
// RFC 7519 6.1 example unsecured JWT.
const UNSECURED = 'eyJhbGciOiJub25lIn0.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.';
// The JWE of RFC 7516 A.1 (RSA-OAEP + A256GCM).
const JWE =
  'eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGeipsEdY3mx_etLbbWSrFr05kLzcSr4qKAq7YN7e9jwQRb23nfa6c9d-StnImGyFDbSv04uVuxIp5Zms1gNxKKK2Da14B8S4rzVRltdYwam_lDp5XnZAYpQdb76FdIKLaVmqgfwX7XWRxv2322i-vDxRfqNzo_tETKzpVLzfiwQyeyPGLBIO56YJ7eObdv0je81860ppamavo35UgoRdbYaBcoh9QcfylQr66oc6vFWXRcZ_ZT2LawVCWTIy3brGPi6UklfCpIMfIjf7iGdXKHzg.48V1_ALb6US04U3b.5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A.XFBoMYUZodetZdvTiFvSkQ';

describe('looksLikeJwt', () => {
  it.each([
    [RFC7519, true],
    [UNSECURED, true],
    [JWE, true],
    ['eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..iv.ct.tag', true], // "dir": empty encrypted key
    ['2YotnFZFEjr1zCsicMWpAA', false],
    ['a.b', false],
    ['a.b.c.d', false],
    ['a..c', false], // no payload
    ['.b.c', false],
    ['a+b.c.d', false],
    ['a.b/c.d', false],
    ['a.b.c=', false],
    ['', false],
  ])('%s -> %s', (value, expected) => {
    expect(looksLikeJwt(value)).toBe(expected);
  });
});

describe('decodeToken', () => {
  it('decodes the RFC 7519 3.1 example', () => {
    expect(decodeToken(RFC7519)).toEqual({
      kind: 'jwt',
      header: { typ: 'JWT', alg: 'HS256' },
      payload: { iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true },
      signature: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
      unsigned: false,
    });
  });

  it.each([
    ['alg none (RFC 7519 6.1)', UNSECURED],
    ['alg NONE', `${b64({ alg: 'NONE' })}.${b64({ sub: 'a' })}.`],
    ['alg None with a signature', `${b64({ alg: 'None' })}.${b64({ sub: 'a' })}.c2ln`],
    ['no alg at all', `${b64({ typ: 'JWT' })}.${b64({ sub: 'a' })}.c2ln`],
    ['RS256 with an empty signature', `${b64({ alg: 'RS256' })}.${b64({ sub: 'a' })}.`],
  ])('%s is unsigned', (_what, token) => {
    const d = decodeToken(token);
    expect(d.kind).toBe('jwt');
    if (d.kind === 'jwt') expect(d.unsigned).toBe(true);
  });

  it('shows the header of a JWE (RFC 7516 A.1) and nothing more', () => {
    expect(decodeToken(JWE)).toEqual({ kind: 'jwe', header: { alg: 'RSA-OAEP', enc: 'A256GCM' } });
  });

  it.each([
    ['2YotnFZFEjr1zCsicMWpAA', { kind: 'opaque' }],
    ['mF_9.B5f-4.1JqM', { kind: 'invalid', reason: 'not a valid JWT: the header is not a base64url-encoded JSON object' }], // RFC 6750 example: dots, but no JSON
    ['', { kind: 'invalid', reason: 'the token is empty' }],
    ['a.b', { kind: 'invalid', reason: 'not a valid JWT: 2 segments (a signed JWT has 3, an encrypted one 5)' }],
    ['a.b.c.d', { kind: 'invalid', reason: 'not a valid JWT: 4 segments (a signed JWT has 3, an encrypted one 5)' }],
    [`${b64({ alg: 'HS256' })}.ab+c.sig`, { kind: 'invalid', reason: 'not a valid JWT: segment 2 is not base64url (it contains "+")' }],
    [`${b64({ alg: 'HS256' })}.abc.si/g`, { kind: 'invalid', reason: 'not a valid JWT: segment 3 is not base64url (it contains "/")' }],
    [`${b64({ alg: 'HS256' })}=.abc.sig`, { kind: 'invalid', reason: 'not a valid JWT: segment 1 is not base64url (it contains "=")' }],
    [`${b64('[1,2]')}.${b64({ a: 1 })}.sig`, { kind: 'invalid', reason: 'not a valid JWT: the header is not a base64url-encoded JSON object' }],
    [`${b64('"alg"')}.${b64({ a: 1 })}.sig`, { kind: 'invalid', reason: 'not a valid JWT: the header is not a base64url-encoded JSON object' }],
    [`${b64('null')}.${b64({ a: 1 })}.sig`, { kind: 'invalid', reason: 'not a valid JWT: the header is not a base64url-encoded JSON object' }],
    [`${b64({ alg: 'HS256' })}.${b64('not json')}.sig`, { kind: 'invalid', reason: 'not a valid JWT: the payload is not JSON' }],
    [`${b64({ alg: 'HS256' })}.${b64('[1]')}.sig`, { kind: 'invalid', reason: 'not a valid JWT: the payload is not a JSON object' }],
    [`${b64({ alg: 'HS256' })}..sig`, { kind: 'invalid', reason: 'not a valid JWT: the payload is missing or malformed' }],
    [`${b64({ alg: 'HS256' })}.a.sig`, { kind: 'invalid', reason: 'not a valid JWT: the payload is not base64url' }], // 1 char: impossible length
    [`${b64('[1]')}.a.b.c.d`, { kind: 'invalid', reason: 'not a valid JWT: the header is not a base64url-encoded JSON object' }], // 5 segments, bad header
  ])('%s', (token, expected) => {
    expect(decodeToken(token)).toEqual(expected);
  });

  it('trims whitespace around a pasted token', () => {
    expect(decodeToken(`  ${RFC7519}\n`).kind).toBe('jwt');
  });
});
