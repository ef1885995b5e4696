/**
 * Rules about the ID token (issue 11): OIDC Core 2, 3.1.3.7, 3.2.2.11, 3.3.2.12, 5.3.4, 10.1, 12.2.
 * The claim rules are judged by src/core/tokens/id-token-rules.ts (judgeIdTokenClaims) when a token
 * arrives, with the nonce and values sent, and stored on its step; the signature and key rules come
 * from the worker's verification (src/background/id-token.ts). Userinfo's sub is judged over the flow.
 */
import { storedIdTokenRule, judgeUserinfoSub, wantsIdToken } from '../tokens/id-token-steps';
import { OIDC_CORE, rfc } from './link';
import type { RuleDef } from './types';

type Entry = Omit<RuleDef, 'decidedBy' | 'set' | 'judge' | 'applies'> & { severityIn?: RuleDef['severityIn'] };

/** A rule stored on the step of each ID token; "not seen" while none was seen. */
const stored = (e: Entry): RuleDef => ({ ...e, set: 'core', decidedBy: 'token-response', applies: wantsIdToken, judge: storedIdTokenRule(e.id, e.clause, e.title) });

const C = 'OIDC Core 3.1.3.7';

export const IDTOKEN_RULES: readonly RuleDef[] = [
  stored({ id: 'idtoken.signature', title: "The ID token's signature verifies with the issuer's keys", severity: 'error', clause: `${C} (6)`, link: OIDC_CORE }),
  stored({ id: 'idtoken.kid', title: 'The key that signed the ID token is named or the only one', severity: 'warning', clause: 'OIDC Core 10.1', link: OIDC_CORE }),
  stored({ id: 'idtoken.alg.none', title: 'The ID token is signed (alg is not "none")', severity: 'error', clause: 'OIDC Core 2, RFC 8725 3.1', link: OIDC_CORE }),
  stored({ id: 'idtoken.alg.advertised', title: 'The ID token is signed with an alg the issuer advertises', severity: 'error', clause: `${C} (6-7)`, link: OIDC_CORE }),
  stored({ id: 'idtoken.iss', title: 'iss is the issuer, exactly', severity: 'error', clause: `${C} (2)`, link: OIDC_CORE }),
  stored({ id: 'idtoken.sub', title: 'sub is present and a string', severity: 'error', clause: 'OIDC Core 2', link: OIDC_CORE }),
  stored({ id: 'idtoken.sub.format', title: 'sub is at most 255 ASCII characters', severity: 'warning', clause: 'OIDC Core 2', link: OIDC_CORE }),
  stored({ id: 'idtoken.aud', title: 'aud contains the client_id', severity: 'error', clause: `${C} (3)`, link: OIDC_CORE }),
  stored({ id: 'idtoken.azp.present', title: 'Several audiences come with azp', severity: 'warning', clause: `${C} (4)`, link: OIDC_CORE }),
  stored({ id: 'idtoken.azp', title: 'azp, when present, is the client_id', severity: 'error', clause: `${C} (5)`, link: OIDC_CORE }),
  stored({ id: 'idtoken.exp', title: 'The ID token has not expired', severity: 'error', clause: `${C} (9)`, link: OIDC_CORE }),
  stored({ id: 'idtoken.iat', title: 'iat is present and not in the future', severity: 'error', clause: `${C} (10)`, link: OIDC_CORE }),
  stored({ id: 'idtoken.iat.recent', title: 'iat is not older than the request', severity: 'warning', clause: `${C} (10)`, link: OIDC_CORE }),
  stored({ id: 'idtoken.nbf', title: 'nbf, when present, has passed', severity: 'error', clause: 'RFC 7519 4.1.5', link: rfc(7519, '4.1.5') }),
  stored({ id: 'idtoken.time.nbf-after-exp', title: 'nbf is before exp', severity: 'error', clause: 'RFC 7519 4.1.4, 4.1.5', link: rfc(7519, '4.1.4') }),
  stored({ id: 'idtoken.time.exp-before-iat', title: 'exp is after iat', severity: 'error', clause: 'RFC 7519 4.1.4, 4.1.6', link: rfc(7519, '4.1.4') }),
  stored({ id: 'idtoken.nonce.mismatch', title: 'nonce is the one sent', severity: 'error', clause: `${C} (11)`, link: OIDC_CORE }),
  stored({ id: 'idtoken.nonce.required', title: 'Implicit and hybrid flows send a nonce', severity: 'error', clause: 'OIDC Core 3.2.2.11, 3.3.2.11', link: OIDC_CORE }),
  stored({ id: 'idtoken.auth-time', title: 'auth_time is present and recent enough when max_age was sent', severity: 'error', clause: 'OIDC Core 3.1.2.1, 3.1.3.7 (13)', link: OIDC_CORE }),
  stored({ id: 'idtoken.at-hash', title: 'at_hash matches the access token (required for id_token token)', severity: 'error', clause: 'OIDC Core 3.1.3.8, 3.2.2.9, 3.3.2.11', link: OIDC_CORE }),
  stored({ id: 'idtoken.c-hash', title: 'c_hash matches the code (required for code id_token)', severity: 'error', clause: 'OIDC Core 3.3.2.10, 3.3.2.11', link: OIDC_CORE }),
  stored({ id: 'idtoken.s-hash', title: 's_hash, when present, matches the state', severity: 'error', clause: 'FAPI 1.0 Advanced 5.1.1', link: 'https://openid.net/specs/openid-financial-api-part-2-1_0.html' }),
  stored({ id: 'idtoken.refresh.iss', title: 'An ID token from a refresh keeps iss', severity: 'error', clause: 'OIDC Core 12.2', link: OIDC_CORE }),
  stored({ id: 'idtoken.refresh.sub', title: 'An ID token from a refresh keeps sub', severity: 'error', clause: 'OIDC Core 12.2', link: OIDC_CORE }),
  {
    id: 'idtoken.userinfo.sub',
    title: "Userinfo's sub is the ID token's sub",
    severity: 'error',
    set: 'core',
    clause: 'OIDC Core 5.3.4',
    link: OIDC_CORE,
    decidedBy: 'exchange',
    applies: wantsIdToken,
    judge: judgeUserinfoSub,
  },
];
