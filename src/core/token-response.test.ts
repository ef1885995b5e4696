import { describe, expect, it } from 'vitest';
import { parseTokenResponse, type HttpAnswer } from './token-response';

const JSON_HEADERS = { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store', pragma: 'no-cache' };
const answer = (status: number, body: unknown, headers: Record<string, string> = JSON_HEADERS): HttpAnswer => ({
  status,
  headers,
  bodyText: typeof body === 'string' ? body : JSON.stringify(body),
});

// RFC 6749 5.1 example, plus an ID token
const AT = '2YotnFZFEjr1zCsicMWpAA';
const RT = 'tGzv3JOkF0XG5Qx2TlKWIA';
const ok51 = { access_token: AT, token_type: 'example', expires_in: 3600, refresh_token: RT, example_parameter: 'example_value' };
const good = { access_token: AT, token_type: 'Bearer', expires_in: 3600, refresh_token: RT, id_token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln', scope: 'openid' };

/** No message, preview or challenge may ever hold a token value. */
function expectNoSecrets(r: object) {
  const text = JSON.stringify(r);
  for (const secret of [AT, RT, 'eyJhbGciOiJSUzI1NiJ9', 'tGzv3']) expect(text).not.toContain(secret);
}

describe('parseTokenResponse: success', () => {
  it('accepts a well-formed response with no warnings', () => {
    const r = parseTokenResponse(answer(200, good));
    expect(r).toEqual({ ok: true, tokens: good, warnings: [] });
  });

  it('keeps extra members and warns about an unknown token_type (RFC 6749 5.1 example)', () => {
    const r = parseTokenResponse(answer(200, ok51));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.tokens.example_parameter).toBe('example_value');
      expect(r.warnings.map((w) => w.id)).toEqual(['token.token-type']);
    }
  });

  it.each(['bearer', 'BEARER', 'Bearer', 'bEaReR', 'DPoP', 'dpop'])('token_type %s is accepted without a warning', (t) => {
    const r = parseTokenResponse(answer(200, { ...good, token_type: t }));
    expect(r.ok && r.warnings).toEqual([]);
    expect(r.ok && r.tokens.token_type).toBe(t);
  });

  it('accepts expires_in "3600" as 3600, with a warning', () => {
    const r = parseTokenResponse(answer(200, { ...good, expires_in: '3600' }));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.tokens.expires_in).toBe(3600);
      expect(r.warnings).toEqual([expect.objectContaining({ id: 'token.expires-in', severity: 'warning', status: 'fail', clause: 'RFC 6749 5.1' })]);
    }
  });

  it.each([
    ['no Cache-Control', { 'content-type': 'application/json' }, ['token.cache-control']],
    ['Cache-Control: no-cache', { 'content-type': 'application/json', 'cache-control': 'no-cache' }, ['token.cache-control']],
    ['Cache-Control: private, no-store', { 'content-type': 'application/json', 'cache-control': 'private, no-store' }, []],
    ['mixed-case header names', { 'Content-Type': 'application/json', 'Cache-Control': 'NO-STORE' }, []],
    ['text/plain JSON', { 'content-type': 'text/plain', 'cache-control': 'no-store' }, ['token.content-type']],
    ['no content type', { 'cache-control': 'no-store' }, ['token.content-type']],
  ])('%s', (_what, headers, ids) => {
    const r = parseTokenResponse(answer(200, good, headers));
    expect(r.ok && r.warnings.map((w) => w.id)).toEqual(ids);
  });

  it('warns on a 2xx other than 200', () => {
    const r = parseTokenResponse(answer(201, good));
    expect(r.ok && r.warnings.map((w) => w.id)).toEqual(['token.status']);
  });

  it('an optional member left out is fine', () => {
    const r = parseTokenResponse(answer(200, { access_token: AT, token_type: 'Bearer' }));
    expect(r).toEqual({ ok: true, tokens: { access_token: AT, token_type: 'Bearer' }, warnings: [] });
  });
});

describe('parseTokenResponse: broken answers (fault-cases.md 1-8)', () => {
  const html = `<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><h1>Bad Gateway</h1><p>upstream sent code=${AT}</p>${'<p>filler</p>'.repeat(100)}</body></html>`;

  it.each([
    // [what, answer, problem, message contains, field]
    ['1. HTML with 502', answer(502, html, { 'content-type': 'text/html' }), 'unexpected-status', 'unexpected status 502, not JSON', undefined],
    ['2. truncated JSON', answer(200, '{"'), 'not-json', 'the token response is not JSON: Unterminated string in JSON at position 2', undefined],
    ['2. truncated JSON with a token in it', answer(200, `{"access_token": ${RT}}`), 'not-json', 'not JSON: Unexpected token', undefined],
    ['2. empty body', answer(200, ''), 'not-json', 'not JSON', undefined],
    ['3. null', answer(200, 'null'), 'not-object', 'not a JSON object (got null)', undefined],
    ['3. an array', answer(200, '[]'), 'not-object', 'not a JSON object (got an array)', undefined],
    ['3. a string', answer(200, `"${AT}"`), 'not-object', 'not a JSON object (got string)', undefined],
    ['4. access_token a number', answer(200, { ...good, access_token: 123 }), 'bad-field', 'access_token must be a string, got number', 'access_token'],
    ['4. refresh_token null', answer(200, { ...good, refresh_token: null }), 'bad-field', 'refresh_token must be a string when present, got null', 'refresh_token'],
    ['4. id_token an object', answer(200, { ...good, id_token: { a: 1 } }), 'bad-field', 'id_token', 'id_token'],
    ['4. scope an array', answer(200, { ...good, scope: ['openid'] }), 'bad-field', 'scope must be a string when present, got an array', 'scope'],
    ['4. access_token missing', answer(200, { token_type: 'Bearer' }), 'bad-field', 'access_token is missing', 'access_token'],
    ['4. access_token empty', answer(200, { ...good, access_token: '' }), 'bad-field', 'access_token is empty', 'access_token'],
    ['5. token_type missing', answer(200, { access_token: AT }), 'bad-field', 'token_type is missing', 'token_type'],
    ['6. expires_in "tomorrow"', answer(200, { ...good, expires_in: 'tomorrow' }), 'bad-field', 'expires_in must be a non-negative number of seconds, got string', 'expires_in'],
    ['6. expires_in negative', answer(200, { ...good, expires_in: -5 }), 'bad-field', 'expires_in', 'expires_in'],
    ['6. expires_in null', answer(200, { ...good, expires_in: null }), 'bad-field', 'got null', 'expires_in'],
    ['a 500 JSON without error', answer(500, { message: 'boom' }), 'unexpected-status', 'unexpected status 500, JSON without an error member', undefined],
    ['a 404 JSON array', answer(404, []), 'unexpected-status', 'unexpected status 404, JSON but not an object', undefined],
  ] as const)('%s', (_what, a, problem, words, field) => {
    const r = parseTokenResponse(a);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toBe(problem);
      expect(r.message).toContain(words);
      expect(r.status).toBe(a.status);
      expect(r.field).toBe(field);
      if (r.preview !== undefined) expect(r.preview.length).toBeLessThanOrEqual(200);
    }
    expectNoSecrets(r);
  });

  it("2. drops V8's quoted snippet of the body from the parse error", () => {
    const r = parseTokenResponse(answer(200, `{"access_token": ${RT}}`));
    expect(r).toMatchObject({ problem: 'not-json', message: "the token response is not JSON: Unexpected token 'G'" });
  });

  it('1. gives a short, redacted preview of the HTML', () => {
    const r = parseTokenResponse(answer(502, html, { 'content-type': 'text/html' }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.preview).toMatch(/^<!DOCTYPE html> <html><head><title>502 Bad Gateway<\/title><\/head> <body><h1>Bad Gateway<\/h1><p>upstream sent code=\[redacted\]<\/p>/);
      expect(r.preview!.length).toBeLessThanOrEqual(200);
    }
  });

  it('7. a 400 invalid_grant is the OAuth error, description kept as text', () => {
    const body = { error: 'invalid_grant', error_description: 'Code <b>expired</b> & "used"', error_uri: 'https://as.example/e/1' };
    expect(parseTokenResponse(answer(400, body))).toEqual({
      ok: false,
      problem: 'oauth-error',
      message: 'the token endpoint answered invalid_grant (HTTP 400)',
      status: 400,
      error: 'invalid_grant',
      errorDescription: 'Code <b>expired</b> & "used"',
      errorUri: 'https://as.example/e/1',
    });
  });

  it('8. a 401 keeps the WWW-Authenticate challenge, JSON or not', () => {
    const challenge = 'Basic realm="token", error="invalid_client"';
    const withJson = parseTokenResponse(answer(401, { error: 'invalid_client' }, { 'content-type': 'application/json', 'www-authenticate': challenge }));
    expect(withJson).toMatchObject({ ok: false, problem: 'oauth-error', error: 'invalid_client', challenge, status: 401 });
    const bare = parseTokenResponse(answer(401, '', { 'www-authenticate': challenge }));
    expect(bare).toEqual({ ok: false, problem: 'unexpected-status', message: 'unexpected status 401, not JSON', status: 401, challenge });
  });

  it('a 200 carrying error is still the OAuth error', () => {
    const r = parseTokenResponse(answer(200, { error: 'authorization_pending' }));
    expect(r).toMatchObject({ ok: false, problem: 'oauth-error', error: 'authorization_pending', status: 200 });
  });

  it('redacts a token smuggled into the error code', () => {
    const r = parseTokenResponse(answer(400, { error: `bad code=${AT}` }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('the token endpoint answered bad code=[redacted] (HTTP 400)');
  });
});
