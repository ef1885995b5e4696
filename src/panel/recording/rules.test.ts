import { describe, expect, it } from 'vitest';
import { parseRules, siteOrigin } from './rules';

describe('parseRules', () => {
  it.each([
    ['', [], []],
    ['example.com\n\n  *.Example.org  \n127.0.0.1:9400\nhttps://app.example.com/', ['example.com', '*.example.org', '127.0.0.1:9400', 'https://app.example.com'], []],
    ['example.com\r\nEXAMPLE.COM', ['example.com'], []],
    ['not a rule\nexample.com\nhttp://', ['example.com'], ['not a rule', 'http://']],
  ])('%j', (text, rules, rejected) => expect(parseRules(text)).toEqual({ rules, rejected }));
});

describe('siteOrigin', () => {
  it.each([
    ['https://app.example.com/login?x=1', 'https://app.example.com'],
    ['  app.example.com ', 'https://app.example.com'],
    ['http://127.0.0.1:9400/app', 'http://127.0.0.1:9400'],
    ['HTTPS://App.Example.com', 'https://app.example.com'],
  ])('%s -> %s', (input, origin) => expect(siteOrigin(input)).toEqual({ ok: true, origin }));

  it.each(['', 'ftp://files.example.com', 'https://', 'exa mple.com'])('refuses %j', (input) => expect(siteOrigin(input).ok).toBe(false));
});
