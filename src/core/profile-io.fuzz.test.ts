/**
 * An imported profile file may come from anyone: importProfiles gives profiles or a named problem
 * for any text, quickly, never throwing and never polluting a prototype.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyText, expectNoPollution, HOSTILE, hugeText, jsonText, quick, RUNS, urlText } from './fuzz.fixtures';
import { importProfiles } from './profile-io';

function check(text: string): void {
  const r = quick(text.length, () => importProfiles(text));
  expectNoPollution();
  if (r.ok) expect(Array.isArray(r.value.profiles) && Array.isArray(r.value.skipped)).toBe(true);
  else expect(typeof r.error.code === 'string' && typeof r.error.message === 'string').toBe(true);
}

const profileArb = fc.dictionary(
  fc.constantFrom('id', 'name', 'issuer', 'clientId', 'redirectUri', 'scopes', 'secrets', 'endpoints', '__proto__', 'constructor'),
  fc.oneof(fc.jsonValue({ maxDepth: 3 }), urlText, anyText),
  { maxKeys: 8 },
);

describe('importProfiles never throws, is quick, and answers in its shapes', () => {
  it('random files', () => {
    const file = fc.oneof(
      fc.array(profileArb, { maxLength: 5 }).map((profiles) => JSON.stringify({ format: 'grantscope-profiles', version: 1, profiles })),
      jsonText,
      anyText,
      hugeText,
    );
    fc.assert(fc.property(file, check), RUNS);
  });
  it.each(HOSTILE)('%s', (_name, text) => {
    check(text);
    check(`{"profiles":[${text.slice(0, 100_000)}]}`);
  });
});
