import { describe, expect, it } from 'vitest';
import { MAX_DETAIL } from './channel';
import { rateLimit, reportFrom } from './relay-check';

const good = {
  id: 'ps:abc',
  at: 1_700_000_000_000,
  tabId: 7,
  frame: 'main',
  method: 'POST',
  url: 'https://idp.example/token',
  bodyText: 'grant_type=authorization_code&code=c',
  response: { at: 1_700_000_000_100, status: 200, headers: {}, bodyText: '{}' },
  via: 'debugger',
};

describe('reportFrom', () => {
  it('keeps a page-script report and pins the fields the page must not choose', () => {
    expect(reportFrom(JSON.stringify(good))).toEqual({ ...good, tabId: -1, frame: 'fetch', via: 'page-script' });
  });

  it.each([
    ['an object, not text', good],
    ['text that is not JSON', '{"id":'],
    ['an id from another source', JSON.stringify({ ...good, id: 'wr:1' })],
    ['a non-http URL', JSON.stringify({ ...good, url: 'javascript:alert(1)' })],
    ['no method', JSON.stringify({ ...good, method: undefined })],
    ['a response that is not an object', JSON.stringify({ ...good, response: 'x' })],
    ['an oversized detail', JSON.stringify({ ...good, bodyText: 'x'.repeat(MAX_DETAIL) })],
  ])('drops %s', (_, detail) => {
    expect(reportFrom(detail)).toBeUndefined();
  });
});

describe('rateLimit', () => {
  it('allows max per window, then again in the next window', () => {
    let t = 0;
    const ok = rateLimit(2, 1000, () => t);
    expect([ok(), ok(), ok()]).toEqual([true, true, false]);
    t = 1000;
    expect(ok()).toBe(true);
  });
});
