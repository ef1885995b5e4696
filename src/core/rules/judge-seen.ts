/**
 * What the request and callback rules read from a flow, launched or recorded: the authorization
 * request as it was really sent (its own parameters, over those pushed by PAR, under those inside a
 * request object), the callback, the redemption, and the issuer to hold `iss` to. Plain data only,
 * so every judge is a sync function over the flow.
 */
import type { AuthorizationRequestStep, CallbackStep, ExchangeStep, Flow, TokenRequestStep } from '../flow';
import { decodeToken } from '../jwt';
import type { ProviderMetadata } from '../discovery';

export interface SentRequest {
  /** Every parameter the request carried, wherever it was carried (RFC 9126 2.1, RFC 9101 5). */
  params: Record<string, string>;
  /** The step that holds the evidence: the authorization request, or the PAR when only it was seen. */
  step: number;
  /** The authorization request's own URL parameters (the front channel, what a browser history keeps). */
  url: Record<string, string>;
  urlText?: string;
}

const isPar = (s: { kind: string; label?: string }): boolean => s.kind === 'exchange' && (s.label ?? '').startsWith('Pushed authorization request');

/** String claims of a request object (RFC 9101 4); others (claims, arrays) as JSON, as the parameter would be. */
function requestObjectParams(jwt: string | undefined): Record<string, string> {
  if (!jwt) return {};
  const d = decodeToken(jwt);
  if (d.kind !== 'jwt') return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.payload)) {
    if (['iss', 'aud', 'iat', 'exp', 'nbf', 'jti'].includes(k)) continue;
    out[k] = typeof v === 'string' ? v : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.join(' ') : JSON.stringify(v);
  }
  return out;
}

/**
 * Every rule reads the request, and the engine runs on each store write (summaries): the merge is made
 * once per pair of steps (a hostile request can carry 50,000 parameters, issue 9), keyed by the step
 * objects, which are replaced, never edited, once recorded.
 */
const merged = new WeakMap<object, { par: object | undefined; direct: object | undefined; params: Record<string, string> }>();

export function sentRequest(flow: Flow): SentRequest | undefined {
  const direct = flow.steps.findIndex((s) => s.kind === 'authorization-request');
  const par = flow.steps.findIndex(isPar);
  if (direct < 0 && par < 0) return undefined;
  const directStep = direct >= 0 ? (flow.steps[direct] as AuthorizationRequestStep) : undefined;
  const parStep = par >= 0 ? (flow.steps[par] as ExchangeStep) : undefined;
  const url = directStep?.params ?? {};
  const key = (directStep ?? parStep)!;
  let hit = merged.get(key);
  if (!hit || hit.par !== parStep || hit.direct !== directStep) {
    const outside = { ...(parStep?.request.params ?? {}), ...url };
    // RFC 9101 6.3: the request object's values are the ones the server uses.
    hit = { par: parStep, direct: directStep, params: { ...outside, ...requestObjectParams(outside.request) } };
    merged.set(key, hit);
  }
  return { params: hit.params, step: direct >= 0 ? direct : par, url, ...(directStep?.url ? { urlText: directStep.url } : {}) };
}

/** The flow asks for a front-channel answer (code, implicit, hybrid). */
export const isFrontChannel = (flow: Flow): boolean => flow.grant === 'authorization';

export const types = (rt: string | undefined): string[] => (rt ?? '').split(' ').filter(Boolean);

export function responseTypeOf(flow: Flow, sent: SentRequest | undefined): string {
  return sent?.params.response_type ?? flow.responseType ?? 'code';
}

export function callbackOf(flow: Flow): { step: CallbackStep; index: number } | undefined {
  const index = flow.steps.findIndex((s) => s.kind === 'callback');
  return index < 0 ? undefined : { step: flow.steps[index] as CallbackStep, index };
}

/** The code redemption (the first authorization_code token request), where the PKCE verifier travels. */
export function redemptionOf(flow: Flow): { step: TokenRequestStep; index: number } | undefined {
  const index = flow.steps.findIndex((s) => s.kind === 'token-request' && (s.params.grant_type ?? 'authorization_code') === 'authorization_code');
  return index < 0 ? undefined : { step: flow.steps[index] as TokenRequestStep, index };
}

/**
 * The issuer and its discovery document, as far as Grantscope knows them: a launched flow's own
 * metadata; a recorded flow's only once confirmed (capture/trust.ts), since its issuer is otherwise a
 * guess from the endpoint (or taken from the very `iss` it would be compared with).
 */
export function issuerOf(flow: Flow): { issuer?: string; metadata?: ProviderMetadata } {
  if (flow.source === 'captured') {
    const c = flow.capture?.issuerConfirmed;
    return c ? { issuer: c.issuer, metadata: c.metadata } : {};
  }
  const issuer = flow.metadata?.issuer || flow.profile.issuer;
  return { ...(issuer ? { issuer } : {}), ...(flow.metadata ? { metadata: flow.metadata } : {}) };
}

/**
 * A rough estimate of the guessing work in a value (RFC 6749 10.10 asks for <= 2^-128): its length
 * times the bits per character of the alphabet it draws from. A value of both cases from the base64
 * family (RFC 4648 4, 5) counts 6 bits a character: 16 random bytes are 22 base64url characters, the
 * canonical 128 bits, and must not read as guessable because a digit or '_' happened not to occur.
 * A value with far fewer distinct characters than a random draw of its length would show ("aaaa…",
 * "abab…") counts no more than one bit above what its distinct characters allow.
 */
export function estimatedBits(v: string): number {
  if (!v) return 0;
  let alphabet = 0;
  if (/^[0-9]+$/.test(v)) alphabet = 10;
  else if (/^[0-9a-f-]+$/.test(v) || /^[0-9A-F-]+$/.test(v)) alphabet = 16;
  else if (/^[A-Za-z0-9_+/=-]+$/.test(v) && /[a-z]/.test(v) && /[A-Z]/.test(v)) alphabet = 64;
  else {
    if (/[a-z]/.test(v)) alphabet += 26;
    if (/[A-Z]/.test(v)) alphabet += 26;
    if (/[0-9]/.test(v)) alphabet += 10;
    if (/[^A-Za-z0-9]/.test(v)) alphabet += 4;
  }
  // Dashes in a UUID or a hex dump carry no randomness; base64 padding neither.
  const counted = alphabet === 16 ? v.replace(/-/g, '').length : alphabet === 64 ? v.replace(/=+$/, '').length : v.length;
  const distinct = new Set(v).size;
  // Distinct characters a random draw of this length shows on average: A(1 - (1 - 1/A)^n); half of that
  // is never seen in 200,000 draws of 16 random bytes, and "aaaa…" or "abab…" is far below it.
  const drawn = alphabet * (1 - (1 - 1 / alphabet) ** counted);
  const perChar = distinct >= 0.5 * drawn ? Math.log2(alphabet) : Math.min(Math.log2(alphabet), Math.log2(distinct) + 1);
  return Math.floor(counted * perChar);
}
