import { describe, expect, it } from 'vitest';
import { headersAsSent, originFor, originNote, originRuleRefused } from './origin';

describe('originFor', () => {
  const spa = { origin: 'redirect' as const, redirectUri: 'https://app.example:8443/cb', authMethod: 'none' as const };
  it.each([
    ['a public client calls from its redirect_uri origin', spa, { set: 'https://app.example:8443' }],
    ['a confidential client sends none, as its server would', { ...spa, authMethod: 'client_secret_basic' as const }, { drop: true }],
    ['no redirect_uri (device, client credentials): none', { ...spa, redirectUri: '' }, { drop: true }],
    ['asked to drop it', { ...spa, origin: 'drop' as const }, { drop: true }],
    ['asked to keep the browser’s', { ...spa, origin: 'browser' as const }, { keep: true }],
    ['a broken redirect_uri: none', { ...spa, redirectUri: 'not a url' }, { drop: true }],
  ])('%s', (_what, profile, want) => expect(originFor(profile)).toEqual(want));
});

describe('headersAsSent', () => {
  const given = { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'Basic x' };
  it.each([
    ['an Origin seen leaving is listed', { seen: true as const, value: 'http://127.0.0.1:9400' }, { ...given, Origin: 'http://127.0.0.1:9400' }],
    ['none seen leaving: no Origin row', { seen: true as const, value: null }, given],
    ['not seen at all: no Origin claimed', { seen: false as const }, given],
  ])('%s', (_what, seen, want) => expect(headersAsSent(given, seen)).toEqual(want));

  it('drops an Origin the caller wrote in, whatever its case: only what left is shown', () => {
    expect(headersAsSent({ origin: 'http://hoped.example', Accept: 'a' }, { seen: true, value: null })).toEqual({ Accept: 'a' });
  });
});

describe('originNote', () => {
  const app = 'http://127.0.0.1:9400';
  it.each([
    ['set as asked: no note', { set: app }, { seen: true as const, value: app }, undefined],
    ['dropped as asked: no note', { drop: true as const }, { seen: true as const, value: null }, undefined],
    ['the browser’s own, whatever it is: no note', { keep: true as const }, { seen: true as const, value: 'moz-extension://abc' }, undefined],
    ['set, but the extension’s went', { set: app }, { seen: true as const, value: 'moz-extension://abc' }, `Origin: the profile asked for ${app}, but the browser sent moz-extension://abc.`],
    ['dropped, but one went', { drop: true as const }, { seen: true as const, value: 'moz-extension://abc' }, 'Origin: the profile asked for none, but the browser sent moz-extension://abc.'],
    ['set, but none went', { set: app }, { seen: true as const, value: null }, `Origin: the profile asked for ${app}, but the browser sent none.`],
  ])('%s', (_what, choice, seen, want) => expect(originNote(choice, seen)).toBe(want));

  it('says when it could not see the request leave, rather than guessing', () => {
    expect(originNote({ set: app }, { seen: false })).toMatch(/not seen leaving/);
  });
});

describe('originRuleRefused', () => {
  it('names the reason, that nothing was sent, and how to send it anyway', () => {
    const m = originRuleRefused({ drop: true }, 'Invalid domain grantscope@grantscope.dev', 'moz-extension://abc');
    expect(m).toContain('Origin could not be set to none: Invalid domain grantscope@grantscope.dev');
    expect(m).toContain('not sent');
    expect(m).toContain('moz-extension://abc');
    expect(m).toContain('the browser\'s own');
  });
});
