/**
 * A pasted Authorization header: Bearer, DPoP or Basic, or undefined, for any text, quickly; a Basic
 * secret never leaves in the clear.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAuthorizationHeader } from './auth-header';
import { anyText, HOSTILE, hugeText, quick, RUNS } from './fuzz.fixtures';

function check(text: string): void {
  const h = quick(text.length, () => parseAuthorizationHeader(text));
  if (h === undefined) return;
  expect(['Bearer', 'DPoP', 'Basic']).toContain(h.scheme);
  if (h.scheme === 'Basic') {
    if (h.problem !== undefined) expect(h.problem.length).toBeLessThan(120);
    if (h.secretMasked !== undefined) expect(h.secretMasked).toMatch(/\(\d+ chars\)$/);
  }
}

const header = fc
  .tuple(
    fc.constantFrom('', 'Authorization: ', 'authorization:', 'AUTHORIZATION :\t'),
    fc.constantFrom('Bearer', 'bearer', 'DPoP', 'Basic', 'basic', 'Digest'),
    fc.constantFrom(' ', '\t', '  ', ''),
    fc.oneof(fc.base64String({ maxLength: 200 }), fc.string().map((s) => Buffer.from(s).toString('base64')), anyText, hugeText),
  )
  .map((parts) => parts.join(''));

describe('parseAuthorizationHeader never throws, is quick, and answers in its shapes', () => {
  it('random and hostile headers', () => fc.assert(fc.property(fc.oneof(header, anyText), check), RUNS));
  it.each(HOSTILE)('%s after each scheme', (_name, text) => {
    for (const s of ['Bearer ', 'DPoP ', 'Basic ', 'Authorization: Basic ', '']) check(s + text);
  });
});
