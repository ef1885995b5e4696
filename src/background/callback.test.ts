import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseCallbackUrl } from '../core/callback';
import type { CallbackStep, Flow } from '../core/flow';
import { blankProfile } from '../core/profile';
import { FlowStore } from './flow-store';
import { memoryKV } from './kv';

vi.stubGlobal('__TEST__', false);
vi.mock('../shared/browser', () => ({ default: { tabs: { remove: vi.fn(async () => undefined) }, storage: { session: { get: vi.fn(async () => ({})) } } } }));
vi.mock('./dnr-rules', () => ({ removeRule: vi.fn(async () => undefined) }));
vi.mock('./redeem', () => ({ redeem: vi.fn(async () => undefined) }));
vi.mock('./id-token', () => ({ checkIdToken: vi.fn(async () => ({ findings: [] })) }));

const { handleCallback } = await import('./callback');
const { redeem } = await import('./redeem');

const ISS = 'https://op.example';
const CB = 'https://app.example/cb';
const flow = (iss = false): Flow => ({
  id: 'a',
  createdAt: 0,
  updatedAt: 0,
  source: 'launched',
  grant: 'authorization',
  responseType: 'code',
  profile: { ...blankProfile('p'), issuer: ISS, clientId: 'c', redirectUri: CB },
  findings: [],
  metadata: { issuer: ISS, ...(iss ? { authorization_response_iss_parameter_supported: true } : {}) },
  status: 'authorizing',
  steps: [{ kind: 'authorization-request', at: 0, url: `${ISS}/authorize?state=s1`, params: { client_id: 'c', response_type: 'code', redirect_uri: CB, state: 's1' } }],
});

async function arrive(url: string, iss = false): Promise<Flow> {
  const store = new FlowStore(memoryKV(), 10);
  await store.add(flow(iss), { state: 's1', codeVerifier: 'v' });
  const p = parseCallbackUrl(url);
  if (!p.ok) throw new Error('bad url');
  await handleCallback(store, 'a', url, p.value);
  return (await store.get('a'))!;
}

const cbOf = (f: Flow) => f.steps.find((s): s is CallbackStep => s.kind === 'callback')!;

describe('a launched flow\'s callback', () => {
  beforeEach(() => vi.mocked(redeem).mockClear());

  it('a matching state is a pass on the step, and the code is redeemed', async () => {
    const f = await arrive(`${CB}?code=c1&state=s1&iss=${encodeURIComponent(ISS)}`, true);
    expect(cbOf(f).findings.filter((x) => x.status === 'pass').map((x) => x.id)).toEqual(expect.arrayContaining(['state.mismatch', 'callback.iss.mismatch', 'callback.iss.missing']));
    expect(cbOf(f).findings.find((x) => x.id === 'state.mismatch')).toMatchObject({ step: 1, expected: 's1', actual: 's1' });
    expect(redeem).toHaveBeenCalledOnce();
  });

  it('a different state fails the flow before redemption (decide reads state.*)', async () => {
    const f = await arrive(`${CB}?code=c1&state=evil`);
    expect(f.status).toBe('failed');
    expect(f.outcome?.title).toMatch(/State mismatch/);
    expect(redeem).not.toHaveBeenCalled();
  });

  it('a wrong iss fails the flow before redemption (decide reads callback.iss.*)', async () => {
    const f = await arrive(`${CB}?code=c1&state=s1&iss=https://evil.example`, true);
    expect(f.outcome?.title).toMatch(/Issuer check failed/);
    expect(redeem).not.toHaveBeenCalled();
  });

  it('names repeated in the callback go onto the step', async () => {
    const f = await arrive(`${CB}?code=c1&state=s1#state=s1`);
    expect(cbOf(f).duplicates).toEqual(['state']);
    expect(cbOf(f).findings.find((x) => x.id === 'callback.duplicate-param')?.status).toBe('fail');
  });
});
