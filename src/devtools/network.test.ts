import { describe, expect, it, vi } from 'vitest';
import { BODY_CAP, FIELD_CAP, FORM_KEYS_MAX, REQUEST_BODY_CAP, URL_CAP } from '../core/capture/limits';
import { parseObserved } from '../core/capture/observed';
import type { HarEntry } from './har';
import { type Finished, cutEntry, reportOf, watchNetwork } from './network';

const MB = 1024 * 1024;
const token = (change: Partial<HarEntry['request']> = {}): HarEntry => ({
  request: { method: 'POST', url: 'https://idp.example/token', headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }], postData: { text: 'grant_type=authorization_code&code=abc' }, ...change },
  response: { status: 200, headers: [{ name: 'Content-Type', value: 'application/json' }] },
});

describe('cutEntry / reportOf (issue 9: cut before anything reads it)', () => {
  it('leaves a normal entry as it is, with no cut', () => {
    const obs = reportOf(token(), 3, { content: '{"access_token":"x"}' });
    expect(obs.cut).toBeUndefined();
    expect(obs.response?.cut).toBeUndefined();
    expect(obs.bodyText).toBe('grant_type=authorization_code&code=abc');
  });

  it('cuts a megabyte URL, body and answer, marks them, and parseObserved takes the result', () => {
    const raw = token({ url: `https://idp.example/token?x=${'a'.repeat(MB)}`, postData: { text: `grant_type=x&code=${'b'.repeat(MB)}` } });
    const obs = reportOf(raw, 3, { content: `{"error":"name=${'a'.repeat(MB)}"}` });
    expect(obs.url).toHaveLength(URL_CAP);
    expect(obs.bodyText).toHaveLength(REQUEST_BODY_CAP);
    expect(obs.response?.bodyText).toHaveLength(BODY_CAP);
    expect(obs.cut).toEqual({ url: MB + 28, body: MB + 18 });
    expect(obs.response?.cut).toEqual({ answer: MB + 17 });
    expect(parseObserved(obs)).toMatchObject({ cut: obs.cut, response: { cut: obs.response!.cut } });
  });

  it('cuts posted fields: count, names and values', () => {
    const params = [{ name: 'code', value: 'c'.repeat(11 * MB) }, ...Array.from({ length: 5000 }, (_, i) => ({ name: `f${i}`, value: 'v' }))];
    const { entry, cut } = cutEntry(token({ postData: { params } }));
    expect(entry.request.postData?.params).toHaveLength(FORM_KEYS_MAX);
    expect(entry.request.postData?.params?.[0]?.value).toHaveLength(FIELD_CAP);
    expect(cut?.form).toBeGreaterThan(11 * MB);
  });

  it('sends the cut report, quickly, for a hostile entry', async () => {
    let listener: ((e: Finished) => void) | undefined;
    const send = vi.fn(async () => null);
    watchNetwork({ onRequestFinished: { addListener: (fn) => (listener = fn) } }, 9, send as never);
    const t = performance.now();
    listener!({ ...token({ url: `https://idp.example/cb?code=${'a'.repeat(4 * MB)}` }), getContent: (cb) => cb?.('{}', '') });
    expect(performance.now() - t).toBeLessThan(500);
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    const sent = (send.mock.calls[0] as unknown as [string, { request: { url: string; cut?: object } }])[1].request;
    expect(sent.url).toHaveLength(URL_CAP);
    expect(sent.cut).toEqual({ url: 4 * MB + 28 });
  });
});
