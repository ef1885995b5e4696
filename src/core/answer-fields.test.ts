import { describe, expect, it } from 'vitest';
import { httpUrl, isBad, requiredString, seconds } from './answer-fields';

describe('requiredString', () => {
  it.each([
    [{ a: 'x' }, { value: 'x' }],
    [{}, { field: 'a', message: 'a is missing' }],
    [{ a: '' }, { field: 'a', message: 'a is empty' }],
    [{ a: null }, { field: 'a', message: 'a must be a string, got null' }],
    [{ a: ['x'] }, { field: 'a', message: 'a must be a string, got an array' }],
  ])('%j', (doc, out) => {
    expect(requiredString(doc, 'a')).toEqual(out);
  });
});

describe('httpUrl', () => {
  it.each([
    [{ u: 'https://example.com/device' }, true, { value: 'https://example.com/device' }],
    [{}, false, { value: undefined }],
    [{}, true, { field: 'u', message: 'u is missing' }],
    [{ u: '/device' }, true, { field: 'u', message: 'u must be an absolute http(s) URL' }],
    [{ u: 'javascript:alert(1)' }, false, { field: 'u', message: 'u must be an absolute http(s) URL' }],
    [{ u: 42 }, false, { field: 'u', message: 'u must be a string, got number' }],
  ])('%j (required %s)', (doc, required, out) => {
    expect(httpUrl(doc, 'u', required)).toEqual(out);
  });
});

describe('seconds', () => {
  it.each([
    [{ s: 5 }, {}, { value: 5 }],
    [{ s: 0 }, {}, { value: 0 }],
    [{}, { fallback: 5 }, { value: 5 }],
    [{}, {}, { field: 's', message: 's is missing' }],
    [{ s: 0 }, { min: 1 }, { field: 's', message: 's must be a number of seconds, at least 1, got 0' }],
    [{ s: -1 }, {}, { field: 's', message: 's must be a number of seconds, not negative, got -1' }],
    [{ s: '5' }, {}, { field: 's', message: 's must be a number of seconds, not negative, got string' }],
    [{ s: null }, { fallback: 5 }, { field: 's', message: 's must be a number of seconds, not negative, got null' }],
  ])('%j %j', (doc, opts, out) => {
    expect(seconds(doc, 's', opts)).toEqual(out);
  });

  it('isBad tells the two apart', () => {
    expect(isBad(seconds({}, 's'))).toBe(true);
    expect(isBad(seconds({ s: 1 }, 's'))).toBe(false);
  });
});
