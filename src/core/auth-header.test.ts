import { describe, expect, it } from 'vitest';
import { parseAuthorizationHeader } from './auth-header';

describe('parseAuthorizationHeader', () => {
  it.each([
    // RFC 6749 2.3.1 example
    ['Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW', { scheme: 'Basic', clientId: 's6BhdRkqt3', secretMasked: '••••(10 chars)' }],
    // RFC 7617 2 example; the header name is optional and the scheme any case
    ['basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==', { scheme: 'Basic', clientId: 'Aladdin', secretMasked: '••••(11 chars)' }],
    ['BASIC QWxhZGRpbjpvcGVuIHNlc2FtZQ', { scheme: 'Basic', clientId: 'Aladdin', secretMasked: '••••(11 chars)' }],
    // RFC 6749 2.3.1: form-urlencoded before base64 ("my client:p%40ss+word" -> "my client" / "p@ss word")
    [`Basic ${btoa('my+client:p%40ss+word')}`, { scheme: 'Basic', clientId: 'my client', secretMasked: '••••(9 chars)' }],
    // a password may contain ':' (RFC 7617 2)
    [`Basic ${btoa('app:a:b:c:d:e:f:g:h:i')}`, { scheme: 'Basic', clientId: 'app', secretMasked: 'a:b:…(17 chars)' }],
    [`Basic ${btoa('app:')}`, { scheme: 'Basic', clientId: 'app', secretMasked: '••••(0 chars)' }],
    [`Basic ${btoa('50%:x')}`, { scheme: 'Basic', clientId: '50%', secretMasked: '••••(1 chars)' }],
    [`Basic ${btoa('no-colon')}`, { scheme: 'Basic', problem: 'the Basic credentials have no ":" between client id and secret (RFC 7617 2)' }],
    ['Basic not_base64!', { scheme: 'Basic', problem: 'the Basic credentials are not base64 (RFC 7617 2)' }],
    ['Basic /w==', { scheme: 'Basic', problem: 'the Basic credentials do not decode to UTF-8 text (RFC 7617 2.1)' }],
    // RFC 6750 2.1 example
    ['Authorization: Bearer mF_9.B5f-4.1JqM', { scheme: 'Bearer', token: 'mF_9.B5f-4.1JqM' }],
    ['  bearer abc  \n', { scheme: 'Bearer', token: 'abc' }],
    // RFC 9449 7.1 example
    ['Authorization: DPoP Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU', { scheme: 'DPoP', token: 'Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU' }],
  ])('%s', (text, expected) => {
    expect(parseAuthorizationHeader(text)).toEqual(expected);
  });

  it.each(['Bearer', 'Bearer a b', 'Digest username="x"', 'eyJhbGciOiJub25lIn0.e30.', 'DPoP: eyJhbGciOiJub25lIn0.e30.', 'X-Authorization: Bearer a', ''])(
    'is not a header: %j',
    (text) => {
      expect(parseAuthorizationHeader(text)).toBeUndefined();
    },
  );

  it('never puts the Basic secret in its answer', () => {
    const got = JSON.stringify(parseAuthorizationHeader(`Basic ${btoa('client:super-secret-value-123')}`));
    expect(got).not.toContain('super-secret');
    expect(got).toContain('supe…(22 chars)');
  });
});
