/**
 * Redeems the code from the service worker (RFC 6749 4.1.3, RFC 7636 4.5) and records the answer.
 *
 * A restarted worker finds flows left at "callback-received" and redeems them (resumeFlows). A flow
 * left at "redeeming" was cut off mid-request: the code may already be spent (single use, RFC 6749
 * 4.1.2), so it is marked interrupted rather than sent again.
 */
import { stepOf } from '../core/flow';
import { authorizationCodeRequest } from '../core/grants';
import type { FlowStore } from './flow-store';
import { resumePolling } from './launch/device';
import { exclusive, running } from './running';
import { failFlow, recordTokenResult, sendTokenRequest } from './token-call';

export function redeem(store: FlowStore, id: string): Promise<void> {
  return exclusive(id, () => redeemOnce(store, id));
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
  const tokenEndpoint = flow.metadata.token_endpoint;
  if (!secrets || !code) return failFlow(store, id, 'This flow was interrupted: its secrets are gone. Start it again.');
  if (!tokenEndpoint) return failFlow(store, id, 'The provider advertises no token_endpoint: the code cannot be redeemed. Set it by hand in the profile.');
  const exchanges = await sendTokenRequest(flow, secrets, tokenEndpoint, (auth) =>
    authorizationCodeRequest({
      tokenEndpoint,
      auth,
      ...(flow.profile.request.resource?.length ? { resource: flow.profile.request.resource } : {}),
      code,
      redirectUri: flow.profile.redirectUri,
      ...(secrets.codeVerifier ? { codeVerifier: secrets.codeVerifier } : {}),
    }),
  );
  if ('error' in exchanges) return failFlow(store, id, exchanges.error);
  await recordTokenResult(store, flow, exchanges, secrets.nonce, secrets.clientSecret);
  await store.dropSecrets(id);
}

export async function resumeFlows(store: FlowStore): Promise<void> {
  for (const f of await store.all()) {
    // An imported flow (issue 13) is a file's record, never a login to finish.
    if (f.imported) continue;
    if (f.status === 'callback-received') void redeem(store, f.id);
    if (f.status === 'authorizing' && f.profile.redirectMode === 'extension') {
      // Its identity.launchWebAuthFlow call died with the previous worker (see launch/web-auth.ts).
      await store.update(f.id, (cur) => {
        if (cur.status !== 'authorizing' || running.has(cur.id)) return undefined;
        cur.status = 'interrupted';
        cur.outcome = { kind: 'error', title: 'This flow was interrupted: the extension restarted during the login. Start it again.' };
        return cur;
      });
    }
    if (f.status === 'redeeming') {
      await store.update(f.id, (cur) => {
        if (cur.status !== 'redeeming' || running.has(cur.id)) return undefined;
        cur.status = 'failed';
        cur.outcome = { kind: 'error', title: 'This flow was interrupted while waiting for the token endpoint. A code may already be spent: start the flow again.' };
        return cur;
      });
    }
  }
  await resumePolling(store);
}
