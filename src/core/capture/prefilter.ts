/**
 * The cheap first look every request gets before anything is parsed, so pages that do no OAuth pay
 * next to nothing: one regular expression over the URL, and for a POST one over its field names.
 * False positives are fine (the recogniser decides); a false negative loses a step, so the hints are
 * every parameter and path an OAuth or OIDC request can be recognised by.
 */
import type { KnownEndpoints } from './types';

/** Parameters that mark authorization requests, callbacks and token calls (RFC 6749 4.1-4.2, 5.2). */
const PARAMS = 'response_type|client_id|code|state|error|access_token|id_token|request_uri|grant_type|token|iss|session_state';
/** Endpoint paths: discovery (RFC 8414 3, OIDC Discovery 4), JWKS, userinfo, introspection, revocation, device, PAR. */
const PATHS = String.raw`\.well-known\/(?:openid-configuration|oauth-authorization-server)|jwks|\/certs\b|\/keys\b|userinfo|introspect|revo[ck]|device|\/par\b|\/token\b|oauth|\/authori[sz]e`;

const URL_HINT = new RegExp(String.raw`[?&#](?:${PARAMS})=|${PATHS}`, 'i');
const BODY_FIELD = /^(?:grant_type|response_type|client_id|client_assertion|token|request|request_uri|code|state|id_token|access_token)$/;
const BODY_TEXT = /grant_type|response_type|client_id|client_assertion|"token"|(?:^|&)token=|(?:^|&)(?:code|id_token|access_token|error)=/;

export function urlMightBeOAuth(url: string): boolean {
  return URL_HINT.test(url);
}

export function bodyMightBeOAuth(body: { form?: Record<string, string[]>; bodyText?: string }): boolean {
  if (body.form && Object.keys(body.form).some((k) => BODY_FIELD.test(k))) return true;
  return !!body.bodyText && BODY_TEXT.test(body.bodyText.slice(0, 4096));
}

/**
 * Whether the URL, without query or fragment, is an endpoint a discovery document named. Browsers hand
 * over normalised URLs, as discoveryEndpoints (recognise-provider.ts) stores them, so no parse is needed.
 */
function isKnown(url: string, known: KnownEndpoints): boolean {
  const end = url.search(/[?#]/);
  return Object.hasOwn(known, end < 0 ? url : url.slice(0, end));
}

/**
 * True when the request may be an OAuth step and deserves the recogniser's look. `known` lets through
 * endpoints whose paths say nothing, like oidc-provider's userinfo at /me.
 */
export function mightBeOAuth(r: { url: string; method: string; form?: Record<string, string[]>; bodyText?: string }, known?: KnownEndpoints): boolean {
  return urlMightBeOAuth(r.url) || (r.method.toUpperCase() === 'POST' && bodyMightBeOAuth(r)) || (!!known && isKnown(r.url, known));
}
