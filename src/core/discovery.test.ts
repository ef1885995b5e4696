import { describe, expect, it } from 'vitest';
import { discoveryUrls, normalizeIssuer, parseDiscovery } from './discovery';

describe('normalizeIssuer', () => {
  it.each([
    ['https://server.example.com', 'https://server.example.com'],
    ['  https://server.example.com/  ', 'https://server.example.com'],
    ['https://server.example.com//', 'https://server.example.com/'], // only ONE slash goes
    ['https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0', 'https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0'],
    ['https://accounts.example/realms/demo/', 'https://accounts.example/realms/demo'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeIssuer(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'issuer-empty', 'empty'],
    ['   ', 'issuer-empty', 'empty'],
    ['server.example.com', 'issuer-invalid', 'not an absolute URL'],
    ['/realms/demo', 'issuer-invalid', 'not an absolute URL'],
    ['ftp://server.example.com', 'issuer-invalid', 'ftp:'],
    ['https://server.example.com?tenant=a', 'issuer-invalid', 'query'],
    ['https://server.example.com/?', 'issuer-invalid', 'query'],
    ['https://server.example.com#x', 'issuer-invalid', 'fragment'],
    ['https://server.example.com/a b', 'issuer-invalid', 'whitespace'],
    ['https://alice:pw@server.example.com', 'issuer-invalid', 'user name or password'],
  ])('%j is refused (%s)', (input, code, words) => {
    const r = normalizeIssuer(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message).toContain(words);
    }
  });
});

describe('discoveryUrls', () => {
  it.each([
    ['https://server.example.com', 'https://server.example.com/.well-known/openid-configuration', 'https://server.example.com/.well-known/oauth-authorization-server'],
    // RFC 8414 3.1 example: issuer https://example.com/issuer1
    ['https://example.com/issuer1', 'https://example.com/issuer1/.well-known/openid-configuration', 'https://example.com/.well-known/oauth-authorization-server/issuer1'],
    ['https://example.com/issuer1/', 'https://example.com/issuer1/.well-known/openid-configuration', 'https://example.com/.well-known/oauth-authorization-server/issuer1'],
    ['http://127.0.0.1:3000/realms/demo', 'http://127.0.0.1:3000/realms/demo/.well-known/openid-configuration', 'http://127.0.0.1:3000/.well-known/oauth-authorization-server/realms/demo'],
  ])('%s', (issuer, oidc, oauth) => {
    expect(discoveryUrls(issuer)).toEqual({ oidc, oauth });
  });
});

const ISS = 'https://server.example.com';
const doc = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    issuer: ISS,
    authorization_endpoint: `${ISS}/authorize`,
    token_endpoint: `${ISS}/token`,
    jwks_uri: `${ISS}/jwks.json`,
    response_types_supported: ['code', 'code id_token'],
    code_challenge_methods_supported: ['S256'],
    authorization_response_iss_parameter_supported: true,
    claims_parameter_supported: true, // a boolean *_supported, not an array
    mtls_endpoint_aliases: { token_endpoint: 'https://mtls.server.example.com/token' },
    ...extra,
  });

describe('parseDiscovery', () => {
  it('accepts a well-formed document and keeps unknown members', () => {
    const r = parseDiscovery(doc(), 200, 'application/json', ISS);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.token_endpoint).toBe(`${ISS}/token`);
      expect(r.value.mtls_endpoint_aliases).toEqual({ token_endpoint: 'https://mtls.server.example.com/token' });
    }
  });

  it('accepts a device-only server without authorization and token endpoints', () => {
    const body = JSON.stringify({ issuer: ISS, device_authorization_endpoint: `${ISS}/device`, grant_types_supported: ['urn:ietf:params:oauth:grant-type:device_code'] });
    expect(parseDiscovery(body, 200, 'application/json', ISS).ok).toBe(true);
  });

  it.each([
    // what the user typed, the document's issuer, accepted?
    [`${ISS}/`, `${ISS}/`, true], // raw form
    [`${ISS}/`, ISS, true], // normalised form
    [ISS, ISS, true],
    // Same well-known URL (OIDC Discovery 4.1), so the document says which form is the issuer; it is
    // kept as said and compared exactly with iss from then on. Auth0's issuers end in "/".
    [ISS, `${ISS}/`, true],
    [`${ISS}/path`, `${ISS}/path/`, true],
    [ISS, `${ISS}//`, false],
    [ISS, `${ISS}/x`, false],
    [ISS, 'https://SERVER.example.com', false],
    [ISS, 'https://other.example.com', false],
  ])('asked %s, document says %s -> %s', (asked, said, accepted) => {
    const r = parseDiscovery(doc({ issuer: said }), 200, 'application/json', asked);
    expect(r.ok).toBe(accepted);
    if (!r.ok) {
      expect(r.error.code).toBe('issuer-mismatch');
      expect(r.error.message).toContain(`"${said}"`);
      expect(r.error.message).toContain(`"${asked}"`);
    }
  });

  it.each([
    ['an HTML login page', '<!DOCTYPE html>\n<html><head><title>Sign in</title></head></html>', 200, 'text/html; charset=utf-8', 'not-json', 'not JSON (text/html): <!DOCTYPE html> <html><head><title>Sign in'],
    ['an empty body', '', 200, null, 'not-json', '(empty body)'],
    ['a 404 page', 'Not Found', 404, 'text/plain', 'unexpected-status', 'HTTP 404: Not Found'],
    ['a 500 with a token echoed', 'error id_token=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln', 500, 'text/plain', 'unexpected-status', 'HTTP 500: error id_token=[redacted]'],
    ['null', 'null', 200, 'application/json', 'not-object', 'got null'],
    ['an array', '[]', 200, 'application/json', 'not-object', 'got an array'],
    ['a string', '"https://server.example.com"', 200, 'application/json', 'not-object', 'got string'],
    ['no issuer', '{"token_endpoint":"https://server.example.com/token"}', 200, 'application/json', 'issuer-missing', 'no issuer'],
    ['a numeric issuer', '{"issuer":42}', 200, 'application/json', 'bad-field', 'issuer must be a string, got number'],
    ['a relative endpoint', doc({ token_endpoint: '/token' }), 200, 'application/json', 'bad-field', 'token_endpoint is not an absolute'],
    ['a javascript: endpoint', doc({ authorization_endpoint: 'javascript:alert(1)' }), 200, 'application/json', 'bad-field', 'authorization_endpoint'],
    ['an endpoint with a fragment', doc({ authorization_endpoint: `${ISS}/authorize#x` }), 200, 'application/json', 'bad-field', 'authorization_endpoint'],
    ['a numeric jwks_uri', doc({ jwks_uri: 1 }), 200, 'application/json', 'bad-field', 'jwks_uri must be a URL string, got number'],
    ['a string where an array belongs', doc({ scopes_supported: 'openid profile' }), 200, 'application/json', 'bad-field', 'scopes_supported must be an array of strings, got string'],
    ['numbers in an array', doc({ code_challenge_methods_supported: ['S256', 1] }), 200, 'application/json', 'bad-field', 'code_challenge_methods_supported'],
    ['a string boolean', doc({ authorization_response_iss_parameter_supported: 'true' }), 200, 'application/json', 'bad-field', 'authorization_response_iss_parameter_supported must be true or false'],
  ])('%s -> %s', (_what, body, status, type, code, words) => {
    const r = parseDiscovery(body, status, type, ISS);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message).toContain(words);
      expect(r.error.message).not.toContain('eyJ');
    }
  });

  it('keeps the preview of a long HTML page short', () => {
    const r = parseDiscovery(`<html>${'<p>lorem ipsum</p>\n'.repeat(500)}</html>`, 200, 'text/html', ISS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message.length).toBeLessThan(200);
  });

  it('tolerates a byte order mark', () => {
    expect(parseDiscovery(`\uFEFF${doc()}`, 200, 'application/json', ISS).ok).toBe(true);
  });
});
