/**
 * How a flow is named in lists. Its own module, free of the rules engine that flow.ts's summarize
 * runs, so the popup (which only names the last flow) does not carry the rule catalog (bundle-size).
 */
import type { FlowStep } from './flow';
import type { GrantKind } from './launch';
import type { ResponseType } from './profile';

/** How a flow is named in lists: the grant, and for front-channel flows the response type. */
export function flowTitle(f: { grant: GrantKind | 'other'; responseType?: ResponseType; grantType?: string }): string {
  switch (f.grant) {
    case 'other':
      return `Grant ${f.grantType ?? 'unknown'}`;
    case 'authorization':
      return f.responseType === 'code' || !f.responseType ? 'Authorization code' : f.responseType.includes('code') ? `Hybrid (${f.responseType})` : `Implicit (${f.responseType})`;
    case 'device_code':
      return 'Device authorization';
    case 'client_credentials':
      return 'Client credentials';
    case 'password':
      return 'Password (legacy)';
    case 'refresh_token':
      return 'Refresh token';
    case 'token_exchange':
      return 'Token exchange';
  }
}

/** A step's kind in words, for timings and evidence links (the comparison's time rows, the detail's "show step"). */
export const STEP_NAME: Record<FlowStep['kind'], string> = {
  'authorization-request': 'authorization request',
  callback: 'callback',
  exchange: 'exchange',
  'device-poll': 'device polling',
  'token-request': 'token request',
  'token-response': 'token response',
  check: 'check',
};
