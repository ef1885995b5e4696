/**
 * Hostile inputs for the property-based tests of every parser that reads outside input (issue 9,
 * Deliver 7; `*.fuzz.test.ts` beside each parser). Test-only: nothing in the extension imports this.
 *
 * Each property asserts three things of a parser: it returns (never throws out of its boundary), it
 * returns within a time bound, and what it returns is one of its documented named shapes. The inputs
 * mix plain random text with the shapes that made the recorder hang or die: megabyte inputs, JSON
 * 20,000 levels deep, long runs of one separator, broken %-escapes, JWTs with the wrong number of
 * segments, and `__proto__` keys.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { AnswerProblem } from './json-answer';

export const MB = 1024 * 1024;

/**
 * Time allowed for one call: 200 ms, plus 300 ms per MB of input. Alone, the parsers take 1-170 ms
 * on a 1 MB input; the unit suite runs files in parallel on two cores, which can double that. What
 * the bound is for is the quadratic and backtracking shapes, which took 1-36 s before issue 9's fixes.
 */
export const budgetMs = (chars: number): number => 200 + (300 * chars) / MB;

/** Runs `fn` and fails the test when it throws or takes longer than the input's budget. */
export function quick<T>(inputChars: number, fn: () => T): T {
  const start = performance.now();
  const value = fn(); // a throw fails the property: no parser may throw on data
  const ms = performance.now() - start;
  expect(ms, `took ${ms.toFixed(0)} ms on ${inputChars} chars`).toBeLessThan(budgetMs(inputChars));
  return value;
}

/** The async form of quick, for parsers that import keys. */
export async function quickAsync<T>(inputChars: number, fn: () => Promise<T>, extraMs = 0): Promise<T> {
  const start = performance.now();
  const value = await fn();
  const ms = performance.now() - start;
  expect(ms, `took ${ms.toFixed(0)} ms on ${inputChars} chars`).toBeLessThan(budgetMs(inputChars) + extraMs);
  return value;
}

/** Modest run counts keep all the fuzz files together under 15 s of the unit suite. */
export const RUNS = { numRuns: 100 } as const;
export const FEW_RUNS = { numRuns: 30 } as const;

/** `piece` repeated to exactly `size` characters. */
export const repeated = (piece: string, size: number): string => piece.repeat(Math.ceil(size / piece.length)).slice(0, size);

export const deepArray = (n: number): string => '['.repeat(n) + ']'.repeat(n);
export const deepObject = (n: number, leaf = '1'): string => '{"a":'.repeat(n) + leaf + '}'.repeat(n);
/** `count` names, each sent twice: what made duplicate tracking quadratic. */
export const repeatedNames = (count: number): string => Array.from({ length: count }, (_, i) => `n${i}=1&n${i}=2`).join('&');

export const b64url = (s: string): string => Buffer.from(s, 'utf8').toString('base64url');

/** Pieces that, repeated, stress URL, form, JSON and JWT readers and any regex run over them. */
export const PIECES = [
  '&', '=', '.', '%', '%zz', '%E0%80', '%25', '%%', '#', '?', ';', '+', ' ', '\t', '\n', '/', '\\', ':', '"', '{', '[', '<',
  'a', 'A1', 'ey', '-', '_', 'a=', '=a&', 'code=', 'state=x&', '__proto__=1&', 'constructor=x&', '\u0000', '\ud800', '😀',
  'Bearer ', 'https://', 'a:?', '-----BEGIN ',
];

/** Random text of every kind: any code unit (lone surrogates included), ASCII, and raw bytes. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.uint8Array({ maxLength: 300 }).map((b) => String.fromCharCode(...b)),
);

/** A piece repeated to a size, between random text: mostly small, one in ten 1-2 MB (HOSTILE has the 5 MB case). */
export const hugeText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...PIECES),
    fc.oneof({ arbitrary: fc.integer({ min: 1, max: 20_000 }), weight: 9 }, { arbitrary: fc.integer({ min: MB, max: 2 * MB }), weight: 1 }),
    fc.string({ maxLength: 20 }),
    fc.string({ maxLength: 20 }),
  )
  .map(([piece, size, before, after]) => before + repeated(piece, size) + after);

/** Built once: the big fixed shapes, reused so generating them costs nothing per run. */
const BIG = {
  deepArray: deepArray(20_000),
  deepObject: deepObject(20_000),
  repeatedNames: repeatedNames(50_000),
  mb: repeated('a', MB),
};

/** The fixed hostile texts every parser is also run on once, by name. */
export const HOSTILE: readonly (readonly [string, string])[] = [
  ['empty', ''],
  ['5 MB of "a"', repeated('a', 5 * MB)],
  ['1 MB of "&"', repeated('&', MB)],
  ['1 MB of "="', repeated('=', MB)],
  ['1 MB of "."', repeated('.', MB)],
  ['1 MB of "%"', repeated('%', MB)],
  ['1 MB of "%zz"', repeated('%zz', MB)],
  ['1 MB of "%25"', repeated('%25', MB)],
  ['1 MB of binary bytes', repeated('\u0000\u00ff\u0080\ud800', MB)],
  ['JSON array 20,000 deep', BIG.deepArray],
  ['JSON object 20,000 deep', BIG.deepObject],
  ['50,000 names each twice', BIG.repeatedNames],
  ['__proto__ JSON', '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"access_token":"a","token_type":"Bearer","issuer":"https://as.example"}'],
  ['250 K OAuth error', `{"error":"name=${repeated('a', 250_000)}"}`],
];

/** JSON texts: random JSON, JSON with hostile members, deep nesting, and text that only starts like JSON. */
export const jsonText: fc.Arbitrary<string> = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc
    .dictionary(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'access_token', 'token_type', 'error', 'issuer', 'keys', 'active', 'kty', 'request_uri', 'expires_in', 'device_code', 'user_code', 'verification_uri'), fc.string({ maxLength: 10 })), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 50 }), hugeText), { maxKeys: 8 })
    .map((o) => JSON.stringify(o)),
  fc.constantFrom(BIG.deepArray, BIG.deepObject, `{"access_token":"a","token_type":"Bearer","x":${BIG.deepArray}}`, `{"error":"x","error_description":"${BIG.mb}"}`),
  fc.tuple(fc.constantFrom('{', '{"', '["', '{"a":'), anyText).map(([a, b]) => a + b),
);

/** A JWT-looking string: 1 to 7 segments, each base64url JSON (random, deep, __proto__), random chars, empty or huge. */
export const jwtText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => b64url(JSON.stringify(v) ?? 'null')),
      fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }).map((o) => b64url(JSON.stringify({ alg: 'none', ...o }))),
      fc.constantFrom(b64url('{"alg":"RS256","typ":"dpop+jwt","jwk":{"kty":"EC"}}'), b64url(`{"a":${BIG.deepArray}}`), b64url(BIG.deepObject), b64url('{"__proto__":{"x":1}}'), '', repeated('A', MB)),
      fc.string({ unit: fc.constantFrom(...'ABCxyz019-_+/=.'.split('')), maxLength: 50 }),
    ),
    { minLength: 1, maxLength: 7 },
  )
  .map((parts) => parts.join('.'));

/** URLs: http(s) and other schemes, with queries and fragments that are random, huge, or made of broken escapes. */
export const urlText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('https://as.example', 'http://127.0.0.1:8080', 'https://app.example', 'com.example.app:', 'ftp://x', 'javascript:', ''),
    fc.constantFrom('', '/', '/cb', '/callback', '/authorize', '/token', '/oauth2/v1/keys', '/.well-known/openid-configuration', '/par', repeated('/a', 5000)),
    fc.oneof(anyText, hugeText, fc.constantFrom('code=abcdefghijkl&state=x', 'client_id=a&response_type=code', repeatedNames(2_000), 'error=access_denied&state=s')),
    fc.oneof(anyText, hugeText, fc.constantFrom('', 'access_token=a&id_token=b&state=s', 'iss=https%3A%2F%2Fas')),
  )
  .map(([origin, path, query, fragment]) => `${origin}${path}?${query}#${fragment}`);

/** No property may pollute Object.prototype, whatever __proto__ keys it reads. */
export function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).x).toBeUndefined();
}

/** The size of what a property fed in, for its time budget. */
export const charsOf = (...parts: unknown[]): number => parts.reduce<number>((n, p) => n + (typeof p === 'string' ? p.length : 0), 0);

/** An HTTP answer as a server (or a page faking one) may send it: any status, headers and body. */
export const answerArb = fc.record({
  status: fc.oneof(fc.constantFrom(200, 201, 204, 400, 401, 500, 503), fc.integer({ min: -1, max: 1000 })),
  headers: fc.dictionary(
    fc.oneof(fc.constantFrom('content-type', 'cache-control', 'www-authenticate', 'Cache-Control', 'Content-Type', '__proto__'), anyText),
    fc.oneof(fc.constantFrom('application/json', 'no-store', 'DPoP error="use_dpop_nonce"', `application/${'+'.repeat(5000)}`), anyText, hugeText),
    { maxKeys: 4 },
  ),
  bodyText: fc.oneof(jsonText, hugeText, anyText),
});

export const answerChars = (a: { headers: Record<string, string>; bodyText: string }): number =>
  a.bodyText.length + Object.entries(a.headers).reduce((n, [k, v]) => n + k.length + v.length, 0);

const ANSWER_CODES = ['unexpected-status', 'not-json', 'not-object', 'bad-field', 'oauth-error', 'too-large', 'too-deep'];

/** The shape every answer reader fails with: a known code, a short message, short evidence. */
export function expectAnswerProblem(p: AnswerProblem): void {
  expect(ANSWER_CODES).toContain(p.code);
  expect(typeof p.message).toBe('string');
  expect(p.message.length).toBeLessThan(400);
  if (p.preview !== undefined) expect(Array.from(p.preview).length).toBeLessThanOrEqual(200);
  if (p.error !== undefined) expect(p.error.length).toBeLessThanOrEqual(256);
  if (p.errorDescription !== undefined) expect(p.errorDescription.length).toBeLessThanOrEqual(4096);
}
