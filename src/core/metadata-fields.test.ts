import { describe, expect, it } from 'vitest';
import { checkMetadataFields, isEndpointUrl } from './metadata-fields';

describe('isEndpointUrl', () => {
  it.each([
    ['https://server.example.com/token', true],
    ['http://127.0.0.1:3000/token', true],
    ['https://server.example.com/authorize?tenant=a', true], // a query is allowed (RFC 6749 3.1)
    ['https://server.example.com/authorize#x', false], // a fragment is not
    ['https://server.example.com/authorize#', false],
    ['/token', false],
    ['javascript:alert(1)', false],
    ['data:text/html,hi', false],
    ['', false],
  ])('%s -> %s', (url, expected) => {
    expect(isEndpointUrl(url)).toBe(expected);
  });
});

describe('checkMetadataFields', () => {
  it.each([
    [{ issuer: 'https://a.example', userinfo_endpoint: 'https://a.example/me' }, true],
    [{ backchannel_logout_supported: true, claims_parameter_supported: false }, true], // boolean *_supported
    [{ prompt_values_supported: ['none', 'login', 'create'] }, true],
    [{ service_documentation: 'https://a.example/docs', op_tos_uri: 42 }, true], // not checked: not used
    [{ pushed_authorization_request_endpoint: null }, false],
    [{ end_session_endpoint: 'logout' }, false],
    [{ claims_supported: 'sub' }, false],
    [{ ui_locales_supported: [['en']] }, false],
    [{ subject_types_supported: {} }, false],
    [{ require_pushed_authorization_requests: 1 }, false],
  ])('%j -> %s', (doc, expected) => {
    expect(checkMetadataFields(doc).ok).toBe(expected);
  });

  it('names the first bad field and its type', () => {
    expect(checkMetadataFields({ revocation_endpoint: ['https://a.example/revoke'] })).toEqual({
      ok: false,
      error: { code: 'bad-field', message: 'revocation_endpoint must be a URL string, got array' },
    });
  });
});
