import { describe, expect, it, vi } from 'vitest';
import type { KnownEndpoints, ObservedRequest, ObservedResponse } from '../core/capture/types';

vi.stubGlobal('__DEEP__', false);
const { deepCapture, makeDeepCapture } = await import('./deep-capture');
type Api = Parameters<typeof makeDeepCapture>[1];

function fakeDebugger(bodies: Record<string, { body: string; base64Encoded: boolean }> = {}, postData: Record<string, string> = {}, known: KnownEndpoints = {}) {
  let onEvent: ((s: { tabId?: number; sessionId?: string }, m: string, p?: object) => void) | undefined;
  let onDetach: ((s: { tabId?: number }, r: string) => void) | undefined;
  const commands: [number | undefined, string, object | undefined, string?][] = [];
  const api: Api = {
    attach: vi.fn(async () => undefined),
    detach: vi.fn(async () => undefined),
    sendCommand: vi.fn(async (t, method, params) => {
      commands.push(t.sessionId ? [t.tabId, method, params, t.sessionId] : [t.tabId, method, params]);
      const id = (params as { requestId?: string } | undefined)?.requestId ?? '';
      if (method === 'Network.getResponseBody') return bodies[id] ?? Promise.reject(new Error('No resource with given identifier found'));
      if (method === 'Network.getRequestPostData') return { postData: postData[id] };
      return {};
    }),
    onEvent: { addListener: (fn) => (onEvent = fn) },
    onDetach: { addListener: (fn) => (onDetach = fn) },
  };
  const requests: ObservedRequest[] = [];
  const responses: [string, ObservedResponse][] = [];
  const deep = makeDeepCapture({ request: (o) => requests.push(o), response: (id, r) => responses.push([id, r]) }, api, () => known);
  return { api, deep, commands, requests, responses, emit: (tabId: number, m: string, p: object, sessionId?: string) => onEvent!(sessionId ? { tabId, sessionId } : { tabId }, m, p), detached: (tabId: number) => onDetach!({ tabId }, 'canceled_by_user') };
}

const TOKEN = '{"access_token":"at","token_type":"Bearer"}';

describe('deepCapture', () => {
  it('is absent from builds without __DEEP__', () => {
    expect(deepCapture({ request: () => undefined, response: () => undefined }, fakeDebugger().api)).toBeUndefined();
  });
});

describe('makeDeepCapture', () => {
  it('attaches with protocol 1.3, enables Network and reports a token call with its body', async () => {
    const d = fakeDebugger({ '11.2': { body: TOKEN, base64Encoded: false } });
    await d.deep.attach(5);
    expect(d.api.attach).toHaveBeenCalledWith({ tabId: 5 }, '1.3');
    expect(d.commands[0]).toEqual([5, 'Network.enable', { maxPostDataSize: 65536 }]);
    expect(d.deep.attachedTabs()).toEqual([5]);
    d.emit(5, 'Network.requestWillBeSent', {
      requestId: '11.2',
      type: 'Fetch',
      wallTime: 1_746_093_600.25,
      request: { url: 'https://idp.example/oauth/token', method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, postData: 'grant_type=authorization_code&code=c', hasPostData: true },
    });
    d.emit(5, 'Network.requestWillBeSent', { requestId: '11.3', type: 'Script', request: { url: 'https://app.example/app.js', method: 'GET' } });
    d.emit(5, 'Network.responseReceived', { requestId: '11.2', response: { status: 200, headers: { 'Content-Type': 'application/json' } } });
    d.emit(5, 'Network.responseReceived', { requestId: '11.3', response: { status: 200, headers: {} } });
    d.emit(5, 'Network.loadingFinished', { requestId: '11.2' });
    d.emit(5, 'Network.loadingFinished', { requestId: '11.3' });
    await vi.waitFor(() => expect(d.responses).toHaveLength(1));
    expect(d.requests).toEqual([
      {
        id: 'dbg:5:11.2',
        at: 1_746_093_600_250,
        tabId: 5,
        frame: 'fetch',
        method: 'POST',
        url: 'https://idp.example/oauth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        bodyText: 'grant_type=authorization_code&code=c',
        via: 'debugger',
      },
    ]);
    expect(d.responses[0]![0]).toBe('dbg:5:11.2');
    expect(d.responses[0]![1]).toMatchObject({ status: 200, headers: { 'content-type': 'application/json' }, bodyText: TOKEN });
    // Only the wanted request's body was asked for.
    expect(d.commands.filter((c) => c[1] === 'Network.getResponseBody').map((c) => c[2])).toEqual([{ requestId: '11.2' }]);
  });

  it('gives each redirect hop its own id and its Location, and fetches a large post body before judging', async () => {
    const d = fakeDebugger({}, { '7.1': 'client_id=spa&grant_type=refresh_token' });
    await d.deep.attach(2);
    d.emit(2, 'Network.requestWillBeSent', { requestId: '3', type: 'Document', request: { url: 'https://idp.example/authorize?client_id=spa&state=s', method: 'GET' } });
    d.emit(2, 'Network.requestWillBeSent', {
      requestId: '3',
      type: 'Document',
      redirectResponse: { status: 302, headers: { Location: 'https://app.example/cb?code=c&state=s' } },
      request: { url: 'https://app.example/cb?code=c&state=s', method: 'GET' },
    });
    d.emit(2, 'Network.requestWillBeSent', { requestId: '7.1', type: 'XHR', request: { url: 'https://api.example/x', method: 'POST', hasPostData: true } });
    await vi.waitFor(() => expect(d.requests).toHaveLength(3));
    expect(d.requests.map((r) => [r.id, r.frame])).toEqual([
      ['dbg:2:3', 'main'],
      ['dbg:2:3#2', 'main'],
      ['dbg:2:7.1', 'fetch'],
    ]);
    expect(d.requests[2]!.bodyText).toBe('client_id=spa&grant_type=refresh_token');
    expect(d.responses).toEqual([['dbg:2:3', expect.objectContaining({ status: 302, headers: { location: 'https://app.example/cb?code=c&state=s' } })]]);
  });

  it('reports a failed load without a body, skips base64 bodies, and ignores tabs it is not attached to', async () => {
    const d = fakeDebugger({ b: { body: 'AAAA', base64Encoded: true } });
    await d.deep.attach(1);
    const token = { url: 'https://idp.example/token', method: 'POST', postData: 'grant_type=x' };
    d.emit(9, 'Network.requestWillBeSent', { requestId: 'z', request: token });
    d.emit(1, 'Network.requestWillBeSent', { requestId: 'a', request: token });
    d.emit(1, 'Network.requestWillBeSent', { requestId: 'b', request: token });
    d.emit(1, 'Network.responseReceived', { requestId: 'a', response: { status: 400, headers: {} } });
    d.emit(1, 'Network.responseReceived', { requestId: 'b', response: { status: 200, headers: {} } });
    d.emit(1, 'Network.loadingFailed', { requestId: 'a' });
    d.emit(1, 'Network.loadingFinished', { requestId: 'b' });
    await vi.waitFor(() => expect(d.responses).toHaveLength(2));
    expect(d.requests.map((r) => r.id)).toEqual(['dbg:1:a', 'dbg:1:b']);
    expect(d.responses.map(([id, r]) => [id, r.status, r.bodyText])).toEqual([
      ['dbg:1:a', 400, undefined],
      ['dbg:1:b', 200, undefined],
    ]);
  });

  it('lets through a provider endpoint learned from discovery whose path says nothing (userinfo at /me)', async () => {
    const d = fakeDebugger({ u: { body: '{"sub":"alice"}', base64Encoded: false } }, {}, { 'https://idp.example/me': 'userinfo' });
    await d.deep.attach(3);
    d.emit(3, 'Network.requestWillBeSent', { requestId: 'u', type: 'Fetch', request: { url: 'https://idp.example/me', method: 'GET' } });
    d.emit(3, 'Network.requestWillBeSent', { requestId: 'v', type: 'Fetch', request: { url: 'https://idp.example/other', method: 'GET' } });
    d.emit(3, 'Network.responseReceived', { requestId: 'u', response: { status: 200, headers: {} } });
    d.emit(3, 'Network.loadingFinished', { requestId: 'u' });
    await vi.waitFor(() => expect(d.responses).toHaveLength(1));
    expect(d.requests.map((r) => r.url)).toEqual(['https://idp.example/me']);
    expect(d.responses[0]![1].bodyText).toBe('{"sub":"alice"}');
  });

  it('follows a worker through its child session, asking that session for the body', async () => {
    const d = fakeDebugger({ w1: { body: TOKEN, base64Encoded: false } });
    await d.deep.attach(4);
    expect(d.commands[1]).toEqual([4, 'Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true }]);
    d.emit(4, 'Target.attachedToTarget', { sessionId: 'S1', targetInfo: { type: 'worker' }, waitingForDebugger: false });
    await vi.waitFor(() => expect(d.commands.some((c) => c[1] === 'Network.enable' && c[3] === 'S1')).toBe(true));
    d.emit(4, 'Network.requestWillBeSent', { requestId: 'w1', type: 'Fetch', request: { url: 'https://idp.example/oauth/token', method: 'POST', postData: 'grant_type=x' } }, 'S1');
    d.emit(4, 'Network.responseReceived', { requestId: 'w1', response: { status: 200, headers: {} } }, 'S1');
    d.emit(4, 'Network.loadingFinished', { requestId: 'w1' }, 'S1');
    await vi.waitFor(() => expect(d.responses).toHaveLength(1));
    expect(d.responses[0]![1].bodyText).toBe(TOKEN);
    expect(d.commands.find((c) => c[1] === 'Network.getResponseBody')).toEqual([4, 'Network.getResponseBody', { requestId: 'w1' }, 'S1']);
  });

  it('forgets a tab when Chrome detaches it (Cancel on the debugging bar), and detaches on request', async () => {
    const d = fakeDebugger();
    await d.deep.attach(1);
    await d.deep.attach(2);
    d.detached(1);
    expect(d.deep.attachedTabs()).toEqual([2]);
    await d.deep.detach(2);
    expect(d.api.detach).toHaveBeenCalledWith({ tabId: 2 });
    expect(d.deep.attachedTabs()).toEqual([]);
    await d.deep.detach(2);
    expect(d.api.detach).toHaveBeenCalledTimes(1);
  });

  it('detaches again when Network.enable fails', async () => {
    const d = fakeDebugger();
    vi.mocked(d.api.sendCommand).mockRejectedValueOnce(new Error('Cannot access a chrome:// URL'));
    await expect(d.deep.attach(3)).rejects.toThrow('chrome://');
    expect(d.api.detach).toHaveBeenCalledWith({ tabId: 3 });
    expect(d.deep.attachedTabs()).toEqual([]);
  });
});

describe('makeDeepCapture on hostile sizes (issue 9)', () => {
  it('cuts the URL, a fetched post body and the answer before the prefilter, and marks them', async () => {
    const MB = 1024 * 1024;
    const d = fakeDebugger({ big: { body: `{"error":"${'e'.repeat(MB)}"}`, base64Encoded: false } }, { big: `grant_type=x&code=${'c'.repeat(11 * MB)}` });
    await d.deep.attach(4);
    d.emit(4, 'Network.requestWillBeSent', { requestId: 'big', type: 'Fetch', request: { url: `https://idp.example/token?x=${'u'.repeat(2 * MB)}`, method: 'POST', hasPostData: true } });
    d.emit(4, 'Network.responseReceived', { requestId: 'big', response: { status: 400, headers: {} } });
    d.emit(4, 'Network.loadingFinished', { requestId: 'big' });
    await vi.waitFor(() => expect(d.responses).toHaveLength(1));
    const [req] = d.requests;
    expect(req!.url).toHaveLength(16 * 1024);
    expect(req!.bodyText).toHaveLength(64 * 1024);
    expect(req!.cut).toEqual({ url: 2 * MB + 28, body: 11 * MB + 18 });
    expect(d.responses[0]![1].bodyText).toHaveLength(256 * 1024);
    expect(d.responses[0]![1].cut).toEqual({ answer: MB + 12 });
  });
});
