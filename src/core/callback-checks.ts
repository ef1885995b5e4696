/**
 * Checks on an authorization response (guide oauth-rules.md, "Authorization response"), one function
 * per catalog rule (src/core/rules/catalog-callback.ts). Each gives the rule's outcome: pass, fail, or
 * n/a when the rule has nothing to hold this response to. The worker runs checkCallback when a
 * launched flow's callback arrives (a failed state or iss stops the code from being redeemed); the
 * rules engine runs the same functions over any flow that has a callback.
 * Evidence holds state and iss values (they travel in URLs and are not secrets), never a code or token.
 */
import type { CallbackParams } from './callback';
import { failed, type Finding, notApplicable, passed } from './finding';
import { decodeToken } from './jwt';

/** The iss claim of an ID token, read without trusting it (only to compare with the iss parameter). */
function idTokenIss(jwt: string | undefined): string | undefined {
  if (!jwt) return undefined;
  const d = decodeToken(jwt);
  return d.kind === 'jwt' && typeof d.payload.iss === 'string' ? d.payload.iss : undefined;
}

export interface CallbackExpectations {
  /** The state sent in the request, if any. */
  state?: string;
  /** The issuer identifier, compared exactly with `iss` (RFC 9207 2.4). */
  issuer?: string;
  /** The server advertises authorization_response_iss_parameter_supported (RFC 9207 3). */
  issRequired?: boolean;
  /** No discovery document is known (a recorded flow whose issuer is not confirmed): whether iss is advertised is unknown. */
  discoveryUnknown?: boolean;
  responseType?: string;
  /** The response_mode the request sent, if any (OAuth 2.0 Multiple Response Types 2.1, 5). */
  responseMode?: string;
}

type Ev = { step?: number };

const STATE = 'RFC 6749 4.1.2, 10.12';
const ISS = 'RFC 9207 2.4';

const get = (p: CallbackParams, name: string): string | undefined => (Object.hasOwn(p.params, name) ? p.params[name] : undefined);

export function stateMissing(p: CallbackParams, sent: string | undefined, ev: Ev = {}): Finding {
  const got = get(p, 'state');
  if (sent === undefined) return notApplicable('state.missing', STATE, 'no state was sent, so none has to come back');
  return got === undefined
    ? failed('state.missing', 'error', STATE, 'state was sent but did not come back', { ...ev, param: 'state', expected: sent })
    : passed('state.missing', STATE, 'state came back', { ...ev, param: 'state' });
}

export function stateMismatch(p: CallbackParams, sent: string | undefined, ev: Ev = {}): Finding {
  const got = get(p, 'state');
  if (sent === undefined || got === undefined) return notApplicable('state.mismatch', STATE, sent === undefined ? 'no state was sent' : 'no state came back to compare');
  // state is not a secret (it travels in URLs), so both values are shown as evidence.
  return got === sent
    ? passed('state.mismatch', STATE, 'state matched the one sent', { ...ev, param: 'state', expected: sent, actual: got })
    : failed('state.mismatch', 'error', STATE, 'state differs from the one sent', { ...ev, param: 'state', expected: sent, actual: got });
}

export function stateUnexpected(p: CallbackParams, sent: string | undefined, ev: Ev = {}): Finding {
  const got = get(p, 'state');
  if (sent !== undefined) return notApplicable('state.unexpected', 'RFC 6749 4.1.2', 'a state was sent');
  return got === undefined
    ? notApplicable('state.unexpected', 'RFC 6749 4.1.2', 'no state was sent and none came back')
    : failed('state.unexpected', 'warning', 'RFC 6749 4.1.2', 'a state came back although none was sent', { ...ev, param: 'state', actual: got });
}

/**
 * RFC 6749 3.1: "Request and response parameters MUST NOT be included more than once." One finding
 * for all of them, naming the first few: a hostile callback can repeat 50,000 names (bounded input).
 */
export function duplicateParams(p: CallbackParams, ev: Ev = {}): Finding[] {
  const names = p.duplicates;
  if (names.length === 0) return [passed('callback.duplicate-param', 'RFC 6749 3.1', 'no parameter appears twice', ev)];
  const shown = names.slice(0, 5).map((n) => (n.length > 40 ? `${n.slice(0, 40)}…` : n)).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
  return [failed('callback.duplicate-param', 'error', 'RFC 6749 3.1', `${shown} ${names.length === 1 ? 'appears' : 'appear'} more than once in the response`, { ...ev, param: names[0]!.slice(0, 40), actual: shown })];
}

export function issMissing(p: CallbackParams, exp: CallbackExpectations, ev: Ev = {}): Finding {
  // Unknown is not "no": a recorded flow's guessed issuer has no discovery Grantscope trusts (capture/trust.ts).
  if (!exp.issRequired && exp.discoveryUnknown) return notApplicable('callback.iss.missing', ISS, "the issuer's discovery is not confirmed, so whether it advertises the iss parameter is unknown");
  if (!exp.issRequired) return notApplicable('callback.iss.missing', ISS, 'the server does not advertise the iss parameter (authorization_response_iss_parameter_supported)');
  if (get(p, 'iss') !== undefined) return passed('callback.iss.missing', ISS, 'iss is present, as advertised', { ...ev, param: 'iss' });
  // A response that carries an ID Token names its issuer in the token's iss claim, which the ID
  // token checks compare with the issuer (OIDC Core 3.2.2.11, 3.1.3.7 (2)); oidc-provider leaves
  // the iss parameter out of such responses. The claim check stands in for it, so no failure here.
  if (get(p, 'id_token') !== undefined) return notApplicable('callback.iss.missing', ISS, "no iss parameter; the ID token's iss claim names the issuer");
  return failed('callback.iss.missing', 'error', ISS, 'the server advertises the iss parameter but sent none', { ...ev, param: 'iss', ...(exp.issuer ? { expected: exp.issuer } : {}) });
}

export function issMismatch(p: CallbackParams, exp: CallbackExpectations, ev: Ev = {}): Finding {
  const got = get(p, 'iss');
  if (got === undefined) return notApplicable('callback.iss.mismatch', ISS, 'no iss parameter came back');
  // RFC 9207 2.4: with an ID token in the same response, its iss claim must name the same issuer.
  const claimed = idTokenIss(get(p, 'id_token'));
  if (claimed !== undefined && claimed !== got) return failed('callback.iss.mismatch', 'error', ISS, "the iss parameter differs from the ID token's iss claim", { ...ev, param: 'iss', expected: claimed, actual: got });
  if (exp.issuer === undefined) return notApplicable('callback.iss.mismatch', ISS, 'the issuer is not confirmed, so iss cannot be compared');
  return got === exp.issuer
    ? passed('callback.iss.mismatch', ISS, 'iss matched the issuer', { ...ev, param: 'iss', expected: exp.issuer, actual: got })
    : failed('callback.iss.mismatch', 'error', ISS, 'iss is not the expected issuer (compared exactly)', { ...ev, param: 'iss', expected: exp.issuer, actual: got });
}

/** Implicit and hybrid answers hold these; they belong in the fragment, never the query. */
const FRAGMENT_ONLY = ['access_token', 'id_token'];

const types = (rt: string | undefined): string[] => (rt ?? '').split(' ').filter(Boolean);

export function implicitInQuery(p: CallbackParams, responseType: string | undefined, ev: Ev = {}): Finding {
  const inQuery = (name: string) => Object.hasOwn(p.params, name) && (p.from ? p.from[name] === 'query' : p.source === 'query');
  const leaked = FRAGMENT_ONLY.filter(inQuery);
  if (leaked.length > 0) {
    return failed('callback.implicit-in-query', 'error', 'OIDC Core 3.2.2.5, 3.3.2.5', `${leaked.join(' and ')} came in the query; they must only come in the fragment`, { ...ev, param: leaked[0]!, expected: 'fragment', actual: 'query' });
  }
  // OAuth 2.0 Multiple Response Types 2.1: query encoding MUST NOT be used when token is in the response_type.
  const t = types(responseType);
  const frontToken = t.includes('token') || t.includes('id_token');
  if (frontToken && p.source === 'query') {
    return failed('callback.implicit-in-query', 'error', 'OAuth 2.0 Multiple Response Types 2.1', `the answer to response_type "${responseType}" came in the query, not the fragment`, { ...ev, param: 'response_type', expected: 'fragment', actual: 'query' });
  }
  if (!frontToken) return notApplicable('callback.implicit-in-query', 'OIDC Core 3.2.2.5, 3.3.2.5', 'no token was asked for in the front channel');
  return passed('callback.implicit-in-query', 'OIDC Core 3.2.2.5, 3.3.2.5', 'no token came in the query', ev);
}

/** Where a response mode puts the answer (Multiple Response Types 2.1, Form Post 2, JARM 2.3). */
function placeOf(mode: string, responseType: string | undefined): 'query' | 'fragment' | 'form_post' | undefined {
  const base = mode.replace(/\.jwt$/, '');
  if (base === 'query' || base === 'fragment' || base === 'form_post') return base;
  if (base === 'jwt') return defaultPlace(responseType);
  return undefined; // web_message and others this tool does not read
}

/** The default response mode: the query for code (and none), the fragment once a token is in the answer. */
const defaultPlace = (responseType: string | undefined): 'query' | 'fragment' => {
  const t = types(responseType);
  return t.includes('token') || t.includes('id_token') ? 'fragment' : 'query';
};

/** The parameters that make the answer (not the redirect URI's own query) say where it came. */
const ANSWER = ['code', 'access_token', 'id_token', 'error', 'state', 'response', 'iss'];

function actualPlace(p: CallbackParams): string | undefined {
  if (p.source === 'form_post') return 'form_post';
  if (p.source === 'none') return undefined;
  if (!p.from) return p.source;
  const places = new Set(ANSWER.filter((n) => Object.hasOwn(p.params, n)).map((n) => p.from![n]));
  if (places.size === 0) return p.source === 'both' ? undefined : p.source;
  return places.size === 1 ? [...places][0] : 'query and fragment';
}

export function responseModeFollowed(p: CallbackParams, exp: CallbackExpectations, ev: Ev = {}): Finding {
  const id = 'callback.response-mode';
  const clause = 'OAuth 2.0 Multiple Response Types 2.1, 5';
  const expected = exp.responseMode ? placeOf(exp.responseMode, exp.responseType) : defaultPlace(exp.responseType);
  if (!expected) return notApplicable(id, clause, `response_mode ${exp.responseMode ?? ''} is not one Grantscope reads`);
  const actual = actualPlace(p);
  if (!actual) return notApplicable(id, clause, 'the callback carries no answer to place');
  if (actual === expected) return passed(id, clause, `the answer came in the ${expected.replace('_', ' ')}, as asked`, { ...ev, param: 'response_mode', expected, actual });
  // A token in the query without a response_mode asking for it: callback.implicit-in-query says so.
  if (!exp.responseMode && expected === 'fragment' && actual === 'query') return notApplicable(id, clause, 'the default fragment was not used; see callback.implicit-in-query');
  const asked = exp.responseMode ? `response_mode ${exp.responseMode}` : `the default for response_type ${exp.responseType ?? 'code'}`;
  return failed(id, 'error', clause, `the answer came in the ${actual.replace('_', ' ')}, not where ${asked} puts it`, { ...ev, param: 'response_mode', expected, actual });
}

/** Every callback rule's outcome for one response, n/a left out (the worker's view on arrival). */
export function checkCallback(p: CallbackParams, expected: CallbackExpectations, ev: Ev = {}): Finding[] {
  return [
    stateMissing(p, expected.state, ev),
    stateMismatch(p, expected.state, ev),
    stateUnexpected(p, expected.state, ev),
    ...duplicateParams(p, ev),
    issMissing(p, expected, ev),
    issMismatch(p, expected, ev),
    implicitInQuery(p, expected.responseType, ev),
    responseModeFollowed(p, expected, ev),
  ].filter((f) => f.status !== 'n/a');
}
