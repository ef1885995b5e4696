import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { failed } from './finding';
import { type Flow, summarize } from './flow';
import { rowFacts, subOf } from './flow-row';
import { blankProfile } from './profile';

const enc = (v: unknown) => base64url.encode(JSON.stringify(v));
const jwt = (payload: unknown) => `${enc({ alg: 'RS256' })}.${enc(payload)}.c2ln`;
const ISS = 'https://login.example.com';

function flow(over: Partial<Flow> = {}, authParams: Record<string, string> = {}, idToken?: string): Flow {
  return {
    id: 'f1',
    createdAt: 1_000,
    updatedAt: 4_000,
    source: 'launched',
    grant: 'authorization',
    responseType: 'code',
    profile: { ...blankProfile('p'), name: 'Shop (staging)', clientId: 'shop', issuer: ISS },
    findings: [],
    metadata: { issuer: ISS },
    status: 'complete',
    steps: [
      { kind: 'authorization-request', at: 1_000, url: `${ISS}/auth`, params: { client_id: 'shop', response_type: 'code', ...authParams } },
      { kind: 'callback', at: 3_400, url: 'https://shop.example/cb', params: idToken ? { id_token: idToken } : { code: 'c' }, source: idToken ? 'fragment' : 'query', findings: [] },
    ],
    ...over,
  };
}

describe('subOf', () => {
  it.each([
    ['a string sub', jwt({ sub: 'alice' }), 'alice'],
    ['no sub', jwt({ iss: ISS }), undefined],
    ['a number sub', jwt({ sub: 42 }), undefined],
    ['not a JWT', 'opaque-token', undefined],
    ['a payload that is not JSON', `${enc({})}.bm90IGpzb24.c2ln`, undefined],
    ['a huge payload is not read', jwt({ sub: 'x', pad: 'a'.repeat(9000) }), undefined],
    ['a long sub is cut', jwt({ sub: 's'.repeat(300) }), `${'s'.repeat(63)}…`],
  ])('%s', (_, token, want) => {
    expect(subOf(token)).toBe(want);
  });
});

describe('rowFacts', () => {
  it('a launched flow: profile name, prompt, the ID token sub over the login_hint, duration', () => {
    expect(rowFacts(flow({}, { prompt: 'consent', login_hint: 'bob@example.org' }, jwt({ sub: 'alice' })))).toEqual({ profileName: 'Shop (staging)', prompt: 'consent', sub: 'alice', durationMs: 2_400 });
  });
  it('no ID token: the login_hint sent', () => {
    expect(rowFacts(flow({}, { login_hint: 'bob@example.org' }))).toEqual({ profileName: 'Shop (staging)', loginHint: 'bob@example.org', durationMs: 2_400 });
  });
  it('a recorded flow has no profile name (its client_id is on the summary); one step has no duration', () => {
    const f = flow({ source: 'captured' });
    expect(rowFacts({ ...f, steps: f.steps.slice(0, 1) })).toEqual({});
  });
});

describe('summarize', () => {
  it('carries the verdict judged under the flow set: a stored failure counts and is the first', () => {
    const s = summarize(flow({ findings: [failed('test.not-in-catalog', 'error', 'RFC 6749 10.12', 'state omitted on purpose')] }));
    expect(s.verdict?.failed).toBeGreaterThanOrEqual(1);
    expect(s.verdict?.set).toBe('core');
    expect(s.row?.profileName).toBe('Shop (staging)');
  });
});
