/**
 * Checks on an authorization response (guide oauth-rules.md, "Authorization response").
 * Only problems are returned: an empty list means nothing was wrong.
 */
import type { CallbackParams } from './callback';
import { failed, type Finding } from './finding';

export interface CallbackExpectations {
  /** The state sent in the request, if any. */
  state?: string;
  /** The issuer identifier, compared exactly with `iss` (RFC 9207 2.4). */
  issuer?: string;
  /** The server advertises authorization_response_iss_parameter_supported (RFC 9207 3). */
  issRequired?: boolean;
  responseType?: string;
}

/** Implicit and hybrid answers hold these; they belong in the fragment, never the query. */
const FRAGMENT_ONLY = ['access_token', 'id_token'];

function stateChecks(got: string | undefined, sent: string | undefined): Finding[] {
  if (sent && got === undefined) {
    return [failed('state-missing', 'error', 'RFC 6749 4.1.2, 10.12', 'state was sent but did not come back', { expected: sent })];
  }
  if (sent && got !== sent) {
    // state is not a secret (it travels in URLs), so both values are shown as evidence.
    return [failed('state-mismatch', 'error', 'RFC 6749 4.1.2, 10.12', 'state differs from the one sent', { expected: sent, actual: got })];
  }
  if (!sent && got !== undefined) {
    return [failed('state-unexpected', 'warning', 'RFC 6749 4.1.2', 'a state came back although none was sent', { actual: got })];
  }
  return [];
}

function issChecks(got: string | undefined, exp: CallbackExpectations, hasIdToken: boolean): Finding[] {
  if (got === undefined) {
    // A response that carries an ID Token names its issuer in the token's iss claim, which the ID
    // token checks compare with the issuer (OIDC Core 3.2.2.11, 3.1.3.7 (2)); oidc-provider leaves
    // the iss parameter out of such responses. The claim check stands in for it, so no failure here.
    return exp.issRequired && !hasIdToken
      ? [failed('iss-missing', 'error', 'RFC 9207 2.4', 'the server advertises the iss parameter but sent none', exp.issuer ? { expected: exp.issuer } : {})]
      : [];
  }
  if (exp.issuer !== undefined && got !== exp.issuer) {
    return [failed('iss-mismatch', 'error', 'RFC 9207 2.4', 'iss is not the expected issuer (compared exactly)', { expected: exp.issuer, actual: got })];
  }
  return [];
}

function placementChecks(p: CallbackParams, responseType: string | undefined): Finding[] {
  const inQuery = (name: string) =>
    Object.hasOwn(p.params, name) && (p.from ? p.from[name] === 'query' : p.source === 'query');
  const leaked = FRAGMENT_ONLY.filter(inQuery);
  if (leaked.length > 0) {
    return [failed('implicit-in-query', 'error', 'OIDC Core 3.2.2.5, 3.3.2.5', `${leaked.join(' and ')} came in the query; they must only come in the fragment`, { expected: 'fragment', actual: 'query' })];
  }
  // OAuth 2.0 Multiple Response Types 2.1: query encoding MUST NOT be used when token is in the response_type.
  const types = (responseType ?? '').split(' ');
  if ((types.includes('token') || types.includes('id_token')) && p.source === 'query') {
    return [failed('implicit-in-query', 'error', 'OAuth 2.0 Multiple Response Types 2.1', `the answer to response_type "${responseType}" came in the query, not the fragment`, { expected: 'fragment', actual: 'query' })];
  }
  return [];
}

export function checkCallback(p: CallbackParams, expected: CallbackExpectations): Finding[] {
  const get = (name: string) => (Object.hasOwn(p.params, name) ? p.params[name] : undefined);
  return [
    ...stateChecks(get('state'), expected.state),
    ...p.duplicates.map((name) =>
      failed('duplicate-param', 'error', 'RFC 6749 3.1', `${name} appears more than once in the response`, { actual: name }),
    ),
    ...issChecks(get('iss'), expected, get('id_token') !== undefined),
    ...placementChecks(p, expected.responseType),
  ];
}
