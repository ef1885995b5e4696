import { describe, expect, it } from 'vitest';
import { siteKey, siteRate } from './site-rate';

describe('siteKey', () => {
  it.each([
    ['https://app.example.com/cb', 'example.com'],
    ['https://a.b.evil.example:8443/x', 'evil.example'],
    ['https://login.shop.co.uk', 'shop.co.uk'],
    ['http://127.0.0.1:9400/app', '127.0.0.1:9400'],
    ['http://127.0.0.1/app', '127.0.0.1'],
    ['http://[::1]:8080/', '[::1]:8080'],
    ['http://localhost:3000', 'localhost:3000'],
    ['not a url', 'not a url'],
  ])('%s counts as %s', (url, key) => expect(siteKey(url)).toBe(key));
});

describe('siteRate', () => {
  it('admits up to the limit a minute per site, then refuses and says so once', () => {
    const r = siteRate(3);
    const t = 1_000_000;
    expect([1, 2, 3, 4, 5].map((i) => r.admit('https://evil.example', t + i))).toEqual([true, true, true, false, false]);
    expect(r.admit('https://app.example.com', t + 6)).toBe(true);
    expect(r.notice()).toBe('evil.example started too many flows (more than 3 a minute); 2 ignored.');
  });

  it('counts subdomains as one site', () => {
    const r = siteRate(2);
    expect(['a', 'b', 'c'].map((s) => r.admit(`https://${s}.evil.example`, 0))).toEqual([true, true, false]);
  });

  it('admits again once the minute has passed', () => {
    const r = siteRate(2);
    r.admit('https://x.example', 0);
    r.admit('https://x.example', 10);
    expect(r.admit('https://x.example', 59_000)).toBe(false);
    expect(r.admit('https://x.example', 60_001)).toBe(true);
  });

  it('names the worst site and how many others were refused', () => {
    const r = siteRate(1);
    for (const [site, n] of [['https://a.example', 4], ['https://b.example', 2], ['https://c.example', 2]] as const) for (let i = 0; i < n; i++) r.admit(site, i);
    expect(r.notice()).toBe('a.example and 2 other sites started too many flows (more than 1 a minute); 5 ignored.');
  });

  it('stays bounded under a flood of distinct sites, and clear forgets everything', () => {
    const r = siteRate(1, 60_000, 10);
    for (let i = 0; i < 1000; i++) {
      r.admit(`https://s${i}.example${i}`, 0);
      r.admit(`https://s${i}.example${i}`, 0);
    }
    expect(r.notice()).toMatch(/and 9 other sites started too many flows \(more than 1 a minute\); 10 ignored/);
    r.clear();
    expect(r.notice()).toBeUndefined();
    expect(r.admit('https://s999.example999', 0)).toBe(true);
  });

  it('has no notice while every site is under the limit', () => {
    const r = siteRate();
    r.admit('https://app.example', 0);
    expect(r.notice()).toBeUndefined();
  });
});
