/** How a flow's status reads and looks in the list and the detail header. */
import type { FlowStatus } from '../core/flow';

export const STATUS_TEXT: Record<FlowStatus, string> = {
  authorizing: 'waiting for login',
  'callback-received': 'callback received',
  redeeming: 'redeeming code',
  complete: 'complete',
  failed: 'failed',
  interrupted: 'interrupted',
};

export const STATUS_TONE: Record<FlowStatus, string> = {
  authorizing: 'info',
  'callback-received': 'info',
  redeeming: 'info',
  complete: 'ok',
  failed: 'err',
  interrupted: 'warn',
};

export const GRANT_TEXT = { authorization_code: 'Authorization code + PKCE' } as const;
