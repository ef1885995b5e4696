import { describe, expect, it } from 'vitest';
import { nextPoll, pollDelayMs, pollTimedOut, startDevicePoll, type DevicePollState } from './device-poll';
import type { TokenResponseResult } from './token-response';

const T0 = 1_700_000_000_000; // ms
const pending: TokenResponseResult = { ok: false, problem: 'oauth-error', message: 'the token endpoint answered authorization_pending (HTTP 400)', status: 400, error: 'authorization_pending' };
const oauth = (error: string): TokenResponseResult => ({ ...pending, message: `the token endpoint answered ${error} (HTTP 400)`, error });
const tokens: TokenResponseResult = { ok: true, tokens: { access_token: 'at', token_type: 'Bearer' }, warnings: [] };
const html: TokenResponseResult = { ok: false, problem: 'unexpected-status', message: 'unexpected status 502, not JSON', status: 502 };

/** Runs answers one after another, `interval` seconds apart as a client would. */
function run(answers: TokenResponseResult[], start = startDevicePoll(1800, 5, T0)): DevicePollState {
  return answers.reduce((s, a) => nextPoll(s, a, (s.log.at(-1)?.at ?? T0) + pollDelayMs(s)), start);
}

describe('device polling (RFC 8628 3.5)', () => {
  it('starts pending with the deadline expires_in from now', () => {
    expect(startDevicePoll(1800, 5, T0)).toEqual({ status: 'pending', interval: 5, deadline: T0 + 1_800_000, log: [] });
  });

  it.each([
    ['authorization_pending keeps the interval', [pending, pending], 'pending', 5, ['authorization_pending', 'authorization_pending']],
    ['slow_down adds 5 s for good', [oauth('slow_down'), pending, oauth('slow_down')], 'pending', 15, ['slow_down', 'authorization_pending', 'slow_down']],
    ['tokens: done', [pending, tokens], 'done', 5, ['authorization_pending', 'tokens']],
    ['access_denied: denied', [pending, oauth('access_denied')], 'denied', 5, ['authorization_pending', 'access_denied']],
    ['expired_token: expired', [oauth('expired_token')], 'expired', 5, ['expired_token']],
    ['another error: failed', [oauth('invalid_grant')], 'failed', 5, ['invalid_grant']],
    ['an HTML answer: failed', [html], 'failed', 5, ['unexpected-status']],
    ['answers after the end change nothing', [oauth('access_denied'), tokens, pending], 'denied', 5, ['access_denied']],
  ] as const)('%s', (_what, answers, status, interval, outcomes) => {
    const s = run([...answers]);
    expect(s.status).toBe(status);
    expect(s.interval).toBe(interval);
    expect(s.log.map((e) => e.outcome)).toEqual(outcomes);
  });

  it('logs the time and the interval after each answer', () => {
    const s = run([pending, oauth('slow_down'), pending]);
    expect(s.log).toEqual([
      { at: T0 + 5000, outcome: 'authorization_pending', interval: 5 },
      { at: T0 + 10_000, outcome: 'slow_down', interval: 10 },
      { at: T0 + 20_000, outcome: 'authorization_pending', interval: 10 },
    ]);
  });

  it('keeps the reason for an unhappy end', () => {
    expect(run([oauth('access_denied')]).message).toBe('the user refused the request (access_denied)');
    expect(run([html]).message).toBe('unexpected status 502, not JSON');
  });

  it('a pending answer past the deadline ends the flow as expired', () => {
    const s = nextPoll(startDevicePoll(10, 5, T0), pending, T0 + 10_000);
    expect(s).toMatchObject({ status: 'expired', message: 'the device code expired before the user approved' });
    expect(s.log.at(-1)?.outcome).toBe('deadline');
  });

  it('tokens that come after the deadline still count', () => {
    expect(nextPoll(startDevicePoll(10, 5, T0), tokens, T0 + 60_000).status).toBe('done');
  });

  it('a connection timeout doubles the interval (3.5), until the deadline', () => {
    const once = pollTimedOut(startDevicePoll(60, 5, T0), T0 + 5000);
    expect(once).toMatchObject({ status: 'pending', interval: 10 });
    expect(pollTimedOut(once, T0 + 60_000).status).toBe('expired');
  });

  it('never waits under a second, whatever the server said', () => {
    expect(pollDelayMs(startDevicePoll(60, 0, T0))).toBe(1000);
    expect(pollDelayMs(startDevicePoll(60, 7, T0))).toBe(7000);
  });

  it('redacts an error code that carries a token', () => {
    const s = run([oauth('bad code=2YotnFZFEjr1zCsicMWpAA')]);
    expect(s.log[0]?.outcome).toBe('bad code=[redacted]');
  });
});
