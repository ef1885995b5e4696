import { describe, expect, it } from 'vitest';
import { compareFlows } from './compare';
import { loadFlow, secretValues, type FixtureName } from './fixtures';
import { headline } from './headline';

const NOW = loadFlow('hybrid').updatedAt + 1000;
const of = (a: FixtureName, b: FixtureName) => headline(compareFlows(loadFlow(a), loadFlow(b), { now: NOW }));

describe('headline: what changes from A to B, first', () => {
  it('code + PKCE against implicit: tokens out of the URL, the fragment, the refresh token', () => {
    const [first, second] = of('code-pkce', 'implicit');
    expect(first).toBe('A (code + PKCE) keeps tokens out of the URL; B (implicit) put the access token and ID token in the URL fragment; only A got a refresh token');
    expect(second).toBe('B fails or warns on a check A does not: “No access token in the front channel (implicit / hybrid token)”; their ID tokens differ in aud');
    expect(second).toContain('their ID tokens differ in aud');
  });

  it('reads the other way round as well', () => {
    expect(of('implicit', 'code-pkce')[0]).toBe('B (code + PKCE) keeps tokens out of the URL; A (implicit) put the access token and ID token in the URL fragment; only B got a refresh token');
  });

  it('a recorded SPA whose token answer was not seen: no claim about its refresh token', () => {
    const [first, second] = of('spa-recorded', 'code-pkce');
    expect(first).not.toContain('refresh token');
    expect(first).toContain('client_id');
    expect(second).toBe('Only B has an ID token to compare');
  });

  it('hybrid: only the ID token in the fragment', () => {
    expect(of('code-pkce', 'hybrid')[0]).toBe('A (code + PKCE) keeps tokens out of the URL; B (hybrid) put the ID token in the URL fragment; only A got a refresh token');
  });

  it('the same flow twice: nothing beyond times and per-run values', () => {
    expect(of('code-pkce', 'code-pkce-again')).toEqual(['No difference beyond times and per-run values (ids, nonces, token values)']);
  });

  it('a public against a confidential client: names what differs, and the claims', () => {
    const [first, second] = of('code-pkce', 'code-jwt-access');
    expect(first).toBe('Only A got a refresh token; B authenticates the client (client_secret_post)');
    expect(second).toContain('name, given_name');
  });

  it('never holds a secret of either flow', () => {
    const text = JSON.stringify([of('code-pkce', 'implicit'), of('spa-recorded', 'code-pkce'), of('code-pkce', 'code-pkce-refreshed')]);
    for (const n of ['code-pkce', 'implicit', 'spa-recorded', 'code-pkce-refreshed'] as const) for (const v of secretValues(loadFlow(n))) expect(text).not.toContain(v);
  });
});
