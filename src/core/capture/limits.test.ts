import { describe, expect, it } from 'vitest';
import { BODY_CAP, HEADER_VALUE_CAP, capText, fitHeaders } from './limits';
import { parseObserved } from './observed';

describe('capText', () => {
  it('cuts only what is over the cap', () => {
    expect(capText('abc', 2)).toBe('ab');
    expect(capText('abc')).toBe('abc');
    expect(capText('x'.repeat(BODY_CAP + 1))).toHaveLength(BODY_CAP);
  });
});

describe('fitHeaders', () => {
  it('keeps what parseObserved accepts: a long cookie cut, pseudo-headers and extra headers dropped', () => {
    const many = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`x-h${i}`, 'v']));
    const h = fitHeaders({ ':authority': 'idp.example', cookie: 'c'.repeat(20_000), __proto__x: 'ok', ...many });
    expect(h[':authority']).toBeUndefined();
    expect(h.cookie).toHaveLength(HEADER_VALUE_CAP);
    expect(Object.keys(h)).toHaveLength(100);
    const obs = { id: 'ps:1', at: 1, tabId: -1, frame: 'fetch', method: 'GET', url: 'https://idp.example/', via: 'page-script', headers: h };
    expect(parseObserved(obs)).toBeDefined();
  });

  it('keeps a "__proto__" header as a plain key', () => {
    const h = fitHeaders(JSON.parse('{"__proto__":"x"}') as Record<string, string>);
    expect(Object.getPrototypeOf(h)).toBe(Object.prototype);
    expect(Object.hasOwn(h, '__proto__')).toBe(true);
  });
});
