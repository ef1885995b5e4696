/**
 * DevTools hands over what the inspected page sent and got (issue 9): a HAR entry whose URL, headers,
 * form fields and body the page chose. harWanted and harToObserved answer any such entry quickly and
 * never throw - fuzzing found a form field named "__proto__" or "constructor" made both throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyText, expectNoPollution, HOSTILE, hugeText, jsonText, quick, RUNS, urlText } from '../core/fuzz.fixtures';
import { harToObserved, harWanted, type HarEntry } from './har';

const name = fc.oneof(fc.constantFrom('grant_type', 'code', '__proto__', 'constructor', 'toString', 'hasOwnProperty', ':authority', 'Content-Type'), anyText);
const entryArb: fc.Arbitrary<HarEntry> = fc.record({
  startedDateTime: fc.oneof(fc.constant('2026-11-28T17:00:00.000Z'), anyText),
  time: fc.oneof(fc.double(), fc.constant(-1)),
  request: fc.record({
    method: fc.constantFrom('GET', 'POST', 'post', 'OPTIONS'),
    url: fc.oneof(urlText, hugeText),
    headers: fc.array(fc.record({ name, value: fc.oneof(anyText, hugeText) }), { maxLength: 5 }),
    postData: fc.record({ text: fc.oneof(jsonText, hugeText, anyText), params: fc.array(fc.record({ name, value: fc.option(fc.oneof(anyText, hugeText), { nil: undefined }) }, { requiredKeys: ['name'] }), { maxLength: 5 }) }, { requiredKeys: [] }),
  }, { requiredKeys: ['method', 'url'] }),
  response: fc.record({ status: fc.integer({ min: 0, max: 599 }), headers: fc.array(fc.record({ name, value: anyText }), { maxLength: 3 }) }),
  _resourceType: fc.constantFrom('document', 'xhr', 'fetch', 'script', '__proto__'),
}, { requiredKeys: ['request'] });

const sizeOf = (e: HarEntry) => e.request.url.length + (e.request.postData?.text?.length ?? 0) + (e.request.postData?.params ?? []).reduce((n, p) => n + p.name.length + (p.value?.length ?? 0), 0) + (e.request.headers ?? []).reduce((n, h) => n + h.value.length, 0);

function check(e: HarEntry, body?: string): void {
  expect(typeof quick(sizeOf(e), () => harWanted(e))).toBe('boolean');
  const obs = quick(sizeOf(e) + (body?.length ?? 0), () => harToObserved(e, 3, body === undefined ? undefined : { content: body }));
  expectNoPollution();
  expect(obs.via).toBe('devtools');
  if (obs.bodyText !== undefined) expect(obs.bodyText.length).toBeLessThanOrEqual(256 * 1024);
  if (obs.response?.bodyText !== undefined) expect(obs.response.bodyText.length).toBeLessThanOrEqual(256 * 1024);
}

describe('HAR entries: never a throw, always quick', () => {
  it('random and hostile entries', () => {
    fc.assert(fc.property(entryArb, fc.option(fc.oneof(jsonText, hugeText), { nil: undefined }), check), RUNS);
  });

  it.each(HOSTILE)('%s as URL, header, form field and body', (_name, text) => {
    check({ request: { method: 'POST', url: `https://as.example/token?${text}`, headers: [{ name: text.slice(0, 300), value: text }], postData: { params: [{ name: text.slice(0, 300), value: text }] } }, response: { status: 200, headers: [] } }, text);
  });

  it.each(['__proto__', 'constructor', 'toString'])('regression: a form field named %s is a field, not a throw', (field) => {
    const e: HarEntry = { request: { method: 'POST', url: 'https://as.example/token', postData: { params: [{ name: field, value: 'x' }, { name: 'grant_type', value: 'authorization_code' }] } } };
    expect(harWanted(e)).toBe(true);
    expect(Object.entries(harToObserved(e, 1).form ?? {})).toEqual([[field, ['x']], ['grant_type', ['authorization_code']]]);
  });
});
