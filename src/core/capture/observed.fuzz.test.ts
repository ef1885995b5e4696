/**
 * parseObserved checks what content scripts and the DevTools page report, which a hostile page can
 * forge (issue 9). For anything at all it returns a clean ObservedRequest within the caps, or
 * undefined; quickly, and without throwing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyText, expectNoPollution, HOSTILE, hugeText, MB, quick, repeated, RUNS, urlText } from '../fuzz.fixtures';
import { parseObserved } from './observed';

/** Upper bounds of observed.ts's caps (limits.ts): a URL of 16 KB, a body of 256 KB. */
const URL_CAP = 16 * 1024;
const BODY_CAP = 256 * 1024;

const requestLike = fc.record(
  {
    id: fc.oneof(fc.string({ maxLength: 20 }), hugeText, fc.integer()),
    at: fc.oneof(fc.nat(), fc.double(), fc.constant(-1)),
    tabId: fc.oneof(fc.integer({ min: -2, max: 100 }), fc.double()),
    frame: fc.constantFrom('main', 'sub', 'fetch', 'other', 'top', 1),
    method: fc.oneof(fc.constantFrom('GET', 'POST', 'G ET', ''), anyText),
    url: fc.oneof(urlText, anyText),
    via: fc.constantFrom('webrequest', 'page-script', 'devtools', 'firefox-filter', 'debugger', 'x'),
    initiator: fc.oneof(fc.string({ maxLength: 30 }), hugeText),
    form: fc.oneof(fc.dictionary(fc.oneof(anyText, fc.constant('__proto__')), fc.oneof(fc.array(fc.oneof(anyText, hugeText), { maxLength: 3 }), anyText)), fc.anything()),
    bodyText: fc.oneof(anyText, hugeText, fc.integer()),
    headers: fc.oneof(fc.dictionary(fc.oneof(fc.constantFrom('content-type', '__proto__', ':authority'), anyText), fc.oneof(anyText, hugeText)), fc.anything()),
    response: fc.oneof(fc.record({ at: fc.nat(), status: fc.integer({ min: -1, max: 1000 }), headers: fc.dictionary(anyText, anyText), bodyText: fc.oneof(anyText, hugeText) }, { requiredKeys: [] }), fc.anything()),
  },
  { requiredKeys: [] },
);

function expectClean(v: unknown): void {
  const r = parseObserved(v);
  expectNoPollution();
  if (r === undefined) return;
  expect(r.url.length).toBeLessThanOrEqual(URL_CAP);
  expect(r.url).toMatch(/^https?:/i);
  expect(['main', 'sub', 'fetch', 'other']).toContain(r.frame);
  if (r.bodyText !== undefined) expect(r.bodyText.length).toBeLessThanOrEqual(BODY_CAP);
  if (r.response?.bodyText !== undefined) expect(r.response.bodyText.length).toBeLessThanOrEqual(BODY_CAP);
  // A fresh copy: nothing shared with what the page sent.
  expect(r).not.toBe(v);
}

describe('parseObserved: a clean request or undefined, for anything', () => {
  it('random and hostile reports', () => {
    fc.assert(
      fc.property(fc.oneof(requestLike, fc.anything()), (v) => {
        quick(JSON.stringify(v)?.length ?? 0, () => expectClean(v));
      }),
      RUNS,
    );
  });

  it.each(HOSTILE)('%s in every field', (_name, text) => {
    const base = { id: 'p:1', at: 1, tabId: 1, frame: 'fetch', method: 'POST', url: 'https://as.example/token', via: 'page-script' };
    for (const v of [
      { ...base, url: `https://as.example/token?${text}` },
      { ...base, bodyText: text },
      { ...base, form: { [text.slice(0, 100)]: [text] } },
      { ...base, headers: { 'content-type': text } },
      { ...base, response: { at: 1, status: 200, headers: {}, bodyText: text } },
      { ...base, initiator: text },
      JSON.parse(JSON.stringify({ ...base, __proto__x: 1 }).replace('__proto__x', '__proto__')) as unknown,
    ]) {
      quick(text.length, () => expectClean(v));
    }
  });

  it('a 5 MB body is cut, the request kept', () => {
    const r = quick(5 * MB, () => parseObserved({ id: 'p:1', at: 1, tabId: 1, frame: 'fetch', method: 'POST', url: 'https://as.example/token', via: 'page-script', bodyText: repeated('a', 5 * MB) }));
    expect(r?.bodyText?.length).toBeGreaterThan(0);
    expect(r?.bodyText?.length).toBeLessThanOrEqual(BODY_CAP);
  });
});
