/**
 * Building captured flows: the steps a recognised request becomes, and the client profile a flow is
 * shown with. A captured flow has no saved profile behind it, so one is put together from what the
 * requests said (client_id, redirect_uri, the endpoints they went to); its id starts with "captured:".
 */
import type { ProviderMetadata } from '../discovery';
import type { ExchangeStep, Flow, FlowStep, StepSeen } from '../flow';
import type { GrantKind } from '../launch';
import { blankProfile, type EndpointName, RESPONSE_TYPES, type ResponseType } from '../profile';
import type { ObservedRequest, ProviderCall, Recognised } from './types';

/** Where a page's request ran: the page's origin, for the flow's "sites" and the site rules. */
export interface CaptureContext {
  /** Origin of the page (the app) the request came from or was loaded in. */
  site?: string;
  /** The request's tab and the tabs tied to it by an opener (a login popup and its app tab). */
  related: number[];
}

export const CALL_LABELS: Record<ProviderCall, string> = {
  discovery: 'Discovery',
  jwks: 'JWKS',
  userinfo: 'Userinfo',
  introspection: 'Introspection',
  revocation: 'Revocation',
  'device-authorization': 'Device authorization',
  par: 'Pushed authorization request',
};

const CALL_ENDPOINT: Partial<Record<ProviderCall, EndpointName>> = {
  jwks: 'jwks_uri',
  userinfo: 'userinfo_endpoint',
  introspection: 'introspection_endpoint',
  revocation: 'revocation_endpoint',
  'device-authorization': 'device_authorization_endpoint',
  par: 'pushed_authorization_request_endpoint',
};

export const GRANT_OF: Record<string, GrantKind> = {
  authorization_code: 'authorization',
  refresh_token: 'refresh_token',
  client_credentials: 'client_credentials',
  password: 'password',
  'urn:ietf:params:oauth:grant-type:device_code': 'device_code',
  'urn:ietf:params:oauth:grant-type:token-exchange': 'token_exchange',
};

export function seenOf(obs: ObservedRequest): StepSeen {
  // What the source cut (limits.ts), the answer's part included, so the step can say so.
  const cut = obs.cut || obs.response?.cut ? { ...obs.cut, ...obs.response?.cut } : undefined;
  return { via: [obs.via], tabId: obs.tabId, frame: obs.frame, requestId: obs.id, ...(obs.initiator ? { initiator: obs.initiator } : {}), ...(cut ? { cut } : {}) };
}

/** "token id_token" and "id_token token" are the same response type (OAuth 2.0 Multiple Response Types 3). */
export function canonicalResponseType(v: string | undefined): ResponseType | undefined {
  if (!v) return undefined;
  const key = v.split(' ').filter(Boolean).sort().join(' ');
  return RESPONSE_TYPES.find((t) => t.split(' ').sort().join(' ') === key);
}

/** A URL's origin; undefined for what is not a URL or has an opaque origin. */
export function originOf(url: string): string | undefined {
  try {
    const o = new URL(url).origin;
    return o === 'null' ? undefined : o;
  } catch {
    return undefined;
  }
}

export function exchangeStep(obs: ObservedRequest, call: ProviderCall, params: Record<string, string>): ExchangeStep {
  return {
    kind: 'exchange',
    label: CALL_LABELS[call],
    at: obs.at,
    seen: seenOf(obs),
    request: { url: obs.url, method: obs.method, headers: obs.headers ?? {}, params },
    ...(obs.response ? { response: { status: obs.response.status, headers: obs.response.headers, bodyText: obs.response.bodyText ?? '' } } : {}),
  };
}

/** The endpoint a recognised request went to, under the profile's endpoint name. */
export function endpointOf(rec: Recognised): [EndpointName, string] | undefined {
  if (rec.kind === 'authorization-request') return ['authorization_endpoint', rec.endpoint];
  if (rec.kind === 'token-request') return ['token_endpoint', rec.endpoint];
  if (rec.kind === 'provider-call') {
    const name = CALL_ENDPOINT[rec.call];
    return name ? [name, rec.endpoint] : undefined;
  }
  return undefined;
}

export interface NewFlow {
  id: string;
  at: number;
  grant: GrantKind | 'other';
  grantType?: string;
  clientId?: string;
  redirectUri?: string;
  responseType?: ResponseType;
  /**
   * The provider endpoint the first request went to: its origin stands in for the issuer (a guess,
   * capture.issuerGuessed) until one is named or confirmed (trust.ts).
   */
  endpoint?: string;
  tabId: number;
  site?: string;
}

export function newCapturedFlow(n: NewFlow): Flow {
  const issuer = (n.endpoint && originOf(n.endpoint)) || '';
  const profile = {
    ...blankProfile(`captured:${n.id}`),
    name: 'Recorded flow',
    issuer,
    clientId: n.clientId ?? '',
    redirectUri: n.redirectUri ?? '',
    redirectMode: 'observe' as const,
  };
  const metadata: ProviderMetadata = { issuer };
  return {
    id: n.id,
    createdAt: n.at,
    updatedAt: n.at,
    source: 'captured',
    grant: n.grant,
    ...(n.responseType ? { responseType: n.responseType } : {}),
    profile,
    findings: [],
    metadata,
    status: 'authorizing',
    steps: [],
    capture: {
      tabIds: n.tabId >= 0 ? [n.tabId] : [],
      sites: n.site ? [n.site] : [],
      ...(n.grantType ? { grantType: n.grantType } : {}),
      issuerGuessed: true,
    },
  };
}

/** Adds a step in time order, records the tab and site it came from, and fills in what it tells. */
export function addStep(f: Flow, step: FlowStep, rec: Recognised | undefined, ctx: CaptureContext): void {
  let i = f.steps.length;
  while (i > 0 && f.steps[i - 1]!.at > step.at) i--;
  f.steps.splice(i, 0, step);
  const tab = 'seen' in step ? step.seen?.tabId : undefined;
  if (f.capture && tab !== undefined && tab >= 0 && !f.capture.tabIds.includes(tab)) f.capture.tabIds.push(tab);
  if (f.capture && ctx.site && !f.capture.sites.includes(ctx.site)) f.capture.sites.push(ctx.site);
  if (!rec) return;
  const ep = endpointOf(rec);
  if (ep && !f.profile.endpoints[ep[0]]) {
    f.profile.endpoints[ep[0]] = ep[1];
    f.metadata = { ...f.metadata, [ep[0]]: ep[1] };
  }
  const p = rec.kind === 'provider-call' || rec.kind === 'callback' ? undefined : rec.params;
  if (p?.client_id && !f.profile.clientId) f.profile.clientId = p.client_id;
  if (p?.redirect_uri && !f.profile.redirectUri) f.profile.redirectUri = p.redirect_uri;
  if (rec.kind === 'callback' && !f.profile.redirectUri) f.profile.redirectUri = rec.redirectUri;
}

/**
 * The issuer was named (the callback's iss parameter, RFC 9207 2): the name replaces the guess from the
 * endpoint's origin. A name is a claim, not a confirmation: nothing is verified against it and no token
 * is sent on its strength until trust.ts confirms it (confirmIssuer). Launched flows are never touched,
 * and neither is an issuer already named or confirmed.
 */
export function setIssuer(f: Flow, issuer: string): void {
  if (f.source !== 'captured' || !f.capture?.issuerGuessed || f.capture.issuerConfirmed || !issuer) return;
  f.profile.issuer = issuer;
  f.metadata = { ...f.metadata, issuer };
  f.capture.issuerGuessed = false;
}
