import { describe, expect, it } from 'vitest';
import { urlRegex } from './url-regex';

describe('urlRegex', () => {
  const re = new RegExp(urlRegex('http://127.0.0.1:9400/app/callback'));
  it.each([
    ['http://127.0.0.1:9400/app/callback', true],
    ['http://127.0.0.1:9400/app/callback?code=x&state=y', true],
    ['http://127.0.0.1:9400/app/callback#access_token=x', true],
    ['http://127.0.0.1:9400/app/callbacks', false],
    ['http://127.0.0.1:9400/app/callback/extra', false],
    ['http://127.0.0.1:9401/app/callback', false],
    ['https://127.0.0.1:9400/app/callback', false],
    ['http://127.0.0.1:9400/app/callbackXcode', false],
  ])('%s -> %s', (url, want) => expect(re.test(url)).toBe(want));

  it('escapes characters that mean something in a regex', () => {
    const r = new RegExp(urlRegex('https://a.example/cb+(1)'));
    expect(r.test('https://a.example/cb+(1)?code=1')).toBe(true);
    expect(r.test('https://aXexample/cb+(1)')).toBe(false);
  });

  it('uses the default port as the URL parser does', () => {
    expect(new RegExp(urlRegex('https://app.example:443/cb')).test('https://app.example/cb?x=1')).toBe(true);
  });
});
