import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { tokenSets } from '../flow';
import { claimState } from './claims';
import { loadFlow } from './fixtures';
import { diffTokens, refreshDiff } from './token-diff';

const enc = (o: object) => base64url.encode(JSON.stringify(o));
const jwt = (h: object, p: object) => `${enc(h)}.${enc(p)}.c2ln`;

const idOf = (name: 'code-pkce' | 'implicit') => tokenSets(loadFlow(name))[0]!.tokens.id_token as string;

describe('diffTokens', () => {
  it('puts two real ID tokens side by side, claim by claim', () => {
    const d = diffTokens(idOf('code-pkce'), idOf('implicit'));
    expect(d.kinds).toEqual(['jwt', 'jwt']);
    expect(d.identical).toBe(false);
    const state = Object.fromEntries(d.claims.map((r) => [r.label, claimState(r)]));
    expect(state).toMatchObject({ sub: 'same', iss: 'same', aud: 'differs', at_hash: 'only-b', nonce: 'differs' });
    expect(d.header.find((r) => r.label === 'alg')?.same).toBe(true);
    expect(JSON.stringify(d)).not.toContain(idOf('code-pkce'));
  });

  it.each([
    ['the same JWT', jwt({ alg: 'RS256' }, { sub: 'a' }), jwt({ alg: 'RS256' }, { sub: 'a' }), true],
    ['two JWTs', jwt({ alg: 'RS256' }, { sub: 'a' }), jwt({ alg: 'ES256' }, { sub: 'b', email: 'b@x' }), false],
  ])('%s', (_n, x, y, identical) => {
    expect(diffTokens(x, y).identical).toBe(identical);
  });

  it('reads a claim holding a token as a secret: described and compared by hash', () => {
    const inner = jwt({ alg: 'RS256' }, { sub: 'z' });
    const d = diffTokens(jwt({ alg: 'none' }, { act_token: inner, sid: 's-1' }), jwt({ alg: 'none' }, { act_token: inner, sid: 's-2' }));
    const byName = Object.fromEntries(d.claims.map((r) => [r.label, r]));
    expect(byName.act_token).toMatchObject({ same: true });
    expect(byName.act_token!.a).toMatch(/^present, JWT \(\d+ chars\)$/);
    expect(byName.sid).toMatchObject({ a: 'present (3 chars)', same: false });
    expect(JSON.stringify(d)).not.toContain(inner);
  });

  it('compares opaque tokens by length and equality only', () => {
    const d = diffTokens('opaque-token-value-1', 'opaque-token-value-22');
    expect(d).toMatchObject({ kinds: ['opaque', 'opaque'], identical: false, sizes: ['present (20 chars)', 'present (21 chars)'], header: [], claims: [] });
    expect(diffTokens('same-opaque-value', 'same-opaque-value\n').identical).toBe(true);
    expect(JSON.stringify(d)).not.toContain('opaque-token-value');
  });

  it('bounds a hostile token with thousands of claims', () => {
    const many = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`c${i}`, i]));
    const d = diffTokens(jwt({ alg: 'none' }, many), jwt({ alg: 'none' }, {}));
    expect(d.claims.length).toBe(201);
    expect(d.claims.at(-1)!.a).toBe('4800 not listed');
  });
});

describe('refreshDiff', () => {
  it('reads the real refresh: both tokens rotated, scope, lifetime, iss and sub kept', () => {
    const [r, ...rest] = refreshDiff(loadFlow('code-pkce-refreshed'));
    expect(rest).toEqual([]);
    const by = Object.fromEntries(r!.rows.map((x) => [x.key, x]));
    expect(by['refresh.access_token']).toMatchObject({ note: 'a new value', same: false });
    expect(by['refresh.refresh_token']).toMatchObject({ note: 'a new value', same: false, a: 'present (43 chars)', b: 'present (43 chars)' });
    expect(by['refresh.scope']!.same).toBe(true);
    expect(by['refresh.expires_in']).toMatchObject({ a: '600 s', b: '600 s', same: true });
    expect(by['refresh.idtoken.sub']).toMatchObject({ a: 'alice', b: 'alice', same: true });
    expect(by['refresh.idtoken.iss']!.same).toBe(true);
  });

  it('finds no refresh in a flow without one, nor in a hybrid flow\'s two token sets', () => {
    expect(refreshDiff(loadFlow('code-pkce'))).toEqual([]);
    expect(refreshDiff(loadFlow('hybrid'))).toEqual([]);
  });

  it('says a refresh token kept (not rotated) and a scope widened', () => {
    const f = loadFlow('code-pkce-refreshed');
    const answers = f.steps.filter((s) => s.kind === 'token-response');
    const last = answers.at(-1)!;
    if (last.kind !== 'token-response' || !last.result.ok) throw new Error('fixture');
    const first = answers[0]!;
    if (first.kind !== 'token-response' || !first.result.ok) throw new Error('fixture');
    last.result.tokens = { ...last.result.tokens, refresh_token: first.result.tokens.refresh_token, scope: 'openid profile email offline_access admin' };
    const by = Object.fromEntries(refreshDiff(f)[0]!.rows.map((x) => [x.key, x]));
    expect(by['refresh.refresh_token']).toMatchObject({ note: 'the same value as before', same: true });
    expect(by['refresh.scope']!.note).toContain('admin');
  });
});
