import { describe, expect, it } from 'vitest';
import { isOwnContentScript, isTrustedSender } from './sender';

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

describe('isOwnContentScript', () => {
  it.each([
    [{ id, url: 'https://app.example/callback', tab: { id: 4 } }, true],
    [{ id, url: 'http://127.0.0.1:9401/', tab: { id: 0 } }, true],
    // no tab: not a content script (an extension page, or the worker itself)
    [{ id, url: 'https://app.example/' }, false],
    // another extension's content script
    [{ id: 'other', url: 'https://app.example/', tab: { id: 4 } }, false],
    // our own page inside a tab is an extension page, not a content script
    [{ id, url: `chrome-extension://${id}/panel.html`, tab: { id: 4 } }, false],
    [{ id, url: 'file:///etc/passwd', tab: { id: 4 } }, false],
    [{ id, tab: { id: 4 } }, false],
  ])('%j -> %s', (sender, want) => expect(isOwnContentScript(sender, id)).toBe(want));
});
