import { describe, expect, it } from 'vitest';
import { basicAuthorization } from '../client-auth';
import { NOT_KEPT_BASIC, isNotKept, mentionsNotKept, notKeptSecret, stepRecord } from './step-record';

const SECRET = 'grantscope-demo-secret';

describe('stepRecord: the client secret is never kept in a step', () => {
  const cases: { name: string; headers: Record<string, string>; params: Record<string, string>; want: { headers: Record<string, string>; params: Record<string, string> } }[] = [
    {
      name: 'client_secret_post',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      params: { grant_type: 'client_credentials', client_id: 'app', client_secret: SECRET },
      want: { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, params: { grant_type: 'client_credentials', client_id: 'app', client_secret: notKeptSecret(SECRET.length) } },
    },
    {
      name: 'client_secret_basic',
      headers: { Authorization: basicAuthorization('app', SECRET), Accept: 'application/json' },
      params: { grant_type: 'refresh_token', refresh_token: 'rt' },
      want: { headers: { Authorization: NOT_KEPT_BASIC, Accept: 'application/json' }, params: { grant_type: 'refresh_token', refresh_token: 'rt' } },
    },
    {
      name: 'a lower-case header name and scheme',
      headers: { authorization: `basic ${btoa(`app:${SECRET}`)}` },
      params: {},
      want: { headers: { authorization: NOT_KEPT_BASIC }, params: {} },
    },
    {
      name: 'a public client: nothing to replace',
      headers: { DPoP: 'eyJ.x.y' },
      params: { grant_type: 'authorization_code', client_id: 'spa', code: 'c', code_verifier: 'v' },
      want: { headers: { DPoP: 'eyJ.x.y' }, params: { grant_type: 'authorization_code', client_id: 'spa', code: 'c', code_verifier: 'v' } },
    },
    {
      name: 'a Bearer header is not a client secret',
      headers: { Authorization: 'Bearer at' },
      params: { token: 'at' },
      want: { headers: { Authorization: 'Bearer at' }, params: { token: 'at' } },
    },
    {
      name: 'an empty client_secret still says one was sent',
      headers: {},
      params: { client_secret: '' },
      want: { headers: {}, params: { client_secret: notKeptSecret(0) } },
    },
  ];
  it.each(cases)('$name', ({ headers, params, want }) => {
    const got = stepRecord({ headers, params });
    expect(got).toEqual(want);
    expect(JSON.stringify(got)).not.toContain(SECRET);
  });

  it('does not change the request that is sent', () => {
    const req = { headers: { Authorization: basicAuthorization('app', SECRET) }, params: { client_secret: SECRET } };
    const before = JSON.stringify(req);
    stepRecord(req);
    expect(JSON.stringify(req)).toBe(before);
  });

  it('keeps the shape the readers detect: Basic prefix, a non-empty client_secret', () => {
    const got = stepRecord({ headers: { Authorization: basicAuthorization('a', 'b') }, params: { client_secret: 'b' } });
    expect(got.headers.Authorization).toMatch(/^basic /i);
    expect(got.params.client_secret).toBeTruthy();
  });
});

describe('isNotKept', () => {
  it.each([
    [notKeptSecret(22), true],
    [NOT_KEPT_BASIC, true],
    ['grantscope-demo-secret', false],
    [`Basic ${btoa('a:b')}`, false],
    ['‹client secret, 3 chars, not kept› and more', false],
    ['‹eyJhbGciOiJIUzI1NiJ9.e30.sig, not kept›', false],
    ['Basic ‹c2VjcmV0, not kept›', false],
  ])('%s -> %s', (v, want) => expect(isNotKept(v)).toBe(want));
});

describe('exports: the marker is not a secret', () => {
  it('the redactor leaves both markers as they are', async () => {
    const { Redactor } = await import('../export/redactor');
    const r = new Redactor({});
    expect(r.named('client_secret', notKeptSecret(22))).toBe(notKeptSecret(22));
    expect(r.header('Authorization', NOT_KEPT_BASIC)).toBe(NOT_KEPT_BASIC);
  });
});

describe('mentionsNotKept: a command built from a step that cannot replay as it stands', () => {
  it.each([
    [`curl -H 'Authorization: ${NOT_KEPT_BASIC}' https://as.example/token`, true],
    [`curl --data-urlencode 'client_secret=${notKeptSecret(12)}' https://as.example/token`, true],
    ["curl -d 'grant_type=client_credentials&client_id=app' https://as.example/token", false],
  ])('%s -> %s', (t, want) => expect(mentionsNotKept(t)).toBe(want));
});
