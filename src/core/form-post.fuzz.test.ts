/**
 * A form_post body reaches the redirect URI from whatever page built the form (issue 9): parsed or
 * refused by name, quickly, never thrown on, and never polluting a prototype.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFormPostBody } from './form-post';
import { anyText, expectNoPollution, HOSTILE, hugeText, quick, repeatedNames, RUNS } from './fuzz.fixtures';

const CODES = ['bad-form', 'not-form-urlencoded', 'no-body'];

function expectShape(form: unknown, raw: unknown, size: number): void {
  const r = quick(size, () => parseFormPostBody(form as Record<string, string[]> | undefined, raw as string | undefined));
  expectNoPollution();
  if (!r.ok) {
    expect(CODES).toContain(r.error.code);
    expect(r.error.message.length).toBeLessThan(200); // names a field by its first 40 chars at most
    return;
  }
  expect(['form_post', 'none']).toContain(r.value.source);
  expect(Object.values(r.value.params).every((v) => typeof v === 'string')).toBe(true);
  expect(new Set(r.value.duplicates).size).toBe(r.value.duplicates.length);
}

describe('parseFormPostBody never throws, is quick, and answers in its shapes', () => {
  it('random webRequest formData, including wrong shapes', () => {
    const form = fc.oneof(
      fc.dictionary(fc.oneof(anyText, hugeText, fc.constant('__proto__')), fc.array(fc.oneof(anyText, hugeText), { maxLength: 3 }), { maxKeys: 5 }),
      fc.dictionary(anyText, fc.anything(), { maxKeys: 3 }),
      fc.anything(),
    );
    fc.assert(fc.property(form, (f) => expectShape(f, undefined, JSON.stringify(f)?.length ?? 0)), RUNS);
  });

  it('random raw bodies', () => {
    fc.assert(fc.property(fc.oneof(anyText, hugeText), (raw) => expectShape(undefined, raw, raw.length)), RUNS);
  });

  it.each(HOSTILE)('%s as raw body and as a field', (_name, text) => {
    expectShape(undefined, text, text.length);
    expectShape({ [text.slice(0, 1000)]: [text, text], code: [text] }, undefined, text.length * 3);
  });

  it('regression: 50,000 names each sent twice is linear now', () => {
    expectShape(undefined, repeatedNames(50_000), 1_000_000);
  });
});
