import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './sender';

const id = 'abcdefghijklmnopabcdefghijklmnop';
const origin = `chrome-extension://${id}/`;

describe('isTrustedSender', () => {
  it.each([
    [{ id, url: `chrome-extension://${id}/popup.html` }, true],
    [{ id, url: `chrome-extension://${id}/panel.html#flow=1` }, true],
    [{ id, url: `chrome-extension://${id}/devtools.html` }, true],
    // a content script of ours runs in a web page
    [{ id, url: 'https://app.example/callback?code=x' }, false],
    // another extension
    [{ id: 'other', url: `chrome-extension://other/popup.html` }, false],
    // our origin, but a page not on the list
    [{ id, url: `chrome-extension://${id}/evil.html` }, false],
    [{ id }, false],
    [{ id, url: 'not a url' }, false],
    [{}, false],
  ])('%j -> %s', (sender, want) => {
    expect(isTrustedSender(sender, id, origin)).toBe(want);
  });
});
