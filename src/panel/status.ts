/** How a flow's status reads and looks in the list and the detail header. */
import type { Flow, FlowStatus } from '../core/flow';

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

/**
 * A recorded flow's status means what was seen, not what Grantscope is doing: 'redeeming' there is
 * a token request whose answer the browser did not show, 'observed' a callback that reached the app.
 */
const CAPTURED_TEXT: Partial<Record<FlowStatus, string>> = {
  authorizing: 'request seen',
  observed: 'callback at the app',
  redeeming: 'token request seen',
};

export function statusText(status: FlowStatus, source: Flow['source'] = 'launched'): string {
  return (source === 'captured' ? CAPTURED_TEXT[status] : undefined) ?? STATUS_TEXT[status];
}

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
