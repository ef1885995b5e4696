/**
 * Session declarativeNetRequest rules a launched flow needs while it runs.
 *
 * Guard rule: stops the provider's redirect from reaching the app, so the app never spends the code.
 * It blocks navigations to the redirect_uri in the login tab only; we still see the full redirect target
 * (fragment included) in webRequest.onBeforeRedirect (src/background/capture.ts).
 *
 * Origin rule: Chrome sends `Origin: chrome-extension://ID` on the worker's token request. Providers
 * that allow public (browser) clients check that Origin against the client's registration (oidc-provider's
 * clientBasedCORS, Entra's AADSTS9002326/9002327). By default the request is made to look as the app's
 * own would (Origin = the redirect_uri's origin); a profile may instead drop it (as a server would send
 * it) or leave the browser's. The rule covers one URL, one method and our worker's requests only, and
 * lives only while the request is made (src/background/provider-fetch.ts).
 */
import { urlRegex } from '../core/url-regex';
import browser, { type DeclarativeNetRequest } from '../shared/browser';
import { logText } from '../core/redact';

const NEXT_ID = 'dnr:nextRuleId';

async function addRule(rule: Omit<DeclarativeNetRequest.Rule, 'id'>): Promise<number> {
  const stored = (await browser.storage.session.get(NEXT_ID))[NEXT_ID];
  const id = typeof stored === 'number' ? stored : 1;
  await browser.storage.session.set({ [NEXT_ID]: id + 1 });
  await browser.declarativeNetRequest.updateSessionRules({ removeRuleIds: [id], addRules: [{ ...rule, id }] });
  return id;
}

export function addGuardRule(tabId: number, redirectUri: string): Promise<number> {
  return addRule({
    priority: 1,
    action: { type: 'block' },
    condition: { regexFilter: urlRegex(redirectUri), tabIds: [tabId], resourceTypes: ['main_frame', 'sub_frame'] },
  });
}

/**
 * The host the browser gives the extension's own pages and worker as their initiator: the extension id
 * in Chrome (chrome-extension://ID), the per-install UUID in Firefox (moz-extension://UUID). Firefox
 * refuses the gecko id as a domain ("Invalid domain grantscope@grantscope.dev": declarativeNetRequest's
 * `canonicalDomain` format) and matches initiatorDomains against the request's origin host, which is
 * this UUID (ExtensionDNR.sys.mjs, RequestDetails), so the same rule narrows the same way in both.
 */
export function extensionInitiator(): string {
  return new URL(browser.runtime.getURL('/')).hostname;
}

/**
 * Sets the Origin of the worker's `method` requests to `url` to `origin`, or removes it when `origin`
 * is null. Throws when the browser refuses the rule: the caller must say so, never send as if it held.
 */
export function addOriginRule(url: string, origin: string | null, method = 'POST'): Promise<number> {
  const header = origin === null ? { header: 'origin', operation: 'remove' as const } : { header: 'origin', operation: 'set' as const, value: origin };
  return addRule({
    priority: 1,
    action: { type: 'modifyHeaders', requestHeaders: [header] },
    condition: {
      regexFilter: urlRegex(url),
      initiatorDomains: [extensionInitiator()],
      tabIds: [-1],
      requestMethods: [method.toLowerCase()],
      resourceTypes: ['xmlhttprequest', 'other'],
    },
  });
}

export async function removeRule(id: number | undefined): Promise<void> {
  if (id === undefined) return;
  await browser.declarativeNetRequest.updateSessionRules({ removeRuleIds: [id] }).catch((e: unknown) => console.warn('Grantscope: a session rule could not be removed:', logText(e)));
}
