import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow';
import { compareFlows } from './compare';
import { loadFlow } from './fixtures';
import { relaunchFromRecorded } from './relaunch';
import { flowSearchText } from './search-text';
import { refreshDiff } from './token-diff';

const base = loadFlow('code-pkce');
const bare: Flow = { ...base, steps: [], findings: [], status: 'authorizing' };
const clientCredentials: Flow = {
  ...base,
  grant: 'client_credentials',
  steps: [
    { kind: 'token-request', at: 1, url: 'https://op.example/token', method: 'POST', headers: { Authorization: 'Basic eDp5' }, params: { grant_type: 'client_credentials', scope: 'api' } },
    { kind: 'token-response', at: 2, status: 200, headers: {}, bodyText: '', result: { ok: true, tokens: { access_token: 'not-a.jwt.at-all', token_type: 'DPoP' }, warnings: [] } },
  ],
};
const hostile: Flow = {
  ...base,
  steps: [
    { kind: 'authorization-request', at: 1, url: 'not a url', params: { response_type: 'x'.repeat(5000), client_id: '__proto__', request_uri: 'urn:x' } },
    { kind: 'callback', at: 0, url: '#', params: { id_token: 'a.b.c', access_token: 'eyJ' }, source: 'both', findings: [] },
  ],
};

describe('odd flows never throw and hold no secret', () => {
  it.each([
    ['no steps', bare],
    ['client credentials', clientCredentials],
    ['hostile values', hostile],
  ])('%s', (_n, f) => {
    const c = compareFlows(f, base, { now: 1 });
    expect(c.groups.length).toBeGreaterThan(5);
    expect(JSON.stringify(c)).not.toContain('eDp5');
    expect(() => relaunchFromRecorded(f)).not.toThrow();
    expect(flowSearchText(f, { now: 1 }).length).toBeLessThanOrEqual(4096);
    expect(refreshDiff(f)).toEqual([]);
  });

  it('reads client credentials with Basic auth and a DPoP token type', () => {
    const c = compareFlows(clientCredentials, base, { now: 1 });
    const r = c.groups.flatMap((g) => g.rows);
    expect(r.find((x) => x.key === 'protections.client-auth')?.a).toBe('client_secret_basic');
    expect(r.find((x) => x.key === 'protections.dpop')?.a).toBe('bound (token_type DPoP)');
    expect(r.find((x) => x.key === 'returned.access_token')?.a).toBe('present (16 chars)');
  });
});
