/**
 * The stricter sets' own rules (the guide's "Rule sets beyond the core specs"): FAPI 2.0 Security
 * Profile, the RFC 9700 BCP and OAuth 2.1. What the core rules already check (PKCE S256, no implicit,
 * no password grant, public clients' refresh tokens rotated) is not repeated here: those rules carry
 * a stricter severity under these sets (severityIn), so one fact is one finding.
 */
import { bearerNotInQuery, redirectExact } from './judge-sets-bcp';
import { clientAuth, codeLifetime, fapiAlgs, issInResponse, type JudgeFor, parRequired, responseTypeCode, senderConstrained } from './judge-sets';
import { FAPI2, OAUTH21, rfc } from './link';
import type { RuleDef } from './types';

type Spec = Omit<RuleDef, 'judge' | 'severity'> & { judge: JudgeFor };
const rule = ({ judge, ...rest }: Spec): RuleDef => ({ severity: 'error', ...rest, judge: judge(rest.id, rest.clause) });

export const SETS_RULES: readonly RuleDef[] = [
  rule({ id: 'bcp.redirect-uri-exact', title: 'The provider redirects to exactly the redirect_uri sent', set: 'bcp', clause: 'RFC 9700 2.1, 4.1.3', link: rfc(9700, '4.1.3'), decidedBy: 'callback', judge: redirectExact }),
  rule({ id: 'oauth21.bearer-not-in-query', title: 'A bearer token is never sent in a URL query', set: 'oauth21', clause: 'OAuth 2.1 5.2, RFC 9700 4.3.2', link: OAUTH21, decidedBy: 'exchange', judge: bearerNotInQuery }),
  rule({ id: 'fapi2.par-required', title: 'The request is pushed (PAR); the authorization URL carries only client_id and request_uri', set: 'fapi2', clause: 'FAPI 2.0 5.3.2.2, RFC 9126', link: FAPI2, decidedBy: 'authorization-request', judge: parRequired }),
  rule({ id: 'fapi2.response-type-code', title: 'response_type is code only', set: 'fapi2', clause: 'FAPI 2.0 5.3.2.2', link: FAPI2, decidedBy: 'authorization-request', judge: responseTypeCode }),
  rule({ id: 'fapi2.iss-in-response', title: 'The authorization response carries iss (RFC 9207)', set: 'fapi2', clause: 'FAPI 2.0 5.3.2.2, RFC 9207 2', link: FAPI2, decidedBy: 'callback', judge: issInResponse }),
  rule({ id: 'fapi2.sender-constrained', title: 'Access tokens are sender-constrained (DPoP or mTLS)', set: 'fapi2', clause: 'FAPI 2.0 5.3.2.1, RFC 9449, RFC 8705', link: FAPI2, decidedBy: 'token-response', judge: senderConstrained }),
  rule({ id: 'fapi2.client-auth', title: 'A confidential client with private_key_jwt or mTLS', set: 'fapi2', clause: 'FAPI 2.0 5.3.2.1', link: FAPI2, decidedBy: 'token-request', judge: clientAuth }),
  rule({ id: 'fapi2.algs', title: 'Signed with PS256, ES256 or EdDSA (never none, no RSA1_5)', set: 'fapi2', clause: 'FAPI 2.0 5.4.1', link: FAPI2, decidedBy: 'token-response', judge: fapiAlgs }),
  rule({ id: 'fapi2.code-lifetime', title: 'An authorization code lives at most 60 s', set: 'fapi2', clause: 'FAPI 2.0 5.3.2.2', link: FAPI2, decidedBy: 'token-response', judge: codeLifetime }),
];

/** One line per set for the profile editor's choice (types.ts RULE_SETS names them). */
export const RULE_SET_LINES: Record<RuleDef['set'], string> = {
  core: 'The core specs: RFC 6749, RFC 7636, OpenID Connect Core. The default.',
  bcp: 'Adds RFC 9700: PKCE S256 for every client, no implicit or password grant, exact redirect URIs, rotated refresh tokens.',
  oauth21: 'The BCP, plus OAuth 2.1: no bearer token in a URL query.',
  fapi2: 'The BCP, plus FAPI 2.0: PAR, code only, iss in the response, DPoP or mTLS, private_key_jwt or mTLS, PS256/ES256/EdDSA.',
};
