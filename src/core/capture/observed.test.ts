import { describe, expect, it } from 'vitest';
import { parseObserved } from './observed';

// What the DevTools page sends for the demo's token call, response included (HAR-derived).
const TOKEN_CALL = {
  id: 'dt:1000.42',
  at: 1795684261123.5,
  tabId: 7,
  frame: 'fetch',
  method: 'POST',
  url: 'http://127.0.0.1:9400/token',
  initiator: 'http://127.0.0.1:9400',
  bodyText: 'grant_type=refresh_token&refresh_token=kZ4dV3h0Yq6mWcN8sJ2pT7rXbL1eA9uG5iO0fHyQwEt&client_id=grantscope-public',
  headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
  response: {
    at: 1795684261180,
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    bodyText: '{"access_token":"Lgqm1gHoE7oOAa9PL4nm82ubGd7shrjv8UVWCsZRXwj","expires_in":600,"token_type":"Bearer"}',
  },
  via: 'devtools',
};

// A form_post callback as the page script reports it: formData, no response yet, no tab.
const FORM_POST = {
  id: 'ps:9',
  at: 0,
  tabId: -1,
  frame: 'main',
  method: 'POST',
  url: 'https://app.example.com/signin-oidc',
  form: { code: ['0.AXoA8lN2nYw'], state: ['CfDJ8Hx2'], scope: ['openid', 'email'] },
  via: 'page-script',
};

const many = (n: number, value: unknown) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`h${i}`, value]));

describe('parseObserved', () => {
  it.each([
    ['a DevTools token call with its response', TOKEN_CALL],
    ['a page-script form post', FORM_POST],
  ])('keeps %s as it is', (_what, v) => {
    const out = parseObserved(v);
    expect(out).toEqual(v);
    expect(out).not.toBe(v);
  });

  it('returns a copy that shares nothing with the message', () => {
    const msg = structuredClone(FORM_POST);
    const out = parseObserved(msg);
    msg.form.code[0] = 'changed';
    expect(out?.form?.code).toEqual(['0.AXoA8lN2nYw']);
  });

  it('drops unknown fields, at both levels', () => {
    const out = parseObserved({ ...TOKEN_CALL, cookies: 'sid=1', response: { ...TOKEN_CALL.response, extra: true } });
    expect(out).toEqual(TOKEN_CALL);
  });

  it('treats an undefined optional field as absent', () => {
    expect(parseObserved({ ...FORM_POST, initiator: undefined })).toEqual(FORM_POST);
  });

  it('cuts long bodies instead of refusing them, and says so', () => {
    const long = 'a'.repeat(300 * 1024);
    const out = parseObserved({ ...TOKEN_CALL, bodyText: long, response: { ...TOKEN_CALL.response, bodyText: long } });
    expect(out?.bodyText).toHaveLength(64 * 1024);
    expect(out?.response?.bodyText).toHaveLength(256 * 1024);
    expect(out?.cut).toEqual({ body: 300 * 1024 });
    expect(out?.response?.cut).toEqual({ answer: 300 * 1024 });
  });

  it.each([
    ['a URL over 16 KB', { ...TOKEN_CALL, url: `https://app.example.com/?q=${'a'.repeat(1_600_000)}` }, { url: 1_600_000 + 27 }],
    ['201 form keys', { ...FORM_POST, form: many(201, ['v']) }, { form: 201 * 2 + 90 }],
    ['a form over 256 KB in all', { ...FORM_POST, form: many(2, ['a'.repeat(150 * 1024)]) }, { form: 300 * 1024 + 4 }],
    ['an 11 MB form field', { ...FORM_POST, form: { code: ['a'.repeat(11 * 1024 * 1024)] } }, { form: 11 * 1024 * 1024 + 4 }],
  ])('cuts %s', (_what, v, cut) => {
    const out = parseObserved(v)!;
    expect(out).toBeDefined();
    expect(out.url.length).toBeLessThanOrEqual(16 * 1024);
    const formSize = Object.entries(out.form ?? {}).reduce((n, [k, vals]) => n + k.length + vals.join('').length, 0);
    expect(formSize).toBeLessThanOrEqual(256 * 1024);
    expect(Object.keys(out.form ?? {}).length).toBeLessThanOrEqual(200);
    expect(Object.keys(out.cut ?? {})).toEqual(Object.keys(cut));
  });

  it('keeps a source\'s own note of what it cut, checked', () => {
    expect(parseObserved({ ...TOKEN_CALL, cut: { body: 300_000 }, response: { ...TOKEN_CALL.response, cut: { answer: 300_000 } } })).toMatchObject({ cut: { body: 300_000 }, response: { cut: { answer: 300_000 } } });
    expect(parseObserved({ ...TOKEN_CALL, cut: { body: 'x' } })).toBeUndefined();
    expect(parseObserved({ ...TOKEN_CALL, cut: { evil: 1 } })?.cut).toEqual({});
  });

  it('keeps a "__proto__" header as an ordinary key', () => {
    const out = parseObserved({ ...TOKEN_CALL, headers: JSON.parse('{"__proto__":"x","accept":"*/*"}') });
    expect(out?.headers && Object.getPrototypeOf(out.headers)).toBe(Object.prototype);
    expect(out?.headers && Object.keys(out.headers)).toEqual(['__proto__', 'accept']);
  });

  it.each([
    ['at the header limit', { headers: many(100, 'v') }, true],
    ['at the form key limit', { form: many(200, ['v']) }, true],
    ['a 16 KB URL', { url: `https://app.example.com/?q=${'a'.repeat(16 * 1024 - 28)}` }, true],
    ['a frame-less page-script request', { tabId: -1 }, true],
  ])('accepts %s', (_what, change, ok) => {
    expect(parseObserved({ ...TOKEN_CALL, ...change }) !== undefined).toBe(ok);
  });

  it.each([
    ['null', null],
    ['a string', JSON.stringify(TOKEN_CALL)],
    ['an array', [TOKEN_CALL]],
    ['no id', { ...TOKEN_CALL, id: undefined }],
    ['a numeric id', { ...TOKEN_CALL, id: 1 }],
    ['a huge id', { ...TOKEN_CALL, id: 'x'.repeat(3000) }],
    ['at as a string', { ...TOKEN_CALL, at: '1795684261123' }],
    ['at NaN', { ...TOKEN_CALL, at: Number.NaN }],
    ['a fractional tabId', { ...TOKEN_CALL, tabId: 1.5 }],
    ['tabId -2', { ...TOKEN_CALL, tabId: -2 }],
    ['an unknown frame', { ...TOKEN_CALL, frame: 'worker' }],
    ['an unknown via', { ...TOKEN_CALL, via: 'extension' }],
    ['a method with a space', { ...TOKEN_CALL, method: 'POST /evil' }],
    ['an empty method', { ...TOKEN_CALL, method: '' }],
    ['a long method', { ...TOKEN_CALL, method: 'A'.repeat(21) }],
    ['a javascript: URL', { ...TOKEN_CALL, url: 'javascript:alert(1)' }],
    ['a data: URL', { ...TOKEN_CALL, url: 'data:text/html,<script>alert(1)</script>' }],
    ['a file: URL', { ...TOKEN_CALL, url: 'file:///etc/passwd' }],
    ['a relative URL', { ...TOKEN_CALL, url: '/token' }],
    ['a null initiator', { ...TOKEN_CALL, initiator: null }],
    ['a non-string body', { ...TOKEN_CALL, bodyText: { grant_type: 'x' } }],
    ['headers as an array', { ...TOKEN_CALL, headers: [['accept', '*/*']] }],
    ['101 headers', { ...TOKEN_CALL, headers: many(101, 'v') }],
    ['a numeric header value', { ...TOKEN_CALL, headers: { 'content-length': 42 } }],
    ['a header name with a colon', { ...TOKEN_CALL, headers: { 'x-a: b': 'c' } }],
    ['a header value over 8 KB', { ...TOKEN_CALL, headers: { cookie: 'a'.repeat(8 * 1024 + 1) } }],
    ['form values that are not arrays', { ...FORM_POST, form: { code: 'x' } }],
    ['form values that are numbers', { ...FORM_POST, form: { code: [1] } }],
    ['a response without status', { ...TOKEN_CALL, response: { at: 1, headers: {} } }],
    ['a response status of 1000', { ...TOKEN_CALL, response: { ...TOKEN_CALL.response, status: 1000 } }],
    ['a response without headers', { ...TOKEN_CALL, response: { at: 1, status: 200 } }],
    ['a Map for headers', { ...TOKEN_CALL, headers: new Map([['accept', '*/*']]) }],
  ])('refuses %s', (_what, v) => {
    expect(parseObserved(v)).toBeUndefined();
  });

  it('never throws, even on a hostile getter', () => {
    const v = { ...TOKEN_CALL, get url(): string { throw new Error('boom'); } };
    expect(parseObserved(v)).toBeUndefined();
  });
});
