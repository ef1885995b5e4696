import { describe, expect, it } from 'vitest';
import { explainClaim, relativeTime } from './claims';

// OIDC Core 2 example ID token times; "now" is 1311281000 s, 30 s after iat.
const NOW_MS = 1311281000_000;

describe('explainClaim', () => {
  it.each([
    // [name, value, label, clause, display]
    ['iss', 'https://server.example.com', 'Issuer', 'RFC 7519 4.1.1', undefined],
    ['sub', '24400320', 'Subject', 'RFC 7519 4.1.2', undefined],
    ['aud', 's6BhdRkqt3', 'Audience', 'RFC 7519 4.1.3', undefined],
    ['aud', ['s6BhdRkqt3', 'api'], 'Audience', 'RFC 7519 4.1.3', 's6BhdRkqt3, api'],
    ['exp', 1311281000 + 240, 'Expires', 'RFC 7519 4.1.4', '2011-07-21 20:47:20 UTC (expires in 4 min)'],
    ['exp', 1311281000 - 3 * 3600, 'Expires', 'RFC 7519 4.1.4', '2011-07-21 17:43:20 UTC (expired 3 h ago)'],
    ['exp', '1311281970', 'Expires', 'RFC 7519 4.1.4', 'not a NumericDate (a JSON number of seconds since 1970, RFC 7519 2)'],
    ['nbf', 1311281000 + 120, 'Not before', 'RFC 7519 4.1.5', '2011-07-21 20:45:20 UTC (becomes valid in 2 min)'],
    ['nbf', 1311280970, 'Not before', 'RFC 7519 4.1.5', '2011-07-21 20:42:50 UTC (became valid 30 s ago)'],
    ['iat', 1311280970, 'Issued at', 'RFC 7519 4.1.6', '2011-07-21 20:42:50 UTC (issued 30 s ago)'],
    ['iat', 1311281000, 'Issued at', 'RFC 7519 4.1.6', '2011-07-21 20:43:20 UTC (issued now)'],
    ['jti', 'id-1', 'JWT ID', 'RFC 7519 4.1.7', undefined],
    ['auth_time', 1311280969, 'Authentication time', 'OIDC Core 2', '2011-07-21 20:42:49 UTC (authenticated 31 s ago)'],
    ['updated_at', 1311281000 - 86400 * 10, 'Updated at', 'OIDC Core 5.1', '2011-07-11 20:43:20 UTC (updated 10 d ago)'],
    ['exp', 1311281000_000_000, 'Expires', 'RFC 7519 4.1.4', 'a number too large to be a date (NumericDate is in seconds, not milliseconds: RFC 7519 2)'],
    ['updated_at', null, 'Updated at', 'OIDC Core 5.1', 'not a NumericDate (a JSON number of seconds since 1970, RFC 7519 2)'],
    ['nonce', 'n-0S6_WzA2Mj', 'Nonce', 'OIDC Core 2', undefined],
    ['acr', 'urn:mace:incommon:iap:silver', 'Authentication context class', 'OIDC Core 2', undefined],
    ['amr', ['pwd', 'otp'], 'Authentication methods', 'OIDC Core 2', 'pwd, otp'],
    ['azp', 's6BhdRkqt3', 'Authorized party', 'OIDC Core 2', undefined],
    ['at_hash', '77QmUPtjPfzWtF2AnpK9RQ', 'Access token hash', 'OIDC Core 3.1.3.6', undefined],
    ['c_hash', 'LDktKdoQak3Pk0cnXxCltA', 'Code hash', 'OIDC Core 3.3.2.11', undefined],
    ['s_hash', 'x', 'State hash', 'FAPI 1.0 Advanced 5.1.1', undefined],
    ['sid', '08a5019c', 'Session ID', 'OIDC Front-Channel Logout 3', undefined],
    ['email_verified', true, 'Email verified', 'OIDC Core 5.1', 'yes'],
    ['email_verified', 'true', 'Email verified', 'OIDC Core 5.1', 'not a JSON boolean (OIDC Core 5.1)'],
    ['phone_number_verified', false, 'Phone number verified', 'OIDC Core 5.1', 'no'],
    ['address', { street_address: '1234 Hollywood Blvd.', locality: 'Los Angeles', region: 'CA', postal_code: '90210', country: 'US' }, 'Postal address', 'OIDC Core 5.1.1', '1234 Hollywood Blvd., Los Angeles, CA, 90210, US'],
    ['address', { formatted: '1 Main St\nSpringfield' }, 'Postal address', 'OIDC Core 5.1.1', '1 Main St\nSpringfield'],
    ['client_id', 's6BhdRkqt3', 'Client ID', 'RFC 9068 2.2', undefined],
    ['scope', 'openid profile', 'Scope', 'RFC 9068 2.2.3', undefined],
    // RFC 9449 6.1 example
    ['cnf', { jkt: '0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I' }, 'Confirmation', 'RFC 7800 3.1', 'bound to the DPoP key with SHA-256 thumbprint 0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I (RFC 9449 6.1)'],
    // RFC 8705 3.1 example
    ['cnf', { 'x5t#S256': 'bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2' }, 'Confirmation', 'RFC 7800 3.1', 'bound to the client certificate with SHA-256 thumbprint bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2 (RFC 8705 3.1)'],
    ['cnf', { jwk: { kty: 'EC' } }, 'Confirmation', 'RFC 7800 3.1', 'bound to the key given in full (RFC 7800 3.2)'],
    // RFC 8693 4.1 example: a nested act
    ['act', { sub: 'https://service16.example.com', act: { sub: 'https://service77.example.com' } }, 'Actor', 'RFC 8693 4.1', 'https://service16.example.com acts for the subject; earlier actors: https://service77.example.com'],
    ['act', { sub: 'admin@example.net' }, 'Actor', 'RFC 8693 4.1', 'admin@example.net acts for the subject'],
    ['may_act', { sub: 'admin@example.net' }, 'May act', 'RFC 8693 4.4', 'admin@example.net may act for the subject'],
    ['htm', 'POST', 'HTTP method', 'RFC 9449 4.2', undefined],
  ])('%s = %j', (name, value, label, clause, display) => {
    const e = explainClaim(name, value, NOW_MS);
    expect(e).toMatchObject({ label, clause });
    expect(e.description.length).toBeGreaterThan(10);
    expect(e.display).toBe(display);
  });

  it.each([
    'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture',
    'website', 'email', 'gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number',
  ])('knows the standard claim %s (OIDC Core 5.1)', (name) => {
    expect(explainClaim(name, 'x', NOW_MS).clause).toBe('OIDC Core 5.1');
  });

  it.each(['https://example.com/is_root', 'toString', '__proto__', 'tenant', ''])('falls back for %j', (name) => {
    expect(explainClaim(name, 1, NOW_MS)).toEqual({
      label: name,
      description: 'Not a claim this tool knows: a provider-specific (private or public) claim.',
      clause: 'RFC 7519 4.2, 4.3',
    });
  });

  // Issue 9: a stranger's token nests a claim 20,000 deep or makes it megabytes long.
  const deep = (key: string, n: number): unknown => JSON.parse(`{"${key}":`.repeat(n) + '{"sub":"x"}' + '}'.repeat(n));

  it.each(['act', 'address', 'cnf', 'aud', 'my_claim'])('says a 20,000-deep %s is too deep, without a RangeError', (name) => {
    const e = explainClaim(name, deep('act', 20_000), NOW_MS);
    expect(e).toMatchObject({ tooBig: true, display: expect.stringMatching(/^too deep to show \(depth > 32, \d+ bytes\)$/) });
    expect(e.clause).toMatch(/RFC|OIDC/);
  });

  it('says a 5 MB claim is too large', () => {
    const e = explainClaim('amr', ['pwd', 'x'.repeat(5_000_000)], NOW_MS);
    expect(e).toMatchObject({ tooBig: true, display: 'too large to show, 5000010 bytes', label: 'Authentication methods' });
    expect(explainClaim('name', 'n'.repeat(100_000), NOW_MS).display).toBe('too large to show, 100000 bytes');
  });

  it('reads an act chain up to the depth limit', () => {
    const chain = (n: number) => (deep('act', n - 1) as Record<string, unknown>).act ?? { sub: 'x' };
    expect(explainClaim('act', { sub: 'a', act: { sub: 'b' } }, NOW_MS).display).toBe('a acts for the subject; earlier actors: b');
    expect(explainClaim('act', chain(40), NOW_MS).tooBig).toBe(true);
    expect(explainClaim('act', { sub: { deep: deep('a', 40) } }, NOW_MS).tooBig).toBe(true);
  });

  it('re-exports relativeTime for the panel', () => {
    expect(relativeTime(1311281000 + 240, NOW_MS)).toBe('in 4 min');
  });

  it('uses the real clock when no time is given', () => {
    expect(explainClaim('exp', Math.floor(Date.now() / 1000) + 600).display).toMatch(/\(expires in (9|10) min\)$/);
  });
});
