/**
 * What this browser can and cannot do for Grantscope, as the background reports it ('env/capabilities'),
 * so the UI can say so in the browser where a thing is missing rather than fail at it (issue 10: "where
 * Firefox cannot do a thing Chromium does, the UI says so in Firefox"). The UI never asks `browser`.
 */
export type BrowserKind = 'chrome' | 'firefox';

export interface Capabilities {
  browser: BrowserKind;
  /** identity.getRedirectURL(): https://ID.chromiumapp.org/ in Chrome, https://HASH.extensions.allizom.org/ in Firefox. */
  extensionRedirectUri: string;
  /** chrome.debugger on a tab: the deep build, Chrome only. */
  deepCapture: boolean;
}

export interface CapabilityNote {
  id: 'deep-capture' | 'extension-redirect' | 'response-bodies';
  text: string;
}

/** The differences a person meets in this browser, in plain words; the README's "Browsers" lists them all. */
export function capabilityNotes(c: Capabilities): CapabilityNote[] {
  if (c.browser === 'firefox') {
    return [
      {
        id: 'deep-capture',
        text: 'Deep capture (a debugger on one tab, workers included) is Chrome only: Firefox has no chrome.debugger. Here the Firefox response filter reads provider answers instead.',
      },
      {
        id: 'extension-redirect',
        text: `The extension-owned redirect URI is ${c.extensionRedirectUri} in Firefox, not Chrome's https://ID.chromiumapp.org/: register the one for the browser you use.`,
      },
    ];
  }
  return [
    {
      id: 'response-bodies',
      text: 'Chrome shows extensions no response bodies: token answers a page receives need page capture, DevTools open on the tab, or the deep build. Firefox reads them with its response filter.',
    },
  ];
}

/** Which browser from the extension's own origin: chrome-extension:// or moz-extension://. */
export function browserOf(extensionOrigin: string): BrowserKind {
  return extensionOrigin.startsWith('moz-extension:') ? 'firefox' : 'chrome';
}
