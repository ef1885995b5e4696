import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../finding';
import { CATALOG } from '../rules/catalog';
import { judgeIdTokenClaims, leftHalfHash, type IdTokenClaimsInput } from './id-token-rules';

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
/** The tables speak in seconds, as the claims do; `now` and the tolerance are turned into the input's terms. */
type Case = Omit<Partial<IdTokenClaimsInput>, 'now' | 'toleranceSec'> & { now?: number; clockToleranceSec?: number };
const base: Case = {
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

function judge(c: Case): Finding[] {
  const { now, clockToleranceSec, ...rest } = { ...base, ...c };
  return judgeIdTokenClaims({ header: {}, payload: {}, ...rest, now: (now ?? 0) * 1000, toleranceSec: clockToleranceSec ?? 60 });
}
const run = (input: Case, payload: Record<string, unknown> = {}) =>
  Object.fromEntries(judge({ ...input, payload: { ...claims, ...payload } }).map((f) => [f.id, f])) as Record<string, Finding>;

describe('judgeIdTokenClaims', () => {
  it('passes the appendix A.6 hybrid token, one finding per rule in a stable order, every id in the catalog', () => {
    const fs = judge({});
    expect(fs.map((f) => [f.id, f.status])).toEqual([
      ['idtoken.alg.none', 'pass'], ['idtoken.alg.advertised', 'n/a'], ['idtoken.iss', 'pass'], ['idtoken.sub', 'pass'], ['idtoken.sub.format', 'pass'],
      ['idtoken.aud', 'pass'], ['idtoken.azp.present', 'n/a'], ['idtoken.azp', 'n/a'],
      ['idtoken.exp', 'pass'], ['idtoken.iat', 'pass'], ['idtoken.iat.recent', 'n/a'], ['idtoken.nbf', 'n/a'], ['idtoken.time.nbf-after-exp', 'n/a'], ['idtoken.time.exp-before-iat', 'pass'],
      ['idtoken.nonce.mismatch', 'pass'], ['idtoken.nonce.required', 'pass'], ['idtoken.auth-time', 'n/a'],
      ['idtoken.at-hash', 'pass'], ['idtoken.c-hash', 'pass'], ['idtoken.s-hash', 'n/a'], ['idtoken.refresh.iss', 'n/a'], ['idtoken.refresh.sub', 'n/a'],
    ]);
    const ids = new Set(CATALOG.map((r) => r.id));
    for (const f of fs) expect(ids.has(f.id), f.id).toBe(true);
  });

  it.each([
    // [what, input changes, claim changes, id, status, severity]
    ['alg HS256 (signed with the client secret)', { header: { alg: 'HS256' } }, { at_hash: 'HS256 differs' }, 'idtoken.alg.none', 'pass', 'info'],
    ['alg none in the hybrid flow', { header: { alg: 'none' } }, {}, 'idtoken.alg.none', 'fail', 'error'],
    ['alg NONE in the implicit flow', { header: { alg: 'NONE' }, flow: 'implicit' }, {}, 'idtoken.alg.none', 'fail', 'error'],
    ['alg none from the token endpoint', { header: { alg: 'none' }, flow: 'code' }, {}, 'idtoken.alg.none', 'fail', 'error'],
    ['no alg', { header: {} }, {}, 'idtoken.alg.none', 'fail', 'error'],
    ['alg a number', { header: { alg: 256 } }, {}, 'idtoken.alg.none', 'fail', 'error'],
    ['iss https instead of http', {}, { iss: 'https://server.example.com' }, 'idtoken.iss', 'fail', 'error'],
    ['iss a number', {}, { iss: 1 }, 'idtoken.iss', 'fail', 'error'],
    ['sub missing', {}, { sub: undefined }, 'idtoken.sub', 'fail', 'error'],
    ['sub a number', {}, { sub: 248289761001 }, 'idtoken.sub', 'fail', 'error'],
    ['sub of 255 chars', {}, { sub: 'a'.repeat(255) }, 'idtoken.sub.format', 'pass', 'info'],
    ['sub of 256 chars', {}, { sub: 'a'.repeat(256) }, 'idtoken.sub.format', 'fail', 'warning'],
    ['sub not ASCII', {}, { sub: 'José' }, 'idtoken.sub.format', 'fail', 'warning'],
    ['aud a number', {}, { aud: 42 }, 'idtoken.aud', 'fail', 'error'],
    ['aud another client', {}, { aud: 'other' }, 'idtoken.aud', 'fail', 'error'],
    ['several audiences, no azp', {}, { aud: ['s6BhdRkqt3', 'api'] }, 'idtoken.azp.present', 'fail', 'warning'],
    ['azp another client', {}, { azp: 'other' }, 'idtoken.azp', 'fail', 'error'],
    ['azp ours', {}, { azp: 's6BhdRkqt3' }, 'idtoken.azp', 'pass', 'info'],
    ['exp a string', {}, { exp: '1311281970' }, 'idtoken.exp', 'fail', 'error'],
    ['exp 1 s inside the tolerance', { now: 1311281970 + 59 }, {}, 'idtoken.exp', 'pass', 'info'],
    ['exp at the tolerance edge', { now: 1311281970 + 60 }, {}, 'idtoken.exp', 'fail', 'error'],
    ['exp with no tolerance, 1 s before', { now: 1311281969, clockToleranceSec: 0 }, {}, 'idtoken.exp', 'pass', 'info'],
    ['exp with no tolerance, at exp', { now: 1311281970, clockToleranceSec: 0 }, {}, 'idtoken.exp', 'fail', 'error'],
    ['iat missing', {}, { iat: undefined }, 'idtoken.iat', 'fail', 'error'],
    ['iat null', {}, { iat: null }, 'idtoken.iat', 'fail', 'error'],
    ['iat 60 s ahead (the tolerance)', {}, { iat: 1311281000 + 60 }, 'idtoken.iat', 'pass', 'info'],
    ['iat 61 s ahead', {}, { iat: 1311281000 + 61 }, 'idtoken.iat', 'fail', 'error'],
    ['iat long before the request', { requestedAt: 1311280970 + 61 }, {}, 'idtoken.iat.recent', 'fail', 'warning'],
    ['iat just inside the tolerance before the request', { requestedAt: 1311280970 + 60 }, {}, 'idtoken.iat.recent', 'pass', 'info'],
    ['nbf in the future', {}, { nbf: 1311281000 + 61 }, 'idtoken.nbf', 'fail', 'error'],
    ['nbf inside the tolerance', {}, { nbf: 1311281000 + 60 }, 'idtoken.nbf', 'pass', 'info'],
    ['nbf a string', {}, { nbf: 'soon' }, 'idtoken.nbf', 'fail', 'error'],
    ['hybrid nonce different', {}, { nonce: 'other' }, 'idtoken.nonce.mismatch', 'fail', 'error'],
    ['hybrid nonce missing', {}, { nonce: undefined }, 'idtoken.nonce.mismatch', 'fail', 'error'],
    ['hybrid nonce a number', {}, { nonce: 123 }, 'idtoken.nonce.mismatch', 'fail', 'error'],
    ['hybrid without a nonce sent', { nonce: undefined }, {}, 'idtoken.nonce.required', 'fail', 'error'],
    ['implicit without a nonce sent', { nonce: undefined, flow: 'implicit' }, {}, 'idtoken.nonce.required', 'fail', 'error'],
    ['code flow without a nonce sent', { nonce: undefined, flow: 'code' }, {}, 'idtoken.nonce.mismatch', 'n/a', 'info'],
    ['code flow, nonce different', { flow: 'code' }, { nonce: 'x' }, 'idtoken.nonce.mismatch', 'fail', 'error'],
    ['refresh, no nonce in the token', { flow: 'refresh' }, { nonce: undefined }, 'idtoken.nonce.mismatch', 'n/a', 'info'],
    ['refresh, the original nonce', { flow: 'refresh' }, {}, 'idtoken.nonce.mismatch', 'pass', 'info'],
    ['refresh, another nonce', { flow: 'refresh' }, { nonce: 'x' }, 'idtoken.nonce.mismatch', 'fail', 'error'],
    ['refresh, nonce present but the original unknown', { flow: 'refresh', nonce: undefined }, {}, 'idtoken.nonce.mismatch', 'n/a', 'info'],
    ['no max_age sent', {}, { auth_time: 1311280969 }, 'idtoken.auth-time', 'n/a', 'info'],
    ['max_age sent, no auth_time', { maxAge: 600 }, {}, 'idtoken.auth-time', 'fail', 'error'],
    ['max_age sent, recent auth_time', { maxAge: 600 }, { auth_time: 1311280969 }, 'idtoken.auth-time', 'pass', 'info'],
    ['max_age 0, authenticated just now', { maxAge: 0 }, { auth_time: 1311281000 - 60 }, 'idtoken.auth-time', 'pass', 'info'],
    ['max_age 0, authenticated 61 s ago', { maxAge: 0 }, { auth_time: 1311281000 - 61 }, 'idtoken.auth-time', 'fail', 'error'],
    ['max_age counts from the request', { maxAge: 60, requestedAt: 1311280960 }, { auth_time: 1311280900 - 60 }, 'idtoken.auth-time', 'pass', 'info'],
    ['max_age exceeded before the request', { maxAge: 60, requestedAt: 1311280960 }, { auth_time: 1311280900 - 61 }, 'idtoken.auth-time', 'fail', 'error'],
    ['auth_time a string', { maxAge: 600 }, { auth_time: 'yesterday' }, 'idtoken.auth-time', 'fail', 'error'],
    ['auth_time a string, no max_age', {}, { auth_time: 'yesterday' }, 'idtoken.auth-time', 'fail', 'error'],
    ['max_age after a refresh', { maxAge: 60, flow: 'refresh' }, { auth_time: 1 }, 'idtoken.auth-time', 'n/a', 'info'],
    ['implicit id_token token, at_hash right', { flow: 'implicit', code: undefined }, { c_hash: undefined }, 'idtoken.at-hash', 'pass', 'info'],
    ['implicit id_token token, at_hash missing', { flow: 'implicit' }, { at_hash: undefined }, 'idtoken.at-hash', 'fail', 'error'],
    ['implicit id_token (no access token)', { flow: 'implicit', accessToken: undefined }, { at_hash: undefined }, 'idtoken.at-hash', 'n/a', 'info'],
    ['hybrid code id_token token, at_hash missing', {}, { at_hash: undefined }, 'idtoken.at-hash', 'fail', 'error'],
    ['at_hash of another token', {}, { at_hash: 'LDktKdoQak3Pk0cnXxCltA' }, 'idtoken.at-hash', 'fail', 'error'],
    ['at_hash a number', {}, { at_hash: 77 }, 'idtoken.at-hash', 'fail', 'error'],
    ['token endpoint, no at_hash (optional)', { flow: 'code' }, { at_hash: undefined }, 'idtoken.at-hash', 'n/a', 'info'],
    ['token endpoint, at_hash right', { flow: 'code' }, {}, 'idtoken.at-hash', 'pass', 'info'],
    ['token endpoint, at_hash wrong', { flow: 'code' }, { at_hash: 'x' }, 'idtoken.at-hash', 'fail', 'error'],
    ['at_hash present, access token unknown', { accessToken: undefined }, {}, 'idtoken.at-hash', 'n/a', 'info'],
    ['at_hash under Ed448 (SHAKE256)', { header: { alg: 'Ed448' } }, {}, 'idtoken.at-hash', 'n/a', 'info'],
    ['at_hash under EdDSA uses SHA-512, not SHA-256', { header: { alg: 'EdDSA' } }, {}, 'idtoken.at-hash', 'fail', 'error'],
    ['hybrid c_hash missing', {}, { c_hash: undefined }, 'idtoken.c-hash', 'fail', 'error'],
    ['hybrid c_hash wrong', {}, { c_hash: '77QmUPtjPfzWtF2AnpK9RQ' }, 'idtoken.c-hash', 'fail', 'error'],
    ['code flow, no c_hash', { flow: 'code' }, { c_hash: undefined }, 'idtoken.c-hash', 'n/a', 'info'],
    ['c_hash, no code known', { code: undefined }, {}, 'idtoken.c-hash', 'n/a', 'info'],
    ['s_hash right', { state: STATE }, { s_hash: S_HASH }, 'idtoken.s-hash', 'pass', 'info'],
    ['s_hash wrong', { state: 'other' }, { s_hash: S_HASH }, 'idtoken.s-hash', 'fail', 'error'],
    ['no s_hash, state known (optional)', { state: STATE }, {}, 'idtoken.s-hash', 'n/a', 'info'],
    ['s_hash, state unknown', {}, { s_hash: S_HASH }, 'idtoken.s-hash', 'n/a', 'info'],
    ['refresh, same iss', { flow: 'refresh', previous: { iss: 'http://server.example.com', sub: '248289761001' } }, {}, 'idtoken.refresh.iss', 'pass', 'info'],
    ['refresh, same sub', { flow: 'refresh', previous: { iss: 'http://server.example.com', sub: '248289761001' } }, {}, 'idtoken.refresh.sub', 'pass', 'info'],
    ['refresh, another sub', { flow: 'refresh', previous: { iss: 'http://server.example.com', sub: '1' } }, {}, 'idtoken.refresh.sub', 'fail', 'error'],
    ['refresh, another iss', { flow: 'refresh', previous: { iss: 'http://other.example.com', sub: '248289761001' } }, {}, 'idtoken.refresh.iss', 'fail', 'error'],
    ['refresh, previous token unknown', { flow: 'refresh' }, {}, 'idtoken.refresh.sub', 'n/a', 'info'],
  ] as [string, Case, Record<string, unknown>, string, string, string][])('%s', async (_what, input, change, id, status, severity) => {
    expect((await run(input, change))[id]).toMatchObject({ status, severity });
  });

  it.each([
    ['alg advertised', { expectedAlgs: ['RS256', 'ES256'] }, {}, 'idtoken.alg.advertised', 'pass', 'info'],
    ['alg not advertised, whatever key verifies it', { header: { alg: 'HS256' }, expectedAlgs: ['RS256'] }, { at_hash: undefined, c_hash: undefined }, 'idtoken.alg.advertised', 'fail', 'error'],
    ['alg none is never advertised enough', { header: { alg: 'none' }, expectedAlgs: ['none', 'RS256'] }, {}, 'idtoken.alg.none', 'fail', 'error'],
    ['nbf after exp: never valid', {}, { nbf: 1311281970 + 1 }, 'idtoken.time.nbf-after-exp', 'fail', 'error'],
    ['nbf before exp', {}, { nbf: 1311280970 }, 'idtoken.time.nbf-after-exp', 'pass', 'info'],
    ['exp before iat: expired when issued', {}, { exp: 1311280969 }, 'idtoken.time.exp-before-iat', 'fail', 'error'],
    ['exp equal to iat', {}, { exp: 1311280970 }, 'idtoken.time.exp-before-iat', 'fail', 'error'],
    ['no exp: nothing to compare', {}, { exp: undefined }, 'idtoken.time.exp-before-iat', 'n/a', 'info'],
    ['empty aud array', {}, { aud: [] }, 'idtoken.aud', 'fail', 'error'],
    ['no client_id given, aud well formed', { clientId: undefined }, {}, 'idtoken.aud', 'n/a', 'info'],
    ['no client_id given, azp one of the audiences', { clientId: undefined }, { aud: ['a', 'b'], azp: 'a' }, 'idtoken.azp', 'pass', 'info'],
    ['no client_id given, azp none of the audiences', { clientId: undefined }, { aud: ['a', 'b'], azp: 'c' }, 'idtoken.azp', 'fail', 'error'],
    ['no client_id given, two audiences, no azp', { clientId: undefined }, { aud: ['a', 'b'] }, 'idtoken.azp.present', 'fail', 'warning'],
    ['no issuer given', { issuer: undefined }, {}, 'idtoken.iss', 'n/a', 'info'],
    ['pasted, nonce given and equal', { flow: 'pasted' }, {}, 'idtoken.nonce.mismatch', 'pass', 'info'],
    ['pasted, nonce given and different', { flow: 'pasted' }, { nonce: 'x' }, 'idtoken.nonce.mismatch', 'fail', 'error'],
    ['pasted, no nonce given', { flow: 'pasted', nonce: undefined }, {}, 'idtoken.nonce.mismatch', 'n/a', 'info'],
    ['pasted, a nonce is not required', { flow: 'pasted', nonce: undefined }, {}, 'idtoken.nonce.required', 'n/a', 'info'],
    ['hybrid with a nonce sent', {}, {}, 'idtoken.nonce.required', 'pass', 'info'],
  ] as [string, Case, Record<string, unknown>, string, string, string][])('%s', (_what, input, change, id, status, severity) => {
    expect(run(input, change)[id]).toMatchObject({ status, severity });
  });

  it('shows expected and actual for a wrong at_hash (fault-cases.md 16)', () => {
    expect(run({}, { at_hash: 'AAAAAAAAAAAAAAAAAAAAAA' })['idtoken.at-hash']).toEqual({
      id: 'idtoken.at-hash',
      status: 'fail',
      severity: 'error',
      clause: 'OIDC Core 3.3.2.9, 3.3.2.11',
      message: 'at_hash does not match the access token',
      expected: '77QmUPtjPfzWtF2AnpK9RQ',
      actual: 'AAAAAAAAAAAAAAAAAAAAAA',
      param: 'at_hash',
    });
  });

  it('names the claim of a broken value', () => {
    const fs = run({}, { aud: 42, exp: '1311281970' });
    expect(fs['idtoken.aud']).toMatchObject({ status: 'fail', message: 'aud is missing or not a string or array of strings', actual: '42' });
    expect(fs['idtoken.exp']).toMatchObject({ status: 'fail', message: 'exp is missing or not a number', actual: '1311281970' });
  });

  it('states the clock tolerance it used, passing or failing (fault-cases.md 15)', () => {
    expect(run({ clockToleranceSec: 30 })['idtoken.exp']?.message).toBe('the token has not expired (clock tolerance 30 s)');
    expect(run({ now: 1311281970 + 100, clockToleranceSec: 30 })['idtoken.exp']?.message).toBe('the token expired 100 s ago (clock tolerance 30 s)');
    expect(run({}, { iat: 1311281000 + 90 })['idtoken.iat']?.message).toBe('iat is 90 s in the future (clock tolerance 60 s)');
    expect(run({ maxAge: 0 }, { auth_time: 1311280900 })['idtoken.auth-time']?.message).toBe(
      'the user authenticated 100 s before: longer ago than max_age allows (max_age 0 s before now, clock tolerance 60 s)',
    );
  });

  it('cites the flow its nonce rule comes from', () => {
    expect(run({ flow: 'implicit', nonce: undefined })['idtoken.nonce.required']).toMatchObject({ clause: 'OIDC Core 3.2.2.11', message: 'no nonce was sent: the implicit flow requires one' });
    expect(run({}, { nonce: 'x' })['idtoken.nonce.mismatch']).toMatchObject({ clause: 'OIDC Core 3.3.2.11', expected: 'n-0S6_WzA2Mj', actual: 'x' });
    expect(run({ flow: 'code' })['idtoken.nonce.mismatch']?.clause).toBe('OIDC Core 3.1.3.7 (11)');
    expect(run({ flow: 'refresh' })['idtoken.nonce.mismatch']).toMatchObject({ clause: 'OIDC Core 12.2', message: 'nonce is the original one' });
  });
});

describe('leftHalfHash (OIDC Core 3.1.3.6, appendix A)', () => {
  it.each([
    [ACCESS_TOKEN, 'RS256', '77QmUPtjPfzWtF2AnpK9RQ'],
    [CODE, 'RS256', 'LDktKdoQak3Pk0cnXxCltA'],
    [ACCESS_TOKEN, 'EdDSA', createHash('sha512').update(ACCESS_TOKEN).digest().subarray(0, 32).toString('base64url')],
    [ACCESS_TOKEN, 'ES384', createHash('sha384').update(ACCESS_TOKEN).digest().subarray(0, 24).toString('base64url')],
    [ACCESS_TOKEN, 'Ed448', undefined],
  ])('%s under %s', (value, alg, expected) => {
    expect(leftHalfHash(value, alg)).toBe(expected);
  });
});
