import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JSON_MAX_BYTES, jsonOrNote, jsonStringBytes, jsonText, measureJson, safeStringify } from './safe-json';

/** {"a":{"a":...1...}} n deep, parsed the way a JWT payload is: JSON.parse copes with any depth. */
const deepObject = (n: number): unknown => JSON.parse('{"a":'.repeat(n) + '1' + '}'.repeat(n));
const deepArray = (n: number): unknown => JSON.parse('['.repeat(n) + ']'.repeat(n));
const utf8 = (s: string) => new TextEncoder().encode(s).length;

describe('measureJson', () => {
  it.each<[string, unknown, number]>([
    ['a number', 42, 0],
    ['a string', 'héllo "x"\n', 0],
    ['null', null, 0],
    ['an empty object', {}, 1],
    ['an empty array', [], 1],
    ['a claim set', { iss: 'https://a.example', aud: ['x', 'y'], exp: 1_700_000_000, act: { sub: 'b', act: { sub: 'c' } } }, 3],
    ['arrays of arrays', [[[1], [2, [3]]], []], 4],
    ['odd numbers', [NaN, Infinity, -0, 1e21, 0.1], 1],
    ['emoji and a lone surrogate', ['😀', '\ud800', 'a\u0001b', '\u2028'], 1],
    ['skipped members', { a: undefined, b: 1, c: [undefined] }, 2],
  ])('%s: depth and the exact UTF-8 size of JSON.stringify', (_, v, depth) => {
    expect(measureJson(v)).toEqual({ depth, bytes: utf8(JSON.stringify(v)), complete: true });
  });

  it('20,000 deep: no RangeError, where JSON.stringify overflows', () => {
    const v = deepObject(20_000);
    expect(() => JSON.stringify(v)).toThrow(RangeError);
    expect(measureJson(v)).toEqual({ depth: 20_000, bytes: 5 * 20_000 + 1 + 20_000, complete: true });
    expect(measureJson(deepArray(100_000))).toEqual({ depth: 100_000, bytes: 200_000, complete: true });
  });

  it('5 MB wide, quickly', () => {
    const wide = Array.from({ length: 50_000 }, (_, i) => ({ ['k' + i]: 'x'.repeat(90) }));
    const t0 = Date.now();
    const m = measureJson(wide);
    expect(m).toEqual({ depth: 2, bytes: utf8(JSON.stringify(wide)), complete: true });
    expect(m.bytes).toBeGreaterThan(5_000_000);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('stops counting at the limit, and at a value that contains itself', () => {
    expect(measureJson('x'.repeat(1000), 100)).toMatchObject({ complete: true }); // one scalar is counted whole
    expect(measureJson(['x'.repeat(1000), 'y'], 100)).toMatchObject({ complete: false });
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = [loop];
    expect(measureJson(loop)).toMatchObject({ depth: Infinity, complete: false });
    // The same subtree twice is not a cycle: JSON.stringify writes it twice, and so is it counted.
    const shared = { s: 'abc' };
    expect(measureJson([shared, shared])).toEqual({ depth: 2, bytes: utf8(JSON.stringify([shared, shared])), complete: true });
  });
});

describe('jsonText', () => {
  it.each<[string, unknown]>([
    ['a claim set', { iss: 'https://a.example', aud: ['x'], nested: { e: {}, a: [], n: null, t: true } }],
    ['arrays of arrays', [[[1], [2, [3]]], [], [{}]]],
    ['skipped members', { a: undefined, b: 1, c: [undefined, () => 1] }],
    ['odd strings', ['"\\/\b\f\n\r\t', '\ud800', '😀']],
  ])('%s: the same text as JSON.stringify, compact and indented', (_, v) => {
    expect(jsonText(v)).toBe(JSON.stringify(v));
    expect(jsonText(v, 2)).toBe(JSON.stringify(v, null, 2));
  });

  it('writes 20,000 deep without recursion, for Copy', () => {
    const text = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
    expect(jsonText(JSON.parse(text))).toBe(text);
  });

  it('gives undefined for a value that contains itself', () => {
    const loop: unknown[] = [];
    loop.push(loop);
    expect(jsonText(loop)).toBeUndefined();
  });
});

describe('safeStringify', () => {
  it('shows what fits, indented as asked', () => {
    expect(safeStringify({ a: [1, 2] }, { indent: 2 })).toEqual({ ok: true, text: JSON.stringify({ a: [1, 2] }, null, 2) });
  });

  it('says "too deep" with the depth limit and the size', () => {
    const r = safeStringify(deepObject(20_000));
    expect(r).toMatchObject({ ok: false, reason: 'too-deep', depth: 20_000, bytes: 120_001 });
    expect(!r.ok && r.message).toBe('too deep to show (depth > 32, 120001 bytes)');
    expect(safeStringify(deepArray(32)).ok).toBe(true);
    expect(safeStringify(deepArray(33)).ok).toBe(false);
  });

  it('says "too large" with the size', () => {
    const big = { blob: 'x'.repeat(5 * 1024 * 1024) };
    const r = safeStringify(big);
    expect(r).toMatchObject({ ok: false, reason: 'too-large', bytes: 5 * 1024 * 1024 + 11 }); // {"blob":"…"}
    expect(!r.ok && r.message).toBe(`too large to show, ${5 * 1024 * 1024 + 11} bytes`);
    expect(safeStringify('x'.repeat(JSON_MAX_BYTES - 2)).ok).toBe(true);
    expect(safeStringify('x'.repeat(JSON_MAX_BYTES - 1)).ok).toBe(false);
  });

  it('a cycle is refused as too deep, not thrown', () => {
    const loop: Record<string, unknown> = {};
    loop.me = loop;
    expect(safeStringify(loop)).toMatchObject({ ok: false, reason: 'too-deep', complete: false });
  });

  // Property: whatever the value, safeStringify returns, and what it shows keeps to the budget and is
  // exactly JSON.stringify's text.
  it('never throws and keeps to the budget (property)', () => {
    const budget = fc.record({ maxDepth: fc.integer({ min: 0, max: 8 }), maxBytes: fc.integer({ min: 0, max: 2000 }), indent: fc.constantFrom(0, 2) });
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), budget, (v, b) => {
        const r = safeStringify(v, b);
        const m = measureJson(v);
        if (r.ok) {
          expect(m.depth).toBeLessThanOrEqual(b.maxDepth);
          expect(m.bytes).toBeLessThanOrEqual(b.maxBytes);
          expect(r.text).toBe(JSON.stringify(v, null, b.indent));
        } else {
          expect(m.depth > b.maxDepth || m.bytes > b.maxBytes).toBe(true);
          expect(r.message).toMatch(/^too (deep|large) to show/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on anything, deep nesting included (property)', () => {
    // Beyond JSON too: boxed values, Maps, null prototypes, sparse and typed arrays, dates, bigints.
    const leaf = fc.anything({
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
    });
    const nest = fc.tuple(leaf, fc.integer({ min: 0, max: 3000 }), fc.boolean()).map(([inner, n, arr]) => {
      let v: unknown = inner;
      for (let i = 0; i < n; i++) v = arr ? [v] : { a: v };
      return v;
    });
    fc.assert(
      fc.property(nest, (v) => {
        const r = safeStringify(v);
        expect(typeof (r.ok ? r.text : r.message)).toBe('string');
        expect(typeof jsonOrNote(v)).toBe('string');
        if (r.ok) expect(r.text.length).toBeLessThanOrEqual(JSON_MAX_BYTES);
      }),
      { numRuns: 300 },
    );
  });
});

describe('jsonOrNote', () => {
  it.each<[string, unknown, string]>([
    ['a string', 'plain', 'plain'],
    ['an array', ['a', 'b'], '["a","b"]'],
    ['an object', { sub: 'x' }, '{"sub":"x"}'],
    ['a string over 64 KB', 'y'.repeat(JSON_MAX_BYTES + 1), `too large to show, ${JSON_MAX_BYTES + 1} bytes`],
  ])('%s', (_, v, text) => {
    expect(jsonOrNote(v)).toBe(text);
  });

  it('a 20,000-deep claim', () => {
    expect(jsonOrNote(deepObject(20_000))).toBe('too deep to show (depth > 32, 120001 bytes)');
  });

  it('counts a string by its UTF-8 bytes', () => {
    expect(jsonStringBytes('é😀')).toBe(2 + 2 + 4);
  });
});
