/**
 * Claim checks on a decoded ID token: a first set from OIDC Core 3.1.3.7 (the signature is verify.ts's
 * job). One finding per check, passed or not, so the UI can show the whole list.
 */
import { failed, notApplicable, passed, type Finding } from './finding';

export interface IdTokenExpectations {
  issuer: string;
  clientId: string;
  nonce?: string;
  now?: number; // seconds
  clockToleranceSec?: number; // default 60
}

const C = 'OIDC Core 3.1.3.7';

/** NumericDate (RFC 7519 2): a JSON number of seconds; shown with its UTC time for people. */
const isNumericDate = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const when = (t: number): string => {
  const d = new Date(t * 1000);
  return Number.isNaN(d.getTime()) ? String(t) : `${t} (${d.toISOString()})`;
};
const show = (v: unknown): string => (v === undefined ? '(absent)' : typeof v === 'string' ? v : JSON.stringify(v));

function audienceChecks(p: Record<string, unknown>, clientId: string): Finding[] {
  const aud = p.aud;
  const list = typeof aud === 'string' ? [aud] : Array.isArray(aud) && aud.every((a) => typeof a === 'string') ? (aud as string[]) : undefined;
  const out: Finding[] = [];
  // (3) "MUST validate that the aud (audience) Claim contains its client_id value".
  out.push(
    list?.includes(clientId)
      ? passed('aud', `${C} (3)`, 'aud contains the client_id', { expected: clientId, actual: show(aud) })
      : failed('aud', 'error', `${C} (3)`, list ? 'aud does not contain the client_id' : 'aud is missing or not a string or array of strings', { expected: clientId, actual: show(aud) }),
  );
  // (4) multiple audiences: "SHOULD verify that an azp Claim is present" - a SHOULD, so a warning.
  const azp = p.azp;
  if (!list || list.length < 2) {
    out.push(notApplicable('azp-present', `${C} (4)`, 'a single audience needs no azp'));
  } else {
    out.push(
      azp !== undefined
        ? passed('azp-present', `${C} (4)`, 'several audiences, and azp is present', { actual: show(azp) })
        : failed('azp-present', 'warning', `${C} (4)`, 'several audiences but no azp', { expected: clientId, actual: '(absent)' }),
    );
  }
  // (5) "If an azp Claim is present, the Client SHOULD verify that its client_id is the Claim Value."
  out.push(
    azp === undefined
      ? notApplicable('azp', `${C} (5)`, 'no azp claim')
      : azp === clientId
        ? passed('azp', `${C} (5)`, 'azp is the client_id', { expected: clientId, actual: show(azp) })
        : failed('azp', 'error', `${C} (5)`, 'azp is not the client_id: the token was issued to another party', { expected: clientId, actual: show(azp) }),
  );
  return out;
}

function timeChecks(p: Record<string, unknown>, now: number, tol: number): Finding[] {
  const slack = `clock tolerance ${tol} s`;
  const out: Finding[] = [];
  // (9) "The current time MUST be before the time represented by the exp Claim" (skew allowed).
  const exp = p.exp;
  if (!isNumericDate(exp)) {
    out.push(failed('exp', 'error', `${C} (9)`, 'exp is missing or not a number', { expected: 'a NumericDate', actual: show(exp) }));
  } else {
    const ev = { expected: `after ${when(now)}, ${slack}`, actual: when(exp) };
    out.push(now < exp + tol ? passed('exp', `${C} (9)`, 'the token has not expired', ev) : failed('exp', 'error', `${C} (9)`, `the token expired ${Math.round(now - exp)} s ago (${slack})`, ev));
  }
  // (10) iat is a required claim (OIDC Core 2) and a NumericDate; how recent it must be is left to a later check.
  const iat = p.iat;
  out.push(
    isNumericDate(iat)
      ? passed('iat', `${C} (10)`, 'iat is present', { actual: when(iat) })
      : failed('iat', 'error', `${C} (10)`, 'iat is missing or not a number', { expected: 'a NumericDate', actual: show(iat) }),
  );
  // RFC 7519 4.1.5: not to be accepted before nbf (skew allowed).
  const nbf = p.nbf;
  if (nbf === undefined) {
    out.push(notApplicable('nbf', 'RFC 7519 4.1.5', 'no nbf claim'));
  } else if (!isNumericDate(nbf)) {
    out.push(failed('nbf', 'error', 'RFC 7519 4.1.5', 'nbf is not a number', { expected: 'a NumericDate', actual: show(nbf) }));
  } else {
    const ev = { expected: `before ${when(now)}, ${slack}`, actual: when(nbf) };
    out.push(nbf <= now + tol ? passed('nbf', 'RFC 7519 4.1.5', 'the token is already valid', ev) : failed('nbf', 'error', 'RFC 7519 4.1.5', `the token is not valid for another ${Math.round(nbf - now)} s (${slack})`, ev));
  }
  return out;
}

export function checkIdTokenClaims(payload: Record<string, unknown>, exp: IdTokenExpectations): Finding[] {
  const now = exp.now ?? Math.floor(Date.now() / 1000);
  const tol = exp.clockToleranceSec ?? 60;
  // (2) "The Issuer Identifier ... MUST exactly match the value of the iss (issuer) Claim."
  const iss =
    payload.iss === exp.issuer
      ? passed('iss', `${C} (2)`, 'iss is the issuer', { expected: exp.issuer, actual: exp.issuer })
      : failed('iss', 'error', `${C} (2)`, 'iss is not the issuer (compared exactly)', { expected: exp.issuer, actual: show(payload.iss) });
  // (11) "If a nonce value was sent ... a nonce Claim MUST be present and its value checked".
  const nonce =
    exp.nonce === undefined
      ? notApplicable('nonce', `${C} (11)`, 'no nonce was sent')
      : payload.nonce === exp.nonce
        ? passed('nonce', `${C} (11)`, 'nonce is the one sent', { expected: exp.nonce, actual: exp.nonce })
        : failed('nonce', 'error', `${C} (11)`, payload.nonce === undefined ? 'nonce was sent but the token has none' : 'nonce differs from the one sent', { expected: exp.nonce, actual: show(payload.nonce) });
  return [iss, ...audienceChecks(payload, exp.clientId), ...timeChecks(payload, now, tol), nonce];
}
