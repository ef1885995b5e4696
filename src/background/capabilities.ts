/** 'env/capabilities': what this browser and build can do, for the UI to say (src/core/capabilities.ts). */
import { type Capabilities, browserOf } from '../core/capabilities';
import browser from '../shared/browser';
import { extensionRedirectUri } from './launch/web-auth';

export function capabilities(): Capabilities {
  return {
    browser: browserOf(browser.runtime.getURL('/')),
    extensionRedirectUri: extensionRedirectUri(),
    deepCapture: __DEEP__,
  };
}
