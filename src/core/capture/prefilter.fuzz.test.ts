/**
 * The prefilter runs on every request of every page, before anything else (issue 9): it must answer
 * true or false quickly on any URL and body, however large or strange, and never throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyText, charsOf, HOSTILE, hugeText, jsonText, quick, RUNS, urlText } from '../fuzz.fixtures';
import { bodyMightBeOAuth, mightBeOAuth, urlMightBeOAuth } from './prefilter';
import { discoveryEndpoints } from './recognise';
import { DEMO_DISCOVERY } from './recognise.fixtures';

const KNOWN = discoveryEndpoints(DEMO_DISCOVERY);

describe('prefilter: a boolean, quickly, for anything', () => {
  it('random and hostile requests', () => {
    const req = fc.record({
      url: fc.oneof(urlText, hugeText, anyText),
      method: fc.constantFrom('GET', 'POST', 'post', ''),
      form: fc.option(fc.dictionary(fc.oneof(anyText, hugeText), fc.array(fc.oneof(anyText, hugeText), { maxLength: 2 }), { maxKeys: 4 }), { nil: undefined }),
      bodyText: fc.option(fc.oneof(jsonText, hugeText, anyText), { nil: undefined }),
    });
    fc.assert(
      fc.property(req, fc.boolean(), (r, known) => {
        const size = charsOf(r.url, r.bodyText) + Object.keys(r.form ?? {}).reduce((n, k) => n + k.length, 0);
        const got = quick(size, () => mightBeOAuth({ url: r.url, method: r.method, ...(r.form ? { form: r.form } : {}), ...(r.bodyText !== undefined ? { bodyText: r.bodyText } : {}) }, known ? KNOWN : undefined));
        expect(typeof got).toBe('boolean');
      }),
      RUNS,
    );
  });

  it.each(HOSTILE)('%s as URL, form field name and body', (_name, text) => {
    expect(typeof quick(text.length, () => urlMightBeOAuth(`https://a.example/x?${text}`))).toBe('boolean');
    expect(typeof quick(text.length, () => urlMightBeOAuth(text))).toBe('boolean');
    expect(typeof quick(text.length, () => bodyMightBeOAuth({ bodyText: text }))).toBe('boolean');
    expect(typeof quick(text.length, () => bodyMightBeOAuth({ form: { [text]: [text] } }))).toBe('boolean');
    expect(typeof quick(text.length, () => mightBeOAuth({ url: `https://a.example/${text}`, method: 'POST', bodyText: text }, KNOWN))).toBe('boolean');
  });
});
