import { describe, expect, it } from 'vitest';
import { basicAuthorization } from './client-auth';
import { TOKEN_EXCHANGE_GRANT, TOKEN_TYPES, tokenExchangeRequest, type TokenExchangeInput } from './token-exchange';

// RFC 8693 2.3: the resource server rs08 exchanges the access token it received.
const example: TokenExchangeInput = {
  tokenEndpoint: 'https://as.example.com/as/token.oauth2',
  auth: { headers: { Authorization: basicAuthorization('rs08', 'long-secure-random-secret') }, params: {} },
  resource: ['https://backend.example.com/api'],
  subjectToken: 'accVkjcJyb4BWCxGsndESCJQbdFMogUC5PbRDqceLTC',
  subjectTokenType: TOKEN_TYPES.access_token,
};

describe('tokenExchangeRequest', () => {
  it('builds the RFC 8693 2.3 example request byte for byte', () => {
    expect(tokenExchangeRequest(example)).toEqual({
      ok: true,
      value: {
        url: 'https://as.example.com/as/token.oauth2',
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', Authorization: 'Basic cnMwODpsb25nLXNlY3VyZS1yYW5kb20tc2VjcmV0' },
        body:
          'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange' +
          '&resource=https%3A%2F%2Fbackend.example.com%2Fapi' +
          '&subject_token=accVkjcJyb4BWCxGsndESCJQbdFMogUC5PbRDqceLTC' +
          '&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token',
        params: {
          grant_type: TOKEN_EXCHANGE_GRANT,
          resource: 'https://backend.example.com/api',
          subject_token: 'accVkjcJyb4BWCxGsndESCJQbdFMogUC5PbRDqceLTC',
          subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        },
      },
    });
  });

  it('delegation: every 2.1 parameter, in 2.1 order, audiences and resources repeated', () => {
    const r = tokenExchangeRequest({
      ...example,
      resource: ['https://a.example/', 'https://b.example/'],
      audience: ['urn:example:cooperation-context', 'backend'],
      scope: 'read',
      requestedTokenType: TOKEN_TYPES.jwt,
      actorToken: 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2ln',
      actorTokenType: TOKEN_TYPES.jwt,
      extra: { custom: 'x' },
    });
    if (!r.ok) throw new Error(r.error.message);
    expect([...new URLSearchParams(r.value.body).keys()]).toEqual([
      'grant_type', 'resource', 'resource', 'audience', 'audience', 'scope', 'requested_token_type',
      'subject_token', 'subject_token_type', 'actor_token', 'actor_token_type', 'custom',
    ]);
    expect(r.value.params.audience).toBe('urn:example:cooperation-context backend');
  });

  it('takes a single audience as a string', () => {
    const r = tokenExchangeRequest({ ...example, audience: 'backend' });
    expect(r.ok && new URLSearchParams(r.value.body).getAll('audience')).toEqual(['backend']);
  });

  it.each([
    ['no subject token', { subjectToken: '' }, 'missing-param', 'subject_token is empty'],
    ['no subject token type', { subjectTokenType: '' }, 'missing-param', 'subject_token_type is empty'],
    ['an actor token without its type', { actorToken: 'a' }, 'missing-param', 'actor_token_type is required with an actor_token'],
    ['an actor token type alone', { actorTokenType: TOKEN_TYPES.jwt }, 'bad-param', 'actor_token_type must not be sent without an actor_token'],
    ['a bare word for a type', { subjectTokenType: 'access_token' }, 'bad-param', 'subject_token_type must be a token type URI (RFC 8693 3), e.g. urn:ietf:params:oauth:token-type:access_token'],
    ['a bare word for the requested type', { requestedTokenType: 'jwt' }, 'bad-param', 'requested_token_type must be a token type URI (RFC 8693 3), e.g. urn:ietf:params:oauth:token-type:access_token'],
    ['an extra audience', { extra: { audience: 'x' } }, 'duplicate-param', 'audience is set by the request itself, not as an extra parameter'],
    ['an extra actor_token', { extra: { actor_token: 'x' } }, 'duplicate-param', 'actor_token is set by the request itself, not as an extra parameter'],
  ])('%s is a problem', (_what, over, code, message) => {
    expect(tokenExchangeRequest({ ...example, ...over })).toEqual({ ok: false, error: { code, message } });
  });
});
