/**
 * The full ID token validation, one finding per check (pass, fail with expected and actual, or n/a
 * with why): OIDC Core 3.1.3.7 (code), 3.2.2.11 (implicit), 3.3.2.12 (hybrid) and 12.2 (refresh).
 * The signature itself is verify.ts's; here the alg is only refused when it is "none".
 * `flow` says which response carried the token: 'implicit' / 'hybrid' = the authorization endpoint,
 * with `accessToken` / `code` / `state` from that same response; 'code' = the token endpoint.
 */
import { failed, notApplicable, passed, type Finding } from './finding';
import { audienceChecks, expCheck, iatPresent, isNumericDate, issuerCheck, nbfCheck, nonceCheck, show, when } from './id-token';
import { hashChecks } from './id-token-hashes';

export type IdTokenFlow = 'code' | 'implicit' | 'hybrid' | 'refresh';

export interface IdTokenInput {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  issuer: string;
  clientId: string;
  /** The nonce sent in the authentication request (for 'refresh': the original one, if known). */
  nonce?: string;
  flow: IdTokenFlow;
  accessToken?: string;
  code?: string;
  state?: string;
  /** max_age sent in the request, seconds. */
  maxAge?: number;
  /** When the authentication request was sent, seconds. */
  requestedAt?: number;
  now?: number; // seconds
  clockToleranceSec?: number; // default 60
  /** The ID token held before a refresh (OIDC Core 12.2). */
  previous?: { iss: string; sub: string };
}

const FRONT = { implicit: 'OIDC Core 3.2.2.11', hybrid: 'OIDC Core 3.3.2.11' } as const;

/** OIDC Core 2: "ID Tokens MUST NOT use none as the alg value unless" none comes from the authorization endpoint and it was registered. */
function algCheck(header: Record<string, unknown>, flow: IdTokenFlow): Finding {
  const alg = header.alg;
  if (typeof alg !== 'string' || alg === '') return failed('alg', 'error', 'RFC 7515 4.1.1', 'the header has no alg', { expected: 'a signing algorithm', actual: show(alg) });
  if (alg.toLowerCase() !== 'none') return passed('alg', 'OIDC Core 2', `signed (alg ${alg})`, { actual: alg });
  return flow === 'implicit' || flow === 'hybrid'
    ? failed('alg', 'error', 'OIDC Core 2', 'alg "none": an ID token from the authorization endpoint must be signed', { expected: 'a signing algorithm', actual: alg })
    : failed('alg', 'warning', 'OIDC Core 2', 'alg "none": proves nothing, and is allowed only if the client registered for unsigned ID tokens', { expected: 'a signing algorithm', actual: alg });
}

/** OIDC Core 2: sub is required, "a locally unique ... identifier", at most 255 ASCII characters. */
function subCheck(p: Record<string, unknown>): Finding {
  const sub = p.sub;
  if (typeof sub !== 'string' || sub === '') return failed('sub', 'error', 'OIDC Core 2', 'sub is missing or not a string', { expected: 'a string', actual: show(sub) });
  // eslint-disable-next-line no-control-regex -- ASCII is exactly 0x00-0x7F
  if (sub.length > 255 || !/^[\x00-\x7f]*$/.test(sub)) return failed('sub', 'warning', 'OIDC Core 2', 'sub is not at most 255 ASCII characters', { expected: '<= 255 ASCII characters', actual: `${sub.length} characters` });
  return passed('sub', 'OIDC Core 2', 'sub is present', { actual: sub });
}

/** (10) iat present, not in the future, and - when the request time is known - not older than it. */
function iatCheck(p: Record<string, unknown>, now: number, tol: number, requestedAt?: number): Finding {
  const present = iatPresent(p);
  const iat = p.iat;
  if (!isNumericDate(iat)) return present;
  const slack = `clock tolerance ${tol} s`;
  if (iat > now + tol) return failed('iat', 'error', present.clause, `iat is ${Math.round(iat - now)} s in the future (${slack})`, { expected: `at or before ${when(now)}, ${slack}`, actual: when(iat) });
  if (requestedAt !== undefined && iat < requestedAt - tol) {
    return failed('iat', 'warning', present.clause, `issued ${Math.round(requestedAt - iat)} s before the request was sent: an old token replayed? (${slack})`, { expected: `at or after ${when(requestedAt)}, ${slack}`, actual: when(iat) });
  }
  return passed('iat', present.clause, `iat is not in the future (${slack})`, { actual: when(iat) });
}

function nonceFor(input: IdTokenInput): Finding {
  const { payload: p, nonce, flow } = input;
  if (flow === 'refresh') {
    // 12.2 lists no nonce rule; providers leave it out, and when present it repeats the original.
    if (p.nonce === undefined) return notApplicable('nonce', 'OIDC Core 12.2', 'no nonce: an ID token from a refresh need not carry one');
    if (nonce === undefined) return notApplicable('nonce', 'OIDC Core 12.2', 'the token has a nonce, but the original one is not known');
    return p.nonce === nonce
      ? passed('nonce', 'OIDC Core 12.2', 'nonce is the original one', { expected: nonce, actual: nonce })
      : failed('nonce', 'error', 'OIDC Core 12.2', 'nonce differs from the original one', { expected: nonce, actual: show(p.nonce) });
  }
  if (flow === 'code') return nonceCheck(p, nonce);
  // Implicit (3.2.2.1, 3.2.2.11) and hybrid (3.3.2.11): the nonce is required, sent and returned.
  if (nonce === undefined) return failed('nonce', 'error', FRONT[flow], `no nonce was sent: the ${flow} flow requires one`, { expected: 'a nonce in the request', actual: '(none sent)' });
  return { ...nonceCheck(p, nonce), clause: FRONT[flow] };
}

/** 3.1.2.1 max_age: "the ID Token returned MUST include an auth_time Claim"; 3.1.3.7 (13) checks it. */
function authTimeCheck(input: IdTokenInput, now: number, tol: number): Finding {
  const { payload: p, maxAge, requestedAt } = input;
  const clause = 'OIDC Core 3.1.2.1, 3.1.3.7 (13)';
  if (p.auth_time !== undefined && !isNumericDate(p.auth_time)) return failed('auth_time', 'error', 'OIDC Core 2', 'auth_time is not a number', { expected: 'a NumericDate', actual: show(p.auth_time) });
  const at = p.auth_time as number | undefined;
  if (maxAge === undefined) return notApplicable('auth_time', clause, at === undefined ? 'no max_age was sent' : `no max_age was sent (auth_time ${when(at)})`);
  // 12.2: after a refresh auth_time stays that of the original authentication, which max_age judged.
  if (input.flow === 'refresh') return notApplicable('auth_time', 'OIDC Core 12.2', 'max_age applies to the authentication, not to a refresh');
  if (at === undefined) return failed('auth_time', 'error', clause, 'max_age was sent but the token has no auth_time', { expected: 'auth_time', actual: '(absent)' });
  // max_age counts back from when the request was made; from now when that is not known.
  const ref = requestedAt ?? now;
  const slack = `max_age ${maxAge} s before ${requestedAt === undefined ? 'now' : 'the request'}, clock tolerance ${tol} s`;
  const ev = { expected: `at or after ${when(ref - maxAge)} (${slack})`, actual: when(at) };
  const age = ref - at;
  return age <= maxAge + tol
    ? passed('auth_time', clause, `the user authenticated ${Math.round(age)} s before (${slack})`, ev)
    : failed('auth_time', 'error', clause, `the user authenticated ${Math.round(age)} s before: longer ago than max_age allows (${slack})`, ev);
}

/** 12.2: "its iss Claim Value MUST be the same as in the ID Token issued when the original authentication occurred" (sub likewise). */
function refreshChecks(input: IdTokenInput): Finding[] {
  return (['iss', 'sub'] as const).map((claim) => {
    const id = `refresh-${claim}`;
    if (input.flow !== 'refresh') return notApplicable(id, 'OIDC Core 12.2', 'not an ID token from a refresh');
    if (!input.previous) return notApplicable(id, 'OIDC Core 12.2', 'the ID token from before the refresh is not known');
    const expected = input.previous[claim];
    const actual = input.payload[claim];
    return actual === expected
      ? passed(id, 'OIDC Core 12.2', `${claim} is the same as before the refresh`, { expected, actual: expected })
      : failed(id, 'error', 'OIDC Core 12.2', `${claim} differs from the ID token before the refresh`, { expected, actual: show(actual) });
  });
}

export async function validateIdToken(input: IdTokenInput): Promise<Finding[]> {
  const { header, payload: p, flow } = input;
  const now = input.now ?? Math.floor(Date.now() / 1000);
  const tol = input.clockToleranceSec ?? 60;
  return [
    algCheck(header, flow),
    issuerCheck(p, input.issuer),
    subCheck(p),
    ...audienceChecks(p, input.clientId),
    expCheck(p, now, tol),
    iatCheck(p, now, tol, input.requestedAt),
    nbfCheck(p, now, tol),
    nonceFor(input),
    authTimeCheck(input, now, tol),
    ...(await hashChecks(input)),
    ...refreshChecks(input),
  ];
}
