import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow';
import { loadFlow, secretValues } from './fixtures';
import { flowSearchText, SEARCH_TEXT_MAX } from './search-text';

const NOW = loadFlow('hybrid').updatedAt + 1000;

describe('flowSearchText', () => {
  it.each([
    ['implicit', ['fragment', 'Implicit (id_token token)', 'alice', 'grantscope-implicit', 'openid profile email', 'implicit.token', 'at_hash', 'complete']],
    ['code-pkce', ['S256', 'code_challenge_method', 'query', 'offline_access', 'Bearer', 'refresh_token', 'grantscope-public', `${new URL(loadFlow('code-pkce').profile.issuer).host}/token`]],
    ['hybrid', ['Hybrid (code id_token)', 'c_hash', 'fragment']],
  ] as const)('%s: finds the flow by what it holds', (name, words) => {
    const text = flowSearchText(loadFlow(name), { now: NOW });
    for (const w of words) expect(text).toContain(w);
  });

  it.each(['code-pkce', 'code-pkce-refreshed', 'implicit', 'hybrid'] as const)('%s: never indexes a code, token, verifier, state or nonce value', (name) => {
    const f = loadFlow(name);
    const text = flowSearchText(f, { now: NOW });
    const secrets = secretValues(f);
    expect(secrets.length).toBeGreaterThan(2);
    for (const v of secrets) expect(text).not.toContain(v);
  });

  it('stays within a few KB on a hostile flow', () => {
    const f: Flow = loadFlow('code-pkce');
    const req = f.steps[0]!;
    if (req.kind !== 'authorization-request') throw new Error('fixture');
    req.params = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`p${i}`, `v${i}`.repeat(20)]));
    const text = flowSearchText(f, { now: NOW });
    expect(text.length).toBeLessThanOrEqual(SEARCH_TEXT_MAX);
    expect(text).toContain('p0');
  });
});

describe('flowSearchText: secrets stored in a launched flow', () => {
  it('indexes the resource and scope of a confidential client, never its client_secret', () => {
    const text = flowSearchText(loadFlow('code-jwt-access'), { now: NOW });
    expect(text).toContain('urn:grantscope:demo-api');
    expect(text).toContain('api:read');
    expect(text).toContain('client_secret');
    expect(text).not.toContain('grantscope-post-secret');
  });
  it('indexes a recorded flow by its site', () => {
    const f = loadFlow('spa-recorded');
    expect(flowSearchText(f, { now: NOW })).toContain(f.capture!.sites[0]!);
  });
});
