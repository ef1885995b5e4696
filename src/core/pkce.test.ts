import { describe, expect, it } from 'vitest';
import { base64url } from 'jose';
import { challengeS256, createVerifier, isValidVerifier, randomToken } from './pkce';

describe('challengeS256', () => {
  it('matches the RFC 7636 appendix B vector', async () => {
    expect(await challengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('gives 43 base64url chars (SHA-256, no padding)', async () => {
    expect(await challengeS256(createVerifier())).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('createVerifier', () => {
  it('is 43 chars, valid, and different each time', () => {
    const a = createVerifier();
    const b = createVerifier();
    expect(a).toHaveLength(43);
    expect(isValidVerifier(a)).toBe(true);
    expect(a).not.toBe(b);
  });
});

describe('isValidVerifier', () => {
  it.each([
    ['dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', true], // RFC 7636 appendix B
    ['a'.repeat(43), true],
    ['a'.repeat(128), true],
    ['abc-._~'.repeat(7) + 'A', true], // every unreserved punctuation mark
    ['a'.repeat(42), false], // too short
    ['a'.repeat(129), false], // too long
    ['a'.repeat(42) + '+', false], // base64, not base64url
    ['a'.repeat(42) + '=', false], // padding
    ['a'.repeat(42) + ' ', false],
    ['a'.repeat(42) + 'é', false], // not ASCII
    ['', false],
  ])('%s -> %s', (v, expected) => {
    expect(isValidVerifier(v)).toBe(expected);
  });
});

describe('randomToken', () => {
  it.each([
    [undefined, 32, 43],
    [16, 16, 22],
    [1, 1, 2],
  ])('bytes=%s decodes to %i bytes (%i chars)', (n, bytes, chars) => {
    const t = randomToken(n);
    expect(t).toHaveLength(chars);
    expect(t).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(base64url.decode(t)).toHaveLength(bytes);
  });

  it.each([0, -1, 1.5, 65537, Number.NaN])('rejects bytes=%s', (n) => {
    expect(() => randomToken(n)).toThrow(RangeError);
  });
});
