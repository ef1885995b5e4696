import { describe, expect, it } from 'vitest';
import { MENU_DECODE_MAX, cutNotice, parsePendingDecode, pendingFromMenu } from './menu-decode';

// RFC 7519 3.1 example JWS.
const JWT =
  'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CALLBACK = 'https://app.example/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz';
// RFC 6749 5.1, as a page shows it: the browser collapses its line breaks into spaces.
const TOKEN_RESPONSE = '{ "access_token":"2YotnFZFEjr1zCsicMWpAA", "token_type":"example", "expires_in":3600 }';

describe('pendingFromMenu: what a menu click hands to Decode', () => {
  it.each([
    ['a selected JWT', { selectionText: JWT }, { text: JWT, source: 'selection' }],
    ['a selected token response', { selectionText: TOKEN_RESPONSE }, { text: TOKEN_RESPONSE, source: 'selection' }],
    ['a callback link', { linkUrl: CALLBACK }, { text: CALLBACK, source: 'link' }],
    ['a JWT selected inside a link: the selection', { selectionText: JWT, linkUrl: CALLBACK }, { text: JWT, source: 'selection' }],
    // The link's words selected ("Continue") decode to nothing; the callback link behind them does.
    ['link words selected, callback behind: the link', { selectionText: 'Continue', linkUrl: CALLBACK }, { text: CALLBACK, source: 'link' }],
    ['words selected on a plain link: the link, a URL Decode reads', { selectionText: 'hello world', linkUrl: 'https://example.com/' }, { text: 'https://example.com/', source: 'link' }],
    ['an opaque token selected, no link: the selection', { selectionText: '2YotnFZFEjr1zCsicMWpAA' }, { text: '2YotnFZFEjr1zCsicMWpAA', source: 'selection' }],
    ['nothing readable in either: the selection, so Decode says why', { selectionText: 'a b', linkUrl: 'mailto:x' }, { text: 'a b', source: 'selection' }],
    ['only whitespace selected, a link: the link', { selectionText: '  \n', linkUrl: CALLBACK }, { text: CALLBACK, source: 'link' }],
  ])('%s', (_name, info, want) => {
    expect(pendingFromMenu(info)).toEqual(want);
  });

  it.each([[{}], [{ selectionText: '' }], [{ selectionText: ' \t' }], [{ linkUrl: '' }]])('nothing to decode in %j', (info) => {
    expect(pendingFromMenu(info)).toBeNull();
  });

  it(`keeps at most ${MENU_DECODE_MAX} characters and says how much there was`, () => {
    const big = 'a'.repeat(MENU_DECODE_MAX + 5000);
    const p = pendingFromMenu({ selectionText: big })!;
    expect(p.text.length).toBe(MENU_DECODE_MAX);
    expect(p.cutFrom).toBe(big.length);
    expect(cutNotice(p)).toBe('The selection was 69 KB; Grantscope took its first 64 KB, so a token in it may be cut short.');
    expect(cutNotice(pendingFromMenu({ selectionText: JWT })!)).toBeNull();
  });

  it('never ends a cut text in half a surrogate pair', () => {
    const p = pendingFromMenu({ selectionText: `${'a'.repeat(9)}😀😀` }, 10)!;
    expect(p.text).toBe('a'.repeat(9));
    expect(p.cutFrom).toBe(13);
  });

  it('a text exactly at the cap is kept whole', () => {
    expect(pendingFromMenu({ selectionText: 'b'.repeat(10) }, 10)).toEqual({ text: 'b'.repeat(10), source: 'selection' });
  });

  it('stays quick on a hostile selection (bounded by the cap, not by what the page offered)', () => {
    const start = performance.now();
    pendingFromMenu({ selectionText: `a:${'?'.repeat(2_000_000)} x`, linkUrl: `https://x/?${'&'.repeat(2_000_000)}` });
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe('parsePendingDecode: the stored record read back', () => {
  it.each([
    [{ text: JWT, source: 'selection' }, { text: JWT, source: 'selection' }],
    [{ text: 'x', source: 'link', cutFrom: 70_000 }, { text: 'x', source: 'link', cutFrom: 70_000 }],
    [{ text: 'x', source: 'link', extra: 1 }, { text: 'x', source: 'link' }],
    [null, null],
    ['x', null],
    [{ text: 1, source: 'link' }, null],
    [{ text: 'x', source: 'page' }, null],
    [{ text: 'x', source: 'link', cutFrom: 'big' }, null],
    [{ text: 'y'.repeat(MENU_DECODE_MAX + 1), source: 'selection' }, null],
  ])('%j', (v, want) => {
    expect(parsePendingDecode(v)).toEqual(want);
  });
});
