import { base64url, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeInput, decodeInputAsync } from './decode-input';

const b64 = (o: unknown) => base64url.encode(typeof o === 'string' ? o : JSON.stringify(o));

// RFC 7519 3.1 example JWS.
const RFC7519 =
  'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
// RFC 7516 A.1 JWE.
const JWE =
  'eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGeipsEdY3mx_etLbbWSrFr05kLzcSr4qKAq7YN7e9jwQRb23nfa6c9d-StnImGyFDbSv04uVuxIp5Zms1gNxKKK2Da14B8S4rzVRltdYwam_lDp5XnZAYpQdb76FdIKLaVmqgfwX7XWRxv2322i-vDxRfqNzo_tETKzpVLzfiwQyeyPGLBIO56YJ7eObdv0je81860ppamavo35UgoRdbYaBcoh9QcfylQr66oc6vFWXRcZ_ZT2LawVCWTIy3brGPi6UklfCpIMfIjf7iGdXKHzg.48V1_ALb6US04U3b.5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A.XFBoMYUZodetZdvTiFvSkQ';
// RFC 9449 4.1 example DPoP proof; its key's thumbprint is the jkt of RFC 9449 6.1.
const DPOP_PROOF =
  'eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiItQndDM0VTYzZhY2MybFRjIiwiaHRtIjoiUE9TVCIsImh0dSI6Imh0dHBzOi8vc2VydmVyLmV4YW1wbGUuY29tL3Rva2VuIiwiaWF0IjoxNTYyMjYyNjE2fQ.2-GxA6T8lP4vfrg8v-FdWP0A0zdrj8igiMLvqRMUvwnQg4PtFLbdLXiOSsX0x7NVY-FNyJK70nfbV37xRZT3Lg';
const JKT = '0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I';
// RFC 6749 5.1 example token response.
const TOKEN_RESPONSE = '{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"example","expires_in":3600,"refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA","example_parameter":"example_value"}';

const summary = (text: string) => {
  const d = decodeInput(text);
  return { kind: d.kind, tokens: d.tokens.map((t) => `${t.name}:${t.decoded.kind}`) };
};

describe('decodeInput: what was pasted', () => {
  it.each([
    ['', 'empty', []],
    ['  \n ', 'empty', []],
    [RFC7519, 'jwt', ['token:jwt']],
    [`\n  ${RFC7519}  \r\n`, 'jwt', ['token:jwt']], // whitespace around is dropped
    [JWE, 'jwe', ['token:jwe']],
    [DPOP_PROOF, 'dpop-proof', ['DPoP proof:jwt']],
    [`DPoP: ${DPOP_PROOF}`, 'dpop-proof', ['DPoP proof:jwt']], // the DPoP request header (RFC 9449 4.1)
    ['2YotnFZFEjr1zCsicMWpAA', 'opaque', ['token:opaque']], // RFC 6749 5.1 example
    ['Kz~8mXK1EalYznwH-LC-1fBAo', 'opaque', ['token:opaque']],
    // RFC 6749 4.2.2 example implicit callback
    ['http://example.com/cb#access_token=2YotnFZFEjr1zCsicMWpAA&state=xyz&token_type=example&expires_in=3600', 'callback-url', ['access_token:opaque']],
    // RFC 6749 4.1.2 example code callback
    ['https://client.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz', 'callback-url', ['code:opaque']],
    ['com.example.app:/oauth2redirect?code=abc&state=xyz', 'callback-url', ['code:opaque']], // RFC 8252 7.1
    ['https://client.example.com/cb?error=access_denied&state=xyz', 'callback-url', []],
    [`https://client.example.org/cb#code=SplxlOBeZQQYbYS6WxSbIA&id_token=${RFC7519}&state=af0ifjsldkj`, 'callback-url', ['code:opaque', 'id_token:jwt']],
    [`https://client.example.org/cb?response=${RFC7519}`, 'callback-url', ['response:jwt']], // JARM
    [`https://rp.example/cb?x=${RFC7519}&y=plain`, 'callback-url', ['x:jwt']], // any JWT-shaped parameter
    [TOKEN_RESPONSE, 'token-response', ['access_token:opaque', 'refresh_token:opaque']],
    [`{"access_token":"${RFC7519}","token_type":"Bearer","id_token":"${JWE}"}`, 'token-response', ['access_token:jwt', 'id_token:jwe']],
    ['Authorization: Bearer mF_9.B5f-4.1JqM', 'authorization-header', ['access_token:invalid']], // RFC 6750 2.1: dots, not a JWT
    [`Bearer ${RFC7519}`, 'authorization-header', ['access_token:jwt']],
    ['Authorization: DPoP Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU', 'authorization-header', ['access_token:invalid']], // RFC 9449 7.1
    ['Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW', 'authorization-header', []], // RFC 6749 2.3.1
  ])('%s -> %s', (text, kind, tokens) => {
    expect(summary(text)).toEqual({ kind, tokens });
  });

  it('keeps the raw text as pasted', () => {
    expect(decodeInput(`  ${RFC7519}\n`).raw).toBe(`  ${RFC7519}\n`);
  });

  it('shows the parts of a JWT', () => {
    expect(decodeInput(RFC7519)).toMatchObject({
      kind: 'jwt',
      header: { typ: 'JWT', alg: 'HS256' },
      payload: { iss: 'joe', exp: 1300819380 },
      signature: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
      unsigned: false,
    });
  });

  it('shows the protected header of a JWE and says the payload is encrypted (fault-cases.md 11)', () => {
    expect(decodeInput(JWE)).toMatchObject({ kind: 'jwe', header: { alg: 'RSA-OAEP', enc: 'A256GCM' }, payload: 'encrypted' });
  });

  it('shows a DPoP proof with its key, and its thumbprint when asked asynchronously (RFC 9449 6.1)', async () => {
    const d = decodeInput(DPOP_PROOF);
    expect(d).toMatchObject({ kind: 'dpop-proof', payload: { htm: 'POST', htu: 'https://server.example.com/token' }, jwk: { kty: 'EC', crv: 'P-256' } });
    expect('thumbprint' in d).toBe(false);
    expect(await decodeInputAsync(DPOP_PROOF)).toMatchObject({ kind: 'dpop-proof', thumbprint: JKT });
  });

  it('thumbprints a freshly made proof key the way jose does', async () => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA');
    const jwk = await exportJWK(publicKey);
    const proof = await new SignJWT({ htm: 'GET', htu: 'https://rs.example/api', jti: 'j', iat: 1 }).setProtectedHeader({ alg: 'EdDSA', typ: 'DPoP+JWT', jwk }).sign(privateKey);
    const d = await decodeInputAsync(proof);
    expect(d.kind).toBe('dpop-proof'); // typ compared without regard to case
    if (d.kind === 'dpop-proof') expect(d.thumbprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it.each([
    [{ typ: 'dpop+jwt', alg: 'ES256' }, 'the header has no "jwk" public key (RFC 9449 4.2)'],
    [{ typ: 'dpop+jwt', alg: 'ES256', jwk: 'x' }, 'the header has no "jwk" public key (RFC 9449 4.2)'],
    [{ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty: 'EC', crv: 'P-256', x: 'a', y: 'b', d: 'c' } }, 'the "jwk" holds private key material, which a proof must never carry (RFC 9449 4.3)'],
  ])('names a bad proof key: %j', async (header, problem) => {
    expect(await decodeInputAsync(`${b64(header)}.${b64({ htm: 'POST' })}.c2ln`)).toMatchObject({ kind: 'dpop-proof', jwkProblem: problem });
  });

  it('names a proof key that has no thumbprint', async () => {
    const d = await decodeInputAsync(`${b64({ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty: 'EC' } })}.${b64({})}.c2ln`);
    expect(d).toMatchObject({ kind: 'dpop-proof', jwkProblem: 'no thumbprint can be computed for this EC key (RFC 7638 3.2)' });
  });

  it('reads a callback URL and what it says happened', () => {
    const d = decodeInput('https://client.example.com/cb?error=access_denied&error_description=no%20thanks&state=xyz');
    expect(d).toMatchObject({
      kind: 'callback-url',
      callback: { source: 'query', params: { error: 'access_denied', state: 'xyz' } },
      outcome: { kind: 'error', error: 'access_denied', description: 'no thanks', state: 'xyz' },
    });
  });

  it('names a broken token response member without quoting any value', () => {
    const d = decodeInput('{"access_token":123,"token_type":"Bearer","refresh_token":"abc"}');
    expect(d).toMatchObject({ kind: 'token-response', problem: 'access_token must be a string, got number' });
    expect(d.tokens.map((t) => t.name)).toEqual(['refresh_token']);
  });

  it('reads Basic credentials with the secret masked', () => {
    const d = decodeInput('Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW');
    expect(d).toMatchObject({ kind: 'authorization-header', scheme: 'Basic', clientId: 's6BhdRkqt3', secretMasked: '••••(10 chars)' });
    expect(JSON.stringify({ ...d, raw: '' })).not.toContain('gX1fBat3bV');
  });
});

describe('decodeInput: broken input is named, and the raw value kept (fault-cases.md 12)', () => {
  it.each([
    ['a.b', 'not a valid JWT: 2 segments (a signed JWT has 3, an encrypted one 5)'],
    [`${b64({ alg: 'RS256' })}.${b64({ a: 1 })}.c2ln.eHh4`, 'not a valid JWT: 4 segments (a signed JWT has 3, an encrypted one 5)'],
    [`${b64({ alg: 'HS256' })}.ab+c.sig`, 'not a valid JWT: segment 2 is not base64url (it contains "+")'],
    [`${b64({ alg: 'HS256' })}.abc.si/g`, 'not a valid JWT: segment 3 is not base64url (it contains "/")'],
    [`${b64({ alg: 'HS256' })}=.abc.sig`, 'not a valid JWT: segment 1 is not base64url (it contains "=")'],
    [`${b64('[1,2]')}.${b64({ a: 1 })}.sig`, 'not a valid JWT: the header is not a base64url-encoded JSON object'],
    [`${b64('"HS256"')}.${b64({ a: 1 })}.sig`, 'not a valid JWT: the header is not a base64url-encoded JSON object'],
    [`${RFC7519.slice(0, 60)}\n${RFC7519.slice(60)}`, 'not a valid JWT: it has whitespace or a line break inside'],
    ['hello world', 'not a token, a callback URL, a token response or an Authorization header'],
    ['urn:ietf:params:oauth:token-type:jwt', 'not a token, a callback URL, a token response or an Authorization header'],
    ['{"access_token": "abc"', 'this starts like JSON but does not parse as JSON'],
    ['{"keys":[]}', 'JSON, but not a token response: no access_token, id_token, refresh_token or token_type'],
  ])('%s', (text, reason) => {
    const d = decodeInput(text);
    expect(d).toMatchObject({ kind: 'invalid', reason, raw: text });
  });

  it('lists an invalid JWT as a token, so it can still be shown', () => {
    expect(decodeInput('a.b').tokens).toEqual([{ name: 'token', value: 'a.b', decoded: { kind: 'invalid', reason: 'not a valid JWT: 2 segments (a signed JWT has 3, an encrypted one 5)' } }]);
  });

  it('never puts a pasted token into a JSON parse message', () => {
    const d = decodeInput(`{"access_token": "${RFC7519}" oops}`);
    expect(d.kind === 'invalid' && d.reason).not.toContain('eyJ');
  });

  it.each([null, 42, '\u0000', '%%%', 'a'.repeat(100_000)])('never throws (%#)', (text) => {
    expect(() => decodeInput(String(text))).not.toThrow();
  });
});
