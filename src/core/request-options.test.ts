import { describe, expect, it } from 'vitest';
import { authorizationParams, authorizationRequestUrl, type RequestOptions } from './request-options';

// RFC 7636 appendix B verifier and challenge; OIDC Core 3.1.2.1 example state and nonce.
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const gen = { state: 'af0ifjsldkj', nonce: 'n-0S6_WzA2Mj', codeChallenge: CHALLENGE };
const base: RequestOptions = { responseType: 'code', scope: 'openid profile email', pkce: 'S256', state: { mode: 'auto' }, nonce: { mode: 'auto' } };
const opts = (over: Partial<RequestOptions>): RequestOptions => ({ ...base, ...over });
const ids = (o: RequestOptions, g: typeof gen | { state: string; nonce: string; codeChallenge?: string } = gen) => {
  const r = authorizationParams(o, g);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.findings.map((f) => `${f.id}:${f.severity}`);
};

describe('authorizationParams', () => {
  it('the safe default: code + PKCE S256, state and nonce, in a stable order, no findings', () => {
    expect(authorizationParams(base, gen, { clientId: 's6BhdRkqt3', redirectUri: 'https://client.example.org/cb' })).toEqual({
      ok: true,
      value: {
        params: {
          response_type: 'code',
          client_id: 's6BhdRkqt3',
          redirect_uri: 'https://client.example.org/cb',
          scope: 'openid profile email',
          state: 'af0ifjsldkj',
          nonce: 'n-0S6_WzA2Mj',
          code_challenge: CHALLENGE,
          code_challenge_method: 'S256',
        },
        repeated: {},
        findings: [],
      },
    });
  });

  it('every optional parameter, each once, after the core ones; resource repeated', () => {
    const r = authorizationParams(
      opts({ prompt: 'login', max_age: 0, login_hint: 'alice@example.com', acr_values: 'urn:mace:incommon:iap:silver', claims: '{"userinfo":{"email":null}}', ui_locales: 'fr-CA fr en', audience: 'https://api.example', resource: [' https://cal.example.com/ ', '', 'urn:example:contacts'], responseMode: 'form_post', extra: { display: 'popup', empty: '' } }),
      gen,
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(Object.keys(r.value.params)).toEqual([
      'response_type', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method', 'response_mode', 'prompt',
      'max_age', 'login_hint', 'acr_values', 'claims', 'ui_locales', 'audience', 'display',
    ]);
    expect(r.value.params.max_age).toBe('0');
    expect(r.value.repeated).toEqual({ resource: ['https://cal.example.com/', 'urn:example:contacts'] });
    expect(r.value.findings).toEqual([]);
  });

  it.each([
    // [what, options, generated, findings]
    ['state omitted, S256 still protects the code', opts({ state: { mode: 'omit' } }), gen, ['state.omitted:warning']],
    ['state omitted and no PKCE', opts({ state: { mode: 'omit' }, pkce: 'none' }), gen, ['state.omitted:error', 'pkce.missing:error']],
    ['a custom state', opts({ state: { mode: 'custom', value: 'fixed' } }), gen, ['state.fixed:warning']],
    ['a custom nonce', opts({ nonce: { mode: 'custom', value: 'fixed' } }), gen, ['nonce.fixed:warning']],
    ['nonce omitted in the code flow is allowed', opts({ nonce: { mode: 'omit' } }), gen, []],
    ['nonce omitted, id_token in the front channel', opts({ responseType: 'id_token', nonce: { mode: 'omit' } }), gen, ['nonce.omitted:error']],
    ['nonce omitted, hybrid', opts({ responseType: 'code id_token', nonce: { mode: 'omit' } }), gen, ['nonce.omitted:error']],
    ['PKCE plain', opts({ pkce: 'plain' }), { ...gen, codeChallenge: VERIFIER }, ['pkce.plain:warning']],
    ['implicit token', opts({ responseType: 'id_token token' }), gen, ['implicit.token:warning']],
    ['hybrid with token', opts({ responseType: 'code token' }), gen, ['implicit.token:warning']],
    ['query with an id_token', opts({ responseType: 'code id_token', responseMode: 'query' }), gen, ['request.response-mode-query:error']],
    ['max_age -1', opts({ max_age: -1 }), gen, ['request.max-age:warning']],
    ['max_age 1.5', opts({ max_age: 1.5 }), gen, ['request.max-age:warning']],
    ['max_age "soon"', opts({ max_age: 'soon' }), gen, ['request.max-age:warning']],
    ['max_age "3600"', opts({ max_age: '3600' }), gen, []],
    ['claims an array', opts({ claims: '[]' }), gen, ['request.claims:warning']],
    ['claims truncated', opts({ claims: '{"userinfo":' }), gen, ['request.claims:warning']],
    ['claims null', opts({ claims: 'null' }), gen, ['request.claims:warning']],
    ['prompt none with login', opts({ prompt: 'none login' }), gen, ['request.prompt-none:warning']],
    ['offline_access with prompt login', opts({ scope: 'openid offline_access', prompt: 'login' }), gen, ['request.offline-access:warning']],
    ['a relative resource', opts({ resource: ['api'] }), gen, ['request.resource:warning']],
    ['a resource with a fragment', opts({ resource: ['https://api.example/#x'] }), gen, ['request.resource:warning']],
  ])('%s', (_what, o, g, expected) => {
    expect(ids(o, g)).toEqual(expected);
  });

  it('sends what was asked for, however weak', () => {
    const r = authorizationParams(opts({ state: { mode: 'omit' }, nonce: { mode: 'custom', value: 'n1' }, pkce: 'plain', max_age: -1, claims: '[]' }), { ...gen, codeChallenge: VERIFIER });
    expect(r.ok && r.value.params).toEqual({ response_type: 'code', scope: 'openid profile email', nonce: 'n1', code_challenge: VERIFIER, code_challenge_method: 'plain', max_age: '-1', claims: '[]' });
  });

  it('PKCE none, and any implicit response, sends no code_challenge', () => {
    for (const o of [opts({ pkce: 'none' }), opts({ responseType: 'id_token token' })]) {
      const r = authorizationParams(o, gen);
      expect(r.ok && [r.value.params.code_challenge, r.value.params.code_challenge_method]).toEqual([undefined, undefined]);
    }
  });

  it.each([
    ['openid offline_access', undefined, 'consent'], // OIDC Core 11 (was in start-flow.ts)
    ['openid offline_access', 'login consent', 'login consent'],
    ['openid', undefined, undefined],
    ['offline_accessx', undefined, undefined],
  ])('scope %j with prompt %j sends prompt %j', (scope, prompt, sent) => {
    const r = authorizationParams(opts({ scope, prompt }), gen);
    expect(r.ok && r.value.params.prompt).toBe(sent);
  });

  it.each([
    ['an empty response_type', opts({ responseType: ' ' }), gen, 'missing-param', 'response_type is empty'],
    ['a custom state with no value', opts({ state: { mode: 'custom', value: '' } }), gen, 'missing-param', 'a custom state is chosen but its value is empty'],
    ['a custom nonce with no value', opts({ nonce: { mode: 'custom' } }), gen, 'missing-param', 'a custom nonce is chosen but its value is empty'],
    ['S256 without a challenge', base, { state: 's', nonce: 'n' }, 'missing-param', 'PKCE S256 is chosen but no code_challenge was made'],
    ['an extra state', opts({ extra: { state: 'x' } }), gen, 'duplicate-param', 'state is set through its own field, not as an extra parameter'],
    ['an extra resource', opts({ extra: { resource: 'x' } }), gen, 'duplicate-param', 'resource is set through its own field, not as an extra parameter'],
    ['an extra request_uri', opts({ extra: { request_uri: 'x' } }), gen, 'duplicate-param', 'request_uri is set through its own field, not as an extra parameter'],
    ['an extra with no name', opts({ extra: { '': 'x' } }), gen, 'bad-param', 'an extra parameter has an empty name'],
  ])('%s is a problem', (_what, o, g, code, message) => {
    expect(authorizationParams(o, g)).toEqual({ ok: false, error: { code, message } });
  });
});

describe('authorizationRequestUrl', () => {
  it('builds the URL from the parameters, resources repeated', () => {
    const built = authorizationParams(opts({ resource: ['https://a.example/', 'https://b.example/'], extra: { display: 'page' } }), gen, { clientId: 's6BhdRkqt3', redirectUri: 'https://client.example.org/cb' });
    if (!built.ok) throw new Error(built.error.message);
    const r = authorizationRequestUrl('https://server.example.com/authorize', built.value);
    if (!r.ok) throw new Error(r.error.message);
    const q = new URL(r.value.url).searchParams;
    expect(q.get('client_id')).toBe('s6BhdRkqt3');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('display')).toBe('page');
    expect(q.getAll('resource')).toEqual(['https://a.example/', 'https://b.example/']);
    expect(r.value.params.resource).toBe('https://a.example/ https://b.example/');
  });

  it('needs the client', () => {
    const built = authorizationParams(base, gen);
    expect(built.ok && authorizationRequestUrl('https://server.example.com/authorize', built.value)).toMatchObject({ ok: false, error: { code: 'missing-param' } });
  });
});
