import { describe, expect, it, vi } from 'vitest';
import { parseObserved } from '../core/capture/observed';
import { type HarEntry, harToObserved, harWanted } from './har';
import { KNOWN_ENDPOINTS_KEY } from '../shared/constants';
import { type Finished, type SessionStorageApi, contentOf, followKnownEndpoints, watchNetwork } from './network';

/** A token call as Chrome's DevTools gives it to onRequestFinished (fields as in a saved HAR). */
const tokenEntry = (): HarEntry & Record<string, unknown> => ({
  _connectionId: '184532',
  _initiator: { type: 'script', stack: { callFrames: [{ functionName: 'redeem', url: 'http://127.0.0.1:9500/app.js', lineNumber: 41, columnNumber: 12 }] } },
  _priority: 'High',
  _resourceType: 'fetch',
  cache: {},
  connection: '9400',
  pageref: 'page_2',
  request: {
    method: 'POST',
    url: 'http://127.0.0.1:9400/token',
    httpVersion: 'HTTP/1.1',
    headers: [
      { name: 'Accept', value: '*/*' },
      { name: 'Content-Type', value: 'application/x-www-form-urlencoded;charset=UTF-8' },
      { name: 'Origin', value: 'http://127.0.0.1:9500' },
      { name: 'DPoP', value: 'eyJ0eXAiOiJkcG9wK2p3dCJ9.e30.sig' },
    ],
    queryString: [],
    cookies: [],
    headersSize: 512,
    bodySize: 118,
    postData: {
      mimeType: 'application/x-www-form-urlencoded;charset=UTF-8',
      text: 'grant_type=authorization_code&code=Sx1&redirect_uri=http%3A%2F%2F127.0.0.1%3A9500%2Fcb&client_id=spa&code_verifier=abc',
      params: [
        { name: 'grant_type', value: 'authorization_code' },
        { name: 'code', value: 'Sx1' },
      ],
    },
  } as HarEntry['request'],
  response: {
    status: 200,
    statusText: 'OK',
    httpVersion: 'HTTP/1.1',
    headers: [
      { name: 'Content-Type', value: 'application/json; charset=utf-8' },
      { name: 'Cache-Control', value: 'no-store' },
      { name: 'Set-Cookie', value: 'a=1' },
      { name: 'Set-Cookie', value: 'b=2' },
    ],
    cookies: [],
    content: { size: 96, mimeType: 'application/json', compression: 0 },
    redirectURL: '',
    headersSize: 300,
    bodySize: 96,
    _transferSize: 396,
    _error: null,
  } as HarEntry['response'],
  serverIPAddress: '127.0.0.1',
  startedDateTime: '2025-05-01T10:00:00.000Z',
  time: 12.5,
  timings: { blocked: 1, dns: -1, ssl: -1, connect: -1, send: 0.1, wait: 10, receive: 1.4 },
});

const TOKEN = '{"access_token":"at","token_type":"DPoP","expires_in":300,"id_token":"eyJ.x.y"}';

describe('harWanted', () => {
  it.each([
    ['a token POST found by its body', tokenEntry(), true],
    ['discovery, by path', { request: { method: 'GET', url: 'https://idp.example/.well-known/openid-configuration' } }, true],
    ['a callback, by query', { request: { method: 'GET', url: 'https://app.example/cb?code=1&state=2' } }, true],
    ['a plain API call', { request: { method: 'GET', url: 'https://app.example/api/items' } }, false],
    ['a form POST found by its fields only', { request: { method: 'POST', url: 'https://app.example/x', postData: { params: [{ name: 'client_id', value: 'a' }] } } }, true],
  ])('%s: %s', (_, entry, wanted) => {
    expect(harWanted(entry as HarEntry)).toBe(wanted);
  });

  it('lets through an endpoint learned from discovery whose path says nothing (userinfo at /me)', () => {
    const me: HarEntry = { request: { method: 'GET', url: 'http://127.0.0.1:9400/me' } };
    expect(harWanted(me)).toBe(false);
    expect(harWanted(me, { 'http://127.0.0.1:9400/me': 'userinfo' })).toBe(true);
    expect(harWanted({ request: { method: 'GET', url: 'http://127.0.0.1:9400/me?x=1' } }, { 'http://127.0.0.1:9400/me': 'userinfo' })).toBe(true);
    expect(harWanted({ request: { method: 'GET', url: 'http://127.0.0.1:9400/mine' } }, { 'http://127.0.0.1:9400/me': 'userinfo' })).toBe(false);
  });
});

describe('harToObserved', () => {
  it('turns a Chrome HAR entry and its content into an ObservedRequest', () => {
    const o = harToObserved(tokenEntry(), 12, { content: TOKEN, encoding: '' });
    expect(o).toMatchObject({
      tabId: 12,
      at: Date.parse('2025-05-01T10:00:00.000Z'),
      frame: 'fetch',
      method: 'POST',
      url: 'http://127.0.0.1:9400/token',
      via: 'devtools',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', dpop: 'eyJ0eXAiOiJkcG9wK2p3dCJ9.e30.sig', origin: 'http://127.0.0.1:9500' },
      bodyText: 'grant_type=authorization_code&code=Sx1&redirect_uri=http%3A%2F%2F127.0.0.1%3A9500%2Fcb&client_id=spa&code_verifier=abc',
      response: {
        at: Date.parse('2025-05-01T10:00:00.000Z') + 12.5,
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'set-cookie': 'a=1, b=2' },
        bodyText: TOKEN,
      },
    });
    expect(o.id).toMatch(/^dt:12:/);
    expect(o.form).toBeUndefined();
    expect(parseObserved(o)).toEqual(JSON.parse(JSON.stringify(o)));
  });

  it('maps resource types, keeps a redirect without a body and skips base64 content', () => {
    const doc = { ...tokenEntry(), _resourceType: 'document' };
    expect(harToObserved(doc, 1).frame).toBe('main');
    expect(harToObserved({ ...tokenEntry(), _resourceType: 'xhr' }, 1).frame).toBe('fetch');
    expect(harToObserved({ ...tokenEntry(), _resourceType: undefined }, 1).frame).toBe('other');
    expect(harToObserved(tokenEntry(), 1, { content: 'eyJ=', encoding: 'base64' }).response!.bodyText).toBeUndefined();
    const redirect: HarEntry = {
      request: { method: 'GET', url: 'https://idp.example/authorize?client_id=a' },
      response: { status: 302, headers: [{ name: 'Location', value: 'https://app.example/cb#access_token=x' }, { name: ':status', value: '302' }] },
    };
    expect(harToObserved(redirect, 1).response).toMatchObject({ status: 302, headers: { location: 'https://app.example/cb#access_token=x' } });
    expect(harToObserved({ ...redirect, response: { status: 0 } }, 1).response).toBeUndefined();
  });
});

describe('contentOf', () => {
  const entry = (getContent: Finished['getContent']) => ({ ...tokenEntry(), getContent }) as Finished;

  it('takes Chrome\'s callback', async () => {
    expect(await contentOf(entry((cb) => cb?.(TOKEN, '')))).toEqual({ content: TOKEN, encoding: '' });
  });

  it('takes a promise of [content, mimeType] (Firefox, polyfill), even when a callback is refused', async () => {
    const polyfilled = (...args: unknown[]) => {
      if (args.length) throw new Error('Expected at most 0 arguments for getContent(), got 1');
      return Promise.resolve([TOKEN, 'application/json']);
    };
    expect(await contentOf(entry(polyfilled as Finished['getContent']))).toEqual({ content: TOKEN, encoding: 'application/json' });
  });
});

describe('watchNetwork', () => {
  it('sends only wanted entries, with the inspected tab', async () => {
    let listener: ((e: Finished) => void) | undefined;
    const send = vi.fn(async () => null);
    watchNetwork({ onRequestFinished: { addListener: (fn) => (listener = fn) } }, 33, send as never);
    listener!({ request: { method: 'GET', url: 'https://app.example/app.css' }, response: { status: 200 }, getContent: () => undefined });
    listener!({ ...tokenEntry(), getContent: (cb) => cb?.(TOKEN, '') });
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    expect(send).toHaveBeenCalledWith('capture/devtools', { request: expect.objectContaining({ tabId: 33, url: 'http://127.0.0.1:9400/token', response: expect.objectContaining({ bodyText: TOKEN }) }) });
  });

  it('sends a call to an endpoint learned from discovery, with its answer', async () => {
    let listener: ((e: Finished) => void) | undefined;
    const send = vi.fn(async () => null);
    let known = {};
    watchNetwork({ onRequestFinished: { addListener: (fn) => (listener = fn) } }, 33, send as never, () => known);
    const me = { request: { method: 'GET', url: 'http://127.0.0.1:9400/me' }, response: { status: 200 }, getContent: (cb?: (c: string, e: string) => void) => cb?.('{"sub":"alice"}', '') };
    listener!(me);
    known = { 'http://127.0.0.1:9400/me': 'userinfo' };
    listener!(me);
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    expect(send).toHaveBeenCalledWith('capture/devtools', { request: expect.objectContaining({ url: 'http://127.0.0.1:9400/me', response: expect.objectContaining({ bodyText: '{"sub":"alice"}' }) }) });
  });
});

describe('followKnownEndpoints', () => {
  type Changes = Record<string, { newValue?: unknown }>;
  const fakeStorage = (stored: Record<string, unknown>) => {
    let onChanged: ((changes: Changes, area: string) => void) | undefined;
    let answer: () => void = () => undefined;
    const storage: SessionStorageApi = {
      session: { get: vi.fn((key: string) => new Promise<Record<string, unknown>>((r) => (answer = () => r(key in stored ? { [key]: stored[key] } : {})))) },
      onChanged: { addListener: (fn) => (onChanged = fn) },
    };
    return { storage, answer: () => answer(), change: (c: Changes, area = 'session') => onChanged!(c, area) };
  };
  const A = { 'https://idp.example/me': 'userinfo' };
  const B = { 'https://idp.example/me': 'userinfo', 'https://idp.example/introspect-here': 'introspection' };

  it('reads what the worker stored, then follows its changes in storage.session', async () => {
    const s = fakeStorage({ [KNOWN_ENDPOINTS_KEY]: A });
    const known = followKnownEndpoints(s.storage);
    expect(known()).toEqual({});
    s.answer();
    await vi.waitFor(() => expect(known()).toEqual(A));
    s.change({ [KNOWN_ENDPOINTS_KEY]: { newValue: B } }, 'local');
    s.change({ other: { newValue: 1 } });
    expect(known()).toEqual(A);
    s.change({ [KNOWN_ENDPOINTS_KEY]: { newValue: B } });
    expect(known()).toEqual(B);
    s.change({ [KNOWN_ENDPOINTS_KEY]: {} });
    expect(known()).toEqual({});
  });

  it('knows nothing, and throws nothing, where the page may not read storage.session', async () => {
    const refused = followKnownEndpoints({ session: { get: () => Promise.reject(new Error('Access to storage is not allowed from this context.')) }, onChanged: { addListener: () => undefined } });
    await new Promise((r) => setTimeout(r, 0));
    expect(refused()).toEqual({});
    expect(followKnownEndpoints({ onChanged: { addListener: () => undefined } })()).toEqual({});
    const throwing = { get session(): never { throw new Error('no'); }, onChanged: { addListener: () => undefined } } as SessionStorageApi;
    expect(followKnownEndpoints(throwing)()).toEqual({});
  });

  it('keeps a change that lands before the first read answers', async () => {
    const s = fakeStorage({ [KNOWN_ENDPOINTS_KEY]: A });
    const known = followKnownEndpoints(s.storage);
    s.change({ [KNOWN_ENDPOINTS_KEY]: { newValue: B } });
    s.answer();
    await new Promise((r) => setTimeout(r, 0));
    expect(known()).toEqual(B);
  });
});
