import { describe, expect, it } from 'vitest';
import { defaultCaptureSettings, normalizeCaptureSettings, normalizeRule, ruleMatches, siteAllowed } from './settings';

describe('normalizeRule', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  Example.COM/ ', 'example.com'],
    ['*.example.com', '*.example.com'],
    ['127.0.0.1:9400', '127.0.0.1:9400'],
    ['https://App.Example.com/', 'https://app.example.com'],
    ['https://app.example.com/path?q=1', 'https://app.example.com'],
    ['[::1]:8080', '[::1]:8080'],
    ['', undefined],
    ['not a host!', undefined],
    ['javascript:alert(1)', undefined],
    ['file:///etc/passwd', undefined],
    ['x'.repeat(400), undefined],
  ])('%j -> %j', (input, want) => expect(normalizeRule(input)).toBe(want));
});

describe('ruleMatches', () => {
  it.each([
    ['example.com', 'https://example.com/login', true],
    ['example.com', 'https://login.example.com/authorize', true],
    ['example.com', 'https://notexample.com/', false],
    ['*.example.com', 'https://example.com/', false],
    ['*.example.com', 'https://a.example.com/', true],
    ['127.0.0.1:9400', 'http://127.0.0.1:9400/auth', true],
    ['127.0.0.1:9400', 'http://127.0.0.1:9401/', false],
    ['127.0.0.1', 'http://127.0.0.1:9401/', true],
    ['https://app.example.com', 'https://app.example.com/cb?code=x', true],
    ['https://app.example.com', 'http://app.example.com/cb', false],
    ['example.com', 'not a url', false],
  ])('%s on %s -> %s', (rule, url, want) => expect(ruleMatches(rule, url)).toBe(want));
});

describe('siteAllowed', () => {
  const page = 'https://shop.example/cart';
  const provider = 'https://login.idp.example/authorize?client_id=x';
  it.each([
    [{ allow: [], deny: [] }, true],
    [{ allow: [], deny: ['shop.example'] }, false],
    // Denying the provider hides its traffic from every site.
    [{ allow: [], deny: ['idp.example'] }, false],
    [{ allow: ['shop.example'], deny: [] }, true],
    [{ allow: ['other.example'], deny: [] }, false],
    // Deny wins over allow.
    [{ allow: ['shop.example'], deny: ['login.idp.example'] }, false],
  ])('%j -> %s', (rules, want) => expect(siteAllowed(rules, [provider, page])).toBe(want));

  it('judges a request without a known page by its own URL', () => {
    expect(siteAllowed({ allow: ['idp.example'], deny: [] }, [provider, undefined])).toBe(true);
  });
});

describe('normalizeCaptureSettings', () => {
  it('gives the defaults for anything that is not an object: recording on from install', () => {
    expect(normalizeCaptureSettings(undefined)).toEqual(defaultCaptureSettings());
    expect(normalizeCaptureSettings('x').recording).toBe(true);
  });

  it('clamps the ring, drops bad rules and duplicates, keeps only http(s) origins for page capture', () => {
    const s = normalizeCaptureSettings({
      recording: false,
      ringSize: 5_000,
      allow: ['Example.com', 'example.com', 42, 'bad rule'],
      deny: null,
      keepCaptures: 'yes',
      pageScriptSites: ['https://app.example', 'app.example', 'chrome://settings'],
      extra: true,
    });
    expect(s).toEqual({ recording: false, ringSize: 1000, allow: ['example.com'], deny: [], keepCaptures: false, pageScriptSites: ['https://app.example'] });
    expect(normalizeCaptureSettings({ ringSize: 1 }).ringSize).toBe(10);
    expect(normalizeCaptureSettings({ ringSize: Number.NaN }).ringSize).toBe(100);
  });
});
