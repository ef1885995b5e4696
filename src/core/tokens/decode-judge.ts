/**
 * Decode judges too (issue 11, item 4): the ID token in what was pasted is held to the very rules the
 * worker runs on a flow's token (judgeIdTokenClaims, catalog-idtoken.ts), with only what the person
 * gives: a client_id, a nonce, an issuer, an access token or code to check at_hash / c_hash against.
 * What the input itself carries is used when nothing is given (a token response's access_token, a
 * callback's code). The signature rule comes from Verify. Pure and synchronous.
 */
import { clip } from '../clip';
import type { DecodedInput, FoundToken } from '../decode-input';
import type { Finding } from '../finding';
import { failed, notSeen, passed } from '../finding';
import { ruleById } from '../rules/catalog';
import type { Verification } from '../verify-precheck';
import { judgeIdTokenClaims } from './id-token-rules';

export interface DecodeChecks {
  clientId?: string;
  nonce?: string;
  issuer?: string;
  accessToken?: string;
  code?: string;
}

type Jwt = FoundToken & { decoded: Extract<FoundToken['decoded'], { kind: 'jwt' }> };
const isJwt = (t: FoundToken): t is Jwt => t.decoded.kind === 'jwt';

/**
 * The token judged as an ID token: a pasted JWT, or the id_token of a token response or callback. A
 * DPoP proof or an Authorization header's access token is no ID token: nothing is judged.
 */
export function judgedToken(d: DecodedInput): Jwt | undefined {
  if (d.kind === 'jwt') return d.tokens.find(isJwt);
  if (d.kind === 'token-response' || d.kind === 'callback-url') return d.tokens.find((t): t is Jwt => t.name === 'id_token' && isJwt(t));
  return undefined;
}

/** The values the input itself carries alongside the ID token (OIDC Core 3.2.2.10, 3.3.2.11). */
export function carried(d: DecodedInput): { accessToken?: string; code?: string } {
  const value = (n: string) => d.tokens.find((t) => t.name === n)?.value;
  if (d.kind !== 'token-response' && d.kind !== 'callback-url') return {};
  const accessToken = value('access_token');
  const code = d.kind === 'callback-url' ? value('code') : undefined;
  return { ...(accessToken ? { accessToken } : {}), ...(code ? { code } : {}) };
}

const SIG = 'idtoken.signature';
const SIG_CLAUSE = 'OIDC Core 3.1.3.7 (6)';

/** Verify's answer as the signature rule: never a pass unless it verified; not seen until Verify is pressed. */
export function signatureFinding(v: Verification | undefined): Finding {
  if (!v) return notSeen(SIG, SIG_CLAUSE, 'not verified yet: press Verify (with the issuer or a key)');
  const why = clip(v.message, 300);
  if (v.status === 'verified') return passed(SIG, SIG_CLAUSE, why);
  if (v.status === 'keys-unreachable' || v.status === 'error') return failed(SIG, 'warning', SIG_CLAUSE, `could not verify: ${why}`);
  return failed(SIG, 'error', SIG_CLAUSE, v.status === 'bad-signature' ? `invalid signature: ${why}` : why);
}

const trimmed = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);

/** Every ID token rule on the pasted token, with the catalog's link on each; undefined when there is no ID token to judge. */
export function judgeDecoded(d: DecodedInput, checks: DecodeChecks, verification: Verification | undefined, now: number, toleranceSec: number): Finding[] | undefined {
  const t = judgedToken(d);
  if (!t) return undefined;
  const inInput = carried(d);
  const given = {
    clientId: trimmed(checks.clientId),
    nonce: trimmed(checks.nonce),
    issuer: trimmed(checks.issuer),
    accessToken: trimmed(checks.accessToken) ?? inInput.accessToken,
    code: trimmed(checks.code) ?? inInput.code,
  };
  const claims = judgeIdTokenClaims({
    header: t.decoded.header,
    payload: t.decoded.payload,
    ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)),
    now,
    toleranceSec,
  });
  return [signatureFinding(verification), ...claims].map((f) => {
    const rule = ruleById(f.id);
    return rule ? { ...f, link: rule.link, set: rule.set } : f;
  });
}

export interface DecodeVerdict {
  /** Errors, then warnings. */
  failed: Finding[];
  notSeen: Finding[];
  passed: Finding[];
  na: Finding[];
  /** A token that can never be valid, whatever the clock or the keys (RFC 7519 4.1.4-4.1.6). */
  neverValid: boolean;
}

const NEVER_VALID = new Set(['idtoken.time.nbf-after-exp', 'idtoken.time.exp-before-iat']);

/** Findings grouped for the verdict at the top: failed first, the rest folded. */
export function verdictOf(findings: Finding[]): DecodeVerdict {
  const fail = findings.filter((f) => f.status === 'fail');
  return {
    failed: [...fail.filter((f) => f.severity === 'error'), ...fail.filter((f) => f.severity !== 'error')],
    notSeen: findings.filter((f) => f.status === 'not-seen'),
    passed: findings.filter((f) => f.status === 'pass'),
    na: findings.filter((f) => f.status === 'n/a'),
    neverValid: fail.some((f) => NEVER_VALID.has(f.id)),
  };
}
