/**
 * What a callback means for its flow. Checks come first: a state that does not match (RFC 6749 10.12)
 * or a wrong iss (RFC 9207 2.4) ends the flow, and the code is never sent. Then by response type:
 * a code is redeemed; tokens in the fragment (implicit, hybrid) are checked where they came; in
 * observe-only mode the app keeps the callback and redeems it itself.
 */
import { type CallbackParams, checkCallback, classifyCallback } from '../core/callback';
import { type Flow, type FlowSecrets, type Outcome } from '../core/flow';
import { decodeToken } from '../core/jwt';
import browser from '../shared/browser';
import { TEST_PAUSE_KEY } from '../shared/constants';
import { removeRule } from './dnr-rules';
import type { FlowStore } from './flow-store';
import { checkIdToken } from './id-token';
import { redeem } from './redeem';

function decide(flow: Flow, p: CallbackParams, findings: ReturnType<typeof checkCallback>, secrets: FlowSecrets | undefined): { status: Flow['status']; outcome?: Outcome } {
  const outcome = classifyCallback(p);
  const stateProblem = findings.find((x) => x.id.startsWith('state.') && x.status === 'fail');
  const issProblem = findings.find((x) => x.id.startsWith('callback.iss.') && x.status === 'fail');
  const wantsCode = (flow.responseType ?? 'code').split(' ').includes('code');
  if (!secrets) return { status: 'failed', outcome: { kind: 'error', title: 'This flow was interrupted: its state is gone (was the extension reloaded?). Start it again.' } };
  if (outcome.kind === 'error') {
    return { status: 'failed', outcome: { kind: 'error', title: `Provider returned error: ${outcome.error}`, ...(outcome.description ? { detail: outcome.description } : {}) } };
  }
  if (stateProblem) return { status: 'failed', outcome: { kind: 'error', title: 'State mismatch: the code was not redeemed', detail: stateProblem.message } };
  if (issProblem) return { status: 'failed', outcome: { kind: 'error', title: 'Issuer check failed: the code was not redeemed', detail: issProblem.message } };
  if (outcome.kind === 'invalid') return { status: 'failed', outcome: { kind: 'error', title: 'The callback carries no code and no token', detail: outcome.problem.message } };
  if (flow.profile.redirectMode === 'observe') {
    return { status: 'observed', outcome: { kind: 'success', title: 'Callback observed', detail: wantsCode ? 'Observe-only mode: the app received the callback and redeems the code itself.' : 'Observe-only mode: the app received the tokens.' } };
  }
  if (wantsCode) {
    if (!p.params.code) return { status: 'failed', outcome: { kind: 'error', title: 'The callback carries no code', detail: `response_type ${flow.responseType} asks for one` } };
    return { status: 'callback-received' };
  }
  return { status: 'complete', outcome: { kind: 'success', title: 'Tokens received in the callback', detail: ['access_token', 'id_token'].filter((k) => p.params[k]).join(', ') } };
}

export async function handleCallback(store: FlowStore, id: string, url: string, p: CallbackParams): Promise<void> {
  const secrets = await store.secrets(id);
  let moved = false;
  const flow = await store.update(id, (f) => {
    if (f.status !== 'authorizing') return undefined;
    moved = true;
    const findings = checkCallback(p, {
      ...(secrets?.state !== undefined ? { state: secrets.state } : {}),
      issuer: f.metadata.issuer,
      issRequired: f.metadata.authorization_response_iss_parameter_supported === true,
      responseType: f.responseType ?? 'code',
      ...(f.profile.request.responseMode && f.profile.request.responseMode !== 'default' ? { responseMode: f.profile.request.responseMode } : {}),
    }, { step: f.steps.length });
    // The repeated names go with the step: a form_post body is not kept, so the rules engine reads them here.
    f.steps.push({ kind: 'callback', at: Date.now(), url, params: p.params, source: p.source, ...(p.duplicates.length ? { duplicates: [...p.duplicates] } : {}), findings });
    Object.assign(f, decide(f, p, findings, secrets));
    return f;
  });
  if (!flow || !moved) return;
  await removeRule(flow.ruleId);
  // Observe-only leaves the tab to the app; otherwise the login tab has done its job.
  if (flow.tabId !== undefined && flow.profile.redirectMode !== 'observe') await browser.tabs.remove(flow.tabId).catch(() => undefined);

  const idToken = p.params.id_token;
  if (idToken && !(await frontChannelIdTokenHolds(store, flow, idToken, secrets?.nonce, p, secrets?.clientSecret))) return store.dropSecrets(id);
  if (flow.status !== 'callback-received') return store.dropSecrets(id);
  // Test build only: leave the flow between callback and redemption, so a test can stop the worker
  // exactly there and prove a fresh worker finishes it (resumeFlows). The release build has no such key.
  if (__TEST__ && (await browser.storage.session.get(TEST_PAUSE_KEY))[TEST_PAUSE_KEY] === true) return;
  await redeem(store, id);
}

/**
 * An ID token in the callback: signature against the issuer's keys, claims per OIDC Core 3.2.2.11 /
 * 3.3.2.12 (nonce against the value sent). When it fails, the flow fails and a hybrid code is not
 * redeemed: a token that is not the issuer's, or not for this request, is exactly what a mix-up or an
 * injection looks like (RFC 9700 4.4, 4.5).
 */
async function frontChannelIdTokenHolds(store: FlowStore, flow: Flow, idToken: string, nonce: string | undefined, p: CallbackParams, clientSecret?: string): Promise<boolean> {
  const { verification, findings } = await checkIdToken(flow, idToken, {
    flow: flow.responseType?.split(' ').includes('code') ? 'hybrid' : 'implicit',
    ...(nonce ? { nonce } : {}),
    ...(p.params.access_token ? { accessToken: p.params.access_token } : {}),
    ...(p.params.code ? { code: p.params.code } : {}),
    ...(p.params.state ? { state: p.params.state } : {}),
    // An HS* ID token is keyed by the client secret (OIDC Core 10.1); it is used only to verify.
    ...(clientSecret ? { clientSecret } : {}),
  });
  const d = decodeToken(idToken);
  const failedCheck = findings.find((f) => f.status === 'fail' && f.severity === 'error');
  const problem =
    verification.status !== 'verified'
      ? `ID token signature: ${verification.message}`
      : d.kind !== 'jwt'
        ? 'The ID token is not a valid JWT.'
        : failedCheck
          ? `ID token check failed: ${failedCheck.message}`
          : undefined;
  await store.update(flow.id, (f) => {
    const step = [...f.steps].reverse().find((s) => s.kind === 'callback');
    if (step?.kind !== 'callback') return undefined;
    step.verification = verification;
    step.idTokenFindings = findings;
    if (problem && f.status !== 'failed' && f.status !== 'observed') {
      f.status = 'failed';
      f.outcome = { kind: 'error', title: f.responseType?.includes('code') ? 'The ID token in the callback failed its checks: the code was not redeemed' : 'The ID token in the callback failed its checks', detail: problem };
    }
    return f;
  });
  return !problem;
}
