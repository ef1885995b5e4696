import { describe, expect, it } from 'vitest';
import { compareFlows, rowOf } from './compare';
import { loadFlow, secretValues } from './fixtures';
import { NONE, onlyDifferences } from './types';

const NOW = loadFlow('hybrid').updatedAt + 1000;
const code = loadFlow('code-pkce');
const again = loadFlow('code-pkce-again');
const implicit = loadFlow('implicit');
const hybrid = loadFlow('hybrid');
const refreshed = loadFlow('code-pkce-refreshed');

const cell = (c: ReturnType<typeof compareFlows>, key: string) => {
  const r = rowOf(c, key);
  if (!r) throw new Error(`no row ${key}`);
  return r;
};

describe('compareFlows: code + PKCE against implicit (demo provider)', () => {
  const c = compareFlows(code, implicit, { now: NOW });

  it.each([
    ['travel.access_token.channel', 'back channel (token endpoint)', 'front channel (URL fragment)', false],
    ['travel.id_token.channel', 'back channel (token endpoint)', 'front channel (URL fragment)', false],
    ['travel.code.channel', 'front channel (URL query)', NONE, false],
    ['travel.refresh_token.channel', 'back channel (token endpoint)', NONE, false],
    ['returned.refresh_token', 'present (43 chars)', NONE, false],
    ['returned.access_token', 'present (43 chars)', 'present (43 chars)', true],
    ['returned.token_type', 'Bearer', 'Bearer', true],
    ['protections.pkce', 'S256, verifier sent', 'n/a (no code in this response type)', false],
    ['protections.state', 'sent, returned matching', 'sent, returned matching', true],
    ['protections.at_hash', 'absent', 'in the fragment ID token, matches', false],
    ['protections.client-auth', 'none (public client: client_id only)', NONE, false],
    ['request.response_type', 'code', 'id_token token', false],
    ['request.response_mode', 'default (query)', 'default (fragment)', false],
    ['idtoken.claim.sub', 'alice', 'alice', true],
    ['idtoken.claim.aud', 'grantscope-public', 'grantscope-implicit', false],
  ])('%s: %s | %s', (key, a, b, same) => {
    const r = cell(c, key);
    expect([r.a, r.b, r.same]).toEqual([a, b, same]);
  });

  it('says who could see the fragment tokens, and that only the client saw the back-channel ones', () => {
    expect(cell(c, 'travel.access_token.seen-by').a).toBe("the client only (Grantscope's worker)");
    expect(cell(c, 'travel.access_token.seen-by').b).toBe('browser history, page scripts, extensions');
    expect(cell(c, 'travel.access_token.channel').note).toBe('in the front channel in b only');
  });

  it('lists claims only in one side as such', () => {
    expect(cell(c, 'idtoken.claim.at_hash')).toMatchObject({ a: NONE, only: 'b', same: false });
  });

  it('carries the rules engine outcomes that differ', () => {
    const r = cell(c, 'findings.implicit.token');
    expect([r.a, r.b, r.same]).toEqual(['pass', 'warn', false]);
    expect(r.note).toContain('front channel');
  });

  it('never holds a code, token, verifier, state or nonce value of either flow', () => {
    const text = JSON.stringify(c);
    const secrets = [...secretValues(code), ...secretValues(implicit)];
    expect(secrets.length).toBeGreaterThan(8);
    for (const v of secrets) expect(text).not.toContain(v);
    expect(cell(c, 'idtoken.claim.nonce')).toMatchObject({ a: 'present (43 chars)', same: false, varies: 'instance' });
  });
});

describe('compareFlows: code + PKCE against hybrid (code id_token)', () => {
  const c = compareFlows(code, hybrid, { now: NOW });
  it('puts the hybrid code and ID token in the fragment, the ID token at the token endpoint too', () => {
    expect(cell(c, 'travel.code.channel').b).toBe('front channel (URL fragment)');
    expect(cell(c, 'travel.id_token.channel').b).toBe('front channel (URL fragment) and back channel (token endpoint)');
    expect(cell(c, 'travel.access_token.channel')).toMatchObject({ a: 'back channel (token endpoint)', b: 'back channel (token endpoint)', same: true });
  });
  it('checks c_hash of the fragment ID token against the code, and has no refresh token for the hybrid client', () => {
    expect(cell(c, 'protections.c_hash').b).toBe('in the fragment ID token, matches');
    expect(cell(c, 'returned.refresh_token')).toMatchObject({ b: NONE, same: false });
    expect(cell(c, 'returned.scope.asked').b).toBe('openid profile email');
  });
});

describe('compareFlows: the same flow twice', () => {
  const c = compareFlows(code, again, { now: NOW });
  it('differs only on rows that vary by time or instance', () => {
    const differing = c.groups.flatMap((g) => g.rows).filter((r) => !r.same);
    expect(differing.length).toBeGreaterThan(0);
    expect(differing.filter((r) => !r.varies).map((r) => r.key)).toEqual([]);
    expect(onlyDifferences(c, { ignoreVarying: true }).groups).toEqual([]);
  });
  it('tells two different access tokens apart without showing them', () => {
    expect(cell(c, 'returned.access_token').note).toBeUndefined();
    expect(cell(compareFlows(code, code, { now: NOW }), 'returned.access_token').note).toBe('the same value in both flows');
  });
});

describe('compareFlows: before and after a refresh', () => {
  const c = compareFlows(code, refreshed, { now: NOW });
  it('shows the refresh in the findings and the steps, not in the grant', () => {
    expect(cell(c, 'travel.access_token.channel').same).toBe(true);
    expect(cell(c, 'time.step.4')).toMatchObject({ a: NONE, same: false });
    expect(cell(c, 'time.step.4').b).toMatch(/^token request: \+\d+ ms$/);
  });
});

describe('onlyDifferences', () => {
  it('keeps differing rows and the groups that still have one, and counts them', () => {
    const c = compareFlows(code, implicit, { now: NOW });
    const d = onlyDifferences(c);
    expect(d.groups.every((g) => g.rows.length > 0 && g.rows.every((r) => !r.same))).toBe(true);
    expect(d.differences).toBe(c.differences);
    expect(d.groups.map((g) => g.key)).not.toContain('xx');
  });
});

describe('compareFlows: a confidential client with a JWT access token (RFC 9068), and a recorded SPA', () => {
  const jwtAt = loadFlow('code-jwt-access');
  const spa = loadFlow('spa-recorded');

  it('lists the JWT access token claims and names client authentication, never the secret', () => {
    const c = compareFlows(code, jwtAt, { now: NOW });
    expect(c.groups.map((g) => g.key)).toContain('access-token');
    expect(cell(c, 'access.claim.aud')).toMatchObject({ a: NONE, b: 'urn:grantscope:demo-api', only: 'b' });
    expect(cell(c, 'access.claim.scope').b).toBe('api:read');
    expect(cell(c, 'protections.client-auth')).toMatchObject({ a: 'none (public client: client_id only)', b: 'client_secret_post' });
    expect(cell(c, 'returned.access_token').b).toMatch(/^present, JWT \(\d+ chars\)$/);
    expect(cell(c, 'returned.access_token.lifetime').b).toBe('600 s (exp − iat)');
    expect(cell(c, 'returned.refresh_token').b).toBe(NONE);
    const text = JSON.stringify(c);
    expect(text).not.toContain('grantscope-post-secret');
    for (const v of secretValues(jwtAt)) expect(text).not.toContain(v);
  });

  it('says a recorded SPA redeemed its code in the page, where page scripts could see the answer', () => {
    const c = compareFlows(spa, code, { now: NOW });
    expect(cell(c, 'flow.source')).toMatchObject({ a: 'captured', b: 'launched' });
    expect(cell(c, 'travel.code.channel').a).toBe('front channel (URL query)');
    expect(cell(c, 'request.client_id').a).toBe('grantscope-spa');
    expect(cell(c, 'protections.pkce').a).toBe('S256, verifier sent');
    expect(cell(c, 'returned.access_token').a).toBe('not seen (the token answer was not recorded)');
    for (const v of secretValues(spa)) expect(JSON.stringify(c)).not.toContain(v);
  });
});
