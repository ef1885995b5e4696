/**
 * A discovery document is fetched from an issuer a person typed or a recorded page named (issue 9: a
 * 1.3 MB document of endpoints filled storage). parseDiscovery gives metadata or a named problem,
 * quickly, never throws; normalizeIssuer and discoveryUrls take any text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discoveryUrls, normalizeIssuer, parseDiscovery } from './discovery';
import { anyText, charsOf, expectNoPollution, HOSTILE, hugeText, jsonText, MB, quick, repeated, RUNS, urlText } from './fuzz.fixtures';

const CODES = ['unexpected-status', 'not-json', 'not-object', 'issuer-missing', 'bad-field', 'issuer-mismatch', 'too-large', 'too-deep'];
const ISS = 'https://as.example';

function check(body: string, status: number, type: string | null, issuer: string): void {
  const r = quick(charsOf(body, type, issuer), () => parseDiscovery(body, status, type, issuer));
  expectNoPollution();
  if (r.ok) {
    expect(typeof r.value.issuer).toBe('string');
    return;
  }
  expect(CODES).toContain(r.error.code);
  expect(r.error.message.length).toBeLessThan(700); // issuers clipped to 200, previews to 120
}

const docArb = fc
  .dictionary(
    fc.oneof(fc.constantFrom('issuer', 'token_endpoint', 'jwks_uri', 'scopes_supported', 'response_types_supported', 'require_pushed_authorization_requests', 'mtls_endpoint_aliases', '__proto__'), anyText),
    fc.oneof(fc.constant(ISS), urlText, hugeText, fc.jsonValue({ maxDepth: 3 })),
    { maxKeys: 8 },
  )
  .map((d) => JSON.stringify({ issuer: ISS, ...d }));

describe('discovery parsing never throws, is quick, and answers in its shapes', () => {
  it('random and hostile documents', () => {
    fc.assert(
      fc.property(fc.oneof(docArb, jsonText, anyText, hugeText), fc.constantFrom(200, 404, 500, 0), fc.option(anyText, { nil: null }), fc.oneof(fc.constant(ISS), urlText, anyText), check),
      RUNS,
    );
  });

  it('normalizeIssuer and discoveryUrls take any text', () => {
    fc.assert(
      fc.property(fc.oneof(urlText, anyText, hugeText), (s) => {
        const n = quick(s.length, () => normalizeIssuer(s));
        if (!n.ok) expect(['issuer-empty', 'issuer-invalid']).toContain(n.error.code);
        const u = quick(s.length, () => discoveryUrls(s));
        expect(typeof u.oidc === 'string' && typeof u.oauth === 'string').toBe(true);
      }),
      RUNS,
    );
  });

  it.each(HOSTILE)('%s as the body, the content type and the issuer', (_name, text) => {
    check(text, 200, text, ISS);
    check(`{"issuer":"${ISS}","token_endpoint":"${text.slice(0, 100_000).replace(/["\\]/g, '')}"}`, 200, null, ISS);
    check('{}', 200, 'application/json', text);
    check(text, 502, text, text);
  });

  it('regression: a 1.3 MB document of endpoints is too large, by name, before parsing', () => {
    const body = JSON.stringify({ issuer: ISS, token_endpoint: `${ISS}/${repeated('a', 1.3 * MB)}` });
    expect(quick(body.length, () => parseDiscovery(body, 200, 'application/json', ISS))).toEqual({
      ok: false,
      error: { code: 'too-large', message: 'the discovery document is 1.3 MB, more than the 256 KB read' },
    });
  });
});
