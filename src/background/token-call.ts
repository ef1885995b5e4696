/**
 * One call to the token endpoint for any grant, and how its answer is recorded.
 *
 * sendTokenRequest: client authentication (RFC 6749 2.3, RFC 7523), a DPoP proof when the profile
 * binds tokens (RFC 9449 4), the Origin the profile asks for, and one retry with the server's nonce
 * when it answers use_dpop_nonce (RFC 9449 8). It returns every exchange made, without recording.
 *
 * recordTokenResult: appends the request and response steps, checks an ID token (signature against
 * the issuer's keys, claims per OIDC Core 3.1.3.7) and sets the flow's outcome.
 */
import type { JWK } from 'jose';
import { type AuthParts, clientAuthentication } from '../core/client-auth';
import { createDpopProof, dpopNonceChallenge } from '../core/dpop';
import type { Flow, FlowSecrets, Outcome, TokenRequestStep, TokenResponseStep } from '../core/flow';
import type { Result } from '../core/result';
import type { TokenRequest } from '../core/token-request';
import { type TokenResponseResult, parseTokenResponse } from '../core/token-response';
import { TOKEN_TIMEOUT_MS } from '../shared/constants';
import { loadDpopKey } from './dpop-key';
import type { FlowStore } from './flow-store';
import { checkIdToken, originalNonce, previousIdentity } from './id-token';
import { headersAsSent, originNote } from '../core/origin';
import { stepRecord } from '../core/launch/step-record';
import { refusalDetail } from '../core/refusal';
import { providerFetchSeen } from './provider-fetch';

export interface Exchange {
  request: TokenRequestStep;
  response: TokenResponseStep;
  result: TokenResponseResult | { ok: false; problem: 'network'; message: string; status: 0 };
}

export type BuildRequest = (auth: AuthParts) => Result<TokenRequest>;

export async function sendTokenRequest(flow: Flow, secrets: FlowSecrets, tokenEndpoint: string, build: BuildRequest): Promise<Exchange[] | { error: string }> {
  const auth = await clientAuthentication(
    {
      clientId: flow.profile.clientId,
      method: flow.profile.authMethod,
      ...(secrets.clientSecret ? { secret: secrets.clientSecret } : {}),
      ...(secrets.privateJwk ? { privateJwk: secrets.privateJwk as JWK } : {}),
    },
    tokenEndpoint,
  );
  if (!auth.ok) return { error: `Client authentication (${flow.profile.authMethod}): ${auth.error.message}` };
  const req = build(auth.value);
  if (!req.ok) return { error: `Token request: ${req.error.message}` };
  const dpop = secrets.dpopKey ? await loadDpopKey(secrets.dpopKey) : undefined;
  const exchanges: Exchange[] = [];
  let nonce: string | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    const headers = { ...req.value.headers };
    if (dpop) {
      const proof = await createDpopProof({ ...dpop, htm: 'POST', htu: req.value.url, ...(nonce ? { nonce } : {}) });
      if (!proof.ok) return { error: `DPoP proof: ${proof.error.message}` };
      headers.DPoP = proof.value;
    }
    const at = Date.now();
    const sent = await providerFetchSeen(flow.profile, req.value.url, { method: 'POST', headers, body: req.value.body }, TOKEN_TIMEOUT_MS);
    const got = sent.got;
    // Never sent (its Origin rule was refused): no request to show, and nothing to retry or poll again.
    if (sent.notSent && !got.ok && exchanges.length === 0) return { error: got.message };
    // What the panel lists is what left: Origin as the worker saw it go, never as the profile hoped.
    const note = sent.notSent ? 'Not sent: the rule that sets its Origin was refused (below).' : got.ok ? originNote(sent.choice, sent.origin) : undefined;
    // Recorded without the client secret (a marker in its place, step-record.ts): what was sent is unchanged.
    const kept = stepRecord({ headers: headersAsSent(headers, sent.origin), params: req.value.params });
    const request: TokenRequestStep = { kind: 'token-request', at, url: req.value.url, method: 'POST', ...kept, ...(note ? { originNote: note } : {}) };
    if (!got.ok) {
      const result = { ok: false as const, problem: 'network' as const, message: got.message, status: 0 as const };
      exchanges.push({ request, response: { kind: 'token-response', at: Date.now(), status: 0, headers: {}, bodyText: '', result }, result });
      break;
    }
    const result = parseTokenResponse(got.answer);
    exchanges.push({ request, response: { kind: 'token-response', at: Date.now(), ...got.answer, result }, result });
    nonce = dpop && attempt === 0 ? dpopNonceChallenge(got.answer) : undefined;
    if (!nonce) break;
  }
  return exchanges;
}

function errorTitle(r: { problem: string; error?: string }): string {
  if (r.problem === 'network') return 'Token request failed';
  if (r.problem === 'oauth-error') return `Token endpoint refused: ${r.error ?? 'error'}`;
  if (r.problem === 'unexpected-status' || r.problem === 'not-json') return 'Token endpoint answered something that is not a token response';
  return 'Token response is malformed';
}

/**
 * Verifies and validates the ID token of a successful answer, in place on its step. After a refresh
 * the nonce compared is the original one (OIDC Core 12.2): the one passed (FlowSecrets) or, once the
 * secrets are gone, the one the stored authorization request sent.
 */
export async function checkAnswerIdToken(flow: Flow, x: Exchange, ctx: { refresh: boolean; nonce?: string; clientSecret?: string }): Promise<void> {
  if (!x.result.ok || !x.result.tokens.id_token) return;
  const previous = ctx.refresh ? previousIdentity(flow) : undefined;
  const nonce = ctx.nonce ?? (ctx.refresh ? originalNonce(flow) : undefined);
  const checked = await checkIdToken(flow, x.result.tokens.id_token, {
    flow: ctx.refresh ? 'refresh' : 'code',
    accessToken: x.result.tokens.access_token,
    ...(nonce ? { nonce } : {}),
    ...(previous ? { previous } : {}),
    // An HS* ID token is keyed by the client secret (OIDC Core 10.1); it is used only to verify.
    ...(ctx.clientSecret ? { clientSecret: ctx.clientSecret } : {}),
  });
  x.response.verification = checked.verification;
  x.response.findings = checked.findings;
}

/** Adds the exchanges to the flow, checks the ID token of a success, and ends the flow. */
export async function recordTokenResult(store: FlowStore, flow: Flow, exchanges: Exchange[], expectNonce?: string, clientSecret?: string): Promise<void> {
  const last = exchanges[exchanges.length - 1];
  let outcome: Outcome;
  if (!last) {
    outcome = { kind: 'error', title: 'No token request was made' };
  } else if (last.result.ok) {
    await checkAnswerIdToken(flow, last, { refresh: flow.grant === 'refresh_token', ...(expectNonce ? { nonce: expectNonce } : {}), ...(clientSecret ? { clientSecret } : {}) });
    const got = ['access_token', 'refresh_token', 'id_token'].filter((k) => last.result.ok && typeof last.result.tokens[k] === 'string');
    outcome = { kind: 'success', title: 'Tokens received', detail: got.join(', ') };
  } else {
    outcome = { kind: 'error', title: errorTitle(last.result), detail: refusalDetail(last.result) };
  }
  await store.update(flow.id, (f) => {
    for (const x of exchanges) f.steps.push(x.request, x.response);
    f.status = outcome.kind === 'success' ? 'complete' : 'failed';
    f.outcome = outcome;
    return f;
  });
}

export async function failFlow(store: FlowStore, id: string, title: string, detail?: string): Promise<void> {
  await store.update(id, (f) => {
    f.status = 'failed';
    f.outcome = { kind: 'error', title, ...(detail ? { detail } : {}) };
    return f;
  });
}
