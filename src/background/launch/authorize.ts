/**
 * Front-channel flows: authorization code (RFC 6749 4.1 + PKCE), implicit (4.2) and hybrid (OIDC
 * Core 3.3), any response_mode, optionally pushed (RFC 9126), as a request object (RFC 9101) and with
 * DPoP's dpop_jkt (RFC 9449 10).
 *
 * Order matters: the login tab opens on about:blank, the guard rule is set for that tab, and only then
 * does the tab go to the authorization endpoint, so even an instant redirect (an existing session,
 * prompt=none) cannot reach the app before the rule is in place.
 */
import type { JWK } from 'jose';
import type { AuthParts } from '../../core/client-auth';
import { clientAuthentication } from '../../core/client-auth';
import type { ExchangeStep, Flow, FlowSecrets } from '../../core/flow';
import { withQuery } from '../../core/authorize';
import { authorizationUrlWithRequestUri, parseParResponse, pushedAuthorizationRequest } from '../../core/par';
import { challengeS256, createVerifier, randomToken } from '../../core/pkce';
import { authorizationParams } from '../../core/request-options';
import { addedParams } from '../../core/launch/added-params';
import type { SignWith } from '../../core/jws-sign';
import { buildRequestObject } from '../../core/request-object';
import browser from '../../shared/browser';
import type { StartFlowResult } from '../../shared/messages';
import { addGuardRule } from '../dnr-rules';
import { dpopThumbprint } from '../dpop-key';
import type { FlowStore } from '../flow-store';
import { refusalDetail } from '../../core/refusal';
import { postedExchange } from '../provider-fetch';
import { LaunchError, need } from '../metadata';
import { extensionRedirectUri, runWebAuthFlow } from './web-auth';

/**
 * Fresh state, nonce and PKCE values. authorizationParams decides what is sent (automatic, custom or
 * omitted, per the profile); the flow remembers exactly what was sent, to check the answer against.
 */
async function generated(flow: Flow, secrets: FlowSecrets) {
  const r = flow.profile.request;
  const usesCode = (flow.responseType ?? 'code').split(' ').includes('code');
  const verifier = usesCode && r.pkce !== 'none' ? createVerifier() : undefined;
  if (verifier) secrets.codeVerifier = verifier;
  const codeChallenge = verifier ? (r.pkce === 'plain' ? verifier : await challengeS256(verifier)) : undefined;
  return { state: randomToken(), nonce: randomToken(), ...(codeChallenge ? { codeChallenge } : {}) };
}

async function auth(flow: Flow, secrets: FlowSecrets, audience: string): Promise<AuthParts> {
  const a = await clientAuthentication(
    { clientId: flow.profile.clientId, method: flow.profile.authMethod, ...(secrets.clientSecret ? { secret: secrets.clientSecret } : {}), ...(secrets.privateJwk ? { privateJwk: secrets.privateJwk as JWK } : {}) },
    audience,
  );
  if (!a.ok) throw new LaunchError(`Client authentication (${flow.profile.authMethod}): ${a.error.message}`);
  return a.value;
}

const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }, what: string): T => {
  if (!r.ok) throw new LaunchError(`${what}: ${r.error.message}`);
  return r.value;
};

/** How a request object is signed: none, the client's private key, or its secret (RFC 9101 4, OIDC Core 10.1). */
function signWith(flow: Flow, secrets: FlowSecrets): SignWith {
  if (flow.profile.requestObject === 'unsigned') return { alg: 'none' };
  if (secrets.privateJwk) return { privateJwk: secrets.privateJwk as JWK };
  if (secrets.clientSecret) return { alg: 'HS256', secret: secrets.clientSecret };
  throw new LaunchError('A signed request object needs the client secret or a private key in the profile.');
}

/** Builds the URL the login tab opens, recording a PAR exchange when there is one. */
async function authorizationUrl(flow: Flow, secrets: FlowSecrets): Promise<{ url: string; params: Record<string, string>; par?: ExchangeStep }> {
  const authz = need(flow.metadata, 'authorization_endpoint', 'a front-channel flow');
  const p = flow.profile;
  const built = unwrap(authorizationParams({ ...p.request, responseType: flow.responseType ?? p.request.responseType }, await generated(flow, secrets)), 'Authorization request');
  flow.findings = built.findings;
  if (built.params.state !== undefined) secrets.state = built.params.state;
  if (built.params.nonce !== undefined) secrets.nonce = built.params.nonce;
  let params: Record<string, string> = { client_id: p.clientId, redirect_uri: p.redirectUri, ...built.params };
  let repeated: Record<string, string[]> = built.repeated;
  if (secrets.dpopKey) params.dpop_jkt = await dpopThumbprint(secrets.dpopKey);

  if (p.requestObject !== 'off') {
    // RFC 9101 5: the request object carries every parameter; client_id stays outside so the server knows whose key to use.
    const ro = unwrap(await buildRequestObject({ params, repeated, clientId: p.clientId, audience: flow.metadata.issuer, signWith: signWith(flow, secrets) }), 'Request object');
    flow.findings.push(...ro.findings);
    params = { client_id: p.clientId, request: ro.jwt };
    repeated = {};
  }
  const display = { ...params, ...Object.fromEntries(Object.entries(repeated).map(([k, v]) => [k, v.join(' ')])) };
  if (!p.par) {
    // RFC 6749 3.1: the endpoint's own query is kept, and no parameter may appear twice.
    const pairs: [string, string][] = [...Object.entries(params), ...Object.entries(repeated).flatMap(([k, list]) => list.map((v): [string, string] => [k, v]))];
    return { url: unwrap(withQuery(authz, pairs), 'Authorization URL'), params: display };
  }

  const parEndpoint = need(flow.metadata, 'pushed_authorization_request_endpoint', 'a pushed authorization request');
  const req = unwrap(pushedAuthorizationRequest({ parEndpoint, params, repeated, auth: await auth(flow, secrets, flow.metadata.issuer) }), 'Pushed authorization request');
  const { step: par, got } = await postedExchange(flow.profile, 'Pushed authorization request (RFC 9126)', req.url, req);
  if (!got.ok) throw Object.assign(new LaunchError(`Pushed authorization request: ${got.message}`), { par: { ...par, problem: got.message } });
  par.response = got.answer;
  const parsed = parseParResponse(got.answer);
  // RFC 9126 2.3: the provider's error and error_description, on the banner and in the launch message.
  if (!parsed.ok) throw Object.assign(new LaunchError(`Pushed authorization request${parsed.error.code === 'oauth-error' ? ' refused' : ''}: ${refusalDetail(parsed.error)}`), { par: { ...par, problem: refusalDetail(parsed.error) } });
  par.summary = { request_uri: parsed.value.request_uri, expires_in: String(parsed.value.expires_in) };
  flow.findings.push(...parsed.value.warnings);
  // RFC 9126 4: the front channel then carries only client_id and request_uri.
  const url = unwrap(authorizationUrlWithRequestUri(authz, p.clientId, parsed.value.request_uri), 'Authorization URL');
  return { url, params: { client_id: p.clientId, request_uri: parsed.value.request_uri }, par };
}

export async function startAuthorization(store: FlowStore, flow: Flow, secrets: FlowSecrets): Promise<StartFlowResult> {
  const viaExtension = flow.profile.redirectMode === 'extension';
  if (viaExtension) flow.profile = { ...flow.profile, redirectUri: extensionRedirectUri() };
  let built: Awaited<ReturnType<typeof authorizationUrl>>;
  try {
    built = await authorizationUrl(flow, secrets);
  } catch (e) {
    // A PAR the server refused is still worth seeing: keep the flow, failed, with the exchange.
    const par = (e as { par?: ExchangeStep }).par;
    if (par) {
      await store.add({ ...flow, status: 'failed', steps: [par], outcome: { kind: 'error', title: (e as Error).message } });
    }
    throw e;
  }
  const now = Date.now();
  if (built.par) flow.steps.push(built.par);
  // What the person did not type, with why, for the request step's "added by Grantscope" marks (issue 11).
  const p = flow.profile;
  const added = addedParams({ ...p.request, responseType: flow.responseType ?? p.request.responseType }, p);
  flow.steps.push({ kind: 'authorization-request', at: now, url: built.url, params: built.params, ...(added.length ? { added } : {}) });
  if (viaExtension) {
    await store.add(flow, secrets);
    void runWebAuthFlow(store, flow.id, built.url);
    return { flowId: flow.id };
  }

  const tab = await browser.tabs.create({ url: 'about:blank', active: true });
  if (tab.id === undefined) throw new LaunchError('The browser did not open a tab for the login.');
  flow.tabId = tab.id;
  if (flow.profile.redirectMode === 'block') {
    try {
      flow.ruleId = await addGuardRule(tab.id, flow.profile.redirectUri);
    } catch (err) {
      await browser.tabs.remove(tab.id).catch(() => undefined);
      throw new LaunchError(`Could not set up the redirect guard: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  await store.add(flow, secrets);
  await browser.tabs.update(tab.id, { url: built.url });
  return { flowId: flow.id };
}
