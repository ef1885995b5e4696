/**
 * The recogniser sees every request a page makes that passes the prefilter, so every page is its
 * attacker (issue 9). Whatever it is given, it returns a Recognised or null, quickly, never throws, and
 * keeps no more of a request than its caps (URL_MAX for the URL, BODY_LIMIT for the body).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyText, charsOf, expectNoPollution, HOSTILE, hugeText, jsonText, MB, quick, repeated, repeatedNames, RUNS, urlText } from '../fuzz.fixtures';
import { discoveryEndpoints, recognise, URL_MAX } from './recognise';
import { BODY_LIMIT } from './recognise-body';
import { DEMO_DISCOVERY, obs } from './recognise.fixtures';
import type { KnownEndpoints, ObservedRequest, Recognised } from './types';

const KINDS = ['authorization-request', 'callback', 'token-request', 'provider-call'];
const CALLS = ['discovery', 'jwks', 'userinfo', 'introspection', 'revocation', 'device-authorization', 'par'];
const KNOWN = discoveryEndpoints(DEMO_DISCOVERY);

/** Total characters of a string map: what a Recognised keeps of a request. */
const size = (p: Record<string, string>) => Object.entries(p).reduce((n, [k, v]) => n + k.length + v.length, 0);

/** One of the four documented kinds, every field of its documented type, no bigger than the caps. */
function expectRecognised(r: Recognised | null): void {
  if (r === null) return;
  expect(KINDS).toContain(r.kind);
  expect(Object.values(r.params).every((v) => typeof v === 'string')).toBe(true);
  expect(size(r.params)).toBeLessThanOrEqual(URL_MAX + BODY_LIMIT);
  switch (r.kind) {
    case 'authorization-request':
      expect(r.endpoint).toMatch(/^https?:\/\//);
      expect(r.duplicates.every((d) => typeof d === 'string')).toBe(true);
      break;
    case 'callback':
      expect(r.redirectUri).toMatch(/^https?:\/\//);
      expect(['query', 'fragment', 'both', 'form_post']).toContain(r.source);
      expect(r.duplicates.every((d) => typeof d === 'string')).toBe(true);
      break;
    case 'token-request':
      expect(typeof r.grantType).toBe('string');
      expect(['form', 'json']).toContain(r.format);
      break;
    case 'provider-call':
      expect(CALLS).toContain(r.call);
      break;
  }
}

const formArb: fc.Arbitrary<Record<string, string[]>> = fc.dictionary(
  fc.oneof(fc.constantFrom('grant_type', 'client_id', 'code', 'state', 'response_type', '__proto__', 'constructor', 'token'), anyText),
  fc.array(fc.oneof(anyText, hugeText), { maxLength: 3 }),
  { maxKeys: 6 },
);

const requestArb: fc.Arbitrary<ObservedRequest> = fc
  .record({
    method: fc.constantFrom('GET', 'POST', 'post', 'OPTIONS', 'HEAD', ''),
    frame: fc.constantFrom('main', 'sub', 'fetch', 'other'),
    url: urlText,
    form: fc.option(formArb, { nil: undefined }),
    bodyText: fc.option(fc.oneof(jsonText, hugeText, anyText, fc.constantFrom('grant_type=authorization_code&code=x&redirect_uri=https://a/cb', `a=1&${repeatedNames(20_000)}`)), { nil: undefined }),
  })
  .map(({ method, frame, url, form, bodyText }) => obs(method, url, { frame, ...(form ? { form } : {}), ...(bodyText !== undefined ? { bodyText } : {}) }));

const knownArb: fc.Arbitrary<KnownEndpoints | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant(KNOWN),
  fc.dictionary(urlText.map((u) => u.split(/[?#]/)[0] ?? ''), fc.constantFrom('authorization', 'token', 'jwks', 'userinfo', 'par', 'discovery', 'revocation'), { maxKeys: 3 }) as fc.Arbitrary<KnownEndpoints>,
);

const inputChars = (r: ObservedRequest) => charsOf(r.url, r.bodyText) + Object.entries(r.form ?? {}).reduce((n, [k, v]) => n + k.length + charsOf(...v), 0);

describe('recognise never throws, is quick, and answers in its documented shapes', () => {
  it('random and hostile requests', () => {
    fc.assert(
      fc.property(requestArb, knownArb, (req, known) => {
        expectRecognised(quick(inputChars(req), () => recognise(req, known)));
        expectNoPollution();
      }),
      RUNS,
    );
  });

  it.each(HOSTILE)('%s as the query, the fragment, the path, the form and the body', (_name, text) => {
    const cases = [
      obs('GET', `https://app.example/cb?state=s&code=${text}`),
      obs('GET', `https://app.example/cb#${text}`),
      obs('GET', `https://app.example/${text}?client_id=a&response_type=code`),
      obs('POST', 'https://as.example/token', { form: { grant_type: ['authorization_code'], [text.slice(0, 1000)]: [text, text] }, frame: 'fetch' }),
      obs('POST', 'https://as.example/token', { bodyText: text, frame: 'fetch' }),
      obs('POST', 'https://as.example/token', { bodyText: `grant_type=x&${text}`, frame: 'fetch' }),
    ];
    for (const req of cases) expectRecognised(quick(inputChars(req), () => recognise(req, KNOWN)));
    expectNoPollution();
  });

  it('anything that is not a request at all', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        expect(quick(0, () => recognise(v as ObservedRequest))).toBeNull();
      }),
      RUNS,
    );
  });

  it('fields of the wrong type: a number URL, a string form, an array body', () => {
    const bad = [
      { ...obs('GET', 'https://a.example/cb?code=abcdefghij&state=s'), url: 5 },
      { ...obs('POST', 'https://a.example/token'), form: 'grant_type=x' },
      { ...obs('POST', 'https://a.example/token'), form: { grant_type: 'x' } },
      { ...obs('POST', 'https://a.example/token'), form: { grant_type: [1, null] } },
      { ...obs('POST', 'https://a.example/token'), bodyText: ['grant_type=x'] },
      { ...obs('POST', 'https://a.example/token'), method: null },
    ];
    for (const req of bad) expectRecognised(quick(0, () => recognise(req as unknown as ObservedRequest)));
  });
});

describe('recognise: regressions and caps found by fuzzing (issue 9)', () => {
  it('50,000 names each sent twice in a callback query: was 25 s (quadratic), now cut at URL_MAX', () => {
    const req = obs('GET', `https://app.example/cb?state=s&code=abcdefghij&${repeatedNames(50_000)}`);
    expect(quick(req.url.length, () => recognise(req))).toBeNull();
  });

  it('the same at just under URL_MAX is read, its repeats listed', () => {
    const names = repeatedNames(2_500);
    const req = obs('GET', `https://app.example/cb?state=s&code=abcdefghij&${names}`);
    expect(req.url.length).toBeLessThan(URL_MAX);
    const r = quick(req.url.length, () => recognise(req));
    expect(r).toMatchObject({ kind: 'callback' });
    expect(r?.kind === 'callback' && r.duplicates.length).toBe(2_500);
  });

  it('a 2 MB callback URL is no step: nothing of it is kept', () => {
    expect(recognise(obs('GET', `https://app.example/cb?state=s&code=abcdefghij&x=${repeated('%', 2 * MB)}`))).toBeNull();
  });

  it('an 11 MB form field is read only to the body limit', () => {
    const req = obs('POST', 'https://as.example/token', { form: { grant_type: ['authorization_code'], code: [repeated('a', 11 * MB)] }, frame: 'fetch' });
    const r = quick(11 * MB, () => recognise(req));
    expect(r).toMatchObject({ kind: 'token-request', grantType: 'authorization_code' });
    expect(r?.params.code?.length).toBeLessThan(BODY_LIMIT);
  });

  it('a 5,000-character path says nothing, whatever it ends in', () => {
    expect(recognise(obs('GET', `https://as.example${repeated('/a', 5000)}/authorize?client_id=x`))).toBeNull();
  });
});

describe('discoveryEndpoints never throws and keeps only http(s) endpoints of sane length', () => {
  it('random documents', () => {
    const doc = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.dictionary(fc.constantFrom('token_endpoint', 'jwks_uri', 'userinfo_endpoint', 'mtls_endpoint_aliases', '__proto__', 'authorization_endpoint'), fc.oneof(urlText, anyText, fc.jsonValue({ maxDepth: 2 }), fc.dictionary(fc.constantFrom('token_endpoint', 'par'), urlText)), { maxKeys: 6 }),
    );
    fc.assert(
      fc.property(doc, (d) => {
        const out = quick(JSON.stringify(d)?.length ?? 0, () => discoveryEndpoints(d));
        for (const [url, role] of Object.entries(out)) {
          expect(url).toMatch(/^https?:\/\//);
          expect(url.length).toBeLessThanOrEqual(2048);
          expect(['authorization', 'token', ...CALLS]).toContain(role);
        }
      }),
      RUNS,
    );
  });

  it('a 1.3 MB list of endpoint URLs learns none of the long ones', () => {
    const long = `https://evil.example/${repeated('a', 1.3 * MB)}`;
    expect(quick(long.length, () => discoveryEndpoints({ token_endpoint: long, jwks_uri: long, mtls_endpoint_aliases: { token_endpoint: long } }))).toEqual({});
  });
});
