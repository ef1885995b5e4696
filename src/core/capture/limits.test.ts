import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BODY_CAP, FIELD_CAP, FORM_CAP, FORM_KEYS_MAX, FORM_VALUES_MAX, HEADER_VALUE_CAP, REQUEST_BODY_CAP, URL_CAP, capText, cutText, fitForm, fitHeaders, fitObserved } from './limits';
import type { ObservedRequest } from './types';
import { parseObserved } from './observed';

describe('capText', () => {
  it('cuts only what is over the cap', () => {
    expect(capText('abc', 2)).toBe('ab');
    expect(capText('abc')).toBe('abc');
    expect(capText('x'.repeat(BODY_CAP + 1))).toHaveLength(BODY_CAP);
  });
});

describe('fitHeaders', () => {
  it('keeps what parseObserved accepts: a long cookie cut, pseudo-headers and extra headers dropped', () => {
    const many = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`x-h${i}`, 'v']));
    const h = fitHeaders({ ':authority': 'idp.example', cookie: 'c'.repeat(20_000), __proto__x: 'ok', ...many });
    expect(h[':authority']).toBeUndefined();
    expect(h.cookie).toHaveLength(HEADER_VALUE_CAP);
    expect(Object.keys(h)).toHaveLength(100);
    const obs = { id: 'ps:1', at: 1, tabId: -1, frame: 'fetch', method: 'GET', url: 'https://idp.example/', via: 'page-script', headers: h };
    expect(parseObserved(obs)).toBeDefined();
  });

  it('keeps a "__proto__" header as a plain key', () => {
    const h = fitHeaders(JSON.parse('{"__proto__":"x"}') as Record<string, string>);
    expect(Object.getPrototypeOf(h)).toBe(Object.prototype);
    expect(Object.hasOwn(h, '__proto__')).toBe(true);
  });
});

const MB = 1024 * 1024;
const base: ObservedRequest = { id: 'wr:1', at: 1, tabId: 3, frame: 'fetch', method: 'POST', url: 'https://idp.example/token', via: 'webrequest' };

describe('fitObserved', () => {
  it('returns the same object when everything fits', () => {
    const obs = { ...base, form: { grant_type: ['authorization_code'] }, bodyText: 'a=b', headers: { accept: '*/*' }, response: { at: 2, status: 200, headers: {}, bodyText: '{}' } };
    expect(fitObserved(obs)).toBe(obs);
  });

  it.each<[string, Partial<ObservedRequest>, (o: ObservedRequest) => void]>([
    ['a 1.6 MB callback URL', { url: `https://app.example/cb?code=${'a'.repeat(1_600_000)}` }, (o) => {
      expect(o.url).toHaveLength(URL_CAP);
      expect(o.cut).toEqual({ url: 1_600_000 + 28 });
    }],
    ['an 11 MB form field', { form: { code: ['a'.repeat(11 * MB)], state: ['s'] } }, (o) => {
      expect(o.form?.code?.[0]).toHaveLength(FIELD_CAP);
      expect(o.form?.state).toEqual(['s']);
      expect(o.cut?.form).toBe(11 * MB + 10);
    }],
    ['a 1 MB request body', { bodyText: 'x'.repeat(MB) }, (o) => {
      expect(o.bodyText).toHaveLength(REQUEST_BODY_CAP);
      expect(o.cut).toEqual({ body: MB });
    }],
    ['a 1 MB answer', { response: { at: 2, status: 400, headers: {}, bodyText: `{"error":"name=${'a'.repeat(MB)}"}` } }, (o) => {
      expect(o.response?.bodyText).toHaveLength(BODY_CAP);
      expect(o.response?.cut?.answer).toBe(MB + 17);
    }],
    ['a huge header', { headers: { cookie: 'c'.repeat(MB) } }, (o) => {
      expect(o.headers?.cookie).toHaveLength(HEADER_VALUE_CAP);
      expect(o.cut?.headers).toBeGreaterThan(HEADER_VALUE_CAP);
    }],
  ])('cuts %s and marks it', (_what, change, check) => {
    const obs = { ...base, ...change };
    const out = fitObserved(obs);
    expect(out).not.toBe(obs);
    check(out);
    // Fitting twice changes nothing more.
    expect(fitObserved(out)).toBe(out);
  });

  it('cuts a form of a million names quickly, keeping the first', () => {
    const form: Record<string, string[]> = {};
    for (let i = 0; i < 1_000_000; i++) form[`f${i}`] = ['v'];
    const t = performance.now();
    const out = fitForm(form);
    expect(performance.now() - t).toBeLessThan(2000);
    expect(Object.keys(out.form)).toHaveLength(FORM_KEYS_MAX);
    expect(out.form.f0).toEqual(['v']);
    expect(out.cut).toBeGreaterThan(1_000_000);
  });

  it('any form comes out within every limit', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 2000 }), fc.array(fc.string({ maxLength: 100_000 }), { maxLength: 150 }), { maxKeys: 300 }), (form) => {
        const out = fitForm(form).form;
        const names = Object.keys(out);
        expect(names.length).toBeLessThanOrEqual(FORM_KEYS_MAX);
        let total = 0;
        for (const k of names) {
          expect(out[k]!.length).toBeLessThanOrEqual(FORM_VALUES_MAX);
          total += k.length + out[k]!.reduce((n, v) => n + v.length, 0);
          for (const v of out[k]!) expect(v.length).toBeLessThanOrEqual(FIELD_CAP);
        }
        expect(total).toBeLessThanOrEqual(FORM_CAP + 1024);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses nothing it does not know, and marks a forged form malformed', () => {
    expect(fitForm({ code: 'x' } as unknown as Record<string, string[]>).malformed).toBe(true);
    expect(fitForm({ code: [1] } as unknown as Record<string, string[]>).malformed).toBe(true);
  });
});

describe('cutText', () => {
  it.each([
    [{ url: 1.6 * MB }, 'URL cut at 16 KB (was 1.6 MB)'],
    [{ answer: BODY_CAP }, 'response body cut at 256 KB'],
    [{ form: 11 * MB, body: 70_000 }, 'request body cut at 64 KB (was 68 KB); form fields cut at 64 KB (was 11.0 MB)'],
    [{}, ''],
  ])('%j', (cut, want) => expect(cutText(cut)).toBe(want));
});
