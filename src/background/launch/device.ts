/**
 * The device authorization grant (RFC 8628): ask for a user code, show it (and a QR code of
 * verification_uri_complete), then poll the token endpoint at the server's interval until the person
 * approves or refuses, or the code expires (3.5). slow_down adds 5 s to the interval for good.
 *
 * Polling state lives in the flow's device-poll step, so a restarted worker picks it up (resumePolling).
 * Each poll writes to storage, which also keeps the worker from being stopped as idle.
 */
import type { JWK } from 'jose';
import { clientAuthentication } from '../../core/client-auth';
import { type DevicePollState, nextPoll, parseDeviceAuthorizationResponse, pollDelayMs } from '../../core/device';
import type { DevicePollStep, Flow, FlowSecrets } from '../../core/flow';
import { stepOf } from '../../core/flow';
import { deviceCodeTokenRequest } from '../../core/grants';
import type { StartFlowResult } from '../../shared/messages';
import type { FlowStore } from '../flow-store';
import { refusalDetail, refusalError } from '../../core/refusal';
import { postedExchange } from '../provider-fetch';
import { LaunchError, need } from '../metadata';
import { failFlow, recordTokenResult, sendTokenRequest } from '../token-call';
import { logText } from '../../core/redact';

const polling = new Set<string>();

export async function startDevice(store: FlowStore, flow: Flow, secrets: FlowSecrets): Promise<StartFlowResult> {
  const endpoint = need(flow.metadata, 'device_authorization_endpoint', 'the device grant');
  need(flow.metadata, 'token_endpoint', 'the device grant');
  const auth = await clientAuthentication(
    { clientId: flow.profile.clientId, method: flow.profile.authMethod, ...(secrets.clientSecret ? { secret: secrets.clientSecret } : {}), ...(secrets.privateJwk ? { privateJwk: secrets.privateJwk as JWK } : {}) },
    flow.metadata.issuer,
  );
  if (!auth.ok) throw new LaunchError(`Client authentication: ${auth.error.message}`);
  // RFC 8628 3.1: client_id (or client authentication) and scope, form-encoded.
  const params: Record<string, string> = { ...auth.value.params, ...(flow.profile.request.scope ? { scope: flow.profile.request.scope } : {}) };
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', ...auth.value.headers };
  const { step, got } = await postedExchange(flow.profile, 'Device authorization request (RFC 8628 3.1)', endpoint, { headers, params, body: new URLSearchParams(params).toString() });
  const parsed = got.ok ? parseDeviceAuthorizationResponse(got.answer) : undefined;
  if (got.ok) step.response = got.answer;
  if (!parsed?.ok) {
    // The provider's error and error_description go on the banner, not only under Raw (issue 10).
    const problem = !got.ok ? { message: got.message } : parsed && !parsed.ok ? parsed.error : { message: 'no answer' };
    const error = refusalError(problem);
    const title = error ? `Device authorization refused: ${error}` : 'Device authorization failed';
    await store.add({ ...flow, status: 'failed', steps: [{ ...step, problem: refusalDetail(problem) }], outcome: { kind: 'error', title, detail: refusalDetail(problem) } });
    return { flowId: flow.id };
  }
  const d = parsed.value;
  step.summary = { user_code: d.user_code, verification_uri: d.verification_uri, ...(d.verification_uri_complete ? { verification_uri_complete: d.verification_uri_complete } : {}), expires_in: String(d.expires_in), interval: String(d.interval) };
  const now = Date.now();
  const poll: DevicePollStep = {
    kind: 'device-poll',
    at: now,
    userCode: d.user_code,
    verificationUri: d.verification_uri,
    ...(d.verification_uri_complete ? { verificationUriComplete: d.verification_uri_complete } : {}),
    expiresAt: now + d.expires_in * 1000,
    intervalSec: d.interval,
    polls: [],
  };
  await store.add({ ...flow, steps: [step, poll] }, { ...secrets, deviceCode: d.device_code });
  void pollUntilDone(store, flow.id).catch((e: unknown) => console.error('Grantscope device poll:', logText(e)));
  return { flowId: flow.id };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pollUntilDone(store: FlowStore, id: string): Promise<void> {
  if (polling.has(id)) return;
  polling.add(id);
  try {
    for (;;) {
      const flow = await store.get(id);
      const step = flow && stepOf(flow, 'device-poll');
      const secrets = await store.secrets(id);
      if (!flow || !step || flow.status !== 'polling') return;
      if (!secrets?.deviceCode) return failFlow(store, id, 'This flow was interrupted: its device code is gone (was the extension reloaded?). Start it again.');
      let state: DevicePollState = { interval: step.intervalSec, deadline: step.expiresAt, status: 'pending', log: [] };
      await sleep(pollDelayMs(state));
      const tokenEndpoint = need(flow.metadata, 'token_endpoint', 'the device grant');
      const deviceCode = secrets.deviceCode;
      const exchanges = await sendTokenRequest(flow, secrets, tokenEndpoint, (auth) => deviceCodeTokenRequest({ tokenEndpoint, auth, deviceCode }));
      if ('error' in exchanges) return failFlow(store, id, exchanges.error);
      const answer = exchanges[exchanges.length - 1]!.result;
      if (!answer.ok && answer.problem === 'network') {
        // A network failure is not an answer (RFC 8628 3.5 covers answers): try again next interval.
        await noteForPoll(store, id, `no answer: ${answer.message}`, state.interval);
        continue;
      }
      state = nextPoll(state, answer, Date.now());
      const result = answer.ok ? 'tokens issued' : (answer.error ?? answer.problem);
      await noteForPoll(store, id, result, state.interval);
      if (state.status === 'pending') continue;
      const current = (await store.get(id)) ?? flow;
      if (state.status === 'done' || state.status === 'failed') await recordTokenResult(store, current, exchanges, undefined, secrets.clientSecret);
      else {
        const description = answer.ok ? undefined : refusalDetail(answer);
        await failFlow(store, id, state.status === 'denied' ? 'The user refused (access_denied, RFC 8628 3.5)' : 'The device code expired before the user approved (expired_token, RFC 8628 3.5)', description);
      }
      await store.dropSecrets(id);
      return;
    }
  } finally {
    polling.delete(id);
  }
}

function noteForPoll(store: FlowStore, id: string, result: string, intervalSec: number): Promise<Flow | undefined> {
  return store.update(id, (f) => {
    const s = stepOf(f, 'device-poll');
    if (!s) return undefined;
    s.polls.push({ at: Date.now(), result });
    s.intervalSec = intervalSec;
    return f;
  });
}

/** After a worker restart: pick up every device flow still waiting. */
export async function resumePolling(store: FlowStore): Promise<void> {
  for (const f of await store.all()) if (f.status === 'polling') void pollUntilDone(store, f.id).catch(() => undefined);
}
