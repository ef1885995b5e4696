/**
 * Every claim rule of an ID token, in one module (issue 11): OIDC Core 2, 3.1.3.7 (code), 3.2.2.11
 * (implicit), 3.3.2.12 (hybrid), 3.1.3.6 / 3.3.2.11 (hashes), 12.2 (refresh), and the time
 * consistency a token must have to ever be valid. The signature is verify.ts's (the worker stores it as
 * 'idtoken.signature'); here `alg` is judged against what the issuer advertises.
 *
 * judgeIdTokenClaims is pure and synchronous (hashes by @noble/hashes), so the Decode view judges a
 * pasted token with the very rules the worker runs on a flow's token. Each finding carries its catalog
 * id (src/core/rules/catalog-idtoken.ts); a rule that cannot be decided from what was given reads n/a
 * and says why - never a pass.
 */
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { base64url } from 'jose';
import { failed, notApplicable, passed, type Finding } from '../finding';
import { jsonOrNote } from '../safe-json';
import { hashForAlg } from '../token-hash';

/** Which response carried the token; 'pasted' is a token judged on its own (the Decode view). */
export type IdTokenFlow = 'code' | 'implicit' | 'hybrid' | 'refresh' | 'pasted';

export interface IdTokenClaimsInput {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** The flow's issuer (never the token's own iss); absent: the iss rule reads n/a. */
  issuer?: string;
  /** Absent: aud / azp are only checked for shape and consistency. */
  clientId?: string;
  /** The nonce the authentication request sent; for 'refresh', the ORIGINAL one (OIDC Core 12.2). */
  nonce?: string;
  /** Values that came with the token, for at_hash / c_hash / s_hash. */
  accessToken?: string;
  code?: string;
  state?: string;
  /** Default 'pasted'. */
  flow?: IdTokenFlow;
  /** max_age sent in the request, seconds; requestedAt: when the request was sent, seconds. */
  maxAge?: number;
  requestedAt?: number;
  /** iss and sub of the ID token held before a refresh (OIDC Core 12.2). */
  previous?: { iss: string; sub: string };
  /** id_token_signing_alg_values_supported, or ['RS256'] when discovery omits it (3.1.3.7 (6-7)); absent: not known. */
  expectedAlgs?: readonly string[];
  /** Milliseconds since the epoch (Date.now()), as the engine's JudgeContext. */
  now: number;
  toleranceSec: number;
}

const C = 'OIDC Core 3.1.3.7';
const FRONT = { implicit: 'OIDC Core 3.2.2.11', hybrid: 'OIDC Core 3.3.2.11' } as const;

/** NumericDate (RFC 7519 2): a JSON number of seconds; shown with its UTC time for people. */
export const isNumericDate = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const when = (t: number): string => {
  const d = new Date(t * 1000);
  return Number.isNaN(d.getTime()) ? String(t) : `${t} (${d.toISOString()})`;
};
/** A claim as evidence; bounded (a stranger's claim must not overflow JSON.stringify: issue 9). */
export const show = (v: unknown): string => (v === undefined ? '(absent)' : jsonOrNote(v));

type P = Record<string, unknown>;

function algRules(h: P, expected: readonly string[] | undefined): Finding[] {
  const alg = h.alg;
  if (typeof alg !== 'string' || alg === '') {
    return [failed('idtoken.alg.none', 'error', 'RFC 7515 4.1.1', 'the header has no alg', { expected: 'a signing algorithm', actual: show(alg), param: 'alg' }), notApplicable('idtoken.alg.advertised', C + ' (6-7)', 'no alg to compare')];
  }
  const none = alg.toLowerCase() === 'none';
  const out = [
    none
      ? failed('idtoken.alg.none', 'error', 'OIDC Core 2, RFC 8725 3.1', 'alg "none": the token is unsigned and proves nothing', { expected: 'a signing algorithm', actual: alg, param: 'alg' })
      : passed('idtoken.alg.none', 'OIDC Core 2', `signed (alg ${alg})`, { actual: alg, param: 'alg' }),
  ];
  if (!expected) out.push(notApplicable('idtoken.alg.advertised', `${C} (6-7)`, 'the algs the issuer advertises are not known'));
  else {
    const ev = { expected: expected.join(', '), actual: alg, param: 'alg' };
    out.push(
      expected.includes(alg)
        ? passed('idtoken.alg.advertised', `${C} (6-7)`, `alg ${alg} is one the issuer advertises`, ev)
        : failed('idtoken.alg.advertised', 'error', `${C} (6-7)`, `alg ${alg} is not one the issuer advertises for ID tokens (id_token_signing_alg_values_supported, RS256 when absent)`, ev),
    );
  }
  return out;
}

function issRule(p: P, issuer: string | undefined): Finding {
  if (issuer === undefined) return notApplicable('idtoken.iss', `${C} (2)`, typeof p.iss === 'string' ? `no issuer given to compare iss with (iss ${show(p.iss)})` : 'no issuer given');
  return p.iss === issuer
    ? passed('idtoken.iss', `${C} (2)`, 'iss is the issuer', { expected: issuer, actual: issuer, param: 'iss' })
    : failed('idtoken.iss', 'error', `${C} (2)`, 'iss is not the issuer (compared exactly)', { expected: issuer, actual: show(p.iss), param: 'iss' });
}

/** OIDC Core 2: sub is required, "locally unique", "MUST NOT exceed 255 ASCII characters". */
function subRules(p: P): Finding[] {
  const sub = p.sub;
  if (typeof sub !== 'string' || sub === '') {
    return [failed('idtoken.sub', 'error', 'OIDC Core 2', 'sub is missing or not a string', { expected: 'a string', actual: show(sub), param: 'sub' }), notApplicable('idtoken.sub.format', 'OIDC Core 2', 'no sub')];
  }
  // eslint-disable-next-line no-control-regex -- ASCII is exactly 0x00-0x7F
  const ok = sub.length <= 255 && /^[\x00-\x7f]*$/.test(sub);
  return [
    passed('idtoken.sub', 'OIDC Core 2', 'sub is present', { actual: sub.length > 64 ? `${sub.slice(0, 63)}…` : sub, param: 'sub' }),
    ok
      ? passed('idtoken.sub.format', 'OIDC Core 2', 'sub is at most 255 ASCII characters', { param: 'sub' })
      : failed('idtoken.sub.format', 'warning', 'OIDC Core 2', 'sub is not at most 255 ASCII characters', { expected: '<= 255 ASCII characters', actual: `${sub.length} characters`, param: 'sub' }),
  ];
}

function audienceRules(p: P, clientId: string | undefined): Finding[] {
  const aud = p.aud;
  const list = typeof aud === 'string' ? [aud] : Array.isArray(aud) && aud.length > 0 && aud.every((a) => typeof a === 'string') ? (aud as string[]) : undefined;
  const azp = p.azp;
  const out: Finding[] = [];
  const ev = { ...(clientId !== undefined ? { expected: clientId } : {}), actual: show(aud), param: 'aud' };
  // (3) "MUST validate that the aud (audience) Claim contains its client_id value".
  if (!list) out.push(failed('idtoken.aud', 'error', `${C} (3)`, 'aud is missing or not a string or array of strings', ev));
  else if (clientId === undefined) out.push(notApplicable('idtoken.aud', `${C} (3)`, 'no client_id given to look for in aud'));
  else out.push(list.includes(clientId) ? passed('idtoken.aud', `${C} (3)`, 'aud contains the client_id', ev) : failed('idtoken.aud', 'error', `${C} (3)`, 'aud does not contain the client_id', ev));
  // (4) several audiences: "SHOULD verify that an azp Claim is present" - a SHOULD, so a warning.
  if (!list || list.length < 2) out.push(notApplicable('idtoken.azp.present', `${C} (4)`, 'a single audience needs no azp'));
  else out.push(azp !== undefined ? passed('idtoken.azp.present', `${C} (4)`, 'several audiences, and azp is present', { actual: show(azp), param: 'azp' }) : failed('idtoken.azp.present', 'warning', `${C} (4)`, 'several audiences but no azp', { actual: '(absent)', param: 'azp' }));
  // (5) "If an azp Claim is present, the Client SHOULD verify that its client_id is the Claim Value."
  const azev = { ...(clientId !== undefined ? { expected: clientId } : {}), actual: show(azp), param: 'azp' };
  if (azp === undefined) out.push(notApplicable('idtoken.azp', `${C} (5)`, 'no azp claim'));
  else if (clientId === undefined) out.push(list?.includes(azp as string) ? passed('idtoken.azp', `${C} (5)`, 'azp is one of the audiences (no client_id given)', azev) : failed('idtoken.azp', 'error', `${C} (5)`, 'azp is not one of the audiences', azev));
  else out.push(azp === clientId ? passed('idtoken.azp', `${C} (5)`, 'azp is the client_id', azev) : failed('idtoken.azp', 'error', `${C} (5)`, 'azp is not the client_id: the token was issued to another party', azev));
  return out;
}

function timeRules(p: P, now: number, tol: number, requestedAt: number | undefined): Finding[] {
  const slack = `clock tolerance ${tol} s`;
  const { exp, iat, nbf } = p;
  const out: Finding[] = [];
  // (9) "The current time MUST be before the time represented by the exp Claim".
  if (!isNumericDate(exp)) out.push(failed('idtoken.exp', 'error', `${C} (9)`, 'exp is missing or not a number', { expected: 'a NumericDate', actual: show(exp), param: 'exp' }));
  else {
    const ev = { expected: `after ${when(now)}, ${slack}`, actual: when(exp), param: 'exp' };
    out.push(now < exp + tol ? passed('idtoken.exp', `${C} (9)`, `the token has not expired (${slack})`, ev) : failed('idtoken.exp', 'error', `${C} (9)`, `the token expired ${Math.round(now - exp)} s ago (${slack})`, ev));
  }
  // (10) iat is required (OIDC Core 2), not in the future; older than the request: a replay? (warning)
  if (!isNumericDate(iat)) out.push(failed('idtoken.iat', 'error', `${C} (10)`, 'iat is missing or not a number', { expected: 'a NumericDate', actual: show(iat), param: 'iat' }));
  else if (iat > now + tol) out.push(failed('idtoken.iat', 'error', `${C} (10)`, `iat is ${Math.round(iat - now)} s in the future (${slack})`, { expected: `at or before ${when(now)}, ${slack}`, actual: when(iat), param: 'iat' }));
  else out.push(passed('idtoken.iat', `${C} (10)`, `iat is present and not in the future (${slack})`, { actual: when(iat), param: 'iat' }));
  if (!isNumericDate(iat) || requestedAt === undefined) out.push(notApplicable('idtoken.iat.recent', `${C} (10)`, requestedAt === undefined ? 'when the request was sent is not known' : 'no usable iat'));
  else if (iat < requestedAt - tol) out.push(failed('idtoken.iat.recent', 'warning', `${C} (10)`, `issued ${Math.round(requestedAt - iat)} s before the request was sent: an old token replayed? (${slack})`, { expected: `at or after ${when(requestedAt)}, ${slack}`, actual: when(iat), param: 'iat' }));
  else out.push(passed('idtoken.iat.recent', `${C} (10)`, `issued after the request was sent (${slack})`, { actual: when(iat), param: 'iat' }));
  // RFC 7519 4.1.5: not to be accepted before nbf.
  if (nbf === undefined) out.push(notApplicable('idtoken.nbf', 'RFC 7519 4.1.5', 'no nbf claim'));
  else if (!isNumericDate(nbf)) out.push(failed('idtoken.nbf', 'error', 'RFC 7519 4.1.5', 'nbf is not a number', { expected: 'a NumericDate', actual: show(nbf), param: 'nbf' }));
  else {
    const ev = { expected: `before ${when(now)}, ${slack}`, actual: when(nbf), param: 'nbf' };
    out.push(nbf <= now + tol ? passed('idtoken.nbf', 'RFC 7519 4.1.5', `the token is already valid (${slack})`, ev) : failed('idtoken.nbf', 'error', 'RFC 7519 4.1.5', `the token is not valid for another ${Math.round(nbf - now)} s (${slack})`, ev));
  }
  // A token whose window is empty can never be valid, whatever the clock says (RFC 7519 4.1.4-4.1.6).
  if (!isNumericDate(nbf) || !isNumericDate(exp)) out.push(notApplicable('idtoken.time.nbf-after-exp', 'RFC 7519 4.1.4, 4.1.5', 'no nbf and exp to compare'));
  else out.push(nbf < exp ? passed('idtoken.time.nbf-after-exp', 'RFC 7519 4.1.4, 4.1.5', 'nbf is before exp', { param: 'nbf' }) : failed('idtoken.time.nbf-after-exp', 'error', 'RFC 7519 4.1.4, 4.1.5', 'nbf is not before exp: the token is never valid', { expected: `before ${when(exp)}`, actual: when(nbf), param: 'nbf' }));
  if (!isNumericDate(iat) || !isNumericDate(exp)) out.push(notApplicable('idtoken.time.exp-before-iat', 'RFC 7519 4.1.4, 4.1.6', 'no iat and exp to compare'));
  else out.push(exp > iat ? passed('idtoken.time.exp-before-iat', 'RFC 7519 4.1.4, 4.1.6', 'exp is after iat', { param: 'exp' }) : failed('idtoken.time.exp-before-iat', 'error', 'RFC 7519 4.1.4, 4.1.6', 'exp is not after iat: the token expired when it was issued', { expected: `after ${when(iat)}`, actual: when(exp), param: 'exp' }));
  return out;
}

/** (11) nonce equal to the one sent; implicit and hybrid must send one (3.2.2.1, 3.3.2.11); 12.2 after a refresh. */
function nonceRules(p: P, nonce: string | undefined, flow: IdTokenFlow): Finding[] {
  const got = p.nonce;
  const required =
    flow === 'implicit' || flow === 'hybrid'
      ? nonce === undefined
        ? failed('idtoken.nonce.required', 'error', FRONT[flow], `no nonce was sent: the ${flow} flow requires one`, { expected: 'a nonce in the request', actual: '(none sent)', param: 'nonce' })
        : passed('idtoken.nonce.required', FRONT[flow], `a nonce was sent, as the ${flow} flow requires`, { param: 'nonce' })
      : notApplicable('idtoken.nonce.required', 'OIDC Core 3.2.2.1, 3.3.2.11', 'only implicit and hybrid flows must send a nonce');
  const clause = flow === 'refresh' ? 'OIDC Core 12.2' : flow === 'implicit' || flow === 'hybrid' ? FRONT[flow] : `${C} (11)`;
  let match: Finding;
  if (flow === 'refresh' && got === undefined) match = notApplicable('idtoken.nonce.mismatch', clause, 'no nonce: an ID token from a refresh need not carry one');
  else if (nonce === undefined) match = notApplicable('idtoken.nonce.mismatch', clause, got === undefined ? 'no nonce was sent' : `the token has a nonce, but no nonce was ${flow === 'pasted' ? 'given' : 'sent'} to compare it with`);
  else {
    const what = flow === 'refresh' ? 'the original one' : flow === 'pasted' ? 'the one given' : 'the one sent';
    match =
      got === nonce
        ? passed('idtoken.nonce.mismatch', clause, `nonce is ${what}`, { expected: nonce, actual: nonce, param: 'nonce' })
        : failed('idtoken.nonce.mismatch', 'error', clause, got === undefined ? 'a nonce was sent but the token has none' : `nonce differs from ${what}`, { expected: nonce, actual: show(got), param: 'nonce' });
  }
  return [match, required];
}

/** 3.1.2.1 max_age: "the ID Token returned MUST include an auth_time Claim"; 3.1.3.7 (13) checks it. */
function authTimeRule(p: P, i: IdTokenClaimsInput, now: number, tol: number): Finding {
  const id = 'idtoken.auth-time';
  const clause = 'OIDC Core 3.1.2.1, 3.1.3.7 (13)';
  const at = p.auth_time;
  if (at !== undefined && !isNumericDate(at)) return failed(id, 'error', 'OIDC Core 2', 'auth_time is not a number', { expected: 'a NumericDate', actual: show(at), param: 'auth_time' });
  if (i.maxAge === undefined) return notApplicable(id, clause, at === undefined ? 'no max_age was sent' : `no max_age was sent (auth_time ${when(at)})`);
  // 12.2: after a refresh auth_time stays that of the original authentication, which max_age judged.
  if (i.flow === 'refresh') return notApplicable(id, 'OIDC Core 12.2', 'max_age applies to the authentication, not to a refresh');
  if (at === undefined) return failed(id, 'error', clause, 'max_age was sent but the token has no auth_time', { expected: 'auth_time', actual: '(absent)', param: 'auth_time' });
  const ref = i.requestedAt ?? now;
  const slack = `max_age ${i.maxAge} s before ${i.requestedAt === undefined ? 'now' : 'the request'}, clock tolerance ${tol} s`;
  const ev = { expected: `at or after ${when(ref - i.maxAge)} (${slack})`, actual: when(at), param: 'auth_time' };
  const age = ref - at;
  return age <= i.maxAge + tol ? passed(id, clause, `the user authenticated ${Math.round(age)} s before (${slack})`, ev) : failed(id, 'error', clause, `the user authenticated ${Math.round(age)} s before: longer ago than max_age allows (${slack})`, ev);
}

const HASHES = { 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 } as const;

/**
 * OIDC Core 3.1.3.6: base64url of the left-most half of the hash of the value's ASCII octets, the hash
 * being the one of the header's alg (SHA-512 for EdDSA: token-hash.ts hashForAlg). Sync, for Decode.
 */
export function leftHalfHash(value: string, alg: string): string | undefined {
  const h = hashForAlg(alg);
  if (!h) return undefined;
  const d = HASHES[h](new TextEncoder().encode(value));
  return base64url.encode(d.subarray(0, d.length / 2));
}

function hashRule(claim: 'at_hash' | 'c_hash' | 's_hash', p: P, alg: unknown, value: string | undefined, what: string, clause: string, required: boolean): Finding {
  const id = `idtoken.${claim.replace('_', '-')}`;
  const got = p[claim];
  if (value === undefined) return notApplicable(id, clause, got === undefined ? `no ${what} to check` : `${claim} is present, but no ${what} is known to compare it with`);
  if (got === undefined) return required ? failed(id, 'error', clause, `${claim} is required with the ${what} in this response, but missing`, { expected: `${claim} of the ${what}`, actual: '(absent)', param: claim }) : notApplicable(id, clause, `no ${claim} (optional here)`);
  if (typeof got !== 'string') return failed(id, 'error', clause, `${claim} is not a string`, { expected: 'a base64url string', actual: show(got), param: claim });
  const expected = typeof alg === 'string' ? leftHalfHash(value, alg) : undefined;
  if (expected === undefined) return notApplicable(id, clause, `${claim} cannot be computed for alg ${show(alg)}`);
  return got === expected ? passed(id, clause, `${claim} matches the ${what}`, { expected, actual: got, param: claim }) : failed(id, 'error', clause, `${claim} does not match the ${what}`, { expected, actual: show(got), param: claim });
}

function hashRules(i: IdTokenClaimsInput, flow: IdTokenFlow): Finding[] {
  const { payload: p } = i;
  const alg = i.header.alg;
  const front = flow === 'implicit' || flow === 'hybrid';
  const atClause = flow === 'implicit' ? 'OIDC Core 3.2.2.9, 3.2.2.10' : flow === 'hybrid' ? 'OIDC Core 3.3.2.9, 3.3.2.11' : 'OIDC Core 3.1.3.8';
  return [
    // at_hash is required when the access token came from the authorization endpoint (id_token token,
    // code id_token token); c_hash with every hybrid response carrying an ID token (code id_token).
    hashRule('at_hash', p, alg, i.accessToken, 'access token', atClause, front),
    hashRule('c_hash', p, alg, i.code, 'code', flow === 'hybrid' ? 'OIDC Core 3.3.2.10, 3.3.2.11' : 'OIDC Core 3.3.2.10', flow === 'hybrid'),
    hashRule('s_hash', p, alg, i.state, 'state', 'FAPI 1.0 Advanced 5.1.1', false),
  ];
}

/** 12.2: "its iss Claim Value MUST be the same as in the ID Token issued when the original authentication occurred" (sub likewise). */
function refreshRules(i: IdTokenClaimsInput, flow: IdTokenFlow): Finding[] {
  return (['iss', 'sub'] as const).map((claim) => {
    const id = `idtoken.refresh.${claim}`;
    if (flow !== 'refresh') return notApplicable(id, 'OIDC Core 12.2', 'not an ID token from a refresh');
    if (!i.previous) return notApplicable(id, 'OIDC Core 12.2', 'the ID token from before the refresh is not known');
    const expected = i.previous[claim];
    const actual = i.payload[claim];
    return actual === expected
      ? passed(id, 'OIDC Core 12.2', `${claim} is the same as before the refresh`, { expected, actual: expected, param: claim })
      : failed(id, 'error', 'OIDC Core 12.2', `${claim} differs from the ID token before the refresh`, { expected, actual: show(actual), param: claim });
  });
}

/**
 * Judges an ID token's header and claims; one finding per rule (catalog-idtoken.ts), in a stable
 * order. Pure and synchronous: Decode calls it with only what was pasted (flow 'pasted', the default),
 * the worker with the flow's values. `now` in milliseconds.
 */
export function judgeIdTokenClaims(i: IdTokenClaimsInput): Finding[] {
  const flow = i.flow ?? 'pasted';
  const p = i.payload;
  const now = Math.floor(i.now / 1000);
  const tol = i.toleranceSec;
  return [
    ...algRules(i.header, i.expectedAlgs),
    issRule(p, i.issuer),
    ...subRules(p),
    ...audienceRules(p, i.clientId),
    ...timeRules(p, now, tol, i.requestedAt),
    ...nonceRules(p, i.nonce, flow),
    authTimeRule(p, i, now, tol),
    ...hashRules(i, flow),
    ...refreshRules(i, flow),
  ];
}

/** The algs an issuer's ID tokens may use: what discovery advertises, RS256 when it says nothing (OIDC Core 3.1.3.7 (7), Discovery 3). */
export function advertisedIdTokenAlgs(metadata: Record<string, unknown>): string[] {
  const v = metadata.id_token_signing_alg_values_supported;
  return Array.isArray(v) && v.length > 0 && v.every((a) => typeof a === 'string') ? (v as string[]) : ['RS256'];
}
