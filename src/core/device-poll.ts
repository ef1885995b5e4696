/**
 * Polling the token endpoint in the device flow (RFC 8628 3.4, 3.5) as a pure state machine: the
 * caller makes each request, hands the parsed answer to nextPoll, and waits pollDelayMs before the
 * next one while the status is 'pending'.
 *
 *                  authorization_pending: interval kept
 *                  slow_down: interval += 5 s, for good
 *                  connection timeout: interval doubled
 *                    ┌────────┐
 *                    ▼        │
 *   startDevicePoll ─▶ pending ─┬─ tokens ───────────────────────▶ done
 *                              ├─ access_denied ────────────────▶ denied
 *                              ├─ expired_token, or past the deadline ─▶ expired
 *                              └─ any other answer ─────────────▶ failed
 *
 * The last four are final: a late answer to a finished state changes nothing.
 */
import { redactText } from './redact';
import type { TokenResponseResult } from './token-response';

export type DevicePollStatus = 'pending' | 'done' | 'denied' | 'expired' | 'failed';

export interface DevicePollEntry {
  /** When the answer came, ms since the epoch. */
  at: number;
  /** 'tokens', the OAuth error code, 'timeout', 'deadline', or the problem ('not-json', ...). */
  outcome: string;
  /** The interval in force after this answer, in seconds. */
  interval: number;
}

export interface DevicePollState {
  status: DevicePollStatus;
  /** Seconds between polls. */
  interval: number;
  /** When the device_code expires, ms since the epoch (now + expires_in). */
  deadline: number;
  log: DevicePollEntry[];
  /** Why the flow ended, when it did not end with tokens; plain text, redacted. */
  message?: string;
}

/** 3.5: "the interval MUST be increased by 5 seconds for this and all subsequent requests". */
const SLOW_DOWN_STEP_S = 5;

/** From the device authorization response (device.ts): its expires_in and interval, in seconds. */
export function startDevicePoll(expiresIn: number, interval: number, now: number): DevicePollState {
  return { status: 'pending', interval, deadline: now + expiresIn * 1000, log: [] };
}

function settle(state: DevicePollState, now: number, outcome: string, status: DevicePollStatus, interval = state.interval, message?: string): DevicePollState {
  const next: DevicePollState = { ...state, status, interval, log: [...state.log, { at: now, outcome, interval }] };
  if (message !== undefined) next.message = message;
  return next;
}

export function nextPoll(state: DevicePollState, answer: TokenResponseResult, now: number): DevicePollState {
  if (state.status !== 'pending') return state;
  // Tokens are tokens, even if they came after the deadline: the server issued them.
  if (answer.ok) return settle(state, now, 'tokens', 'done');
  const error = answer.problem === 'oauth-error' ? answer.error : undefined;
  // 3.5: access_denied and expired_token end the flow; the person or the clock said no.
  if (error === 'access_denied') return settle(state, now, error, 'denied', state.interval, 'the user refused the request (access_denied)');
  if (error === 'expired_token') return settle(state, now, error, 'expired', state.interval, 'the device code expired (expired_token)');
  if (error === 'authorization_pending' || error === 'slow_down') {
    const interval = error === 'slow_down' ? state.interval + SLOW_DOWN_STEP_S : state.interval;
    // Polling past the deadline is pointless: the code is dead even if the server still says pending.
    if (now >= state.deadline) return settle(state, now, 'deadline', 'expired', interval, 'the device code expired before the user approved');
    return settle(state, now, error, 'pending', interval);
  }
  // Any other error (invalid_grant, invalid_client, ...) or a broken answer: 3.5 gives no retry.
  const outcome = error === undefined ? answer.problem : redactText(error).slice(0, 80);
  return settle(state, now, outcome, 'failed', state.interval, answer.message);
}

/**
 * 3.5: on a connection timeout the client "MUST reduce its polling frequency before retrying";
 * doubling the interval is the RECOMMENDED way, and the one used here.
 */
export function pollTimedOut(state: DevicePollState, now: number): DevicePollState {
  if (state.status !== 'pending') return state;
  if (now >= state.deadline) return settle(state, now, 'deadline', 'expired', state.interval, 'the device code expired before the user approved');
  return settle(state, now, 'timeout', 'pending', Math.max(state.interval, 1) * 2);
}

/**
 * How long to wait before the next poll. Never under one second: a server that says interval 0
 * (or a hostile one) must not make the browser hammer it. Meaningful only while 'pending'.
 */
export function pollDelayMs(state: DevicePollState): number {
  return Math.max(state.interval, 1) * 1000;
}
