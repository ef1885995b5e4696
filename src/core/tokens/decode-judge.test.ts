/**
 * Decode judges a pasted ID token with the catalog's rules: a token that can never be valid (nbf after
 * exp, exp before iat), several audiences and no azp, a wrong azp, at_hash / c_hash against what was
 * pasted or given, the nonce against a given value; and the signature only once Verify answered.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeInput } from '../decode-input';
import type { Finding } from '../finding';
import { carried, judgeDecoded, judgedToken, signatureFinding, verdictOf } from './decode-judge';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (payload: object, header: object = { alg: 'RS256', kid: 'k1' }) => `${b64(header)}.${b64(payload)}.c2ln`;
const NOW = Date.UTC(2026, 10, 28, 19, 40);
const S = NOW / 1000;
const GOOD = { iss: 'https://op.example', sub: 'alice', aud: 'app', iat: S - 60, exp: S + 540, nonce: 'n-1' };
const half = (v: string) => base64url.encode(sha256(new TextEncoder().encode(v)).subarray(0, 16));

const judge = (text: string, checks = {}, now = NOW) => judgeDecoded(decodeInput(text), checks, undefined, now, 60)!;
const status = (fs: Finding[], id: string) => fs.find((f) => f.id === id)?.status;

describe('judgeDecoded', () => {
  it('a clean token fails nothing, and the rules it cannot decide read n/a, never pass', () => {
    const fs = judge(jwt(GOOD));
    const v = verdictOf(fs);
    expect(v.failed).toEqual([]);
    expect(v.neverValid).toBe(false);
    expect(status(fs, 'idtoken.aud')).toBe('n/a'); // no client_id given
    expect(status(fs, 'idtoken.nonce.mismatch')).toBe('n/a');
    expect(status(fs, 'idtoken.signature')).toBe('not-seen');
    expect(status(fs, 'idtoken.exp')).toBe('pass');
  });

  it.each([
    ['nbf after exp', { ...GOOD, nbf: S + 900 }, 'idtoken.time.nbf-after-exp'],
    ['exp before iat', { ...GOOD, iat: S + 600 - 60, exp: S - 60 }, 'idtoken.time.exp-before-iat'],
  ])('%s: can never be valid', (_, payload, id) => {
    const v = verdictOf(judge(jwt(payload)));
    expect(v.failed.map((f) => f.id)).toContain(id);
    expect(v.neverValid).toBe(true);
  });

  it('two audiences and no azp warns; azp other than the client_id fails; both with links from the catalog', () => {
    const two = judge(jwt({ ...GOOD, aud: ['app', 'other'] }), { clientId: 'app' });
    expect(two.find((f) => f.id === 'idtoken.azp.present')).toMatchObject({ status: 'fail', severity: 'warning', link: expect.stringContaining('openid.net') });
    expect(status(two, 'idtoken.aud')).toBe('pass');
    const wrong = judge(jwt({ ...GOOD, aud: ['app', 'other'], azp: 'other' }), { clientId: 'app' });
    expect(status(wrong, 'idtoken.azp')).toBe('fail');
    expect(status(judge(jwt(GOOD), { clientId: 'someone-else' }), 'idtoken.aud')).toBe('fail');
  });

  it('nonce against the value given; blanks count as not given', () => {
    expect(status(judge(jwt(GOOD), { nonce: 'n-1' }), 'idtoken.nonce.mismatch')).toBe('pass');
    expect(status(judge(jwt(GOOD), { nonce: 'n-2' }), 'idtoken.nonce.mismatch')).toBe('fail');
    expect(status(judge(jwt(GOOD), { nonce: '  ' }), 'idtoken.nonce.mismatch')).toBe('n/a');
  });

  it('at_hash against a pasted token response’s own access_token, or the one given', () => {
    const at = 'SlAV32hkKG';
    const response = JSON.stringify({ access_token: at, token_type: 'Bearer', id_token: jwt({ ...GOOD, at_hash: half(at) }) });
    expect(status(judge(response), 'idtoken.at-hash')).toBe('pass');
    expect(status(judge(response, { accessToken: 'another' }), 'idtoken.at-hash')).toBe('fail');
    expect(status(judge(jwt({ ...GOOD, at_hash: half(at) })), 'idtoken.at-hash')).toBe('n/a');
    expect(status(judge(jwt({ ...GOOD, at_hash: half(at) }), { accessToken: at }), 'idtoken.at-hash')).toBe('pass');
  });

  it('c_hash against a pasted callback’s code', () => {
    const code = 'Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk';
    const url = `https://app.example/cb#code=${code}&id_token=${jwt({ ...GOOD, c_hash: half(code) })}&state=s`;
    const d = decodeInput(url);
    expect(carried(d)).toEqual({ code });
    expect(status(judge(url), 'idtoken.c-hash')).toBe('pass');
    expect(status(judge(url, { code: 'other' }), 'idtoken.c-hash')).toBe('fail');
  });

  it('expired counts live: the same token fails exp once the clock passes it (beyond the tolerance)', () => {
    const t = jwt(GOOD);
    expect(status(judge(t, {}, NOW), 'idtoken.exp')).toBe('pass');
    expect(status(judge(t, {}, NOW + 11 * 60_000), 'idtoken.exp')).toBe('fail');
  });

  it('nothing to judge: an opaque token, a DPoP proof, malformed text', () => {
    expect(judgeDecoded(decodeInput('2YotnFZFEjr1zCsicMWpAA'), {}, undefined, NOW, 60)).toBeUndefined();
    expect(judgedToken(decodeInput(jwt({ htm: 'GET' }, { alg: 'ES256', typ: 'dpop+jwt' })))).toBeUndefined();
    expect(judgeDecoded(decodeInput('a.b'), {}, undefined, NOW, 60)).toBeUndefined();
  });

  it('an unsigned token fails alg none at once', () => {
    expect(status(judge(jwt(GOOD, { alg: 'none' })), 'idtoken.alg.none')).toBe('fail');
  });
});

describe('signatureFinding', () => {
  it.each([
    [undefined, 'not-seen', 'info'],
    [{ status: 'verified', message: 'ok' }, 'pass', 'info'],
    [{ status: 'bad-signature', message: 'no' }, 'fail', 'error'],
    [{ status: 'keys-unreachable', message: 'down' }, 'fail', 'warning'],
    [{ status: 'unsigned', message: 'none' }, 'fail', 'error'],
  ] as const)('%j', (v, st, sev) => expect(signatureFinding(v)).toMatchObject({ id: 'idtoken.signature', status: st, severity: sev }));
});
