import { describe, expect, it, vi } from 'vitest';
import { BODY_CAP } from '../core/capture/limits';
import type { CaptureSink, ObservedRequest, ObservedResponse } from '../core/capture/types';

vi.mock('../shared/browser', () => ({ default: { webRequest: {} } }));
const { registerFirefoxFilter } = await import('./firefox-filter');

type Listener = (d: Record<string, unknown>) => unknown;

class FakeFilter {
  written: Uint8Array[] = [];
  closed = false;
  disconnected = false;
  ondata?: (e: { data: ArrayBuffer }) => void;
  onstop?: () => void;
  onerror?: () => void;
  write(d: ArrayBuffer) {
    this.written.push(new Uint8Array(d));
  }
  close() {
    this.closed = true;
  }
  disconnect() {
    this.disconnected = true;
  }
}

function fakeWebRequest() {
  const listeners: Record<string, { fn: Listener; extra: string[] }> = {};
  const filters = new Map<string, FakeFilter>();
  const event = (name: string) => ({ addListener: (fn: Listener, _f: unknown, extra: string[]) => (listeners[name] = { fn, extra }) });
  const api = {
    onBeforeRequest: event('before'),
    onHeadersReceived: event('headers'),
    filterResponseData: (id: string) => {
      const f = new FakeFilter();
      filters.set(id, f);
      return f;
    },
  };
  return { api, listeners, filters };
}

/** The filter reports each answer as its request again, from source firefox-filter: [id, answer]. */
function sink() {
  const requests: ObservedRequest[] = [];
  const responses: [string, ObservedResponse][] = [];
  const s: CaptureSink = {
    request: (obs) => {
      requests.push(obs);
      if (obs.response) responses.push([obs.id, obs.response]);
    },
    response: () => {
      throw new Error('the filter reports answers with their request');
    },
  };
  return { s, requests, responses };
}

const bytes = (s: string) => new TextEncoder().encode(s).buffer as ArrayBuffer;

describe('registerFirefoxFilter', () => {
  it('does nothing where filterResponseData does not exist (Chrome)', () => {
    const { s } = sink();
    expect(registerFirefoxFilter(s, () => true, { onBeforeRequest: {}, onHeadersReceived: {} } as never)).toBe(false);
    expect(registerFirefoxFilter(s, () => true, undefined)).toBe(false);
  });

  it('passes every chunk on unchanged and reports the body with status and headers under the wr: id', () => {
    const { api, listeners, filters } = fakeWebRequest();
    const { s, requests, responses } = sink();
    const wanted = vi.fn((d: { url: string }) => d.url.endsWith('/token'));
    expect(registerFirefoxFilter(s, wanted, api as never)).toBe(true);
    expect(listeners.before!.extra).toEqual(['blocking', 'requestBody']);
    listeners.before!.fn({
      requestId: '7', url: 'https://idp.example/token', method: 'POST', requestBody: { formData: { grant_type: ['x'] } },
      tabId: 4, type: 'xmlhttprequest', timeStamp: 1000, originUrl: 'https://app.example/page', documentUrl: 'https://app.example/page',
    });
    listeners.before!.fn({ requestId: '8', url: 'https://app.example/app.js', method: 'GET' });
    expect(wanted).toHaveBeenCalledWith(expect.objectContaining({ requestBody: { formData: { grant_type: ['x'] } } }));
    expect([...filters.keys()]).toEqual(['7']);
    listeners.headers!.fn({ requestId: '7', statusCode: 200, responseHeaders: [{ name: 'Content-Type', value: 'application/json' }, { name: 'Set-Cookie', value: 'a=1' }, { name: 'Set-Cookie', value: 'b=2' }] });
    const f = filters.get('7')!;
    // "é" split across two chunks: decoded as one character.
    const body = new TextEncoder().encode('{"access_token":"é"}');
    f.ondata!({ data: body.slice(0, 18).buffer });
    f.ondata!({ data: body.slice(18).buffer });
    expect(responses).toEqual([]);
    f.onstop!();
    expect(f.closed).toBe(true);
    expect(Buffer.concat(f.written)).toEqual(Buffer.from(body));
    expect(responses).toHaveLength(1);
    expect(responses[0]![0]).toBe('wr:7');
    expect(responses[0]![1]).toMatchObject({ status: 200, headers: { 'content-type': 'application/json', 'set-cookie': 'a=1, b=2' }, bodyText: '{"access_token":"é"}' });
    // The request as the network events report it, so the correlator merges the two into one step and
    // the step says the filter saw it.
    expect(requests[0]).toMatchObject({ id: 'wr:7', at: 1000, tabId: 4, frame: 'fetch', method: 'POST', url: 'https://idp.example/token', initiator: 'https://app.example', form: { grant_type: ['x'] }, via: 'firefox-filter' });
  });

  it('waits for headers delivered after the body ended, and reports without them after 2 s', () => {
    vi.useFakeTimers();
    try {
      const { api, listeners, filters } = fakeWebRequest();
      const { s, responses } = sink();
      registerFirefoxFilter(s, () => true, api as never);
      for (const id of ['3', '4']) {
        listeners.before!.fn({ requestId: id, url: 'https://idp.example/token', method: 'POST' });
        filters.get(id)!.ondata!({ data: bytes('{}') });
        filters.get(id)!.onstop!();
      }
      expect(responses).toEqual([]);
      listeners.headers!.fn({ requestId: '3', statusCode: 400, responseHeaders: [{ name: 'Content-Type', value: 'application/json' }] });
      expect(responses.map(([id, r]) => [id, r.status, r.bodyText])).toEqual([['wr:3', 400, '{}']]);
      vi.advanceTimersByTime(2000);
      expect(responses.map(([id, r]) => [id, r.status])).toEqual([['wr:3', 400], ['wr:4', 0]]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops copying at the cap and lets the rest bypass the filter', () => {
    const { api, listeners, filters } = fakeWebRequest();
    const { s, responses } = sink();
    registerFirefoxFilter(s, () => true, api as never);
    listeners.before!.fn({ requestId: '9', url: 'https://idp.example/.well-known/openid-configuration', method: 'GET' });
    listeners.headers!.fn({ requestId: '9', statusCode: 200, responseHeaders: [] });
    const f = filters.get('9')!;
    f.ondata!({ data: bytes('x'.repeat(BODY_CAP + 10)) });
    expect(f.disconnected).toBe(true);
    expect(f.written).toHaveLength(1);
    expect(responses[0]![1].bodyText).toHaveLength(BODY_CAP);
  });

  it('reports nothing for a request that failed mid-body, and survives a throwing `wanted`', () => {
    const { api, listeners, filters } = fakeWebRequest();
    const { s, responses } = sink();
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    registerFirefoxFilter(s, (d) => (d.url.includes('boom') ? (() => { throw new Error('x'); })() : true), api as never);
    expect(listeners.before!.fn({ requestId: '1', url: 'https://boom.example/token', method: 'GET' })).toEqual({});
    listeners.before!.fn({ requestId: '2', url: 'https://idp.example/token', method: 'POST' });
    filters.get('2')!.onerror!();
    expect(responses).toEqual([]);
    quiet.mockRestore();
  });
});

describe('registerFirefoxFilter on hostile input (issue 9)', () => {
  it('hands `wanted` a cut URL and form, and records the request cut and marked', () => {
    const { api, listeners, filters } = fakeWebRequest();
    const { s, requests } = sink();
    const seen: { url: string; form?: Record<string, string[]> }[] = [];
    registerFirefoxFilter(s, (d) => {
      seen.push({ url: d.url, ...(d.requestBody?.formData ? { form: d.requestBody.formData as unknown as Record<string, string[]> } : {}) });
      return true;
    }, api as never);
    const huge = 'a'.repeat(2 * 1024 * 1024);
    listeners.before!.fn({ requestId: '5', url: `https://idp.example/token?x=${huge}`, method: 'POST', requestBody: { formData: { grant_type: ['x'], code: [huge] } }, tabId: 1, type: 'xmlhttprequest', timeStamp: 1 });
    expect(seen[0]!.url).toHaveLength(16 * 1024);
    expect(seen[0]!.form!.code![0]).toHaveLength(64 * 1024);
    filters.get('5')!.onstop!();
    listeners.headers!.fn({ requestId: '5', statusCode: 200, responseHeaders: [] });
    expect(requests[0]!.url).toHaveLength(16 * 1024);
    expect(requests[0]!.cut).toEqual({ url: huge.length + 28, form: huge.length + 15 });
  });

  it('decodes no more than fits the copy, marks the answer cut, and passes every byte on', () => {
    const { api, listeners, filters } = fakeWebRequest();
    const { s, responses } = sink();
    registerFirefoxFilter(s, () => true, api as never);
    listeners.before!.fn({ requestId: '6', url: 'https://idp.example/token', method: 'POST' });
    listeners.headers!.fn({ requestId: '6', statusCode: 400, responseHeaders: Array.from({ length: 5000 }, () => ({ name: 'Set-Cookie', value: 'c'.repeat(100) })) });
    const f = filters.get('6')!;
    const chunk = bytes(`{"error":"name=${'a'.repeat(4 * 1024 * 1024)}"}`);
    const t = performance.now();
    f.ondata!({ data: chunk });
    expect(performance.now() - t).toBeLessThan(500);
    expect(f.written[0]!.byteLength).toBe(chunk.byteLength);
    expect(f.disconnected).toBe(true);
    expect(responses[0]![1].bodyText).toHaveLength(BODY_CAP);
    expect(responses[0]![1].cut?.answer).toBeGreaterThan(BODY_CAP);
    expect(responses[0]![1].headers['set-cookie']!.length).toBeLessThanOrEqual(8 * 1024);
  });

  it('keeps passing bytes when the sink throws', () => {
    const { api, listeners, filters } = fakeWebRequest();
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    registerFirefoxFilter({ request: () => { throw new Error('sink down'); }, response: () => undefined }, () => true, api as never);
    listeners.before!.fn({ requestId: '7', url: 'https://idp.example/token', method: 'POST' });
    listeners.headers!.fn({ requestId: '7', statusCode: 200, responseHeaders: [] });
    const f = filters.get('7')!;
    f.ondata!({ data: bytes('{}') });
    expect(() => f.onstop!()).not.toThrow();
    expect(f.written).toHaveLength(1);
    quiet.mockRestore();
  });
});
