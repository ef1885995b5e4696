/**
 * Catches the provider's answer to a launched front-channel flow in its login tab.
 *
 * webRequest.onBeforeRedirect carries the full Location, fragment included (implicit and hybrid
 * responses live there, OIDC Core 3.2.2.5). onBeforeRequest sees the redirect_uri request itself:
 * a form_post answer's POST body (OAuth 2.0 Form Post Response Mode 2), or a redirect made by script;
 * onErrorOccurred sees it when the guard rule blocked it. Whichever comes first wins; the others find
 * the flow moved on. Listeners are registered at top level so these events wake a stopped worker.
 */
import { matchesRedirectUri, parseCallbackUrl } from '../core/callback';
import type { CallbackParams } from '../core/callback';
import type { Flow } from '../core/flow';
import { parseFormPostBody } from '../core/form-post';
import browser from '../shared/browser';
import { handleCallback } from './callback';
import type { FlowStore } from './flow-store';
import { removeRule } from './dnr-rules';
import { logText } from '../core/redact';

const FILTER = { urls: ['<all_urls>'], types: ['main_frame' as const, 'sub_frame' as const] };

type FormData = Record<string, string[]> | undefined;

export function registerCapture(store: FlowStore): void {
  const on = (tabId: number, url: string, form?: { formData: FormData; raw?: string }) =>
    void onNavigation(store, tabId, url, form).catch((e: unknown) => console.error('Grantscope capture:', logText(e)));
  browser.webRequest.onBeforeRedirect.addListener((d) => on(d.tabId, d.redirectUrl), FILTER);
  browser.webRequest.onBeforeRequest.addListener(
    (d) => {
      const body = d.method === 'POST' ? d.requestBody : undefined;
      const bytes = body?.raw?.[0]?.bytes as ArrayBuffer | undefined;
      const raw = bytes ? new TextDecoder().decode(bytes) : undefined;
      on(d.tabId, d.url, body ? { formData: body.formData as FormData, ...(raw ? { raw } : {}) } : undefined);
      return undefined;
    },
    FILTER,
    ['requestBody'],
  );
  browser.webRequest.onErrorOccurred.addListener((d) => on(d.tabId, d.url), FILTER);
  browser.tabs.onRemoved.addListener((tabId) => void onTabClosed(store, tabId));
}

async function waitingIn(store: FlowStore, tabId: number): Promise<Flow[]> {
  if (tabId < 0) return [];
  return (await store.all()).filter((f) => f.tabId === tabId && f.status === 'authorizing');
}

async function onNavigation(store: FlowStore, tabId: number, url: string, form?: { formData: FormData; raw?: string }): Promise<void> {
  for (const flow of await waitingIn(store, tabId)) {
    if (!matchesRedirectUri(url, flow.profile.redirectUri)) continue;
    let params: CallbackParams;
    if (form) {
      const parsed = parseFormPostBody(form.formData, form.raw);
      params = parsed.ok ? parsed.value : { params: {}, source: 'form_post', duplicates: [] };
    } else {
      const parsed = parseCallbackUrl(url);
      params = parsed.ok ? parsed.value : { params: {}, source: 'none', duplicates: [] };
      // A form_post answer arrives as a POST; the GET-less error event for it has no body to read.
      if (flow.profile.request.responseMode === 'form_post' && params.source === 'none') continue;
    }
    await handleCallback(store, flow.id, url, params);
  }
}

async function onTabClosed(store: FlowStore, tabId: number): Promise<void> {
  for (const flow of await waitingIn(store, tabId)) {
    await store.update(flow.id, (f) => {
      if (f.status !== 'authorizing') return undefined;
      f.status = 'failed';
      f.outcome = { kind: 'error', title: 'The login tab was closed before the provider redirected back.' };
      return f;
    });
    await removeRule(flow.ruleId);
    await store.dropSecrets(flow.id);
  }
}
