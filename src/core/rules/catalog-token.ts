/**
 * Rules about the token request and the token endpoint's answer (guide oauth-rules.md, "Token request
 * and response"; RFC 6749 4.1.3, 5.1, 5.2, 7.1, 10.3-10.4), judged per step by
 * src/core/tokens/token-answer-rules.ts from what the answer parser recorded, launched or recorded alike.
 * The code replay test (RFC 6749 10.5) is an active test: catalog-refresh.ts's concern.
 */
import type { Flow } from '../flow';
import { answerShape, answerWarning, errorShape, redirectUriSame, tokensOverHttps } from '../tokens/token-answer-rules';
import { rfc } from './link';
import type { RuleDef } from './types';

/** The engine asks `applies` only when a judge finds nothing: a judge of a flow it does not concern stays silent. */
const gated = (applies: (f: Flow) => boolean, judge: NonNullable<RuleDef['judge']>): NonNullable<RuleDef['judge']> => (f, ctx) => (applies(f) ? judge(f, ctx) : []);

const redeemsCode = (f: Flow): boolean => f.grant === 'authorization' && (f.responseType ?? 'code').split(' ').includes('code');
const usesTokenEndpoint = (f: Flow): boolean => redeemsCode(f) || (f.grant !== 'authorization' && f.grant !== 'other') || f.steps.some((s) => s.kind === 'token-request');

const entry = (r: Omit<RuleDef, 'set' | 'decidedBy' | 'applies'> & { decidedBy?: RuleDef['decidedBy']; applies?: (f: Flow) => boolean }): RuleDef => {
  const applies = r.applies ?? usesTokenEndpoint;
  return { set: 'core', decidedBy: 'token-response', ...r, applies, ...(r.judge ? { judge: gated(applies, r.judge) } : {}) };
};

const C51 = 'RFC 6749 5.1';

export const TOKEN_RULES: readonly RuleDef[] = [
  entry({ id: 'token.redirect-uri', title: 'The token request repeats the authorization request\'s redirect_uri exactly', severity: 'error', clause: 'RFC 6749 4.1.3', link: rfc(6749, '4.1.3'), decidedBy: 'token-request', applies: redeemsCode, judge: redirectUriSame('token.redirect-uri', 'RFC 6749 4.1.3') }),
  entry({ id: 'token.https', title: 'Tokens are requested over https (loopback aside)', severity: 'error', clause: 'RFC 6749 10.3, 10.4', link: rfc(6749, '10.3'), decidedBy: 'token-request', judge: tokensOverHttps('token.https', 'RFC 6749 10.3, 10.4') }),
  entry({ id: 'token.json', title: 'The answer is a JSON object with access_token and token_type strings', severity: 'error', clause: C51, link: rfc(6749, '5.1'), judge: answerShape('token.json', C51) }),
  entry({ id: 'token.status', title: 'A token answer is 200 OK', severity: 'warning', clause: C51, link: rfc(6749, '5.1'), judge: answerWarning('token.status', C51, 'the answer is 200 OK') }),
  entry({ id: 'token.content-type', title: 'A token answer is labelled application/json', severity: 'warning', clause: C51, link: rfc(6749, '5.1'), judge: answerWarning('token.content-type', C51, 'labelled application/json') }),
  entry({ id: 'token.cache-control', title: 'A token answer carries Cache-Control: no-store', severity: 'warning', clause: C51, link: rfc(6749, '5.1'), judge: answerWarning('token.cache-control', C51, 'Cache-Control: no-store') }),
  entry({ id: 'token.expires-in', title: 'expires_in is a JSON number', severity: 'warning', clause: C51, link: rfc(6749, '5.1'), judge: answerWarning('token.expires-in', C51, 'expires_in is a number, or absent') }),
  entry({ id: 'token.token-type', title: 'token_type is one Grantscope knows (Bearer, DPoP)', severity: 'warning', clause: 'RFC 6749 7.1', link: rfc(6749, '7.1'), judge: answerWarning('token.token-type', 'RFC 6749 7.1', 'token_type is Bearer or DPoP') }),
  entry({ id: 'token.error', title: 'A refusal names its error', severity: 'error', clause: 'RFC 6749 5.2', link: rfc(6749, '5.2'), judge: errorShape('token.error', 'RFC 6749 5.2') }),
];
