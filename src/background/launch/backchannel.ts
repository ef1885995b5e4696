/**
 * Grants with no browser step: client credentials (RFC 6749 4.4), resource owner password (RFC 6749
 * 4.3; RFC 9700 2.4 says it MUST NOT be used, so the flow is flagged), refresh (RFC 6749 6) and token
 * exchange (RFC 8693). The flow is recorded first, so a failure still leaves the request on the timeline.
 */
import type { Flow, FlowSecrets } from '../../core/flow';
import { clientCredentialsTokenRequest, passwordGrantFinding, passwordTokenRequest, refreshTokenRequest, tokenExchangeRequest } from '../../core/grants';
import type { LaunchInput } from '../../core/launch';
import type { TokenRequestOptions } from '../../core/token-request';
import type { FlowStore } from '../flow-store';
import { need } from '../metadata';
import { type BuildRequest, failFlow, recordTokenResult, sendTokenRequest } from '../token-call';

type Backchannel = Extract<LaunchInput, { grant: 'client_credentials' | 'password' | 'refresh_token' | 'token_exchange' }>;

function builder(flow: Flow, l: Backchannel, tokenEndpoint: string): BuildRequest {
  const r = flow.profile.request;
  return (auth) => {
    const o: TokenRequestOptions = { tokenEndpoint, auth, ...(r.resource?.length ? { resource: r.resource } : {}) };
    switch (l.grant) {
      case 'client_credentials':
        return clientCredentialsTokenRequest({ ...o, scope: r.scope });
      case 'password':
        return passwordTokenRequest({ ...o, username: l.username, password: l.password, scope: r.scope });
      case 'refresh_token':
        return refreshTokenRequest({ ...o, refreshToken: l.refreshToken, ...(l.scope ? { scope: l.scope } : {}) });
      case 'token_exchange':
        return tokenExchangeRequest({
          ...o,
          subjectToken: l.subjectToken,
          subjectTokenType: l.subjectTokenType,
          ...(l.actorToken ? { actorToken: l.actorToken, actorTokenType: l.actorTokenType ?? 'urn:ietf:params:oauth:token-type:access_token' } : {}),
          ...(l.requestedTokenType ? { requestedTokenType: l.requestedTokenType } : {}),
          ...(r.audience ? { audience: r.audience } : {}),
          ...(r.scope ? { scope: r.scope } : {}),
        });
    }
  };
}

export function backchannelFindings(l: Backchannel): Flow['findings'] {
  return l.grant === 'password' ? [passwordGrantFinding()] : [];
}

export async function runBackchannel(store: FlowStore, flow: Flow, secrets: FlowSecrets, l: Backchannel): Promise<void> {
  let tokenEndpoint: string;
  try {
    tokenEndpoint = need(flow.metadata, 'token_endpoint', 'this grant');
  } catch (e) {
    return failFlow(store, flow.id, (e as Error).message);
  }
  const exchanges = await sendTokenRequest(flow, secrets, tokenEndpoint, builder(flow, l, tokenEndpoint));
  if ('error' in exchanges) return failFlow(store, flow.id, exchanges.error);
  await recordTokenResult(store, flow, exchanges, undefined, secrets.clientSecret);
  await store.dropSecrets(flow.id);
}
