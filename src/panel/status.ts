/** How a flow's status reads and looks in the list and the detail header. */
import type { FlowStatus } from '../core/flow';

export const STATUS_TEXT: Record<FlowStatus, string> = {
  authorizing: 'waiting for login',
  'callback-received': 'callback received',
  redeeming: 'requesting tokens',
  polling: 'waiting for the user',
  complete: 'complete',
  observed: 'observed',
  failed: 'failed',
  interrupted: 'interrupted',
};

export const STATUS_TONE: Record<FlowStatus, string> = {
  authorizing: 'info',
  'callback-received': 'info',
  redeeming: 'info',
  polling: 'info',
  complete: 'ok',
  observed: 'ok',
  failed: 'err',
  interrupted: 'warn',
};
