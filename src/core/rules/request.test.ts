import { describe, expect, it } from 'vitest';
import { failed } from '../finding';
import type { Flow } from '../flow';
import { ruleById } from './catalog';
import { REQUEST_RULES } from './catalog-request';
import { evaluate } from './engine';
import { s256 } from './judge-pkce';
import { estimatedBits } from './judge-seen';
import { CB, CHALLENGE, callback, ISS, launched, recorded, redemption, SENT, type Shape, STATE, VERIFIER } from './rule-flows.fixtures';

const ctx = { set: 'core' as const, now: 10, toleranceSec: 60 };
const judged = (id: string, f: Flow) => ruleById(id)!.judge!(f, ctx);
const statuses = (id: string, f: Flow) => judged(id, f).map((x) => x.status);

const cb = () => callback({ code: 'SplxlOBeZQQYbYS6WxSbIA', state: STATE, iss: ISS });
const with_ = (over: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries({ ...SENT, ...over }).filter((e): e is [string, string] => e[1] !== undefined));
const JWT = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.';

type Row = [id: string, what: string, shape: Shape, status: 'pass' | 'fail' | 'n/a' | 'not-seen'];

// Every request rule: a flow that triggers it, one that does not, one where it cannot be seen.
const ROWS: Row[] = [
  ['pkce.missing', 'no challenge', { sent: with_({ code_challenge: undefined, code_challenge_method: undefined }) }, 'fail'],
  ['pkce.missing', 'S256 challenge', {}, 'pass'],
  ['pkce.missing', 'implicit asks no code', { sent: with_({ response_type: 'id_token', code_challenge: undefined }) }, 'n/a'],
  ['pkce.missing', 'request not seen', { sent: {}, cb: cb() }, 'not-seen'],
  ['pkce.plain', 'plain', { sent: with_({ code_challenge: VERIFIER, code_challenge_method: 'plain' }) }, 'fail'],
  ['pkce.plain', 'no method means plain', { sent: with_({ code_challenge_method: undefined }) }, 'fail'],
  ['pkce.plain', 'S256', {}, 'pass'],
  ['pkce.plain', 'request not seen', { sent: {} }, 'not-seen'],
  ['pkce.verifier-format', 'the RFC 7636 B verifier', { cb: cb() }, 'pass'],
  ['pkce.verifier-format', 'too short', { cb: cb(), redeem: { code_verifier: 'short' } }, 'fail'],
  ['pkce.verifier-format', 'a character outside the set', { cb: cb(), redeem: { code_verifier: `${VERIFIER.slice(0, 42)}+` } }, 'fail'],
  ['pkce.verifier-format', 'no verifier at all', { cb: cb(), redeem: {} }, 'fail'],
  ['pkce.verifier-format', 'redemption not seen', { cb: cb(), redeem: false }, 'not-seen'],
  ['pkce.verifier-match', 'RFC 7636 appendix B pair', { cb: cb() }, 'pass'],
  ['pkce.verifier-match', 'another verifier', { cb: cb(), redeem: { code_verifier: 'x'.repeat(43) } }, 'fail'],
  ['pkce.verifier-match', 'plain pair', { sent: with_({ code_challenge: VERIFIER, code_challenge_method: 'plain' }), cb: cb() }, 'pass'],
  ['pkce.verifier-match', 'no challenge sent', { sent: with_({ code_challenge: undefined }), cb: cb() }, 'n/a'],
  ['pkce.verifier-match', 'redemption not seen', { cb: cb(), redeem: false }, 'not-seen'],
  ['csrf.protection', 'no state, no PKCE', { sent: with_({ state: undefined, code_challenge: undefined }) }, 'fail'],
  ['csrf.protection', 'no state, PKCE S256', { sent: with_({ state: undefined }) }, 'pass'],
  ['csrf.protection', 'state', {}, 'pass'],
  ['csrf.protection', 'request not seen', { sent: {} }, 'not-seen'],
  ['state.omitted', 'no state', { sent: with_({ state: undefined }) }, 'fail'],
  ['state.omitted', 'state', {}, 'pass'],
  ['state.omitted', 'request not seen', { sent: {} }, 'not-seen'],
  ['state.weak', 'eight digits', { sent: with_({ state: '12345678' }) }, 'fail'],
  ['state.weak', 'a UUID v4 (32 hex digits)', { sent: with_({ state: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' }) }, 'pass'],
  ['state.weak', 'random base64url', {}, 'pass'],
  // False alarm fixed: 16 random bytes as base64url (the HAR corpus's app) read "about 113 bits".
  ['state.weak', '16 random bytes as 22 base64url characters', { sent: with_({ state: 'OQz6DgGu6Hg7aHWtiY7h5A' }) }, 'pass'],
  ['state.weak', 'ten base64url characters (the recorded implicit app)', { sent: with_({ state: 'k3J9x_Qa2B' }) }, 'fail'],
  ['state.weak', 'two characters repeated', { sent: with_({ state: 'aB'.repeat(16) }) }, 'fail'],
  ['state.weak', 'no state', { sent: with_({ state: undefined }) }, 'n/a'],
  ['state.weak', 'request not seen', { sent: {} }, 'not-seen'],
  ['state.single-use', 'out of reach', {}, 'n/a'],
  ['state.single-use', 'request not seen', { sent: {} }, 'not-seen'],
  ['nonce.omitted', 'implicit id_token without nonce', { sent: with_({ response_type: 'id_token', nonce: undefined }) }, 'fail'],
  ['nonce.omitted', 'nonce sent', {}, 'pass'],
  ['nonce.omitted', 'code flow without nonce (optional)', { sent: with_({ nonce: undefined }) }, 'n/a'],
  ['nonce.omitted', 'request not seen', { sent: {} }, 'not-seen'],
  ['nonce.weak', 'a short nonce', { sent: with_({ nonce: 'abc' }) }, 'fail'],
  ['nonce.weak', 'a random nonce', {}, 'pass'],
  ['nonce.weak', '16 random bytes as 22 base64url characters, with a dash', { sent: with_({ nonce: '7-pgeO9CsLRegvgxjl15-A' }) }, 'pass'],
  ['nonce.weak', 'request not seen', { sent: {} }, 'not-seen'],
  ['implicit.token', 'id_token token', { sent: with_({ response_type: 'id_token token' }) }, 'fail'],
  ['implicit.token', 'code', {}, 'pass'],
  ['implicit.token', 'request not seen', { sent: {} }, 'not-seen'],
  ['request.response-mode-query', 'query with id_token', { sent: with_({ response_type: 'id_token', response_mode: 'query' }) }, 'fail'],
  ['request.response-mode-query', 'form_post with id_token', { sent: with_({ response_type: 'id_token', response_mode: 'form_post' }) }, 'pass'],
  ['request.response-mode-query', 'code', {}, 'n/a'],
  ['request.response-mode-query', 'request not seen', { sent: {} }, 'not-seen'],
  ['request.redirect-http', 'http to a public host', { sent: with_({ redirect_uri: 'http://app.example/cb' }) }, 'fail'],
  ['request.redirect-http', 'http to loopback', { sent: with_({ redirect_uri: 'http://127.0.0.1:8080/cb' }) }, 'pass'],
  ['request.redirect-http', 'http to localhost', { sent: with_({ redirect_uri: 'http://localhost/cb' }) }, 'pass'],
  ['request.redirect-http', 'https', {}, 'pass'],
  ['request.redirect-http', 'a native app scheme', { sent: with_({ redirect_uri: 'com.example.app:/cb' }) }, 'pass'],
  ['request.redirect-http', 'request not seen', { sent: {} }, 'not-seen'],
  ['request.secret-param', 'client_secret in the URL', { sent: with_({ client_secret: 'hunter2' }) }, 'fail'],
  ['request.secret-param', 'id_token_hint is allowed', { sent: with_({ id_token_hint: JWT }) }, 'pass'],
  ['request.secret-param', 'request not seen', { sent: {} }, 'not-seen'],
  ['request.token-in-url', 'a JWT as state', { sent: with_({ state: JWT }) }, 'fail'],
  ['request.token-in-url', 'a JWT in an extra parameter', { sent: with_({ extra: JWT }) }, 'fail'],
  ['request.token-in-url', 'nothing token-like', {}, 'pass'],
  ['request.token-in-url', 'request not seen', { sent: {} }, 'not-seen'],
  ['request.object-unsigned', 'alg none', { sent: { client_id: 'c', request: JWT } }, 'fail'],
  ['request.object-unsigned', 'no request object', {}, 'n/a'],
  ['request.object-unsigned', 'request not seen', { sent: {} }, 'not-seen'],
  ['request.max-age', 'negative', { sent: with_({ max_age: '-5' }) }, 'fail'],
  ['request.max-age', 'whole seconds', { sent: with_({ max_age: '300' }) }, 'pass'],
  ['request.max-age', 'not sent', {}, 'n/a'],
  ['request.max-age', 'request not seen', { sent: {} }, 'not-seen'],
  ['request.claims', 'an array', { sent: with_({ claims: '[]' }) }, 'fail'],
  ['request.claims', 'an object', { sent: with_({ claims: '{"userinfo":{}}' }) }, 'pass'],
  ['request.claims', 'request not seen', { sent: {} }, 'not-seen'],
  ['request.prompt-none', 'none with login', { sent: with_({ prompt: 'none login' }) }, 'fail'],
  ['request.prompt-none', 'none alone', { sent: with_({ prompt: 'none' }) }, 'pass'],
  ['request.prompt-none', 'request not seen', { sent: {} }, 'not-seen'],
  ['request.offline-access', 'without consent', { sent: with_({ scope: 'openid offline_access' }) }, 'fail'],
  ['request.offline-access', 'with consent', { sent: with_({ scope: 'openid offline_access', prompt: 'consent' }) }, 'pass'],
  ['request.offline-access', 'not asked', {}, 'n/a'],
  ['request.offline-access', 'request not seen', { sent: {} }, 'not-seen'],
  ['request.resource', 'a fragment', { sent: with_({ resource: 'https://api.example/#x' }) }, 'fail'],
  ['request.resource', 'an absolute URI', { sent: with_({ resource: 'https://api.example/' }) }, 'pass'],
  ['request.resource', 'request not seen', { sent: {} }, 'not-seen'],
];

describe.each([
  ['launched', launched],
  ['recorded', recorded],
])('request rules on a %s flow', (_shape, make) => {
  it.each(ROWS)('%s: %s reads %s', (id, _what, shape, status) => {
    expect(statuses(id, make(shape))).toEqual([status]);
  });

  it('never shows the verifier, and shows an S256 challenge against the verifier\'s', () => {
    const [f] = judged('pkce.verifier-match', make({ cb: cb(), redeem: { code_verifier: 'y'.repeat(43) } }));
    expect(f).toMatchObject({ status: 'fail', step: 2, param: 'code_verifier', expected: CHALLENGE, actual: s256('y'.repeat(43)) });
    expect(JSON.stringify(judged('pkce.verifier-format', make({ cb: cb(), redeem: { code_verifier: 'short' } })))).not.toContain('short"');
  });

  it('reads state, nonce and PKCE pushed by PAR under a request_uri', () => {
    const par = { kind: 'exchange' as const, label: 'Pushed authorization request', at: 0, request: { url: `${ISS}/par`, method: 'POST', headers: {}, params: with_({ state: undefined, code_challenge: undefined }) } };
    const f = make({ steps: [par, { kind: 'authorization-request', at: 1, url: `${ISS}/authorize?client_id=c&request_uri=urn:x`, params: { client_id: 'c', request_uri: 'urn:x' } }] });
    expect(statuses('csrf.protection', f)).toEqual(['fail']);
  });
});

describe('request rules outside the authorization request', () => {
  it('the RFC 7636 appendix B pair hashes as the RFC says (sync SHA-256)', () => {
    expect(s256(VERIFIER)).toBe(CHALLENGE);
  });

  it('grant.password: a password grant fails, others are n/a', () => {
    expect(statuses('grant.password', launched({ over: { grant: 'password', steps: [] } }))).toEqual(['fail']);
    expect(statuses('grant.password', recorded({ over: { grant: 'other' }, steps: [redemption({ grant_type: 'password', username: 'u', password: 'p' })] }))).toEqual(['fail']);
    expect(statuses('grant.password', launched())).toEqual(['n/a']);
  });

  it('client.secret-in-browser: a page that sends the secret fails; a launched flow is n/a; no token request is not seen', () => {
    expect(statuses('client.secret-in-browser', recorded({ cb: cb(), redeem: { code_verifier: VERIFIER, client_secret: 's' } }))).toEqual(['fail']);
    expect(statuses('client.secret-in-browser', recorded({ steps: [redemption({}, 'fetch', { Authorization: 'Basic Yzpz' })] }))).toEqual(['fail']);
    expect(statuses('client.secret-in-browser', recorded({ cb: cb() }))).toEqual(['pass']);
    expect(statuses('client.secret-in-browser', recorded())).toEqual(['not-seen']);
    expect(statuses('client.secret-in-browser', launched({ cb: cb() }))).toEqual(['n/a']);
    // False alarm fixed: a recorded implicit login (firefox-implicit.har) read "not seen", though no token request can come.
    expect(statuses('client.secret-in-browser', recorded({ sent: { ...SENT, response_type: 'id_token token' }, cb: cb(), redeem: false }))).toEqual(['n/a']);
    expect(statuses('client.secret-in-browser', recorded({ cb: cb(), redeem: false }))).toEqual(['not-seen']);
  });

  it('state.fixed and nonce.fixed: a launched flow carries the worker\'s finding, otherwise passes; recorded flows are n/a', () => {
    const f = launched({ over: { findings: [failed('state.fixed', 'warning', 'RFC 6749 10.10', 'fixed', { actual: 'fixed' })] } });
    expect(judged('state.fixed', f)).toEqual([expect.objectContaining({ status: 'fail', step: 0, param: 'state' })]);
    expect(statuses('nonce.fixed', f)).toEqual(['pass']);
    expect(statuses('state.fixed', recorded())).toEqual(['n/a']);
  });

  it('PAR and device answers are stored by the worker: n/a without the exchange, read when stored', () => {
    const v = evaluate(launched());
    expect(v.findings.find((x) => x.id === 'par.status-201')?.status).toBe('n/a');
    const par = { kind: 'exchange' as const, label: 'Pushed authorization request (RFC 9126)', at: 0, request: { url: `${ISS}/par`, method: 'POST', headers: {}, params: SENT } };
    const f = launched({ steps: [par], over: { findings: [failed('par.status-201', 'warning', 'RFC 9126 2.2', 'a 200')] } });
    expect(evaluate(f).findings.find((x) => x.id === 'par.status-201')?.status).toBe('fail');
    const answered = launched({ steps: [{ ...par, response: { status: 201, headers: {}, bodyText: '{}' } }] });
    expect(evaluate(answered).findings.find((x) => x.id === 'par.status-201')).toMatchObject({ status: 'pass', step: 0 });
    expect(evaluate(recorded({ steps: [{ ...par, response: { status: 200, headers: {}, bodyText: '{}' } }] })).findings.find((x) => x.id === 'par.status-201')?.status).toBe('n/a');
  });

  it('severities follow the set: implicit and plain PKCE are errors under the BCP', () => {
    const f = launched({ sent: with_({ response_type: 'code token', code_challenge_method: 'plain' }) });
    const core = evaluate(f, { set: 'core' }).findings;
    const bcp = evaluate(f, { set: 'bcp' }).findings;
    for (const id of ['implicit.token', 'pkce.plain']) {
      expect(core.find((x) => x.id === id)?.severity).toBe('warning');
      expect(bcp.find((x) => x.id === id)?.severity).toBe('error');
    }
  });

  it('back-channel grants read n/a for every authorization-request rule', () => {
    const f = launched({ over: { grant: 'client_credentials', steps: [] } });
    for (const r of REQUEST_RULES.filter((x) => x.judge && x.decidedBy === 'authorization-request')) expect(statuses(r.id, f)).toEqual(['n/a']);
  });

  it('a clean code + PKCE flow with the usual extras raises no request or callback alarm', () => {
    const sent = with_({ scope: 'openid profile offline_access', prompt: 'consent', response_mode: 'query', dpop_jkt: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs', login_hint: 'alice', acr_values: 'urn:mace:incommon:iap:silver', ui_locales: 'en', max_age: '600', authorization_details: '[]', claims: '{"id_token":{}}' });
    for (const make of [launched, recorded]) {
      const v = evaluate(make({ sent, issAdvertised: true, cb: callback({ code: 'SplxlOBeZQQYbYS6WxSbIA', state: STATE, iss: ISS }) }));
      const mine = v.findings.filter((x) => ruleById(x.id)?.decidedBy !== undefined && (REQUEST_RULES.some((r) => r.id === x.id) || x.id.startsWith('callback.') || x.id.startsWith('state.')));
      expect(mine.filter((x) => x.status === 'fail' || x.status === 'not-seen').map((x) => x.id)).toEqual([]);
    }
  });

  it('estimates state entropy from length and alphabet', () => {
    expect(estimatedBits('')).toBe(0);
    expect(estimatedBits('a'.repeat(64))).toBeLessThan(128);
    expect(estimatedBits(STATE)).toBeGreaterThanOrEqual(128);
    expect(estimatedBits('0123456789'.repeat(3))).toBeLessThan(128);
    // 16 random bytes in base64url are 128 bits whichever characters the draw happened to use.
    for (let i = 0; i < 2000; i++) expect(estimatedBits(Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url'))).toBeGreaterThanOrEqual(128);
    expect(estimatedBits(Buffer.from(crypto.getRandomValues(new Uint8Array(15))).toString('base64url'))).toBeLessThan(128);
  });

  it('every request and callback rule id a check produces is in the catalog', () => {
    expect(CB).toMatch(/^https:/);
    for (const id of ['state.omitted', 'state.fixed', 'nonce.fixed', 'nonce.omitted', 'pkce.missing', 'pkce.plain', 'implicit.token', 'request.response-mode-query', 'request.max-age', 'request.claims', 'request.prompt-none', 'request.offline-access', 'request.resource', 'request.object-unsigned', 'grant.password', 'par.status-201', 'par.request-uri', 'device.verification-uri-name', 'client.secret-in-browser', 'csrf.protection']) {
      expect(ruleById(id), id).toBeDefined();
    }
  });
});
