/**
 * A recorded callback's parameters are the page's (issue 9): checkCallback lists its problems for any
 * parameters and expectations, quickly, never throwing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCallbackUrl } from './callback';
import { checkCallback } from './callback-checks';
import { anyText, FEW_RUNS, HOSTILE, hugeText, quick, urlText } from './fuzz.fixtures';

const expectations = fc.record({ state: anyText, issuer: anyText, issRequired: fc.boolean(), responseType: fc.oneof(fc.constantFrom('code', 'id_token token', 'code id_token'), anyText) }, { requiredKeys: [] });

function check(url: string, exp: Parameters<typeof checkCallback>[1]): void {
  const p = parseCallbackUrl(url);
  if (!p.ok) return;
  const findings = quick(url.length, () => checkCallback(p.value, exp));
  for (const f of findings) expect(['fail', 'n/a', 'pass']).toContain(f.status);
}

describe('checkCallback never throws and is quick', () => {
  it('random and hostile callbacks', () => {
    fc.assert(fc.property(fc.oneof(urlText, hugeText.map((t) => `https://app.example/cb?${t.slice(0, 256 * 1024)}`)), expectations, check), FEW_RUNS);
  });
  it.each(HOSTILE)('%s as the query and fragment', (_name, hostile) => {
    const text = hostile.slice(0, 256 * 1024);
    check(`https://app.example/cb?state=${text}&iss=${text}#access_token=${text}&${text}`, { state: 's', issuer: 'https://as.example', issRequired: true, responseType: 'code' });
  });
});
