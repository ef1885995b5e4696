/**
 * The device authorization grant, RFC 8628: reading the device authorization response (3.2). The
 * token polling that follows is the state machine in device-poll.ts; the poll request itself is
 * deviceCodeTokenRequest in grants.ts.
 */
import { failed, type Finding } from './finding';
import { httpUrl, isBad, requiredString, seconds } from './answer-fields';
import { badField, readJsonObject, type AnswerProblem, type HttpAnswer } from './json-answer';
import { ok, type Result } from './result';

export { nextPoll, pollDelayMs, pollTimedOut, startDevicePoll, type DevicePollEntry, type DevicePollState, type DevicePollStatus } from './device-poll';

export interface DeviceAuthorization {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete?: string;
  /** Seconds the device_code and user_code live. */
  expires_in: number;
  /** Seconds to wait between polls: the server's, or 5 (3.2: "clients MUST use 5 as the default"). */
  interval: number;
  warnings: Finding[];
}

const NAMES = { endpoint: 'the device authorization endpoint', response: 'the device authorization response' };
const DEFAULT_INTERVAL_S = 5;

export function parseDeviceAuthorizationResponse(answer: HttpAnswer): Result<DeviceAuthorization, AnswerProblem> {
  const read = readJsonObject(answer, NAMES);
  if (!read.ok) return read;
  const doc = { ...read.value };
  const warnings: Finding[] = [];
  // Google's endpoint says verification_url; still usable, but not what 3.2 names.
  if (doc.verification_uri === undefined && typeof doc.verification_url === 'string') {
    doc.verification_uri = doc.verification_url;
    warnings.push(failed('device.verification-uri-name', 'warning', 'RFC 8628 3.2', 'the response says verification_url, not verification_uri', { expected: 'verification_uri', actual: 'verification_url' }));
  }
  const deviceCode = requiredString(doc, 'device_code');
  if (isBad(deviceCode)) return badField(answer, deviceCode.field, deviceCode.message);
  const userCode = requiredString(doc, 'user_code');
  if (isBad(userCode)) return badField(answer, userCode.field, userCode.message);
  const uri = httpUrl(doc, 'verification_uri', true);
  if (isBad(uri)) return badField(answer, uri.field, uri.message);
  const complete = httpUrl(doc, 'verification_uri_complete', false);
  if (isBad(complete)) return badField(answer, complete.field, complete.message);
  const expiresIn = seconds(doc, 'expires_in', { min: 1 });
  if (isBad(expiresIn)) return badField(answer, expiresIn.field, expiresIn.message);
  const interval = seconds(doc, 'interval', { fallback: DEFAULT_INTERVAL_S });
  if (isBad(interval)) return badField(answer, interval.field, interval.message);

  if (answer.status !== 200) {
    warnings.push(failed('device.status-200', 'warning', 'RFC 8628 3.2', `a device authorization response should be 200 OK, got ${answer.status}`, { expected: '200', actual: String(answer.status) }));
  }
  return ok({
    device_code: deviceCode.value,
    user_code: userCode.value,
    verification_uri: uri.value ?? '',
    ...(complete.value !== undefined ? { verification_uri_complete: complete.value } : {}),
    expires_in: expiresIn.value,
    interval: interval.value,
    warnings,
  });
}
