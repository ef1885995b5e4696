import { describe, expect, it } from 'vitest';
import type { Flow, FlowStatus } from './flow';
import { interruptedFlow, ledgerEntry } from './interrupted';
import { blankProfile } from './profile';

const flow = (over: Partial<Flow> = {}): Flow => ({
  id: 'f1',
  createdAt: 1,
  updatedAt: 2,
  source: 'launched',
  grant: 'authorization',
  profile: { ...blankProfile('p'), issuer: 'https://op.example', clientId: 'c', redirectUri: 'https://app.example/cb' },
  findings: [],
  metadata: { issuer: 'https://op.example' },
  status: 'authorizing',
  tabId: 7,
  ruleId: 3,
  steps: [
    {
      kind: 'authorization-request',
      at: 5,
      url: 'https://op.example/auth?client_id=c&state=S3cret&nonce=N0nce&code_challenge=CH&scope=openid',
      params: { client_id: 'c', state: 'S3cret', nonce: 'N0nce', code_challenge: 'CH', scope: 'openid', login_hint: 'alice' },
    },
    { kind: 'callback', at: 6, url: 'https://app.example/cb?code=C0de&state=S3cret', params: { code: 'C0de', state: 'S3cret' }, source: 'query', findings: [] },
  ],
  ...over,
});

describe('ledgerEntry: what a running flow leaves on disk', () => {
  it('keeps the authorization request without credentials or binding values, and no other step', () => {
    const e = ledgerEntry(flow());
    expect(e.steps).toEqual([{ kind: 'authorization-request', at: 5, url: 'https://op.example/auth', params: { client_id: 'c', scope: 'openid', login_hint: 'alice' } }]);
    const text = JSON.stringify(e);
    for (const secret of ['S3cret', 'N0nce', 'C0de', 'CH']) expect(text).not.toContain(secret);
    expect(e).not.toHaveProperty('tabId');
    expect(e).not.toHaveProperty('ruleId');
  });

  it('never throws on a URL it cannot parse', () => {
    const f = flow();
    f.steps = [{ kind: 'authorization-request', at: 1, url: 'not a url', params: {} }];
    expect(ledgerEntry(f).steps).toEqual([{ kind: 'authorization-request', at: 1, url: '', params: {} }]);
  });
});

describe('interruptedFlow: fault case 25', () => {
  it.each<[FlowStatus, Partial<Flow>, string, string]>([
    ['authorizing', {}, 'during the login', 'takes the code to the app'],
    ['authorizing', { profile: { ...flow().profile, redirectMode: 'observe' } }, 'during the login', 'cannot be finished'],
    ['callback-received', {}, 'before the code was redeemed', 'cannot be finished'],
    ['redeeming', {}, 'may already be spent', 'cannot be finished'],
    ['polling', { grant: 'device_code' }, 'device grant', 'cannot be finished'],
  ])('%s %j: says where it stood and to start again', (status, over, where, detail) => {
    const f = interruptedFlow(ledgerEntry(flow({ status, ...over })), 99);
    expect(f.status).toBe('interrupted');
    expect(f.updatedAt).toBe(99);
    expect(f.outcome?.kind).toBe('error');
    expect(f.outcome?.title).toContain('interrupted');
    expect(f.outcome?.title).toContain(where);
    expect(f.outcome?.title).toContain('Start it again');
    expect(f.outcome?.detail).toContain(detail);
  });
});
