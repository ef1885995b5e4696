/**
 * Catches the provider's redirect to a launched flow's redirect_uri in the login tab.
 *
 * webRequest.onBeforeRedirect carries the full Location, fragment included (implicit and hybrid
 * responses live there, OIDC Core 3.2.2.5). onBeforeRequest and onErrorOccurred (the guard rule makes
 * the request fail) see the redirect_uri request itself, for redirects made by script or form; they
 * have no fragment, so they are the fallback. Whichever comes first wins; the rest find the flow moved on.
 * Listeners are registered at top level so these events wake a stopped worker.
 */
import { checkCallback, classifyCallback, matchesRedirectUri, parseCallbackUrl } from '../core/callback';
import type { Flow } from '../core/flow';
import browser from '../shared/browser';
import { TEST_PAUSE_KEY } from '../shared/constants';
import type { FlowStore } from './flow-store';
import { removeRule } from './dnr-rules';
import { redeem } from './redeem';

const FILTER = { urls: ['<all_urls>'], types: ['main_frame' as const, 'sub_frame' as const] };

export function registerCapture(store: FlowStore): void {
  const onUrl = (tabId: number, url: string) => void onNavigation(store, tabId, url).catch((e) => console.error('Grantscope capture:', e));
  browser.webRequest.onBeforeRedirect.addListener((d) => onUrl(d.tabId, d.redirectUrl), FILTER);
  browser.webRequest.onBeforeRequest.addListener((d) => onUrl(d.tabId, d.url), FILTER);
  browser.webRequest.onErrorOccurred.addListener((d) => onUrl(d.tabId, d.url), FILTER);
  browser.tabs.onRemoved.addListener((tabId) => void onTabClosed(store, tabId));
}

async function waitingIn(store: FlowStore, tabId: number): Promise<Flow[]> {
  if (tabId < 0) return [];
  return (await store.all()).filter((f) => f.tabId === tabId && f.status === 'authorizing');
}

async function onNavigation(store: FlowStore, tabId: number, url: string): Promise<void> {
  for (const flow of await waitingIn(store, tabId)) {
    if (matchesRedirectUri(url, flow.profile.redirectUri)) await onCallback(store, flow.id, url);
  }
}

async function onCallback(store: FlowStore, id: string, url: string): Promise<void> {
  const parsed = parseCallbackUrl(url);
  const secrets = await store.secrets(id);
  let moved = false;
  const flow = await store.update(id, (f) => {
    if (f.status !== 'authorizing') return undefined;
    moved = true;
    const p = parsed.ok ? parsed.value : { params: {}, source: 'none' as const, duplicates: [] };
    const findings = checkCallback(p, {
      ...(secrets ? { state: secrets.state } : {}),
      issuer: f.metadata.issuer,
      issRequired: f.metadata.authorization_response_iss_parameter_supported === true,
      responseType: 'code',
    });
    f.steps.push({ kind: 'callback', at: Date.now(), url, params: p.params, source: p.source, findings });
    const outcome = classifyCallback(p);
    const stateProblem = findings.find((x) => x.id.startsWith('state-') && x.status === 'fail');
    const issProblem = findings.find((x) => x.id.startsWith('iss-') && x.status === 'fail');
    if (!secrets) {
      f.status = 'failed';
      f.outcome = { kind: 'error', title: 'This flow was interrupted: its state is gone (was the extension reloaded?). Start it again.' };
    } else if (outcome.kind === 'error') {
      f.status = 'failed';
      f.outcome = { kind: 'error', title: `Provider returned error: ${outcome.error}`, ...(outcome.description ? { detail: outcome.description } : {}) };
    } else if (stateProblem) {
      // RFC 6749 10.12: a callback whose state does not match may be forged (CSRF); never redeem it.
      f.status = 'failed';
      f.outcome = { kind: 'error', title: 'State mismatch: the code was not redeemed', detail: stateProblem.message };
    } else if (issProblem) {
      // RFC 9207 2.4: a wrong or missing iss may mean a mix-up attack; never redeem it.
      f.status = 'failed';
      f.outcome = { kind: 'error', title: 'Issuer check failed: the code was not redeemed', detail: issProblem.message };
    } else if (outcome.kind === 'code') {
      f.status = 'callback-received';
    } else {
      f.status = 'failed';
      f.outcome = { kind: 'error', title: 'The callback carries no code', detail: outcome.kind === 'invalid' ? outcome.problem.message : undefined };
    }
    return f;
  });
  if (!flow || !moved) return;
  await removeRule(flow.ruleId);
  if (flow.tabId !== undefined) await browser.tabs.remove(flow.tabId).catch(() => undefined);
  if (flow.status !== 'callback-received') return store.dropSecrets(id);
  // Test build only: leave the flow between callback and redemption, so a test can stop the worker
  // exactly there and prove a fresh worker finishes it (resumeFlows). The release build has no such key.
  if (__TEST__ && (await browser.storage.session.get(TEST_PAUSE_KEY))[TEST_PAUSE_KEY] === true) return;
  await redeem(store, id);
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
