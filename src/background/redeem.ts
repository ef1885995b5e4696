/**
 * Redeems the code from the service worker (RFC 6749 4.1.3, RFC 7636 4.5) and records the answer.
 *
 * A restarted worker finds flows left at "callback-received" and redeems them (resumeFlows). A flow
 * left at "redeeming" was cut off mid-request: the code may already be spent (single use, RFC 6749
 * 4.1.2), so it is marked interrupted rather than sent again.
 */
import { checkIdTokenClaims } from '../core/id-token';
import { decodeToken } from '../core/jwt';
import { type Flow, type Outcome, type TokenResponseStep, stepOf } from '../core/flow';
import { authorizationCodeTokenRequest } from '../core/token-request';
import { parseTokenResponse } from '../core/token-response';
import { TOKEN_TIMEOUT_MS } from '../shared/constants';
import type { FlowStore } from './flow-store';
import { addOriginRule, removeRule } from './dnr-rules';
import { fetchText } from './http';
import { verifyWithIssuerKeys } from './keys';

/** Flows this worker instance is redeeming right now. Empty after a restart, by design. */
const inFlight = new Set<string>();

function fail(f: Flow, title: string, detail?: string): Flow {
  f.status = 'failed';
  f.outcome = { kind: 'error', title, ...(detail ? { detail } : {}) };
  return f;
}

export async function redeem(store: FlowStore, id: string): Promise<void> {
  if (inFlight.has(id)) return;
  inFlight.add(id);
  try {
    await redeemOnce(store, id);
  } finally {
    inFlight.delete(id);
  }
}

async function redeemOnce(store: FlowStore, id: string): Promise<void> {
  let claimed = false;
  const flow = await store.update(id, (f) => {
    if (f.status !== 'callback-received') return undefined;
    claimed = true;
    f.status = 'redeeming';
    return f;
  });
  if (!flow || !claimed) return;
  const secrets = await store.secrets(id);
  const code = stepOf(flow, 'callback')?.params.code;
  if (!secrets || !code) {
    await store.update(id, (f) => fail(f, 'This flow was interrupted: its PKCE verifier is gone. Start it again.'));
    return;
  }
  const req = authorizationCodeTokenRequest({
    tokenEndpoint: flow.metadata.token_endpoint ?? '',
    code,
    redirectUri: flow.profile.redirectUri,
    clientId: flow.profile.clientId,
    codeVerifier: secrets.codeVerifier,
  });
  // Redeem as the app itself would: Origin is the redirect_uri's origin (see dnr-rules.ts).
  const origin = new URL(flow.profile.redirectUri).origin;
  await store.update(id, (f) => {
    const headers = { ...req.headers, Origin: origin };
    f.steps.push({ kind: 'token-request', at: Date.now(), url: req.url, method: req.method, headers, params: req.params });
    return f;
  });

  const originRule = await addOriginRule(req.url, origin).catch(() => undefined);
  const got = await fetchText(req.url, { method: req.method, headers: req.headers, body: req.body }, TOKEN_TIMEOUT_MS);
  await removeRule(originRule);
  let step: TokenResponseStep;
  let outcome: Outcome;
  if (!got.ok) {
    step = { kind: 'token-response', at: Date.now(), status: 0, headers: {}, bodyText: '', result: { ok: false, problem: 'network', message: got.message, status: 0 } };
    outcome = { kind: 'error', title: 'Token request failed', detail: got.message };
  } else {
    const result = parseTokenResponse(got.answer);
    step = { kind: 'token-response', at: Date.now(), ...got.answer, result };
    if (result.ok) {
      const idToken = result.tokens.id_token;
      if (idToken) {
        step.verification = await verifyWithIssuerKeys(idToken, flow.metadata.jwks_uri);
        step.findings = idTokenFindings(flow, idToken, secrets.nonce);
      }
      outcome = { kind: 'success', title: 'Tokens received' };
    } else {
      outcome = { kind: 'error', title: tokenErrorTitle(result), detail: result.message };
    }
  }
  await store.update(id, (f) => {
    f.steps.push(step);
    f.status = outcome.kind === 'success' ? 'complete' : 'failed';
    f.outcome = outcome;
    return f;
  });
  await store.dropSecrets(id);
}

function tokenErrorTitle(r: { problem: string; error?: string }): string {
  if (r.problem === 'oauth-error') return `Token endpoint refused: ${r.error ?? 'error'}`;
  if (r.problem === 'unexpected-status' || r.problem === 'not-json') return 'Token endpoint answered something that is not a token response';
  return 'Token response is malformed';
}

function idTokenFindings(flow: Flow, idToken: string, nonce: string) {
  const decoded = decodeToken(idToken);
  if (decoded.kind !== 'jwt') return [];
  return checkIdTokenClaims(decoded.payload, { issuer: flow.metadata.issuer, clientId: flow.profile.clientId, nonce });
}

export async function resumeFlows(store: FlowStore): Promise<void> {
  for (const f of await store.all()) {
    if (f.status === 'callback-received') void redeem(store, f.id);
    if (f.status === 'redeeming') {
      await store.update(f.id, (cur) =>
        cur.status === 'redeeming' && !inFlight.has(cur.id)
          ? fail(cur, 'This flow was interrupted while redeeming the code. The code may already be spent: start the flow again.')
          : undefined,
      );
    }
  }
}
