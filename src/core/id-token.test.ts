import { describe, expect, it } from 'vitest';
import type { Finding } from './finding';
import { checkIdTokenClaims, type IdTokenExpectations } from './id-token';

// OIDC Core 2 example ID token claims.
const claims = {
  iss: 'https://server.example.com',
  sub: '24400320',
  aud: 's6BhdRkqt3',
  nonce: 'n-0S6_WzA2Mj',
  exp: 1311281970,
  iat: 1311280970,
  auth_time: 1311280969,
};
const expect0: IdTokenExpectations = { issuer: 'https://server.example.com', clientId: 's6BhdRkqt3', nonce: 'n-0S6_WzA2Mj', now: 1311281000 };

const byId = (fs: Finding[]) => Object.fromEntries(fs.map((f) => [f.id, f]));
const statuses = (fs: Finding[]) => Object.fromEntries(fs.map((f) => [f.id, f.status]));

describe('checkIdTokenClaims', () => {
  it('passes the OIDC Core example, one finding per check, in a stable order', () => {
    const fs = checkIdTokenClaims(claims, expect0);
    expect(fs.map((f) => f.id)).toEqual(['iss', 'aud', 'azp-present', 'azp', 'exp', 'iat', 'nbf', 'nonce']);
    expect(statuses(fs)).toEqual({ iss: 'pass', aud: 'pass', 'azp-present': 'n/a', azp: 'n/a', exp: 'pass', iat: 'pass', nbf: 'n/a', nonce: 'pass' });
    expect(fs.every((f) => f.severity === 'info')).toBe(true);
    expect(byId(fs).iss?.clause).toBe('OIDC Core 3.1.3.7 (2)');
  });

  it.each([
    // [what, claim changes, expectation changes, id, status, severity]
    ['iss with a trailing slash', { iss: 'https://server.example.com/' }, {}, 'iss', 'fail', 'error'],
    ['iss missing', { iss: undefined }, {}, 'iss', 'fail', 'error'],
    ['aud another client', { aud: 'other' }, {}, 'aud', 'fail', 'error'],
    ['aud array containing us', { aud: ['s6BhdRkqt3', 'api'], azp: 's6BhdRkqt3' }, {}, 'aud', 'pass', 'info'],
    ['aud a number', { aud: 42 }, {}, 'aud', 'fail', 'error'],
    ['aud missing', { aud: undefined }, {}, 'aud', 'fail', 'error'],
    ['several audiences, no azp', { aud: ['s6BhdRkqt3', 'api'] }, {}, 'azp-present', 'fail', 'warning'],
    ['several audiences with azp', { aud: ['s6BhdRkqt3', 'api'], azp: 's6BhdRkqt3' }, {}, 'azp-present', 'pass', 'info'],
    ['azp another client', { azp: 'other' }, {}, 'azp', 'fail', 'error'],
    ['azp ours', { azp: 's6BhdRkqt3' }, {}, 'azp', 'pass', 'info'],
    ['expired long ago', {}, { now: 1311281970 + 61 }, 'exp', 'fail', 'error'],
    ['expired, inside the tolerance', {}, { now: 1311281970 + 59 }, 'exp', 'pass', 'info'],
    ['expired, zero tolerance', {}, { now: 1311281970, clockToleranceSec: 0 }, 'exp', 'fail', 'error'],
    ['exp a string', { exp: '1311281970' }, {}, 'exp', 'fail', 'error'],
    ['exp missing', { exp: undefined }, {}, 'exp', 'fail', 'error'],
    ['iat missing', { iat: undefined }, {}, 'iat', 'fail', 'error'],
    ['iat a string', { iat: 'yesterday' }, {}, 'iat', 'fail', 'error'],
    ['nbf in the future', { nbf: 1311281000 + 120 }, {}, 'nbf', 'fail', 'error'],
    ['nbf in the future, inside the tolerance', { nbf: 1311281000 + 30 }, {}, 'nbf', 'pass', 'info'],
    ['nbf passed', { nbf: 1311280970 }, {}, 'nbf', 'pass', 'info'],
    ['nbf not a number', { nbf: null }, {}, 'nbf', 'fail', 'error'],
    ['nonce different', { nonce: 'other' }, {}, 'nonce', 'fail', 'error'],
    ['nonce missing', { nonce: undefined }, {}, 'nonce', 'fail', 'error'],
    ['no nonce sent', {}, { nonce: undefined }, 'nonce', 'n/a', 'info'],
  ])('%s', (_what, change, expChange, id, status, severity) => {
    const f = byId(checkIdTokenClaims({ ...claims, ...change }, { ...expect0, ...expChange }))[id];
    expect(f).toMatchObject({ status, severity });
  });

  it('shows expected and actual values for a wrong nonce (fault-cases.md 16)', () => {
    const f = byId(checkIdTokenClaims({ ...claims, nonce: 'abc' }, expect0)).nonce;
    expect(f).toEqual({
      id: 'nonce',
      status: 'fail',
      severity: 'error',
      clause: 'OIDC Core 3.1.3.7 (11)',
      message: 'nonce differs from the one sent',
      expected: 'n-0S6_WzA2Mj',
      actual: 'abc',
    });
  });

  it('states the clock tolerance used for an expired token (fault-cases.md 15)', () => {
    const f = byId(checkIdTokenClaims(claims, { ...expect0, now: 1311281970 + 100, clockToleranceSec: 30 })).exp;
    expect(f?.message).toBe('the token expired 100 s ago (clock tolerance 30 s)');
    expect(f?.expected).toBe('after 1311282070 (2011-07-21T21:01:10.000Z), clock tolerance 30 s');
    expect(f?.actual).toBe('1311281970 (2011-07-21T20:59:30.000Z)');
  });

  it('names both issuers in an iss mismatch', () => {
    const f = byId(checkIdTokenClaims({ ...claims, iss: 'https://evil.example' }, expect0)).iss;
    expect(f).toMatchObject({ expected: 'https://server.example.com', actual: 'https://evil.example' });
  });

  it('uses the real clock when no time is given', () => {
    const fresh = { ...claims, exp: Math.floor(Date.now() / 1000) + 300 };
    expect(byId(checkIdTokenClaims(fresh, { ...expect0, now: undefined })).exp?.status).toBe('pass');
    expect(byId(checkIdTokenClaims(claims, { ...expect0, now: undefined })).exp?.status).toBe('fail'); // 2011
  });
});
