/**
 * The cheap first look every request gets before anything is parsed, so pages that do no OAuth pay
 * next to nothing: one regular expression over the URL, and for a POST one over its field names.
 * False positives are fine (the recogniser decides); a false negative loses a step, so the hints are
 * every parameter and path an OAuth or OIDC request can be recognised by.
 */
import { FORM_KEYS_MAX, URL_CAP } from './limits';
import type { KnownEndpoints } from './types';

/** Parameters that mark authorization requests, callbacks and token calls (RFC 6749 4.1-4.2, 5.2). */
const PARAMS = 'response_type|client_id|code|state|error|access_token|id_token|request_uri|grant_type|token|iss|session_state';
/** Endpoint paths: discovery (RFC 8414 3, OIDC Discovery 4), JWKS, userinfo, introspection, revocation, device, PAR. */
const PATHS = String.raw`\.well-known\/(?:openid-configuration|oauth-authorization-server)|jwks|\/certs\b|\/keys\b|userinfo|introspect|revo[ck]|device|\/par\b|\/token\b|oauth|\/authori[sz]e`;

const URL_HINT = new RegExp(String.raw`[?&#](?:${PARAMS})=|${PATHS}`, 'i');
const BODY_FIELD = /^(?:grant_type|response_type|client_id|client_assertion|token|request|request_uri|code|state|id_token|access_token)$/;
const BODY_TEXT = /grant_type|response_type|client_id|client_assertion|"token"|(?:^|&)token=|(?:^|&)(?:code|id_token|access_token|error)=/;

/**
 * Every input is cut before a pattern sees it (issue 9): sources cut already (limits.ts fitObserved),
 * and these cuts keep the prefilter bounded even for a caller that did not. The patterns are one
 * alternation of literals, linear anyway; the cut bounds how long "linear" is.
 */
export function urlMightBeOAuth(url: string): boolean {
  return URL_HINT.test(url.length > URL_CAP ? url.slice(0, URL_CAP) : url);
}

/** Field names are matched whole, so a name longer than the longest hint is none of them. */
const FIELD_NAME_MAX = 32;

function formHasHint(form: Record<string, string[]>): boolean {
  let n = 0;
  for (const k in form) {
    if (++n > FORM_KEYS_MAX) return false;
    if (k.length <= FIELD_NAME_MAX && BODY_FIELD.test(k)) return true;
  }
  return false;
}

export function bodyMightBeOAuth(body: { form?: Record<string, string[]>; bodyText?: string }): boolean {
  if (body.form && formHasHint(body.form)) return true;
  return !!body.bodyText && BODY_TEXT.test(body.bodyText.slice(0, 4096));
}

/**
 * Whether the URL, without query or fragment, is an endpoint a discovery document named. Browsers hand
 * over normalised URLs, as discoveryEndpoints (recognise-provider.ts) stores them, so no parse is needed.
 */
function isKnown(url: string, known: KnownEndpoints): boolean {
  const head = url.length > URL_CAP ? url.slice(0, URL_CAP) : url;
  const end = head.search(/[?#]/);
  return Object.hasOwn(known, end < 0 ? head : head.slice(0, end));
}

/**
 * True when the request may be an OAuth step and deserves the recogniser's look. `known` lets through
 * endpoints whose paths say nothing, like oidc-provider's userinfo at /me.
 */
export function mightBeOAuth(r: { url: string; method: string; form?: Record<string, string[]>; bodyText?: string }, known?: KnownEndpoints): boolean {
  return urlMightBeOAuth(r.url) || (r.method.toUpperCase() === 'POST' && bodyMightBeOAuth(r)) || (!!known && isKnown(r.url, known));
}
