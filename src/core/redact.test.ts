import { describe, expect, it } from 'vitest';
import { REDACT_CAP, SECRET_PARAMS, SENSITIVE_PARAMS, isSecretName, isSecretParam, maskSecret, preview, redactHeaders, redactParams, redactQuery, redactText, redactUrl } from './redact';
import { nameWords } from './secret-name';

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

describe('isSecretName: the one rule', () => {
  it.each([
    // the OAuth list, any case
    'code', 'Code', 'CODE', 'code_verifier', 'device_code', 'access_token', 'refresh_token', 'id_token', 'id_token_hint',
    'logout_token', 'subject_token', 'actor_token', 'token', 'client_secret', 'password', 'assertion', 'client_assertion',
    // by word, not by list
    'session_token', 'sessionToken', 'x-api-key', 'X-Api-Key', 'api_key', 'apiKey', 'apikey', 'key', 'private_key',
    'saml_assertion', 'jwt_assertion', 'csrf_token', 'X-CSRF-Token', 'xsrf-token', 'x-auth-token', 'secret', 'client-secret',
    'db_password', 'passwd', 'pwd', 'passphrase', 'session', 'session_id', 'SESSION', 'JSESSIONID', 'PHPSESSID', 'connect.sid',
    'ASP.NET_SessionId', 'session_state', 'cookie', 'Cookie', 'set-cookie', 'Set-Cookie', 'authorization', 'Authorization',
    'proxy-authorization', 'x-authorization', 'dpop', 'DPoP', 'X-Amz-Signature', 'X-Amz-Credential', 'X-Amz-Security-Token',
    'sig', 'response', 'SAMLResponse', 'ticket', 'credentials', 'jwt',
  ])('%s is secret', (n) => expect(isSecretName(n)).toBe(true));

  it.each([
    'state', 'nonce', 'scope', 'client_id', 'redirect_uri', 'response_type', 'response_mode', 'code_challenge',
    'code_challenge_method', 'user_code', 'grant_type', 'token_type', 'tokenType', 'token_type_hint', 'expires_in',
    'refresh_token_expires_in', 'client_secret_expires_at', 'client_assertion_type', 'subject_token_type',
    'token_endpoint', 'token_endpoint_auth_method', 'end_session_endpoint', 'check_session_iframe',
    'frontchannel_logout_session_supported', 'backchannel_logout_session_required', 'id_token_signing_alg_values_supported',
    'jwks_uri', 'keys', 'key_ops', 'key_id', 'kid', 'keyboard', 'login_hint', 'error', 'error_description', 'iss',
    'content-type', 'www-authenticate', 'location', 'dpop_jkt', 'Access-Control-Allow-Credentials', 'keep-alive', 'accept',
    'user-agent', 'referer', 'origin', 'cache-control', 'x-request-id', 'etag', 'bypass', 'design', 'tls_client_certificate_bound_access_tokens_x_supported', 'authorization_endpoint', 'authorization_details', 'sub', '', '---',
  ])('%s is not secret', (n) => expect(isSecretName(n)).toBe(false));

  it('covers every name of the old list', () => {
    for (const n of SECRET_PARAMS) expect(isSecretName(n)).toBe(true);
    for (const n of SENSITIVE_PARAMS) expect(isSecretName(n)).toBe(false);
  });

  it('splits words as people write names', () => {
    expect(nameWords('X-Api-Key')).toEqual(['x', 'api', 'key']);
    expect(nameWords('accessToken')).toEqual(['access', 'token']);
    expect(nameWords('SAMLResponse')).toEqual(['saml', 'response']);
    expect(nameWords('ASP.NET_SessionId')).toEqual(['asp', 'net', 'session', 'id']);
  });
});

describe('redactUrl', () => {
  it.each([
    ['https://idp.example/userinfo?access_token=2YotnFZFEjr1zCsicMWpAA', 'https://idp.example/userinfo?access_token=[redacted]'],
    ['https://app.example/cb?code=Spl&state=af0&session_state=abc.def', 'https://app.example/cb?code=[redacted]&state=af0&session_state=[redacted]'],
    ['https://app.example/cb#id_token=x&token_type=Bearer&expires_in=3600', 'https://app.example/cb#id_token=[redacted]&token_type=Bearer&expires_in=3600'],
    ['https://api.example/v1?x-api-key=k1&API_KEY=k2&Session_Token=t&page=2', 'https://api.example/v1?x-api-key=[redacted]&API_KEY=[redacted]&Session_Token=[redacted]&page=2'],
    ['https://alice:s3cret@idp.example/x?a=1', 'https://alice:[redacted]@idp.example/x?a=1'],
    ['https://alice@idp.example/x', 'https://alice@idp.example/x'],
    ['https://idp.example/authorize?client_id=app&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&response_type=code&scope=openid&code_challenge=E9M&code_challenge_method=S256&state=xyz',
      'https://idp.example/authorize?client_id=app&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&response_type=code&scope=openid&code_challenge=E9M&code_challenge_method=S256&state=xyz'],
    // encoded names are read decoded; a route in the fragment is skipped over
    ['https://a.example/?acc%65ss_token=x', 'https://a.example/?acc%65ss_token=[redacted]'],
    ['https://a.example/#/callback?code=abc&state=s', 'https://a.example/#/callback?code=[redacted]&state=s'],
    // JWTs anywhere in it
    [`https://a.example/x/${JWT}/y?hint=${JWT}`, 'https://a.example/x/[redacted]/y?hint=[redacted]'],
    ['not a url ?token=x', 'not a url ?token=[redacted]'],
  ])('%s', (url, want) => expect(redactUrl(url)).toBe(want));

  it('cuts a huge URL before reading it, and says so', () => {
    const url = `https://a.example/?state=${'a'.repeat(20_000)}&code=x`;
    const out = redactUrl(url, 100);
    expect(out.startsWith('https://a.example/?state=aaa')).toBe(true);
    expect(out).toMatch(/\[… \d+ more chars not shown\]$/);
    expect(out).not.toContain('code=x');
  });
});

describe('redactHeaders / redactParams', () => {
  it('masks secret-named headers whole and redacts the rest', () => {
    const h = redactHeaders({ Authorization: 'Bearer abc', 'x-api-key': 'k', cookie: 'a=b', 'content-type': 'application/json', location: 'https://app.example/cb?code=Spl&state=s' });
    expect(h).toEqual({ Authorization: '[redacted]', 'x-api-key': '[redacted]', cookie: '[redacted]', 'content-type': 'application/json', location: 'https://app.example/cb?code=[redacted]&state=s' });
  });

  it('masks secret-named parameters and keeps the rest', () => {
    expect(redactParams({ grant_type: 'authorization_code', code: 'c', code_verifier: 'v', client_id: 'app', assertion: 'a' })).toEqual({
      grant_type: 'authorization_code', code: '[redacted]', code_verifier: '[redacted]', client_id: 'app', assertion: '[redacted]',
    });
    const p = redactParams(JSON.parse('{"__proto__":"x"}') as Record<string, string>);
    expect(Object.hasOwn(p, '__proto__')).toBe(true);
  });
});

describe('redactText: caps and the rule', () => {
  it('looks at the first 64 KB only and says how much was left off', () => {
    const text = `code=abc ${'x '.repeat(40_000)}access_token=tail`;
    const out = redactText(text);
    expect(out.startsWith('code=[redacted] x x')).toBe(true);
    expect(out).toMatch(/ \[… \d+ more chars not shown\]$/);
    expect(out).not.toContain('tail');
    expect(out.length).toBeLessThan(REDACT_CAP + 64);
  });

  it.each([
    ['{"session_token":"abc","x-api-key":"k","token_type":"Bearer"}', '{"session_token":"[redacted]","x-api-key":"[redacted]","token_type":"Bearer"}'],
    ['x-api-key=k1&page=2&sessionToken=t', 'x-api-key=[redacted]&page=2&sessionToken=[redacted]'],
    ['<input name=code value=Spl>', '<input name=code value=[redacted]>'],
    ['{"token_endpoint":"https://idp.example/token","end_session_endpoint":"https://idp.example/logout"}', '{"token_endpoint":"https://idp.example/token","end_session_endpoint":"https://idp.example/logout"}'],
    ['{"error":"name=aaaa"}', '{"error":"name=aaaa"}'],
  ])('%s', (input, want) => expect(redactText(input)).toBe(want));
});

describe('maskSecret on a huge value', () => {
  it('counts without splitting and shows four chars', () => {
    const v = `ab😀d${'x'.repeat(1_000_000)}`;
    expect(maskSecret(v)).toBe(`ab😀d…(${1_000_004} chars)`);
  });
});

describe('redactQuery', () => {
  it.each([
    ['grant_type=authorization_code&code=abc&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&code_verifier=v1',
      'grant_type=authorization_code&code=[redacted]&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&code_verifier=[redacted]'],
    ['client_id=app&client_assertion_type=urn%3Aietf&client_assertion=eyJ', 'client_id=app&client_assertion_type=urn%3Aietf&client_assertion=[redacted]'],
    ['', ''],
  ])('%s', (q, want) => expect(redactQuery(q)).toBe(want));
});
