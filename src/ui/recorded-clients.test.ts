import { describe, expect, it } from 'vitest';
import type { Flow, FlowSummary } from '../core/flow';
import { blankProfile } from '../core/profile';
import { recordedCandidates, recordedClient } from './recorded-clients';

const summary = (id: string, over: Partial<FlowSummary>): FlowSummary => ({
  id, createdAt: 0, updatedAt: 0, grant: 'authorization', clientId: 'app', issuer: 'https://idp.example', status: 'complete', source: 'captured', ...over,
});

describe('recordedCandidates', () => {
  it('keeps the newest recorded flow of each client at each issuer, newest first, launched flows left out', () => {
    const list = [
      summary('a', { updatedAt: 1 }),
      summary('b', { updatedAt: 3 }),
      summary('c', { updatedAt: 2, clientId: 'other' }),
      summary('d', { updatedAt: 9, source: 'launched' }),
      summary('e', { updatedAt: 5, clientId: '' }),
      summary('f', { updatedAt: 4, issuer: 'https://idp2.example' }),
    ];
    expect(recordedCandidates(list).map((f) => f.id)).toEqual(['f', 'b', 'c']);
    expect(recordedCandidates(list, 2).map((f) => f.id)).toEqual(['f', 'b']);
  });
});

function flow(over: { confirmed?: string; note?: string; params?: Record<string, string> }): Flow {
  return {
    id: 'cap-1', createdAt: 0, updatedAt: 0, source: 'captured', grant: 'authorization', findings: [], status: 'complete',
    profile: { ...blankProfile('p'), clientId: 'spa', issuer: 'https://guess.example', redirectUri: 'https://app.example/cb' },
    metadata: { issuer: 'https://guess.example' },
    steps: over.params ? [{ kind: 'authorization-request', at: 0, url: 'https://idp.example/authorize', params: over.params }] : [],
    capture: {
      tabIds: [1], sites: ['https://app.example'],
      ...(over.confirmed ? { issuerConfirmed: { issuer: over.confirmed, discoveryUrl: `${over.confirmed}/.well-known/openid-configuration`, metadata: { issuer: over.confirmed }, at: 0 } } : {}),
      ...(over.note ? { issuerNote: over.note } : {}),
    },
  };
}

describe('recordedClient', () => {
  it('offers the confirmed issuer and what the authorization request sent', () => {
    expect(recordedClient(flow({ confirmed: 'https://idp.example', params: { redirect_uri: 'https://app.example/callback', scope: 'openid email' } }))).toEqual({
      flowId: 'cap-1', clientId: 'spa', issuer: 'https://idp.example', confirmed: true, redirectUri: 'https://app.example/callback', scope: 'openid email', sites: ['https://app.example'],
    });
  });

  it('says when the issuer is not confirmed, and why', () => {
    const c = recordedClient(flow({ note: 'no discovery document seen' }));
    expect(c).toMatchObject({ confirmed: false, issuer: 'https://guess.example', note: 'no discovery document seen', redirectUri: 'https://app.example/cb' });
  });
});
