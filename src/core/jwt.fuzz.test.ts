/**
 * Tokens come from callbacks, token answers and pastes, any of them hostile (issue 9: a 53 KB ID
 * token nested 20,000 levels deep blanked the panel). decodeToken names what it got - jwt, jwe,
 * opaque or invalid with a reason - quickly, never throws, and never hands on a value nested deeper
 * than JSON_DEPTH_MAX.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyText, b64url, deepArray, deepObject, HOSTILE, hugeText, jwtText, MB, quick, repeated, RUNS } from './fuzz.fixtures';
import { JSON_DEPTH_MAX, jsonTooDeep } from './json-bounds';
import { decodeToken, looksLikeJwt } from './jwt';

function check(t: string): void {
  const d = quick(t.length, () => decodeToken(t));
  expect(['jwt', 'jwe', 'opaque', 'invalid']).toContain(d.kind);
  if (d.kind === 'invalid') {
    expect(d.reason.length).toBeLessThan(200);
    return;
  }
  if (d.kind === 'jwt' || d.kind === 'jwe') expect(jsonTooDeep(d.header, JSON_DEPTH_MAX)).toBe(false);
  if (d.kind === 'jwt') {
    expect(jsonTooDeep(d.payload, JSON_DEPTH_MAX)).toBe(false);
    expect(typeof d.unsigned).toBe('boolean');
    // RFC 8725 3.1: alg none, a missing alg or an empty signature is never a signed token.
    if (typeof d.header.alg !== 'string' || d.header.alg.toLowerCase() === 'none' || d.signature === '') expect(d.unsigned).toBe(true);
  }
  expect(typeof quick(t.length, () => looksLikeJwt(t))).toBe('boolean');
}

describe('decodeToken never throws, is quick, and answers in its shapes', () => {
  it('JWT-shaped strings of 1-7 segments, random, deep, __proto__ and huge', () => {
    fc.assert(fc.property(jwtText, check), RUNS);
  });

  it('any text', () => {
    fc.assert(fc.property(fc.oneof(anyText, hugeText), check), RUNS);
  });

  it.each(HOSTILE)('%s alone and as each segment', (_name, text) => {
    check(text);
    const h = b64url('{"alg":"RS256"}');
    for (const t of [`${text}.${text}.${text}`, `${h}.${b64url(text)}.sig`, `${b64url(text)}.e30.`, `${h}.e30.${text}`]) check(t);
  });

  it.each([
    ['4 segments', 'a.b.c.d', 'not a valid JWT: 4 segments (a signed JWT has 3, an encrypted one 5)'],
    ['6 segments', 'a.b.c.d.e.f', 'not a valid JWT: 6 segments (a signed JWT has 3, an encrypted one 5)'],
    ['a 1 MB segment', `${b64url('{"alg":"none"}')}.${repeated('A', MB)}.`, 'not a valid JWT: it is 1.0 MB, more than the 256 KB decoded'],
    ['the dead-panel token: 20,000 levels in the payload', `${b64url('{"alg":"none"}')}.${b64url(deepObject(20_000))}.`, 'not a valid JWT: the payload nests deeper than 64 levels'],
    ['20,000 levels in the header', `${b64url(`{"alg":"none","x":${deepArray(20_000)}}`)}.e30.`, 'not a valid JWT: the header nests deeper than 64 levels'],
  ])('regression: %s is invalid, by name', (_what, token, reason) => {
    expect(quick(token.length, () => decodeToken(token))).toEqual({ kind: 'invalid', reason });
  });
});
