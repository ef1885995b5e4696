/**
 * Findings on an authorization request before it is sent (guide oauth-rules.md, "Authorization
 * request"). Each marks a choice that weakens the flow or breaks a rule; the request is still sent
 * as asked, since seeing how a server reacts is the point of a negative test.
 */
import { failed, type Finding } from './finding';
import type { RequestOptions } from './request-options';

const words = (s: string | undefined): string[] => (s ?? '').split(' ').filter(Boolean);

function stateAndNonce(o: RequestOptions, types: string[]): Finding[] {
  const out: Finding[] = [];
  if (o.state.mode === 'omit') {
    // RFC 9700 2.1.1: PKCE (S256) may stand in for state as CSRF protection; without it nothing does.
    const sev = o.pkce === 'S256' && types.includes('code') ? 'warning' : 'error';
    out.push(failed('state.omitted', sev, 'RFC 6749 10.12, RFC 9700 2.1.1', 'no state is sent: the callback cannot be tied to this browser (CSRF)'));
  } else if (o.state.mode === 'custom') {
    out.push(failed('state.fixed', 'warning', 'RFC 6749 10.10, RFC 9700 2.1.1', 'a fixed state is neither unguessable nor single-use', { actual: o.state.value }));
  }
  if (o.nonce.mode === 'omit' && types.includes('id_token')) {
    out.push(failed('nonce.omitted', 'error', 'OIDC Core 3.2.2.1, 3.3.2.11', `nonce is required when response_type "${o.responseType}" returns an ID token from the front channel`));
  } else if (o.nonce.mode === 'custom') {
    out.push(failed('nonce.fixed', 'warning', 'OIDC Core 3.1.2.1, 15.5.2', 'a fixed nonce does not stop ID token replay', { actual: o.nonce.value }));
  }
  return out;
}

function responseTypeAndPkce(o: RequestOptions, types: string[]): Finding[] {
  const out: Finding[] = [];
  if (types.includes('code') && o.pkce === 'none') {
    out.push(failed('pkce.missing', 'error', 'RFC 9700 2.1.1, RFC 7636 4.2', 'no PKCE: an intercepted or injected code can be redeemed', { expected: 'S256', actual: 'none' }));
  } else if (types.includes('code') && o.pkce === 'plain') {
    out.push(failed('pkce.plain', 'warning', 'RFC 9700 2.1.1, RFC 7636 4.2', 'PKCE plain sends the verifier itself in the URL; S256 does not', { expected: 'S256', actual: 'plain' }));
  }
  if (types.includes('token')) {
    out.push(failed('implicit.token', 'warning', 'RFC 9700 2.1.2', `response_type "${o.responseType}" returns an access token in the front channel`, { actual: o.responseType }));
  }
  // OAuth 2.0 Multiple Response Types 2.1: query encoding "MUST NOT be used" with token or id_token.
  if (o.responseMode === 'query' && (types.includes('token') || types.includes('id_token'))) {
    out.push(failed('request.response-mode-query', 'error', 'OAuth 2.0 Multiple Response Types 2.1', `response_mode query is not allowed with response_type "${o.responseType}"`, { actual: 'query' }));
  }
  return out;
}

/** The claims parameter's shape (OIDC Core 5.5); the catalog's request.claims judge reads it too. */
export function isJsonObject(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** A resource is "an absolute URI ... MUST NOT include a fragment component" (RFC 8707 2). */
const badResource = (r: string): boolean => !URL.canParse(r) || r.includes('#');

function otherParams(o: RequestOptions, sent: { params: Record<string, string>; resource: string[] }): Finding[] {
  const out: Finding[] = [];
  const p = sent.params;
  if (p.max_age !== undefined && !/^[0-9]+$/.test(p.max_age)) {
    out.push(failed('request.max-age', 'warning', 'OIDC Core 3.1.2.1', 'max_age is not a non-negative whole number of seconds', { expected: 'an integer >= 0', actual: p.max_age }));
  }
  if (p.claims !== undefined && !isJsonObject(p.claims)) {
    out.push(failed('request.claims', 'warning', 'OIDC Core 5.5', 'the claims parameter is not a JSON object'));
  }
  const prompts = words(p.prompt);
  if (prompts.includes('none') && prompts.length > 1) {
    out.push(failed('request.prompt-none', 'warning', 'OIDC Core 3.1.2.1', 'prompt none with any other value is an error', { actual: p.prompt }));
  }
  if (words(o.scope).includes('offline_access') && !prompts.includes('consent')) {
    out.push(failed('request.offline-access', 'warning', 'OIDC Core 11', 'offline_access without prompt=consent is usually ignored', { expected: 'consent', actual: p.prompt }));
  }
  const bad = sent.resource.find(badResource);
  if (bad !== undefined) {
    out.push(failed('request.resource', 'warning', 'RFC 8707 2', 'a resource must be an absolute URI without a fragment', { actual: bad }));
  }
  return out;
}

export function requestFindings(o: RequestOptions, sent: { params: Record<string, string>; resource: string[] }): Finding[] {
  const types = words(o.responseType);
  return [...stateAndNonce(o, types), ...responseTypeAndPkce(o, types), ...otherParams(o, sent)];
}
