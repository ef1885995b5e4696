/**
 * flow/start: authorization code with PKCE S256, state and nonce (RFC 6749 4.1, RFC 7636, OIDC Core 3.1).
 *
 * Order matters: the login tab opens on about:blank, the guard rule is set for that tab, and only then
 * does the tab go to the authorization endpoint, so even an instant redirect (an existing session,
 * prompt=none) cannot reach the app before the rule is in place.
 */
import { buildAuthorizationUrl } from '../core/authorize';
import { normalizeIssuer } from '../core/discovery';
import type { ClientProfile, Flow, FlowSecrets } from '../core/flow';
import { challengeS256, createVerifier, randomToken } from '../core/pkce';
import browser from '../shared/browser';
import type { StartFlowResult } from '../shared/messages';
import { discover } from './discover';
import type { FlowStore } from './flow-store';
import { addGuardRule } from './dnr-rules';

export class FlowError extends Error {}

export async function startFlow(store: FlowStore, input: ClientProfile): Promise<StartFlowResult> {
  const issuer = normalizeIssuer(input.issuer);
  if (!issuer.ok) throw new FlowError(`Issuer URL: ${issuer.error.message}`);
  const profile = { ...input, issuer: issuer.value };
  const meta = await discover(profile.issuer);
  if (!meta.ok) throw new FlowError(meta.error.message);
  const { authorization_endpoint: authz, token_endpoint: token } = meta.value;
  if (!authz || !token) {
    throw new FlowError('The provider advertises no authorization_endpoint or token_endpoint: the code flow cannot run.');
  }

  const secrets: FlowSecrets = { state: randomToken(), nonce: randomToken(), codeVerifier: createVerifier() };
  const request = buildAuthorizationUrl({
    authorizationEndpoint: authz,
    clientId: profile.clientId,
    redirectUri: profile.redirectUri,
    scope: profile.scope,
    state: secrets.state,
    nonce: secrets.nonce,
    codeChallenge: await challengeS256(secrets.codeVerifier),
    codeChallengeMethod: 'S256',
    // OIDC Core 11: a request for offline_access MUST come with prompt=consent, or the provider
    // may ignore it (oidc-provider drops it silently) and no refresh token comes back.
    ...(profile.scope.split(/\s+/).includes('offline_access') ? { prompt: 'consent' } : {}),
  });
  if (!request.ok) throw new FlowError(`Authorization request: ${request.error.message}`);

  const now = Date.now();
  const flow: Flow = {
    id: randomToken(12),
    createdAt: now,
    updatedAt: now,
    source: 'launched',
    grant: 'authorization_code',
    profile,
    metadata: meta.value,
    status: 'authorizing',
    steps: [{ kind: 'authorization-request', at: now, url: request.value.url, params: request.value.params }],
  };

  const tab = await browser.tabs.create({ url: 'about:blank', active: true });
  if (tab.id === undefined) throw new FlowError('The browser did not open a tab for the login.');
  flow.tabId = tab.id;
  try {
    flow.ruleId = await addGuardRule(tab.id, profile.redirectUri);
  } catch (err) {
    await browser.tabs.remove(tab.id).catch(() => undefined);
    throw new FlowError(`Could not set up the redirect guard: ${err instanceof Error ? err.message : String(err)}`);
  }
  await store.add(flow, secrets);
  await browser.tabs.update(tab.id, { url: request.value.url });
  return { flowId: flow.id };
}
