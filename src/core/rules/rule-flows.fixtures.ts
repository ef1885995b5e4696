/**
 * Flow shapes the request and callback rule tests judge: a launched code + PKCE flow as the worker
 * builds it, and the same flow as the recorder keeps it (steps with `seen`, the issuer confirmed).
 */
import type { AuthorizationRequestStep, CallbackStep, Flow, FlowStep, TokenRequestStep } from '../flow';

export const ISS = 'https://as.example';
export const CB = 'https://app.example/cb';
/** RFC 7636 appendix B. */
export const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
export const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
export const STATE = 'Zq3dXy8VbN1mK4pLw7sR2AxQe9TtYu0I'; // 32 base64url characters: ~180 bits
export const NONCE = 'n0nce-Kx8Vb1mK4pLw7sR2AxQe9TtYu0Iq';
const CODE = 'SplxlOBeZQQYbYS6WxSbIA';

const seen = { via: ['webrequest' as const], tabId: 1, frame: 'main' as const, requestId: 'r' };

export function authRequest(params: Record<string, string>, captured = false): AuthorizationRequestStep {
  return { kind: 'authorization-request', at: 1, url: `${ISS}/authorize?${new URLSearchParams(params)}`, params, ...(captured ? { seen } : {}) };
}

export function callback(params: Record<string, string>, where: 'query' | 'fragment' | 'form_post' = 'query', extra: Partial<CallbackStep> = {}): CallbackStep {
  const qs = new URLSearchParams(params).toString();
  const url = where === 'query' ? `${CB}?${qs}` : where === 'fragment' ? `${CB}#${qs}` : CB;
  return { kind: 'callback', at: 2, url, params, source: where, findings: [], ...extra };
}

export function redemption(params: Record<string, string>, frame: 'main' | 'fetch' = 'fetch', headers: Record<string, string> = {}): TokenRequestStep {
  return { kind: 'token-request', at: 3, url: `${ISS}/token`, method: 'POST', headers, params: { grant_type: 'authorization_code', code: CODE, redirect_uri: CB, ...params }, seen: { ...seen, frame } };
}

export const SENT = { client_id: 'c', response_type: 'code', redirect_uri: CB, scope: 'openid', state: STATE, nonce: NONCE, code_challenge: CHALLENGE, code_challenge_method: 'S256' };

export interface Shape {
  sent?: Record<string, string>;
  cb?: CallbackStep;
  redeem?: Record<string, string> | false;
  issAdvertised?: boolean;
  steps?: FlowStep[];
  over?: Partial<Flow>;
}

/** A launched flow: metadata known, the issuer is the profile's. */
export function launched(s: Shape = {}): Flow {
  return build('launched', s);
}

/** A recorded flow: the issuer confirmed by the worker (capture/trust.ts), the metadata with it. */
export function recorded(s: Shape = {}): Flow {
  return build('captured', s);
}

function build(source: Flow['source'], s: Shape): Flow {
  const metadata = { issuer: ISS, authorization_endpoint: `${ISS}/authorize`, token_endpoint: `${ISS}/token`, ...(s.issAdvertised ? { authorization_response_iss_parameter_supported: true } : {}) };
  const steps: FlowStep[] = s.steps ?? [
    ...(s.sent === undefined ? [authRequest(SENT, source === 'captured')] : Object.keys(s.sent).length ? [authRequest(s.sent, source === 'captured')] : []),
    ...(s.cb ? [s.cb] : []),
    ...(s.redeem === false || !s.cb ? [] : [redemption(s.redeem ?? { code_verifier: VERIFIER })]),
  ];
  return {
    id: 'f',
    createdAt: 1,
    updatedAt: 3,
    source,
    grant: 'authorization',
    responseType: ((s.sent ?? SENT).response_type ?? 'code') as Flow['responseType'],
    profile: { id: 'p', name: 'P', issuer: ISS, clientId: 'c' } as Flow['profile'],
    findings: [],
    metadata: source === 'launched' ? metadata : ({} as Flow['metadata']),
    status: 'complete',
    steps,
    ...(source === 'captured' ? { capture: { tabIds: [1], sites: ['https://app.example'], issuerConfirmed: { issuer: ISS, discoveryUrl: `${ISS}/.well-known/openid-configuration`, metadata, at: 1 } } } : {}),
    ...s.over,
  } as Flow;
}
