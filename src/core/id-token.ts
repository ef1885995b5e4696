/**
 * Claim checks on a decoded ID token: a first set from OIDC Core 3.1.3.7 (the signature is verify.ts's
 * job). One finding per check, passed or not, so the UI can show the whole list. Each check is
 * exported too: id-token-checks.ts builds the full validation from them.
 */
import { failed, notApplicable, passed, type Finding } from './finding';
import { jsonOrNote } from './safe-json';

export interface IdTokenExpectations {
  issuer: string;
  clientId: string;
  nonce?: string;
  now?: number; // seconds
  clockToleranceSec?: number; // default 60
}

const C = 'OIDC Core 3.1.3.7';

/** NumericDate (RFC 7519 2): a JSON number of seconds; shown with its UTC time for people. */
export const isNumericDate = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const when = (t: number): string => {
  const d = new Date(t * 1000);
  return Number.isNaN(d.getTime()) ? String(t) : `${t} (${d.toISOString()})`;
};
/**
 * A claim's value as evidence: strings as they are, anything else as JSON, a missing one said so; past
 * depth 32 or 64 KB, "too deep / too large to show, N bytes" (a stranger's claim must not overflow
 * JSON.stringify: issue 9).
 */
export const show = (v: unknown): string => (v === undefined ? '(absent)' : jsonOrNote(v));

export function audienceChecks(p: Record<string, unknown>, clientId: string): Finding[] {
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

/** (9) "The current time MUST be before the time represented by the exp Claim" (skew allowed). */
export function expCheck(p: Record<string, unknown>, now: number, tol: number): Finding {
  const slack = `clock tolerance ${tol} s`;
  const exp = p.exp;
  if (!isNumericDate(exp)) return failed('exp', 'error', `${C} (9)`, 'exp is missing or not a number', { expected: 'a NumericDate', actual: show(exp) });
  const ev = { expected: `after ${when(now)}, ${slack}`, actual: when(exp) };
  return now < exp + tol
    ? passed('exp', `${C} (9)`, `the token has not expired (${slack})`, ev)
    : failed('exp', 'error', `${C} (9)`, `the token expired ${Math.round(now - exp)} s ago (${slack})`, ev);
}

/** (10) iat is a required claim (OIDC Core 2) and a NumericDate; id-token-checks.ts also bounds it. */
export function iatPresent(p: Record<string, unknown>): Finding {
  const iat = p.iat;
  return isNumericDate(iat)
    ? passed('iat', `${C} (10)`, 'iat is present', { actual: when(iat) })
    : failed('iat', 'error', `${C} (10)`, 'iat is missing or not a number', { expected: 'a NumericDate', actual: show(iat) });
}

/** RFC 7519 4.1.5: not to be accepted before nbf (skew allowed). */
export function nbfCheck(p: Record<string, unknown>, now: number, tol: number): Finding {
  const slack = `clock tolerance ${tol} s`;
  const nbf = p.nbf;
  if (nbf === undefined) return notApplicable('nbf', 'RFC 7519 4.1.5', 'no nbf claim');
  if (!isNumericDate(nbf)) return failed('nbf', 'error', 'RFC 7519 4.1.5', 'nbf is not a number', { expected: 'a NumericDate', actual: show(nbf) });
  const ev = { expected: `before ${when(now)}, ${slack}`, actual: when(nbf) };
  return nbf <= now + tol
    ? passed('nbf', 'RFC 7519 4.1.5', `the token is already valid (${slack})`, ev)
    : failed('nbf', 'error', 'RFC 7519 4.1.5', `the token is not valid for another ${Math.round(nbf - now)} s (${slack})`, ev);
}

/** (2) "The Issuer Identifier ... MUST exactly match the value of the iss (issuer) Claim." */
export function issuerCheck(p: Record<string, unknown>, issuer: string): Finding {
  return p.iss === issuer
    ? passed('iss', `${C} (2)`, 'iss is the issuer', { expected: issuer, actual: issuer })
    : failed('iss', 'error', `${C} (2)`, 'iss is not the issuer (compared exactly)', { expected: issuer, actual: show(p.iss) });
}

/** (11) "If a nonce value was sent ... a nonce Claim MUST be present and its value checked". */
export function nonceCheck(p: Record<string, unknown>, nonce: string | undefined): Finding {
  if (nonce === undefined) return notApplicable('nonce', `${C} (11)`, 'no nonce was sent');
  return p.nonce === nonce
    ? passed('nonce', `${C} (11)`, 'nonce is the one sent', { expected: nonce, actual: nonce })
    : failed('nonce', 'error', `${C} (11)`, p.nonce === undefined ? 'nonce was sent but the token has none' : 'nonce differs from the one sent', { expected: nonce, actual: show(p.nonce) });
}

export function checkIdTokenClaims(payload: Record<string, unknown>, exp: IdTokenExpectations): Finding[] {
  const now = exp.now ?? Math.floor(Date.now() / 1000);
  const tol = exp.clockToleranceSec ?? 60;
  return [
    issuerCheck(payload, exp.issuer),
    ...audienceChecks(payload, exp.clientId),
    expCheck(payload, now, tol),
    iatPresent(payload),
    nbfCheck(payload, now, tol),
    nonceCheck(payload, exp.nonce),
  ];
}
