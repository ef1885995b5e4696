import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Finding } from './finding';
import { validateIdToken, type IdTokenInput } from './id-token-checks';

// OIDC Core appendix A.6 (code id_token token): the ID token's claims, its access token and its code.
const ACCESS_TOKEN = 'jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y';
const CODE = 'Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk';
const claims = {
  iss: 'http://server.example.com',
  sub: '248289761001',
  aud: 's6BhdRkqt3',
  nonce: 'n-0S6_WzA2Mj',
  exp: 1311281970,
  iat: 1311280970,
  c_hash: 'LDktKdoQak3Pk0cnXxCltA',
  at_hash: '77QmUPtjPfzWtF2AnpK9RQ',
};
const base: IdTokenInput = {
  header: { alg: 'RS256', kid: '1e9gdk7' },
  payload: claims,
  issuer: 'http://server.example.com',
  clientId: 's6BhdRkqt3',
  nonce: 'n-0S6_WzA2Mj',
  flow: 'hybrid',
  accessToken: ACCESS_TOKEN,
  code: CODE,
  now: 1311281000, // 30 s after iat
};
const STATE = 'af0ifjsldkj';
const S_HASH = createHash('sha256').update(STATE).digest().subarray(0, 16).toString('base64url');

const run = async (input: Partial<IdTokenInput>, payload: Record<string, unknown> = {}) =>
  Object.fromEntries((await validateIdToken({ ...base, ...input, payload: { ...claims, ...payload } })).map((f) => [f.id, f])) as Record<string, Finding>;

describe('validateIdToken', () => {
  it('passes the appendix A.6 hybrid token, one finding per check in a stable order', async () => {
    const fs = await validateIdToken(base);
    expect(fs.map((f) => [f.id, f.status])).toEqual([
      ['alg', 'pass'], ['iss', 'pass'], ['sub', 'pass'], ['aud', 'pass'], ['azp-present', 'n/a'], ['azp', 'n/a'],
      ['exp', 'pass'], ['iat', 'pass'], ['nbf', 'n/a'], ['nonce', 'pass'], ['auth_time', 'n/a'],
      ['at_hash', 'pass'], ['c_hash', 'pass'], ['s_hash', 'n/a'], ['refresh-iss', 'n/a'], ['refresh-sub', 'n/a'],
    ]);
    expect(fs.every((f) => f.clause !== '')).toBe(true);
  });

  it.each([
    // [what, input changes, claim changes, id, status, severity]
    ['alg HS256 (signed with the client secret)', { header: { alg: 'HS256' } }, { at_hash: 'HS256 differs' }, 'alg', 'pass', 'info'],
    ['alg none in the hybrid flow', { header: { alg: 'none' } }, {}, 'alg', 'fail', 'error'],
    ['alg NONE in the implicit flow', { header: { alg: 'NONE' }, flow: 'implicit' }, {}, 'alg', 'fail', 'error'],
    ['alg none from the token endpoint', { header: { alg: 'none' }, flow: 'code' }, {}, 'alg', 'fail', 'warning'],
    ['no alg', { header: {} }, {}, 'alg', 'fail', 'error'],
    ['alg a number', { header: { alg: 256 } }, {}, 'alg', 'fail', 'error'],
    ['iss https instead of http', {}, { iss: 'https://server.example.com' }, 'iss', 'fail', 'error'],
    ['iss a number', {}, { iss: 1 }, 'iss', 'fail', 'error'],
    ['sub missing', {}, { sub: undefined }, 'sub', 'fail', 'error'],
    ['sub a number', {}, { sub: 248289761001 }, 'sub', 'fail', 'error'],
    ['sub of 255 chars', {}, { sub: 'a'.repeat(255) }, 'sub', 'pass', 'info'],
    ['sub of 256 chars', {}, { sub: 'a'.repeat(256) }, 'sub', 'fail', 'warning'],
    ['sub not ASCII', {}, { sub: 'José' }, 'sub', 'fail', 'warning'],
    ['aud a number', {}, { aud: 42 }, 'aud', 'fail', 'error'],
    ['aud another client', {}, { aud: 'other' }, 'aud', 'fail', 'error'],
    ['several audiences, no azp', {}, { aud: ['s6BhdRkqt3', 'api'] }, 'azp-present', 'fail', 'warning'],
    ['azp another client', {}, { azp: 'other' }, 'azp', 'fail', 'error'],
    ['azp ours', {}, { azp: 's6BhdRkqt3' }, 'azp', 'pass', 'info'],
    ['exp a string', {}, { exp: '1311281970' }, 'exp', 'fail', 'error'],
    ['exp 1 s inside the tolerance', { now: 1311281970 + 59 }, {}, 'exp', 'pass', 'info'],
    ['exp at the tolerance edge', { now: 1311281970 + 60 }, {}, 'exp', 'fail', 'error'],
    ['exp with no tolerance, 1 s before', { now: 1311281969, clockToleranceSec: 0 }, {}, 'exp', 'pass', 'info'],
    ['exp with no tolerance, at exp', { now: 1311281970, clockToleranceSec: 0 }, {}, 'exp', 'fail', 'error'],
    ['iat missing', {}, { iat: undefined }, 'iat', 'fail', 'error'],
    ['iat null', {}, { iat: null }, 'iat', 'fail', 'error'],
    ['iat 60 s ahead (the tolerance)', {}, { iat: 1311281000 + 60 }, 'iat', 'pass', 'info'],
    ['iat 61 s ahead', {}, { iat: 1311281000 + 61 }, 'iat', 'fail', 'error'],
    ['iat long before the request', { requestedAt: 1311280970 + 61 }, {}, 'iat', 'fail', 'warning'],
    ['iat just inside the tolerance before the request', { requestedAt: 1311280970 + 60 }, {}, 'iat', 'pass', 'info'],
    ['nbf in the future', {}, { nbf: 1311281000 + 61 }, 'nbf', 'fail', 'error'],
    ['nbf inside the tolerance', {}, { nbf: 1311281000 + 60 }, 'nbf', 'pass', 'info'],
    ['nbf a string', {}, { nbf: 'soon' }, 'nbf', 'fail', 'error'],
    ['hybrid nonce different', {}, { nonce: 'other' }, 'nonce', 'fail', 'error'],
    ['hybrid nonce missing', {}, { nonce: undefined }, 'nonce', 'fail', 'error'],
    ['hybrid nonce a number', {}, { nonce: 123 }, 'nonce', 'fail', 'error'],
    ['hybrid without a nonce sent', { nonce: undefined }, {}, 'nonce', 'fail', 'error'],
    ['implicit without a nonce sent', { nonce: undefined, flow: 'implicit' }, {}, 'nonce', 'fail', 'error'],
    ['code flow without a nonce sent', { nonce: undefined, flow: 'code' }, {}, 'nonce', 'n/a', 'info'],
    ['code flow, nonce different', { flow: 'code' }, { nonce: 'x' }, 'nonce', 'fail', 'error'],
    ['refresh, no nonce in the token', { flow: 'refresh' }, { nonce: undefined }, 'nonce', 'n/a', 'info'],
    ['refresh, the original nonce', { flow: 'refresh' }, {}, 'nonce', 'pass', 'info'],
    ['refresh, another nonce', { flow: 'refresh' }, { nonce: 'x' }, 'nonce', 'fail', 'error'],
    ['refresh, nonce present but the original unknown', { flow: 'refresh', nonce: undefined }, {}, 'nonce', 'n/a', 'info'],
    ['no max_age sent', {}, { auth_time: 1311280969 }, 'auth_time', 'n/a', 'info'],
    ['max_age sent, no auth_time', { maxAge: 600 }, {}, 'auth_time', 'fail', 'error'],
    ['max_age sent, recent auth_time', { maxAge: 600 }, { auth_time: 1311280969 }, 'auth_time', 'pass', 'info'],
    ['max_age 0, authenticated just now', { maxAge: 0 }, { auth_time: 1311281000 - 60 }, 'auth_time', 'pass', 'info'],
    ['max_age 0, authenticated 61 s ago', { maxAge: 0 }, { auth_time: 1311281000 - 61 }, 'auth_time', 'fail', 'error'],
    ['max_age counts from the request', { maxAge: 60, requestedAt: 1311280960 }, { auth_time: 1311280900 - 60 }, 'auth_time', 'pass', 'info'],
    ['max_age exceeded before the request', { maxAge: 60, requestedAt: 1311280960 }, { auth_time: 1311280900 - 61 }, 'auth_time', 'fail', 'error'],
    ['auth_time a string', { maxAge: 600 }, { auth_time: 'yesterday' }, 'auth_time', 'fail', 'error'],
    ['auth_time a string, no max_age', {}, { auth_time: 'yesterday' }, 'auth_time', 'fail', 'error'],
    ['max_age after a refresh', { maxAge: 60, flow: 'refresh' }, { auth_time: 1 }, 'auth_time', 'n/a', 'info'],
    ['implicit id_token token, at_hash right', { flow: 'implicit', code: undefined }, { c_hash: undefined }, 'at_hash', 'pass', 'info'],
    ['implicit id_token token, at_hash missing', { flow: 'implicit' }, { at_hash: undefined }, 'at_hash', 'fail', 'error'],
    ['implicit id_token (no access token)', { flow: 'implicit', accessToken: undefined }, { at_hash: undefined }, 'at_hash', 'n/a', 'info'],
    ['hybrid code id_token token, at_hash missing', {}, { at_hash: undefined }, 'at_hash', 'fail', 'error'],
    ['at_hash of another token', {}, { at_hash: 'LDktKdoQak3Pk0cnXxCltA' }, 'at_hash', 'fail', 'error'],
    ['at_hash a number', {}, { at_hash: 77 }, 'at_hash', 'fail', 'error'],
    ['token endpoint, no at_hash (optional)', { flow: 'code' }, { at_hash: undefined }, 'at_hash', 'n/a', 'info'],
    ['token endpoint, at_hash right', { flow: 'code' }, {}, 'at_hash', 'pass', 'info'],
    ['token endpoint, at_hash wrong', { flow: 'code' }, { at_hash: 'x' }, 'at_hash', 'fail', 'error'],
    ['at_hash present, access token unknown', { accessToken: undefined }, {}, 'at_hash', 'n/a', 'info'],
    ['at_hash under Ed448 (SHAKE256)', { header: { alg: 'Ed448' } }, {}, 'at_hash', 'n/a', 'info'],
    ['at_hash under EdDSA uses SHA-512, not SHA-256', { header: { alg: 'EdDSA' } }, {}, 'at_hash', 'fail', 'error'],
    ['hybrid c_hash missing', {}, { c_hash: undefined }, 'c_hash', 'fail', 'error'],
    ['hybrid c_hash wrong', {}, { c_hash: '77QmUPtjPfzWtF2AnpK9RQ' }, 'c_hash', 'fail', 'error'],
    ['code flow, no c_hash', { flow: 'code' }, { c_hash: undefined }, 'c_hash', 'n/a', 'info'],
    ['c_hash, no code known', { code: undefined }, {}, 'c_hash', 'n/a', 'info'],
    ['s_hash right', { state: STATE }, { s_hash: S_HASH }, 's_hash', 'pass', 'info'],
    ['s_hash wrong', { state: 'other' }, { s_hash: S_HASH }, 's_hash', 'fail', 'error'],
    ['no s_hash, state known (optional)', { state: STATE }, {}, 's_hash', 'n/a', 'info'],
    ['s_hash, state unknown', {}, { s_hash: S_HASH }, 's_hash', 'n/a', 'info'],
    ['refresh, same iss', { flow: 'refresh', previous: { iss: 'http://server.example.com', sub: '248289761001' } }, {}, 'refresh-iss', 'pass', 'info'],
    ['refresh, same sub', { flow: 'refresh', previous: { iss: 'http://server.example.com', sub: '248289761001' } }, {}, 'refresh-sub', 'pass', 'info'],
    ['refresh, another sub', { flow: 'refresh', previous: { iss: 'http://server.example.com', sub: '1' } }, {}, 'refresh-sub', 'fail', 'error'],
    ['refresh, another iss', { flow: 'refresh', previous: { iss: 'http://other.example.com', sub: '248289761001' } }, {}, 'refresh-iss', 'fail', 'error'],
    ['refresh, previous token unknown', { flow: 'refresh' }, {}, 'refresh-sub', 'n/a', 'info'],
  ] as [string, Partial<IdTokenInput>, Record<string, unknown>, string, string, string][])('%s', async (_what, input, change, id, status, severity) => {
    expect((await run(input, change))[id]).toMatchObject({ status, severity });
  });

  it('shows expected and actual for a wrong at_hash (fault-cases.md 16)', async () => {
    expect((await run({}, { at_hash: 'AAAAAAAAAAAAAAAAAAAAAA' })).at_hash).toEqual({
      id: 'at_hash',
      status: 'fail',
      severity: 'error',
      clause: 'OIDC Core 3.3.2.9, 3.3.2.11',
      message: 'at_hash does not match the access token',
      expected: '77QmUPtjPfzWtF2AnpK9RQ',
      actual: 'AAAAAAAAAAAAAAAAAAAAAA',
    });
  });

  it('names the claim of a broken value', async () => {
    const fs = await run({}, { aud: 42, exp: '1311281970' });
    expect(fs.aud).toMatchObject({ status: 'fail', message: 'aud is missing or not a string or array of strings', actual: '42' });
    expect(fs.exp).toMatchObject({ status: 'fail', message: 'exp is missing or not a number', actual: '1311281970' });
  });

  it('states the clock tolerance it used, passing or failing (fault-cases.md 15)', async () => {
    expect((await run({ clockToleranceSec: 30 })).exp?.message).toBe('the token has not expired (clock tolerance 30 s)');
    expect((await run({ now: 1311281970 + 100, clockToleranceSec: 30 })).exp?.message).toBe('the token expired 100 s ago (clock tolerance 30 s)');
    expect((await run({}, { iat: 1311281000 + 90 })).iat?.message).toBe('iat is 90 s in the future (clock tolerance 60 s)');
    expect((await run({ maxAge: 0 }, { auth_time: 1311280900 })).auth_time?.message).toBe(
      'the user authenticated 100 s before: longer ago than max_age allows (max_age 0 s before now, clock tolerance 60 s)',
    );
  });

  it('cites the flow its nonce rule comes from', async () => {
    expect((await run({ flow: 'implicit', nonce: undefined })).nonce).toMatchObject({ clause: 'OIDC Core 3.2.2.11', message: 'no nonce was sent: the implicit flow requires one' });
    expect((await run({}, { nonce: 'x' })).nonce).toMatchObject({ clause: 'OIDC Core 3.3.2.11', expected: 'n-0S6_WzA2Mj', actual: 'x' });
    expect((await run({ flow: 'code' })).nonce?.clause).toBe('OIDC Core 3.1.3.7 (11)');
  });

  it('uses the real clock when no time is given', async () => {
    expect((await run({ now: undefined })).exp?.status).toBe('fail'); // 2011
  });
});
