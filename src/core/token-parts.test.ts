import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeToken } from './jwt';
import { oversizedParts, segmentText } from './token-parts';

const enc = (s: string) => base64url.encode(s);
const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
const jws = (header: string, payload: string) => `${enc(header)}.${enc(payload)}.${enc('sig')}`;

describe('oversizedParts', () => {
  it('names a 20,000-deep payload, which decodeToken refuses', () => {
    const payload = `{"iss":"https://i.example","a":${deep(20_000)}}`;
    const token = jws('{"alg":"RS256"}', payload);
    expect(decodeToken(token).kind).toBe('invalid');
    expect(oversizedParts(token)).toEqual([{ part: 'payload', segment: 1, message: `too deep to show (depth > 32, ${payload.length} bytes)` }]);
    expect(segmentText(token, 1)).toBe(payload);
  });

  it('names a deep header, and a large payload', () => {
    const header = `{"alg":"RS256","x":${deep(40)}}`;
    const payload = `{"blob":"${'x'.repeat(70_000)}"}`;
    expect(oversizedParts(jws(header, payload))).toEqual([
      { part: 'header', segment: 0, message: `too deep to show (depth > 32, ${header.length} bytes)` },
      { part: 'payload', segment: 1, message: `too large to show, ${payload.length} bytes` },
    ]);
  });

  it.each([
    ['a normal token', jws('{"alg":"RS256"}', '{"sub":"x"}')],
    ['not base64url', 'a+b.c.d'],
    ['not JSON', `${enc('nope')}.${enc('nope')}.x`],
    ['an opaque token', 'SplxlOBeZQQYbYS6WxSbIA'],
    ['a JWE (its second part is a key, not JSON)', `${enc('{"alg":"RSA-OAEP","enc":"A256GCM"}')}.${enc(deep(100))}.iv.ct.tag`],
  ])('nothing for %s', (_, token) => {
    expect(oversizedParts(token)).toEqual([]);
  });
});
