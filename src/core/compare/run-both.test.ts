import { describe, expect, it } from 'vitest';
import type { ProviderMetadata } from '../discovery';
import { type FlowSummary, summarize } from '../flow';
import { loadFlow } from './fixtures';
import { frontChannelType, previousRun, runBothPlan } from './run-both';

const code = loadFlow('code-pkce');
const meta = (types?: string[]): ProviderMetadata => ({ ...code.metadata, ...(types ? { response_types_supported: types } : {}) }) as ProviderMetadata;

describe('frontChannelType', () => {
  it.each([
    [undefined, 'openid profile', 'id_token token'],
    [['code', 'id_token token'], 'openid', 'id_token token'],
    [['code', 'token id_token'], 'openid', 'id_token token'],
    [['code', 'code id_token'], 'openid', 'code id_token'],
    [['code', 'code token'], 'read', 'code token'],
    [['code'], 'openid', 'id_token token'],
  ] as const)('%j with scope %s -> %s', (types, scope, want) => {
    expect(frontChannelType(meta(types ? [...types] : undefined), scope)).toBe(want);
  });
});

describe('runBothPlan', () => {
  it('launches code + PKCE and the implicit flow with the same client settings (demo provider metadata)', () => {
    const plan = runBothPlan({ ...code.profile, request: { ...code.profile.request, pkce: 'none' } }, code.metadata);
    expect(plan.launches.map((l) => [l.label, l.launch])).toEqual([
      ['Authorization code + PKCE', { grant: 'authorization', responseType: 'code' }],
      ['Implicit (id_token token)', { grant: 'authorization', responseType: 'id_token token' }],
    ]);
    expect(plan.launches[0]!.profile.request.pkce).toBe('S256');
    expect(plan.launches[1]!.profile.clientId).toBe(plan.launches[0]!.profile.clientId);
  });
  it('warns when the provider offers no front-channel token', () => {
    expect(runBothPlan(code.profile, meta(['code'])).notes.join()).toContain('no front-channel');
  });
});

describe('previousRun', () => {
  const a = summarize(code);
  const b = summarize(loadFlow('code-pkce-again'));
  const other = summarize(loadFlow('implicit'));
  it('finds the newest earlier run of the same client, grant and response type', () => {
    expect(previousRun([a, b, other], b)?.id).toBe(a.id);
    expect(previousRun([a, b, other], a)).toBeUndefined();
    expect(previousRun([a, b, other], other)).toBeUndefined();
  });
  it('skips runs still going', () => {
    const running: FlowSummary = { ...a, status: 'authorizing' };
    expect(previousRun([running, b], b)).toBeUndefined();
  });
});
