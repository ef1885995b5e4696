/**
 * Rules about the authorization request (guide oauth-rules.md, "Authorization request"), judged over
 * what the request carried (judge-request.ts, judge-pkce.ts, judge-request-params.ts), launched or
 * recorded alike; plus the answers to PAR and device authorization the worker reads when they arrive.
 */
import { notApplicable, passed } from '../finding';
import type { ExchangeStep, Flow } from '../flow';
import { MULTIPLE_RESPONSE_TYPES, OIDC_CORE, rfc } from './link';
import { pkceMissing, pkcePlain, verifierFormat, verifierMatch } from './judge-pkce';
import { csrfProtected, freshValue, implicitToken, nonceOmitted, queryResponseMode, redirectHttp, requestJudge, requestObjectSigned, secretParam, stateOmitted, tokenInUrl, unguessable } from './judge-request';
import { claimsObject, maxAge, offlineAccess, passwordGrant, promptNone, resourceUri, secretInBrowser } from './judge-request-params';
import type { RuleDef, RuleSetId } from './types';

type Spec = Omit<RuleDef, 'judge' | 'decidedBy' | 'set'> & { decidedBy?: RuleDef['decidedBy']; set?: RuleSetId; judge?: (id: string, clause: string) => RuleDef['judge'] };

/** One entry: the judge is made for the rule's own id and clause, so the two never drift apart. */
const rule = (s: Spec): RuleDef => {
  const { judge, ...rest } = s;
  const made = judge?.(s.id, s.clause);
  return { set: 'core', decidedBy: 'authorization-request', ...rest, ...(made ? { judge: made } : {}) };
};

const STRICT = { bcp: 'error', oauth21: 'error', fapi2: 'error' } as const;

/**
 * A check the worker made on an answer it parsed (PAR, device authorization) and stored on a launched
 * flow: that finding when there is one, a pass once the answer was read without one; n/a without the
 * exchange, and for a recorded flow, whose answers the recorder does not parse this way.
 */
const storedOnAnswer = (id: string, clause: string, label: string, good: string): NonNullable<RuleDef['judge']> => (flow: Flow) => {
  const i = flow.steps.findIndex((s) => s.kind === 'exchange' && s.label.startsWith(label));
  const stored = flow.findings.find((f) => f.id === id);
  if (stored) return [{ ...stored, ...(i >= 0 ? { step: i } : {}) }];
  const answered = i >= 0 && (flow.steps[i] as ExchangeStep).response !== undefined;
  if (!answered || flow.source !== 'launched') return [notApplicable(id, clause, `${label}: ${i < 0 ? 'not part of this flow' : 'no answer read'}`)];
  return [passed(id, clause, good, { step: i })];
};

export const REQUEST_RULES: readonly RuleDef[] = [
  rule({ id: 'pkce.missing', title: 'PKCE is used', severity: 'error', clause: 'RFC 9700 2.1.1, RFC 7636 4.2', link: rfc(9700, '2.1.1'), judge: pkceMissing }),
  rule({ id: 'pkce.plain', title: 'PKCE uses S256, not plain', severity: 'warning', severityIn: STRICT, clause: 'RFC 9700 2.1.1, RFC 7636 4.2', link: rfc(7636, '4.2'), judge: pkcePlain }),
  rule({ id: 'pkce.verifier-format', title: 'The code_verifier is 43-128 characters of [A-Za-z0-9-._~]', severity: 'error', clause: 'RFC 7636 4.1', link: rfc(7636, '4.1'), decidedBy: 'token-request', judge: verifierFormat }),
  rule({ id: 'pkce.verifier-match', title: 'The code_verifier matches the challenge', severity: 'error', clause: 'RFC 7636 4.6', link: rfc(7636, '4.6'), decidedBy: 'token-request', judge: verifierMatch }),
  rule({ id: 'csrf.protection', title: 'The callback is tied to this browser (state or PKCE S256)', severity: 'error', clause: 'RFC 9700 2.1.1, RFC 6749 10.12', link: rfc(9700, '2.1.1'), judge: csrfProtected }),
  rule({ id: 'state.omitted', title: 'state is sent', severity: 'warning', clause: 'RFC 6749 10.12, RFC 9700 2.1.1', link: rfc(6749, '10.12'), judge: stateOmitted }),
  rule({ id: 'state.weak', title: 'state is unguessable (128 bits or more, estimated)', severity: 'warning', clause: 'RFC 6749 10.10, 10.12', link: rfc(6749, '10.10'), judge: (id, c) => unguessable(id, c, 'state') }),
  rule({ id: 'state.fixed', title: 'state is fresh for each flow', severity: 'warning', clause: 'RFC 6749 10.10, RFC 9700 2.1.1', link: rfc(9700, '2.1.1'), judge: (id, c) => freshValue(id, c, 'state') }),
  rule({
    id: 'state.single-use',
    title: 'state is used once',
    severity: 'warning',
    clause: 'RFC 9700 2.1.1',
    link: rfc(9700, '2.1.1'),
    // The same state in another flow would need every flow at hand; a judge sees one.
    judge: (id, c) => requestJudge(id, c, (sent) => notApplicable(id, c, sent.params.state ? 'whether this state was used by another flow is out of reach here' : 'no state was sent')),
  }),
  rule({ id: 'nonce.omitted', title: 'nonce is sent when an ID token comes from the front channel', severity: 'error', clause: 'OIDC Core 3.2.2.1, 3.3.2.11', link: OIDC_CORE, judge: nonceOmitted }),
  rule({ id: 'nonce.weak', title: 'nonce is unguessable (128 bits or more, estimated)', severity: 'warning', clause: 'OIDC Core 3.1.2.1, 15.5.2', link: OIDC_CORE, judge: (id, c) => unguessable(id, c, 'nonce') }),
  rule({ id: 'nonce.fixed', title: 'nonce is fresh for each flow', severity: 'warning', clause: 'OIDC Core 3.1.2.1, 15.5.2', link: OIDC_CORE, judge: (id, c) => freshValue(id, c, 'nonce') }),
  rule({ id: 'implicit.token', title: 'No access token in the front channel (implicit / hybrid token)', severity: 'warning', severityIn: STRICT, clause: 'RFC 9700 2.1.2', link: rfc(9700, '2.1.2'), judge: implicitToken }),
  rule({ id: 'request.response-mode-query', title: 'Tokens are not asked for in the query', severity: 'error', clause: 'OAuth 2.0 Multiple Response Types 2.1', link: MULTIPLE_RESPONSE_TYPES, judge: queryResponseMode }),
  rule({ id: 'request.redirect-http', title: 'The redirect_uri is not plain http off loopback', severity: 'error', clause: 'RFC 9700 2.6, RFC 8252 7.3', link: rfc(9700, '2.6'), judge: redirectHttp }),
  rule({ id: 'request.secret-param', title: 'No secret-named parameter in the authorization URL', severity: 'error', clause: 'RFC 6749 10.8', link: rfc(6749, '10.8'), judge: secretParam }),
  rule({ id: 'request.token-in-url', title: 'No token in state, scope or other URL parameters', severity: 'warning', clause: 'RFC 6749 10.8', link: rfc(6749, '10.8'), judge: tokenInUrl }),
  rule({ id: 'request.object-unsigned', title: 'The request object is signed', severity: 'warning', clause: 'RFC 9101 10.2', link: rfc(9101, '10.2'), judge: requestObjectSigned }),
  rule({ id: 'request.max-age', title: 'max_age is a whole number of seconds', severity: 'warning', clause: 'OIDC Core 3.1.2.1', link: OIDC_CORE, judge: maxAge }),
  rule({ id: 'request.claims', title: 'The claims parameter is a JSON object', severity: 'warning', clause: 'OIDC Core 5.5', link: OIDC_CORE, judge: claimsObject }),
  rule({ id: 'request.prompt-none', title: 'prompt none stands alone', severity: 'warning', clause: 'OIDC Core 3.1.2.1', link: OIDC_CORE, judge: promptNone }),
  rule({ id: 'request.offline-access', title: 'offline_access comes with prompt=consent', severity: 'warning', clause: 'OIDC Core 11', link: OIDC_CORE, judge: offlineAccess }),
  rule({ id: 'request.resource', title: 'Each resource is an absolute URI without a fragment', severity: 'warning', clause: 'RFC 8707 2', link: rfc(8707, '2'), judge: resourceUri }),
  rule({ id: 'grant.password', title: 'The password grant is not used', severity: 'error', clause: 'RFC 9700 2.4', link: rfc(9700, '2.4'), decidedBy: 'flow', judge: passwordGrant }),
  rule({ id: 'client.secret-in-browser', title: 'No client secret is sent from the browser', severity: 'error', clause: 'RFC 6749 2.1, 10.1', link: rfc(6749, '10.1'), decidedBy: 'token-request', judge: secretInBrowser }),
  // Read by the worker from the answers when they arrive (par.ts, device.ts), stored on the flow.
  rule({ id: 'par.status-201', title: 'A PAR answer is 201 Created', severity: 'warning', clause: 'RFC 9126 2.2', link: rfc(9126, '2.2'), decidedBy: 'exchange', judge: (id, c) => storedOnAnswer(id, c, 'Pushed authorization request', 'the PAR answer is 201 Created') }),
  rule({ id: 'par.request-uri', title: 'A PAR request_uri is a URI', severity: 'warning', clause: 'RFC 9126 2.2', link: rfc(9126, '2.2'), decidedBy: 'exchange', judge: (id, c) => storedOnAnswer(id, c, 'Pushed authorization request', 'the request_uri is a URI') }),
  rule({ id: 'device.status-200', title: 'A device authorization answer is 200 OK', severity: 'warning', clause: 'RFC 8628 3.2', link: rfc(8628, '3.2'), decidedBy: 'exchange', judge: (id, c) => storedOnAnswer(id, c, 'Device authorization', 'the device authorization answer is 200 OK') }),
  rule({ id: 'device.verification-uri-name', title: 'The device answer names verification_uri', severity: 'warning', clause: 'RFC 8628 3.2', link: rfc(8628, '3.2'), decidedBy: 'exchange', judge: (id, c) => storedOnAnswer(id, c, 'Device authorization', 'the answer names verification_uri') }),
];

