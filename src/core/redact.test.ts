import { describe, expect, it } from 'vitest';
import { SECRET_PARAMS, SENSITIVE_PARAMS, isSecretParam, maskSecret, preview, redactText } from './redact';

// A real RS256 ID token shape (header {"alg":"RS256","kid":"1e9gdk7"}), signature shortened.
const JWT =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6IjFlOWdkazcifQ.eyJpc3MiOiJodHRwczovL3NlcnZlci5leGFtcGxlLmNvbSIsInN1YiI6IjI0ODI4OTc2MTAwMSJ9.rHQjEmBqn9Jre0OLykYNnspA10Qql2rvx4FsD00jwlB0Sym4NzpgvPKsDjn_wMkHxcp6CilPcoKrWHcipR2iAjzLvDNAReF97zoJqq880ZD1bwY82JDauCXELVR9O6_B0w3K-E7yM2macAAgNCUwtik6SjoSUZRcf-O5lygIyLENx882p6MtmwaL1hd6qn5RZOQ0TLrOYu0532g9Exxcm-ChymrB4xLykpDj3lUivJt63eEGGN6DH5K6o33TcxkIjNrCD4XB1CKKumZvCedgHHF3IAK4dVEDSUoGlH9z4pP_eWYNXvqQOjGs-rDaQzUHl6cQQWNiDpWOl_lxXjQEvQ';

describe('maskSecret', () => {
  it.each([
    [JWT, `eyJh…(${JWT.length} chars)`],
    ['SplxlOBeZQQYbYS6WxSbIA', 'Splx…(22 chars)'], // RFC 6749 4.1.2 example code
    ['tGzv3JOkF0XG5Qx2TlKWIA', 'tGzv…(22 chars)'], // RFC 6749 5.1 example refresh token
    ['abcdefghijkl', 'abcd…(12 chars)'],
    ['abcdefghijk', '••••(11 chars)'],
    ['hello', '••••(5 chars)'],
    ['', '••••(0 chars)'],
    ['😀😀😀😀😀😀😀😀😀😀😀😀😀', '😀😀😀😀…(13 chars)'], // counts code points, never splits a pair
  ])('%s', (value, masked) => {
    expect(maskSecret(value)).toBe(masked);
  });
});

describe('isSecretParam / SENSITIVE_PARAMS', () => {
  it.each(['code', 'code_verifier', 'access_token', 'refresh_token', 'id_token', 'client_secret', 'password',
    'assertion', 'client_assertion', 'device_code', 'subject_token', 'actor_token', 'token', 'Code'])('%s is secret', (n) => {
    expect(isSecretParam(n)).toBe(true);
  });

  it.each(['state', 'nonce', 'code_challenge', 'user_code', 'client_id', 'scope', 'token_type', 'expires_in'])(
    '%s is not secret',
    (n) => expect(isSecretParam(n)).toBe(false),
  );

  it('state, nonce, code_challenge and user_code are sensitive, and the two sets do not overlap', () => {
    expect([...SENSITIVE_PARAMS].sort()).toEqual(['code_challenge', 'nonce', 'state', 'user_code']);
    expect([...SENSITIVE_PARAMS].some((n) => SECRET_PARAMS.has(n))).toBe(false);
  });
});

describe('redactText', () => {
  it.each([
    // query strings and callback URLs
    ['https://app.example/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz', 'https://app.example/cb?code=[redacted]&state=xyz'],
    ['https://app.example/cb#access_token=2YotnFZFEjr1zCsicMWpAA&token_type=bearer&expires_in=3600',
      'https://app.example/cb#access_token=[redacted]&token_type=bearer&expires_in=3600'],
    // form bodies
    ['grant_type=authorization_code&code=abc&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&code_verifier=v1',
      'grant_type=authorization_code&code=[redacted]&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&code_verifier=[redacted]'],
    ['grant_type=password&username=alice&password=hunter2', 'grant_type=password&username=alice&password=[redacted]'],
    ['token=45ghiukldjahdnhzdauz&token_type_hint=refresh_token', 'token=[redacted]&token_type_hint=refresh_token'],
    // JSON, including a body cut off mid-value
    ['{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer","expires_in":3600}',
      '{"access_token":"[redacted]","token_type":"Bearer","expires_in":3600}'],
    ['{"refresh_token" : "tGzv3JOk", "scope":"openid"}', '{"refresh_token" : "[redacted]", "scope":"openid"}'],
    ['{"client_secret":"s\\"ecr"}', '{"client_secret":"[redacted]"}'],
    ['{"password":123456}', '{"password":"[redacted]"}'],
    ['{"access_token":"abc', '{"access_token":"[redacted]"'],
    // cookies
    ['Cookie: session=abc123; theme=dark; JSESSIONID=F00', 'Cookie: session=[redacted]; theme=dark; JSESSIONID=[redacted]'],
    // headers: credentials go, challenge parameters stay
    ['Authorization: Bearer mF_9.B5f-4.1JqM', 'Authorization: Bearer [redacted]'],
    ['Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW', 'Authorization: Basic [redacted]'],
    ['WWW-Authenticate: Bearer error="invalid_token", error_description="expired"',
      'WWW-Authenticate: Bearer error="invalid_token", error_description="expired"'],
    ['WWW-Authenticate: Basic realm="token endpoint"', 'WWW-Authenticate: Basic realm="token endpoint"'],
    // a form_post page
    ['<input type="hidden" name="code" value="Spl"/><input type="hidden" name="state" value="af0ifjsldkj"/>',
      '<input type="hidden" name="code" value="[redacted]"/><input type="hidden" name="state" value="af0ifjsldkj"/>'],
    ['<input value="Spl" name="id_token">', '<input value="[redacted]" name="id_token">'],
    // JWTs and long random runs anywhere
    [`token was ${JWT} ok`, 'token was [redacted] ok'],
    ['got eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0. as id token', 'got [redacted] as id token'],
    ['key 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 end', 'key [redacted] end'],
    ['opaque Ab3_xY9-qq81ZZtt0LmPq end', 'opaque [redacted] end'],
    // userinfo passwords
    ['https://alice:s3cret@idp.example/x', 'https://alice:[redacted]@idp.example/x'],
  ])('%s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it.each([
    'www.login.example.com and api.example.org', // host names are not JWTs
    'internationalization authorization_endpoint INVALID_CLIENT_METADATA_VALUE', // long words stay
    'state=af0ifjsldkj&nonce=n-0S6_WzA2Mj&client_id=s6BhdRkqt3&token_type_hint=access_token',
    '{"error":"invalid_grant","error_description":"The code has expired"}',
    '502 Bad Gateway',
  ])('leaves non-secrets alone: %s', (input) => {
    expect(redactText(input)).toBe(input);
  });
});

describe('preview', () => {
  it('collapses whitespace, redacts, and cuts to the limit', () => {
    const html = `<!DOCTYPE html>\n<html>\n  <body>\n    <h1>502   Bad Gateway</h1> ${JWT} ${'x '.repeat(200)}</body></html>`;
    const p = preview(html);
    expect(p.startsWith('<!DOCTYPE html> <html> <body> <h1>502 Bad Gateway</h1> [redacted] x x')).toBe(true);
    expect(Array.from(p)).toHaveLength(120);
    expect(p.endsWith('…')).toBe(true);
    expect(p).not.toContain('eyJ');
  });

  it('keeps a short body whole', () => {
    expect(preview('  oops \n')).toBe('oops');
    expect(preview('a'.repeat(30), 20)).toBe(`${'a'.repeat(19)}…`);
  });
});
