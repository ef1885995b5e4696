/**
 * The callback URL is written by whoever sent the browser there: a provider, or a page pretending to
 * be one (issue 9). parseCallbackUrl, classifyCallback and matchesRedirectUri answer any string in
 * their documented shapes, quickly, without throwing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyCallback, matchesRedirectUri, parseCallbackUrl, type CallbackParams } from './callback';
import { anyText, expectNoPollution, HOSTILE, quick, repeatedNames, RUNS, urlText } from './fuzz.fixtures';

function expectParsed(url: string): CallbackParams | undefined {
  const r = quick(url.length, () => parseCallbackUrl(url));
  expectNoPollution();
  if (!r.ok) {
    expect(r.error).toEqual({ code: 'bad-url', message: 'the callback is not an absolute URL' });
    return undefined;
  }
  const { params, source, duplicates, from } = r.value;
  expect(['query', 'fragment', 'both', 'none']).toContain(source);
  expect(Object.values(params).every((v) => typeof v === 'string')).toBe(true);
  expect(new Set(duplicates).size).toBe(duplicates.length);
  expect(Object.values(from ?? {}).every((f) => f === 'query' || f === 'fragment')).toBe(true);
  return r.value;
}

function expectOutcome(p: CallbackParams): void {
  const o = quick(0, () => classifyCallback(p));
  expect(['code', 'tokens', 'error', 'invalid']).toContain(o.kind);
  if (o.kind === 'invalid') expect(['no-params', 'no-result']).toContain(o.problem.code);
}

describe('callback parsing never throws, is quick, and answers in its shapes', () => {
  it('random and hostile URLs', () => {
    fc.assert(
      fc.property(fc.oneof(urlText, anyText), (url) => {
        const p = expectParsed(url);
        if (p) expectOutcome(p);
      }),
      RUNS,
    );
  });

  it('matchesRedirectUri gives a boolean for any two strings', () => {
    fc.assert(
      fc.property(fc.oneof(urlText, anyText), fc.oneof(urlText, anyText), (a, b) => {
        expect(typeof quick(a.length + b.length, () => matchesRedirectUri(a, b))).toBe('boolean');
      }),
      RUNS,
    );
  });

  it.each(HOSTILE)('%s as query and fragment', (_name, text) => {
    for (const url of [`https://app.example/cb?state=s&code=c&${text}`, `https://app.example/cb#${text}`, text]) {
      const p = expectParsed(url);
      if (p) expectOutcome(p);
      quick(url.length, () => matchesRedirectUri(url, 'https://app.example/cb?tenant=a'));
    }
  });

  it('regression: 50,000 names each sent twice took 12 s (quadratic duplicate list); each is listed once', () => {
    const p = expectParsed(`https://app.example/cb?${repeatedNames(50_000)}`);
    expect(p?.duplicates.length).toBe(50_000);
  });

  it('regression: matchesRedirectUri on two queries of 50,000 repeated names took 36 s (getAll per name)', () => {
    const url = `https://app.example/cb?${repeatedNames(50_000)}`;
    expect(quick(url.length * 2, () => matchesRedirectUri(url, url))).toBe(true);
  });
});
