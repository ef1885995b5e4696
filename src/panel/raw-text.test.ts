import { describe, expect, it } from 'vitest';
import type { FlowStep } from '../core/flow';
import { rawText } from './raw-text';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const tokenRequest: FlowStep = {
  kind: 'token-request',
  at: 0,
  url: 'https://idp.example.com/token',
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic Y2xpZW50OnNlY3JldA==' },
  params: { grant_type: 'authorization_code', code: 'SplxlOBeZQQYbYS6WxSbIA', redirect_uri: 'https://app.example.com/cb' },
};

describe('rawText', () => {
  it.each<[string, FlowStep, boolean, string | undefined]>([
    [
      'authorization request by GET: the URL as sent',
      { kind: 'authorization-request', at: 0, url: 'https://idp.example.com/authorize?client_id=c&response_type=code&state=abc', params: { client_id: 'c', response_type: 'code', state: 'abc' } },
      false,
      'GET https://idp.example.com/authorize?client_id=c&response_type=code&state=abc',
    ],
    [
      'authorization request by POST form: parameters as the body',
      { kind: 'authorization-request', at: 0, url: 'https://idp.example.com/authorize', params: { client_id: 'c', response_type: 'code' } },
      false,
      'POST https://idp.example.com/authorize\n\nclient_id=c&response_type=code',
    ],
    [
      'callback: the code redacted',
      { kind: 'callback', at: 0, url: 'https://app.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=abc', params: {}, source: 'query', findings: [] },
      false,
      'GET https://app.example.com/cb?code=[redacted]&state=abc',
    ],
    [
      'callback revealed: as received',
      { kind: 'callback', at: 0, url: 'https://app.example.com/cb#id_token=x&state=abc', params: {}, source: 'fragment', findings: [] },
      true,
      'GET https://app.example.com/cb#id_token=x&state=abc',
    ],
    [
      'form_post callback: the POST body',
      { kind: 'callback', at: 0, url: 'https://app.example.com/cb', params: { code: 'abc', state: 's' }, source: 'form_post', findings: [] },
      false,
      'POST https://app.example.com/cb\n\ncode=[redacted]&state=s',
    ],
    [
      'token request: Basic credentials and code redacted',
      tokenRequest,
      false,
      'POST https://idp.example.com/token\ncontent-type: application/x-www-form-urlencoded\nauthorization: [redacted]\n\ngrant_type=authorization_code&code=[redacted]&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb',
    ],
    [
      'token response: tokens redacted in the JSON',
      { kind: 'token-response', at: 0, status: 200, headers: { 'content-type': 'application/json' }, bodyText: `{"access_token":"${JWT}","token_type":"Bearer","expires_in":300}`, result: { ok: false, problem: 'network', message: '', status: 0 } },
      false,
      'HTTP 200\ncontent-type: application/json\n\n{"access_token":"[redacted]","token_type":"Bearer","expires_in":300}',
    ],
    ['no HTTP answer: nothing raw to show', { kind: 'token-response', at: 0, status: 0, headers: {}, bodyText: '', result: { ok: false, problem: 'network', message: 'down', status: 0 } }, false, undefined],
    [
      'exchange with its answer',
      {
        kind: 'exchange',
        label: 'Userinfo',
        at: 0,
        request: { url: 'https://idp.example.com/me', method: 'GET', headers: { authorization: `Bearer ${JWT}` }, params: {} },
        response: { status: 200, headers: {}, bodyText: '{"sub":"alice"}' },
      },
      false,
      'GET https://idp.example.com/me\nauthorization: [redacted]\n\nHTTP 200\n\n{"sub":"alice"}',
    ],
    ['a check has no raw form', { kind: 'check', at: 0, title: 'x', findings: [] }, false, undefined],
  ])('%s', (_name, step, reveal, want) => expect(rawText(step, reveal)).toBe(want));

  it('reveals headers and body as they were', () => {
    const t = rawText(tokenRequest, true)!;
    expect(t).toContain('authorization: Basic Y2xpZW50OnNlY3JldA==');
    expect(t).toContain('code=SplxlOBeZQQYbYS6WxSbIA');
  });
});

describe('rawText: the one masking rule (issue 9)', () => {
  const exchange = (url: string, headers: Record<string, string>, bodyText: string): FlowStep => ({
    kind: 'exchange', label: 'Userinfo', at: 0,
    request: { url, method: 'GET', headers, params: {} },
    response: { status: 200, headers: { 'set-cookie': 'sid=abc; HttpOnly' }, bodyText },
  });

  it('masks a token in the query, API keys and session tokens by name, and keeps the rest readable', () => {
    const t = rawText(exchange('https://idp.example/userinfo?access_token=2YotnFZFEjr1zCsicMWpAA&schema=openid', { 'x-api-key': 'k-123', accept: 'application/json' }, '{"sub":"alice","session_token":"st-1"}'), false)!;
    expect(t).toBe('GET https://idp.example/userinfo?access_token=[redacted]&schema=openid\nx-api-key: [redacted]\naccept: application/json\n\nHTTP 200\nset-cookie: [redacted]\n\n{"sub":"alice","session_token":"[redacted]"}');
    for (const secret of ['2YotnFZFEjr1zCsicMWpAA', 'k-123', 'abc', 'st-1']) expect(t).not.toContain(secret);
  });

  it('reveal shows it all as it was', () => {
    const t = rawText(exchange('https://idp.example/userinfo?access_token=AT1', { 'x-api-key': 'k-123' }, '{"session_token":"st-1"}'), true)!;
    for (const secret of ['access_token=AT1', 'x-api-key: k-123', '"session_token":"st-1"']) expect(t).toContain(secret);
  });

  it('shows a whole 256 KB answer redacted, quickly, and says when more was left off', () => {
    const big = `{"error":"name=${'a'.repeat(256 * 1024)}"}`;
    const t0 = performance.now();
    const t = rawText(exchange('https://idp.example/token', {}, big), false)!;
    expect(performance.now() - t0).toBeLessThan(500);
    expect(t).toContain('name=aaaa');
    const huge = rawText(exchange('https://idp.example/token', {}, 'x '.repeat(400 * 1024)), false)!;
    expect(huge).toMatch(/more chars not shown\]$/);
  });
});
