/** "Issuer or discovery URL": what a person pastes, read back to the issuer (issuerFromInput). */
import { describe, expect, it } from 'vitest';
import { discoveryUrls, issuerFromInput } from './discovery';

describe('issuerFromInput', () => {
  it.each([
    // An issuer as such (normalizeIssuer's rules: one trailing slash goes).
    ['https://login.example.com', 'https://login.example.com', 'issuer'],
    ['  https://login.example.com/  ', 'https://login.example.com', 'issuer'],
    ['http://127.0.0.1:9400', 'http://127.0.0.1:9400', 'issuer'],
    ['https://accounts.example/realms/demo', 'https://accounts.example/realms/demo', 'issuer'],
    // OIDC Discovery 4.1: the well-known path appended to the issuer, path first.
    ['https://login.example.com/.well-known/openid-configuration', 'https://login.example.com', 'oidc-discovery'],
    ['https://login.example.com/.well-known/openid-configuration/', 'https://login.example.com', 'oidc-discovery'],
    ['http://127.0.0.1:9400/.well-known/openid-configuration', 'http://127.0.0.1:9400', 'oidc-discovery'],
    ['https://accounts.example/realms/demo/.well-known/openid-configuration', 'https://accounts.example/realms/demo', 'oidc-discovery'],
    [
      'https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0/.well-known/openid-configuration',
      'https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0',
      'oidc-discovery',
    ],
    // RFC 8414 3.1: the well-known segment between host and path (its own example: /issuer1).
    ['https://example.com/.well-known/oauth-authorization-server', 'https://example.com', 'oauth-metadata'],
    ['https://example.com/.well-known/oauth-authorization-server/issuer1', 'https://example.com/issuer1', 'oauth-metadata'],
    // Kept as typed, since the issuer is compared as a plain string (RFC 8414 3.3).
    ['https://Login.Example.com:8443/t/.well-known/openid-configuration', 'https://Login.Example.com:8443/t', 'oidc-discovery'],
  ])('%j -> %s (%s)', (input, issuer, form) => {
    expect(issuerFromInput(input)).toEqual({ ok: true, value: { issuer, form } });
  });

  it.each([
    ['', 'empty'],
    ['login.example.com', 'not an absolute URL'],
    ['ftp://login.example.com/.well-known/openid-configuration', 'ftp:'],
    ['https://tenant.example/.well-known/openid-configuration?p=b2c_1_signin', 'query'],
    ['https://login.example.com/.well-known/openid-configuration#x', 'fragment'],
    ['https://login.example.com/.well-known/jwks.json', 'other than openid-configuration'],
    ['https://login.example.com/.well-known/oauth-authorization-serverX', 'other than openid-configuration'],
    ['https://alice:pw@login.example.com/.well-known/openid-configuration', 'user name or password'],
    ['https://login.example.com?tenant=a', 'query'],
    [`https://login.example.com/${'a'.repeat(3000)}`, 'too long'],
  ])('%j is refused (%s)', (input, words) => {
    const r = issuerFromInput(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain(words);
  });

  // The round trip that keeps the issuer rule: each discovery URL of an issuer reads back to it.
  it.each(['https://login.example.com', 'http://127.0.0.1:9400', 'https://example.com/issuer1', 'https://a.example/t/v2.0'])('discoveryUrls(%s) read back give the issuer', (issuer) => {
    const urls = discoveryUrls(issuer);
    expect(issuerFromInput(urls.oidc)).toEqual({ ok: true, value: { issuer, form: 'oidc-discovery' } });
    expect(issuerFromInput(urls.oauth)).toEqual({ ok: true, value: { issuer, form: 'oauth-metadata' } });
  });
});
