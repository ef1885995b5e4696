/**
 * Is this request an authorization response arriving at a redirect URI? By redirect (query or
 * fragment: RFC 6749 4.1.2 / 4.2.2, OIDC Core 3.2.2.5) or by auto-submitted form (Form Post Response
 * Mode 2). Many ordinary pages carry `?code=` (promo codes, postcodes), so the rule is:
 *
 *  - `state` or `iss` present (RFC 6749 4.1.2, RFC 9207 2): a callback, on any kind of load;
 *  - a fetch/XHR (or 'other') without them is not: `?code=` or `?access_token=` on an API call is a
 *    coupon or an RFC 6750 2.3 bearer token in the query, not a response sent to a redirect URI;
 *  - a page or frame load without them is kept when the path looks like a redirect URI (callback,
 *    redirect, auth, signin, login, sso, /cb) or OIDC Session Management's `session_state` is there,
 *    and the code is not a short number (a one-time passcode, not an RFC 6749 10.10 code);
 *  - `error` counts when it is a registered code (RFC 6749 4.1.2.1, OIDC Core 3.1.2.6) or comes with
 *    state; access_token / id_token count on page and frame loads.
 * The correlator may still find no flow for a kept request; it shows it as an orphan.
 */
import { parseCallbackUrl } from '../callback';
import type { ObservedRequest, Recognised } from './types';
import { has, PATH_MAX, type BodyParams } from './recognise-body';

const ERROR_CODES = new Set([
  // RFC 6749 4.1.2.1 / 4.2.2.1
  'invalid_request', 'unauthorized_client', 'access_denied', 'unsupported_response_type', 'invalid_scope',
  'server_error', 'temporarily_unavailable',
  // OIDC Core 3.1.2.6
  'interaction_required', 'login_required', 'account_selection_required', 'consent_required',
  'invalid_request_uri', 'invalid_request_object', 'request_not_supported', 'request_uri_not_supported',
  'registration_not_supported',
]);

const REDIRECT_PATH = /callback|redirect|auth|sign-?_?in|log-?_?in|sso|\/cb(?:\/|$)/i;
/** 4 to 8 digits: what a person types from an SMS or an authenticator app. */
const OTP = /^\d{4,8}$/;
/** The length test first, so the pattern never sees a long hostile value. */
const isOtp = (code: string): boolean => code.length <= 8 && OTP.test(code);
/** Parameters only a request carries: a URL or body with them is not a response. */
const REQUEST_ONLY = ['response_type', 'grant_type', 'client_secret', 'code_verifier', 'password'];

type Frame = ObservedRequest['frame'];

function isResponse(p: Record<string, string>, frame: Frame, path: string, formPost: boolean): boolean {
  if (REQUEST_ONLY.some((n) => has(p, n))) return false;
  const bound = has(p, 'state') || has(p, 'iss');
  const page = frame === 'main' || frame === 'sub';
  if (has(p, 'error') && (ERROR_CODES.has(p.error ?? '') || bound)) return true;
  if ((has(p, 'access_token') || has(p, 'id_token')) && (page || bound)) return true;
  const code = has(p, 'code') ? (p.code ?? '') : '';
  if (code === '') return false;
  // A form post without state or iss is a login or MFA form ("code=123456"), not Form Post Response Mode.
  if (formPost) return bound && !isOtp(code);
  if (bound) return true;
  const redirectPath = path.length <= PATH_MAX && REDIRECT_PATH.test(path);
  return page && !isOtp(code) && (redirectPath || has(p, 'session_state'));
}

/** A GET whose query and/or fragment is an authorization response. */
export function callbackFromUrl(u: URL, url: string, frame: Frame): Recognised | null {
  const r = parseCallbackUrl(url);
  if (!r.ok || r.value.source === 'none' || r.value.source === 'form_post') return null;
  const { params, source, duplicates } = r.value;
  if (!isResponse(params, frame, u.pathname, false)) return null;
  return { kind: 'callback', redirectUri: u.origin + u.pathname, params, source, duplicates };
}

/** A page or frame POST whose urlencoded body is an authorization response (Form Post Response Mode 2). */
export function callbackFromForm(u: URL, frame: Frame, body: BodyParams): Recognised | null {
  if (frame !== 'main' && frame !== 'sub') return null;
  if (body.format !== 'form' || !isResponse(body.params, frame, u.pathname, true)) return null;
  return { kind: 'callback', redirectUri: u.origin + u.pathname, params: body.params, source: 'form_post', duplicates: body.duplicates };
}
