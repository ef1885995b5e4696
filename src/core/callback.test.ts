import { describe, expect, it } from 'vitest';
import { checkCallback, classifyCallback, matchesRedirectUri, parseCallbackUrl, type CallbackParams } from './callback';

describe('matchesRedirectUri', () => {
  const cb = 'https://client.example.org/cb';
  it.each([
    ['https://client.example.org/cb?code=x&state=y', cb, true],
    ['https://client.example.org/cb#access_token=x', cb, true],
    ['https://CLIENT.example.org:443/cb?code=x', cb, true], // same host and port after normalisation
    ['https://client.example.org/cb/?code=x', cb, false], // path is exact
    ['https://client.example.org/cb/extra?code=x', cb, false], // no prefix matching (RFC 9700 4.1.3)
    ['https://client.example.org/c?code=x', cb, false],
    ['http://client.example.org/cb?code=x', cb, false], // scheme
    ['https://client.example.org:8443/cb?code=x', cb, false], // port
    ['https://client.example.org.evil.example/cb?code=x', cb, false],
    ['https://evil.example/cb?redirect=https://client.example.org/cb', cb, false],
    ['http://127.0.0.1:51004/callback?code=x', 'http://127.0.0.1:51004/callback', true],
    ['http://127.0.0.1:51005/callback?code=x', 'http://127.0.0.1:51004/callback', false],
    ['com.example.app:/oauth2redirect?code=x', 'com.example.app:/oauth2redirect', true],
    // the redirect URI's own query must still be there
    ['https://client.example.org/cb?tenant=a&code=x', 'https://client.example.org/cb?tenant=a', true],
    ['https://client.example.org/cb?code=x&tenant=a', 'https://client.example.org/cb?tenant=a', true],
    ['https://client.example.org/cb?code=x', 'https://client.example.org/cb?tenant=a', false],
    ['https://client.example.org/cb?tenant=b&code=x', 'https://client.example.org/cb?tenant=a', false],
    ['not a url', cb, false],
    [cb, 'not a url', false],
  ])('%s vs %s -> %s', (url, redirectUri, expected) => {
    expect(matchesRedirectUri(url, redirectUri)).toBe(expected);
  });
});

describe('parseCallbackUrl', () => {
  it.each([
    ['https://client.example.org/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz', { code: 'SplxlOBeZQQYbYS6WxSbIA', state: 'xyz' }, 'query', []],
    ['https://client.example.org/cb#access_token=2YotnFZFEjr1zCsicMWpAA&state=xyz&token_type=example&expires_in=3600',
      { access_token: '2YotnFZFEjr1zCsicMWpAA', state: 'xyz', token_type: 'example', expires_in: '3600' }, 'fragment', []],
    ['https://client.example.org/cb?iss=https%3A%2F%2Fas.example&code=c#id_token=t', { iss: 'https://as.example', code: 'c', id_token: 't' }, 'both', []],
    ['https://client.example.org/cb', {}, 'none', []],
    ['https://client.example.org/cb?#', {}, 'none', []],
    // duplicates: within the query, and across query and fragment; the first (query) value is kept
    ['https://client.example.org/cb?state=a&state=b&code=c', { state: 'a', code: 'c' }, 'query', ['state']],
    ['https://client.example.org/cb?code=q#code=f&state=s', { code: 'q', state: 's' }, 'both', ['code']],
    // form decoding: '+' is a space, percent escapes decode
    ['https://client.example.org/cb?error=access_denied&error_description=The+user+said+%3Cb%3Eno%3C%2Fb%3E',
      { error: 'access_denied', error_description: 'The user said <b>no</b>' }, 'query', []],
  ])('%s', (url, params, source, duplicates) => {
    const r = parseCallbackUrl(url);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.params).toEqual(params);
      expect(r.value.source).toBe(source);
      expect(r.value.duplicates).toEqual(duplicates);
    }
  });

  it('records where each value came from', () => {
    const r = parseCallbackUrl('https://c.example/cb?code=q&state=s#code=f&id_token=t');
    expect(r.ok && r.value.from).toEqual({ code: 'query', state: 'query', id_token: 'fragment' });
  });

  it('refuses a relative URL', () => {
    const r = parseCallbackUrl('/cb?code=x');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('bad-url');
  });
});

const cp = (params: Record<string, string>, extra: Partial<CallbackParams> = {}): CallbackParams => ({
  params,
  source: 'query',
  duplicates: [],
  ...extra,
});

describe('classifyCallback', () => {
  it.each([
    [cp({ code: 'c', state: 's', iss: 'https://as.example' }), { kind: 'code', code: 'c', state: 's', iss: 'https://as.example' }],
    [cp({ code: 'c' }), { kind: 'code', code: 'c' }],
    // RFC 6749 4.1.2.1 example; the description is kept exactly, markup and all, to be shown as text
    [cp({ error: 'access_denied', error_description: '<img src=x onerror=alert(1)>', state: 'xyz' }),
      { kind: 'error', error: 'access_denied', description: '<img src=x onerror=alert(1)>', state: 'xyz' }],
    [cp({ error: 'invalid_request', error_uri: 'https://as.example/errors/1', iss: 'https://as.example' }),
      { kind: 'error', error: 'invalid_request', uri: 'https://as.example/errors/1', iss: 'https://as.example' }],
    [cp({ error: 'server_error', code: 'c' }), { kind: 'error', error: 'server_error' }], // an error wins
    [cp({ access_token: 'a', token_type: 'Bearer' }, { source: 'fragment' }), { kind: 'tokens', params: { access_token: 'a', token_type: 'Bearer' } }],
    [cp({ code: 'c', id_token: 'eyJ.x.y' }, { source: 'fragment' }), { kind: 'tokens', params: { code: 'c', id_token: 'eyJ.x.y' } }], // hybrid
    [cp({ code: '' }), { kind: 'invalid', problem: { code: 'no-result', message: 'the callback has no code, no token and no error' } }],
    [cp({ state: 's' }), { kind: 'invalid', problem: { code: 'no-result', message: 'the callback has no code, no token and no error' } }],
    [cp({}, { source: 'none' }), { kind: 'invalid', problem: { code: 'no-params', message: 'the callback carries no parameters at all' } }],
  ])('%j', (p, outcome) => {
    expect(classifyCallback(p)).toEqual(outcome);
  });
});

describe('checkCallback', () => {
  const ISS = 'https://as.example';
  const ids = (p: CallbackParams, exp: Parameters<typeof checkCallback>[1]) => checkCallback(p, exp).filter((f) => f.status === 'fail').map((f) => f.id);

  it.each([
    ['clean code response', cp({ code: 'c', state: 's', iss: ISS }), { state: 's', issuer: ISS, issRequired: true }, []],
    ['state missing', cp({ code: 'c' }), { state: 's' }, ['state.missing']],
    ['state different', cp({ code: 'c', state: 't' }), { state: 's' }, ['state.mismatch']],
    ['state unexpected', cp({ code: 'c', state: 't' }), {}, ['state.unexpected']],
    ['error responses are checked too', cp({ error: 'access_denied', state: 't' }), { state: 's' }, ['state.mismatch']],
    ['duplicates', cp({ code: 'c', state: 's' }, { duplicates: ['code', 'state'] }), { state: 's' }, ['callback.duplicate-param']],
    ['iss missing when advertised', cp({ code: 'c' }), { issuer: ISS, issRequired: true }, ['callback.iss.missing']],
    ['iss missing, not advertised', cp({ code: 'c' }), { issuer: ISS }, []],
    // The ID token's iss claim names the issuer instead (checked with the ID token, OIDC Core 3.2.2.11).
    ['iss missing next to an ID token', cp({ id_token: 'x', state: 's' }, { source: 'fragment', from: { id_token: 'fragment', state: 'fragment' } }), { state: 's', issuer: ISS, issRequired: true, responseType: 'id_token' }, []],
    ['iss with a trailing slash is different', cp({ code: 'c', iss: `${ISS}/` }), { issuer: ISS }, ['callback.iss.mismatch']],
    ['iss wrong on an error response', cp({ error: 'access_denied', iss: 'https://evil.example' }), { issuer: ISS, issRequired: true }, ['callback.iss.mismatch']],
    ['token in the query', cp({ access_token: 'a' }, { from: { access_token: 'query' } }), {}, ['callback.implicit-in-query']],
    ['id_token in the query, no origin map', cp({ id_token: 'x' }), {}, ['callback.implicit-in-query']],
    ['tokens in the fragment', cp({ id_token: 'x', code: 'c' }, { source: 'fragment', from: { code: 'fragment', id_token: 'fragment' } }), { responseType: 'code id_token' }, []],
    ['hybrid split over query and fragment', cp({ id_token: 'x', code: 'c' }, { source: 'both', from: { code: 'query', id_token: 'fragment' } }), { responseType: 'code id_token' }, ['callback.response-mode']],
    ['form_post asked, the query used', cp({ code: 'c' }), { responseType: 'code', responseMode: 'form_post' }, ['callback.response-mode']],
    ['form_post asked and used', cp({ code: 'c' }, { source: 'form_post' }), { responseType: 'code', responseMode: 'form_post' }, []],
    ['fragment asked for a code, the query used', cp({ code: 'c' }), { responseType: 'code', responseMode: 'fragment' }, ['callback.response-mode']],
    ['hybrid answered in the query', cp({ code: 'c' }), { responseType: 'code id_token' }, ['callback.implicit-in-query']],
    ['code flow in the query', cp({ code: 'c' }), { responseType: 'code' }, []],
  ])('%s', (_what, p, exp, expected) => {
    expect(ids(p, exp)).toEqual(expected);
  });

  it('shows both state values as evidence (state is not a secret)', () => {
    expect(checkCallback(cp({ code: 'c', state: 't' }), { state: 's' }).find((f) => f.id === 'state.mismatch')).toEqual(
      { id: 'state.mismatch', status: 'fail', severity: 'error', clause: 'RFC 6749 4.1.2, 10.12', message: 'state differs from the one sent', param: 'state', expected: 's', actual: 't' },
    );
  });

  it('names the issuers in an iss mismatch and the parameter in a duplicate', () => {
    const iss = checkCallback(cp({ code: 'c', iss: 'https://evil.example' }), { issuer: ISS }).find((f) => f.id === 'callback.iss.mismatch');
    expect(iss).toMatchObject({ clause: 'RFC 9207 2.4', expected: ISS, actual: 'https://evil.example', severity: 'error' });
    const dup = checkCallback(cp({ code: 'c' }, { duplicates: ['code'] }), {}).find((f) => f.id === 'callback.duplicate-param');
    expect(dup).toMatchObject({ clause: 'RFC 6749 3.1', actual: 'code', message: 'code appears more than once in the response' });
  });

  it('works on what parseCallbackUrl returns', () => {
    const r = parseCallbackUrl('https://c.example/cb?state=a&code=q#state=b');
    expect(r.ok && ids(r.value, { state: 'a' })).toEqual(['callback.duplicate-param']);
  });
});
