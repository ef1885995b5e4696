import { describe, expect, it } from 'vitest';
import { JSON_DEPTH_MAX, jsonTooDeep, parseJsonBounded, sizeText } from './json-bounds';

const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);

describe('parseJsonBounded', () => {
  it.each([
    ['an object', '{"a":1}', { ok: true, value: { a: 1 } }],
    ['a scalar', '42', { ok: true, value: 42 }],
    ['64 levels', nested(64), { ok: true, value: JSON.parse(nested(64)) as unknown }],
    ['65 levels', nested(65), { ok: false, error: { code: 'too-deep', message: 'the answer nests deeper than 64 levels' } }],
    ['20,000 levels', nested(20_000), { ok: false, error: { code: 'too-deep', message: 'the answer nests deeper than 64 levels' } }],
    ['over the size cap, refused before parsing', `"${'a'.repeat(300 * 1024)}"`, { ok: false, error: { code: 'too-large', message: 'the answer is 301 KB, more than the 256 KB read' } }],
  ])('%s', (_what, text, want) => {
    expect(parseJsonBounded(text, 'the answer')).toEqual(want);
  });

  it('names JSON that does not parse, keeping the parser error for the caller', () => {
    const r = parseJsonBounded('{"a":', 'the answer');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('not-json');
      expect(r.error.message).toBe('the answer is not JSON');
      expect(r.error.parseError).toBeInstanceOf(SyntaxError);
    }
  });

  it('takes its caps from the caller', () => {
    expect(parseJsonBounded('[[1]]', 'x', { maxDepth: 1 }).ok).toBe(false);
    expect(parseJsonBounded('"abc"', 'x', { maxChars: 2 }).ok).toBe(false);
  });
});

describe('jsonTooDeep', () => {
  it.each([
    [1, false],
    [{}, false],
    [{ a: [{ b: 1 }] }, false],
    [JSON.parse(nested(JSON_DEPTH_MAX)) as unknown, false],
    [JSON.parse(nested(JSON_DEPTH_MAX + 1)) as unknown, true],
  ])('%#', (v, deep) => {
    expect(jsonTooDeep(v)).toBe(deep);
  });
});

it.each([[1000, '1 KB'], [256 * 1024, '256 KB'], [5 * 1024 * 1024, '5.0 MB']])('sizeText(%d) is %s', (n, s) => {
  expect(sizeText(n)).toBe(s);
});
