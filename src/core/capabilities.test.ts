import { describe, expect, it } from 'vitest';
import { browserOf, capabilityNotes } from './capabilities';

describe('browserOf', () => {
  it.each([
    ['moz-extension://5b0c7e52-8f3a-4d61-9c2e-7a1d4f6b3e90/', 'firefox'],
    ['chrome-extension://abcdefghijklmnopabcdefghijklmnop/', 'chrome'],
  ])('%s is %s', (origin, want) => expect(browserOf(origin)).toBe(want));
});

describe('capabilityNotes', () => {
  it('Firefox: deep capture is Chrome only, and its own extension redirect URI is named', () => {
    const notes = capabilityNotes({ browser: 'firefox', extensionRedirectUri: 'https://abc.extensions.allizom.org/', deepCapture: false });
    expect(notes.map((n) => n.id)).toEqual(['deep-capture', 'extension-redirect']);
    expect(notes[1]!.text).toContain('https://abc.extensions.allizom.org/');
  });

  it('Chrome: says where token answers come from, since network events carry no bodies', () => {
    expect(capabilityNotes({ browser: 'chrome', extensionRedirectUri: 'https://id.chromiumapp.org/', deepCapture: false }).map((n) => n.id)).toEqual(['response-bodies']);
  });
});
