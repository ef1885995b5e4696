/**
 * What one flow says, read once for the comparison: its request, where each token arrived, what came
 * back, and its ID and access tokens decoded (bounded: jwt.ts's decodeToken refuses past 256 KB and
 * 64 levels). Pure reads of the stored Flow; nothing here is shown as is.
 */
import { decodeToken } from '../jwt';
import type { AuthorizationRequestStep, CallbackStep, Flow, TokenRequestStep, TokenResponseStep } from '../flow';

/** Where a token or code came to the client. */
export type Channel = 'query' | 'fragment' | 'form_post' | 'token-endpoint';

export interface Jwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

export interface FlowFacts {
  flow: Flow;
  request?: AuthorizationRequestStep;
  callback?: CallbackStep;
  /** The first code redemption (or other grant's) request and its answer; refreshes are not here. */
  tokenRequest?: TokenRequestStep;
  tokenResponse?: TokenResponseStep;
  /** Every value the flow received per name before any refresh, with where it came. */
  received: Record<string, { channel: Channel; value: string }[]>;
  idToken?: string;
  accessToken?: string;
  idJwt?: Jwt;
  accessJwt?: Jwt;
}

const RECEIVED = ['code', 'access_token', 'id_token', 'refresh_token'] as const;

/** Where a callback parameter was: the callback's own source, or (for 'both') the part that holds it. */
function callbackChannel(c: CallbackStep, name: string): Channel {
  if (c.source === 'form_post') return 'form_post';
  if (c.source === 'query' || c.source === 'fragment') return c.source;
  const hash = c.url.indexOf('#');
  const frag = hash < 0 ? '' : c.url.slice(hash + 1);
  return new URLSearchParams(frag).has(name) ? 'fragment' : 'query';
}

export function decodeJwtParts(v: string | undefined): Jwt | undefined {
  if (!v) return undefined;
  const d = decodeToken(v);
  return d.kind === 'jwt' ? { header: d.header, payload: d.payload } : undefined;
}

const isRefresh = (s: TokenRequestStep): boolean => s.params.grant_type === 'refresh_token';

export function factsOf(flow: Flow): FlowFacts {
  const steps = flow.steps;
  const request = steps.find((s): s is AuthorizationRequestStep => s.kind === 'authorization-request');
  const callback = steps.find((s): s is CallbackStep => s.kind === 'callback');
  let tokenRequest: TokenRequestStep | undefined;
  let tokenResponse: TokenResponseStep | undefined;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    if (s.kind === 'token-request' && !isRefresh(s)) {
      tokenRequest = s;
      const next = steps.slice(i + 1).find((x) => x.kind === 'token-response' || x.kind === 'token-request');
      if (next?.kind === 'token-response') tokenResponse = next;
      break;
    }
  }
  // A recorded answer without its request (or a launched back-channel grant) still counts.
  tokenResponse ??= tokenRequest ? undefined : steps.find((s): s is TokenResponseStep => s.kind === 'token-response');
  const received: FlowFacts['received'] = {};
  const add = (name: string, channel: Channel, value: unknown) => {
    if (typeof value !== 'string' || !value) return;
    (received[name] ??= []).push({ channel, value });
  };
  for (const name of RECEIVED) {
    if (callback) add(name, callbackChannel(callback, name), callback.params[name]);
    if (tokenResponse?.result.ok) add(name, 'token-endpoint', tokenResponse.result.tokens[name]);
  }
  // The back channel's ID token and access token are the ones the client keeps (hybrid: both came).
  const last = (name: string) => received[name]?.at(-1)?.value;
  const idToken = last('id_token');
  const accessToken = last('access_token');
  const out: FlowFacts = { flow, received };
  if (request) out.request = request;
  if (callback) out.callback = callback;
  if (tokenRequest) out.tokenRequest = tokenRequest;
  if (tokenResponse) out.tokenResponse = tokenResponse;
  if (idToken) out.idToken = idToken;
  if (accessToken) out.accessToken = accessToken;
  const idJwt = decodeJwtParts(idToken);
  const accessJwt = decodeJwtParts(accessToken);
  if (idJwt) out.idJwt = idJwt;
  if (accessJwt) out.accessJwt = accessJwt;
  return out;
}

/** A header's value, any letter case. */
export function headerOf(h: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  if (!h) return undefined;
  const n = name.toLowerCase();
  for (const [k, v] of Object.entries(h)) if (k.toLowerCase() === n) return v;
  return undefined;
}
