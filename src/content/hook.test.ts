import { describe, expect, it, vi } from 'vitest';
import { BODY_CAP } from '../core/capture/limits';
import { parseObserved } from '../core/capture/observed';
import type { ObservedRequest } from '../core/capture/types';
import { type WindowLike, installHook } from './hook';
import { reportFrom } from './relay-check';

const TOKEN_JSON = '{"access_token":"at-1","token_type":"Bearer","expires_in":300}';
const PAGE = { href: 'https://app.example/login', origin: 'https://app.example' };

/** A window with a fake fetch that answers `answer` and records what it was called with. */
function fetchWindow(answer: () => Promise<Response> = async () => json(TOKEN_JSON)) {
  const calls: { self: unknown; args: unknown[] }[] = [];
  const win = {
    location: PAGE,
    fetch: async function (this: unknown, ...args: unknown[]) {
      calls.push({ self: this, args });
      // Like the real fetch, consume a Request's body: proves the hook left it unread.
      if (args[0] instanceof Request && args[0].body) await args[0].text();
      return answer();
    },
  } as unknown as WindowLike;
  const seen: ObservedRequest[] = [];
  installHook(win, (o) => seen.push(o));
  return { win, calls, seen };
}

const json = (body: string, status = 200) => new Response(body, { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
const settle = () => new Promise((r) => setTimeout(r, 20));

describe('installHook: fetch', () => {
  it('reports a token call with its body and answer; the page still reads the same response', async () => {
    const { win, calls, seen } = fetchWindow();
    const body = new URLSearchParams({ grant_type: 'authorization_code', code: 'c1', code_verifier: 'v' });
    const res = await win.fetch('/oauth2/token', { method: 'post', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(await res.text()).toBe(TOKEN_JSON);
    expect(calls[0]!.args[1]).toMatchObject({ body });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    const o = seen[0]!;
    expect(o).toMatchObject({
      tabId: -1,
      frame: 'fetch',
      via: 'page-script',
      method: 'POST',
      url: 'https://app.example/oauth2/token',
      initiator: 'https://app.example',
      bodyText: 'grant_type=authorization_code&code=c1&code_verifier=v',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      response: { status: 200, bodyText: TOKEN_JSON, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } },
    });
    expect(o.id).toMatch(/^ps:/);
    // What crosses to the background (as JSON text, through the relay) passes its strict check unchanged.
    expect(parseObserved(reportFrom(JSON.stringify(o)))).toEqual(JSON.parse(JSON.stringify(o)));
  });

  it('passes `this` and every argument through, and returns the same promise the original returned', async () => {
    const p = Promise.resolve(json('{}'));
    const original = vi.fn(() => p);
    const win = { location: PAGE, fetch: original } as unknown as WindowLike;
    installHook(win, () => undefined);
    const returned = win.fetch.call(undefined, 'https://idp.example/token', { method: 'POST' });
    expect(returned).toBe(p);
    expect(original).toHaveBeenCalledWith('https://idp.example/token', { method: 'POST' });
    expect(original.mock.contexts[0]).toBeUndefined();
  });

  it('ignores calls the prefilter does not pass', async () => {
    const { win, seen } = fetchWindow(async () => json('{"items":[]}'));
    await (await win.fetch('https://app.example/api/items?page=2')).json();
    await win.fetch('https://app.example/api/save', { method: 'POST', body: '{"name":"x"}' });
    await settle();
    expect(seen).toEqual([]);
  });

  it('rethrows the original error and still reports the request, without an answer', async () => {
    const failure = new TypeError('Failed to fetch');
    const { win, seen } = fetchWindow(() => Promise.reject(failure));
    await expect(win.fetch('https://idp.example/token', { method: 'POST', body: 'grant_type=refresh_token&refresh_token=r' })).rejects.toBe(failure);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]!.response).toBeUndefined();
    expect(seen[0]!.bodyText).toBe('grant_type=refresh_token&refresh_token=r');
  });

  it('reads a Request body from a clone, leaving the page its own', async () => {
    const { win, seen } = fetchWindow();
    const req = new Request('https://api.example/session', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=svc',
    });
    await win.fetch(req);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]).toMatchObject({ method: 'POST', url: 'https://api.example/session', bodyText: 'grant_type=client_credentials&client_id=svc' });
  });

  it('drops a Request whose body turns out not to be OAuth', async () => {
    const { win, seen } = fetchWindow(async () => json('{}'));
    await win.fetch(new Request('https://api.example/save', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' }));
    await settle();
    expect(seen).toEqual([]);
  });

  it('gives FormData fields as form, and never reads Blob bodies', async () => {
    const { win, seen } = fetchWindow();
    const fd = new FormData();
    fd.set('grant_type', 'password');
    fd.set('username', 'ann');
    await win.fetch('https://idp.example/connect/token', { method: 'POST', body: fd });
    await win.fetch('https://idp.example/connect/token', { method: 'POST', body: new Blob(['grant_type=x']) });
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen[0]!.form).toEqual({ grant_type: ['password'], username: ['ann'] });
    expect(seen[1]!.bodyText).toBeUndefined();
  });

  it('caps a large answer and skips image bodies', async () => {
    const big = 'x'.repeat(BODY_CAP + 5000);
    const { win, seen } = fetchWindow(async () => new Response(big, { headers: { 'content-type': 'text/plain' } }));
    expect((await (await win.fetch('https://idp.example/.well-known/openid-configuration')).text()).length).toBe(big.length);
    const img = fetchWindow(async () => new Response('PNG', { headers: { 'content-type': 'image/png' } }));
    await img.win.fetch('https://idp.example/oauth/logo.png');
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    await vi.waitFor(() => expect(img.seen).toHaveLength(1));
    expect(seen[0]!.response!.bodyText).toHaveLength(BODY_CAP);
    expect(img.seen[0]!.response).toMatchObject({ status: 200 });
    expect(img.seen[0]!.response!.bodyText).toBeUndefined();
  });

  it('installs once, and keeps working when the page wraps fetch again later', async () => {
    const { win, seen } = fetchWindow();
    installHook(win, () => {
      throw new Error('second install must not wrap again');
    });
    const ours = win.fetch;
    win.fetch = ((...a: Parameters<typeof fetch>) => ours(...a)) as typeof fetch;
    await win.fetch('https://idp.example/token?grant_type=x');
    await vi.waitFor(() => expect(seen).toHaveLength(1));
  });
});

/** A minimal XMLHttpRequest: answers asynchronously (or at once when opened synchronously). */
class FakeXhr {
  static answer = { status: 200, headers: 'Content-Type: application/json\r\nCache-Control: no-store\r\n', body: TOKEN_JSON };
  readyState = 0;
  status = 0;
  responseType = '';
  response: unknown = '';
  responseText = '';
  sent: unknown[] = [];
  headers: [string, string][] = [];
  private listeners: (() => void)[] = [];
  private sync = false;
  open(_method: string, _url: string, async = true) {
    this.readyState = 1;
    this.sync = !async;
  }
  setRequestHeader(name: string, value: string) {
    this.headers.push([name, value]);
  }
  getAllResponseHeaders() {
    return this.readyState === 4 ? FakeXhr.answer.headers : '';
  }
  addEventListener(type: string, fn: () => void, opts?: { once?: boolean }) {
    expect(type).toBe('loadend');
    expect(opts?.once).toBe(true);
    this.listeners.push(fn);
  }
  send(body?: unknown) {
    this.sent.push(body);
    const finish = () => {
      this.readyState = 4;
      this.status = FakeXhr.answer.status;
      this.responseText = FakeXhr.answer.body;
      this.response = this.responseType === 'json' ? JSON.parse(FakeXhr.answer.body) : FakeXhr.answer.body;
      const fns = this.listeners;
      this.listeners = [];
      fns.forEach((f) => f());
    };
    if (this.sync) finish();
    else setTimeout(finish, 1);
  }
}

function xhrWindow() {
  class X extends FakeXhr {}
  const win = { location: PAGE, fetch: async () => json('{}'), XMLHttpRequest: X } as unknown as WindowLike;
  const seen: ObservedRequest[] = [];
  installHook(win, (o) => seen.push(o));
  return { X, seen };
}

describe('installHook: XMLHttpRequest', () => {
  it('reports a token call with request headers, status, response headers and body', async () => {
    const { X, seen } = xhrWindow();
    const x = new X();
    x.open('POST', 'https://idp.example/oauth/token');
    x.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
    x.setRequestHeader('DPoP', 'eyJ.proof');
    x.send('grant_type=authorization_code&code=abc');
    expect(x.sent).toEqual(['grant_type=authorization_code&code=abc']);
    expect(x.headers).toHaveLength(2);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: 'https://idp.example/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', dpop: 'eyJ.proof' },
      bodyText: 'grant_type=authorization_code&code=abc',
      response: { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, bodyText: TOKEN_JSON },
      via: 'page-script',
    });
  });

  it('reads json responses and synchronous requests, and reports an object reused for a second call once per call', async () => {
    const { X, seen } = xhrWindow();
    const x = new X();
    x.responseType = 'json';
    x.open('GET', '/userinfo', false);
    x.send();
    expect(seen).toHaveLength(0);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]!.url).toBe('https://app.example/userinfo');
    expect(JSON.parse(seen[0]!.response!.bodyText!)).toEqual(JSON.parse(TOKEN_JSON));
    x.responseType = '';
    x.open('GET', '/jwks');
    x.send(null);
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    await settle();
    expect(seen.map((o) => o.url)).toEqual(['https://app.example/userinfo', 'https://app.example/jwks']);
  });

  it('reports a failed call without an answer and ignores calls the prefilter does not pass', async () => {
    const { X, seen } = xhrWindow();
    const plain = new X();
    plain.open('GET', '/api/items');
    plain.send();
    FakeXhr.answer = { ...FakeXhr.answer, status: 0 };
    try {
      const x = new X();
      x.open('POST', 'https://idp.example/token');
      x.send('grant_type=client_credentials');
      await vi.waitFor(() => expect(seen).toHaveLength(1));
      await settle();
      expect(seen).toHaveLength(1);
      expect(seen[0]!.response).toBeUndefined();
    } finally {
      FakeXhr.answer = { ...FakeXhr.answer, status: 200 };
    }
  });
});

describe('installHook: hostile sizes (issue 9)', () => {
  it('cuts a megabyte URL, body and answer to the limits, marks them, and the report still passes the relay and parseObserved', async () => {
    const MB = 1024 * 1024;
    const { win, seen } = fetchWindow(async () => json(`{"error":"name=${'a'.repeat(MB)}"}`, 400));
    await win.fetch(`https://idp.example/token?x=${'u'.repeat(MB)}`, { method: 'POST', body: `grant_type=x&code=${'c'.repeat(2 * MB)}` });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    const o = seen[0]!;
    expect(o.url).toHaveLength(16 * 1024);
    expect(o.bodyText).toHaveLength(64 * 1024);
    expect(o.response!.bodyText).toHaveLength(BODY_CAP);
    expect(o.cut).toEqual({ url: MB + 28, body: 2 * MB + 18 });
    expect(o.response!.cut!.answer).toBeGreaterThan(BODY_CAP);
    const text = JSON.stringify(o);
    expect(text.length).toBeLessThan(600 * 1024);
    expect(parseObserved(reportFrom(text))).toMatchObject({ cut: o.cut, response: { cut: o.response!.cut } });
  });

  it('reads a huge FormData only up to the form limits', async () => {
    const { win, seen } = fetchWindow();
    const fd = new FormData();
    fd.set('grant_type', 'password');
    for (let i = 0; i < 5000; i++) fd.append(`f${i}`, 'v');
    await win.fetch('https://idp.example/token', { method: 'POST', body: fd });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(Object.keys(seen[0]!.form!)).toHaveLength(200);
    expect(seen[0]!.form!.grant_type).toEqual(['password']);
    expect(seen[0]!.cut?.form).toBeGreaterThan(5000);
  });
});
