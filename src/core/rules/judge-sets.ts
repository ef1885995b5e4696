/**
 * Judges of the stricter sets' own rules (catalog-sets.ts): FAPI 2.0 Security Profile, the RFC 9700
 * BCP and OAuth 2.1 where the core rules do not already say it (PKCE, implicit and the password grant
 * are core rules with a stricter severity under these sets). Each reads the flow as seen, names the
 * step and parameter, and says "not seen" when the step that decides it never came.
 */
import { type Finding, failed, notApplicable, notSeen, passed } from '../finding';
import type { Flow, TokenResponseStep } from '../flow';
import { decodeToken } from '../jwt';
import { callbackOf, isFrontChannel, sentRequest } from './judge-seen';
import type { RuleDef } from './types';

type Judge = NonNullable<RuleDef['judge']>;
export type JudgeFor = (id: string, clause: string) => Judge;

const isPar = (s: Flow['steps'][number]): boolean => s.kind === 'exchange' && s.label.startsWith('Pushed authorization request');

/** Front-channel rules: n/a for back-channel grants, not seen until the authorization request was. */
const front =
  (rule: (id: string, clause: string, flow: Flow) => Finding[], what = 'the authorization request'): JudgeFor =>
  (id, clause) =>
  (flow) => {
    if (!isFrontChannel(flow)) return [notApplicable(id, clause, 'a back-channel grant: no authorization request')];
    if (!sentRequest(flow)) return [notSeen(id, clause, `${what} was not seen`)];
    return rule(id, clause, flow);
  };

/** FAPI 2.0 5.3.2.2: only PAR, and the authorization endpoint gets only client_id and request_uri. */
export const parRequired: JudgeFor = front((id, clause, flow) => {
  const par = flow.steps.findIndex(isPar);
  const direct = flow.steps.findIndex((s) => s.kind === 'authorization-request');
  if (par < 0) return [failed(id, 'error', clause, 'the authorization request was not pushed (PAR)', { step: direct, param: 'request_uri', expected: 'a PAR request_uri', actual: 'parameters in the URL' })];
  if (direct < 0) return [notSeen(id, clause, 'the PAR was seen, the authorization request that used it was not')];
  const params = (flow.steps[direct] as { params: Record<string, string> }).params;
  const extra = Object.keys(params).filter((k) => k !== 'client_id' && k !== 'request_uri');
  if (!params.request_uri) return [failed(id, 'error', clause, 'the authorization request carries no request_uri', { step: direct, param: 'request_uri', expected: 'the PAR request_uri', actual: '(none)' })];
  if (extra.length) return [failed(id, 'error', clause, `the authorization request carries parameters beside the PAR request_uri: ${extra.join(', ')}`, { step: direct, param: extra[0]!, expected: 'client_id and request_uri only', actual: extra.join(' ') })];
  return [passed(id, clause, 'the request was pushed (PAR); the authorization URL carries only client_id and request_uri', { step: direct, param: 'request_uri' })];
});

/** FAPI 2.0 5.3.2.2: response_type code only (no implicit, no hybrid). */
export const responseTypeCode: JudgeFor = front((id, clause, flow) => {
  const sent = sentRequest(flow)!;
  const rt = sent.params.response_type ?? flow.responseType ?? '';
  return rt === 'code'
    ? [passed(id, clause, 'response_type is code', { step: sent.step, param: 'response_type' })]
    : [failed(id, 'error', clause, `response_type is "${rt}", not code`, { step: sent.step, param: 'response_type', expected: 'code', actual: rt || '(none)' })];
});

/** FAPI 2.0 5.3.2.2: the authorization response carries iss (RFC 9207), whatever discovery says. */
export const issInResponse: JudgeFor = front((id, clause, flow) => {
  const cb = callbackOf(flow);
  if (!cb) return [notSeen(id, clause, 'the callback was not seen')];
  return cb.step.params.iss
    ? [passed(id, clause, 'the authorization response carries iss', { step: cb.index, param: 'iss' })]
    : [failed(id, 'error', clause, 'the authorization response has no iss (RFC 9207)', { step: cb.index, param: 'iss', expected: 'the issuer', actual: '(none)' })];
}, 'the authorization request');

/** Every token answer that issued tokens, with its index. */
function tokenAnswers(flow: Flow): { step: TokenResponseStep & { result: { ok: true } }; index: number }[] {
  const out: { step: TokenResponseStep & { result: { ok: true } }; index: number }[] = [];
  flow.steps.forEach((s, index) => {
    if (s.kind === 'token-response' && s.result.ok) out.push({ step: s as TokenResponseStep & { result: { ok: true } }, index });
  });
  return out;
}

/** FAPI 2.0 5.3.2.1: access tokens are sender-constrained, by DPoP (RFC 9449) or mTLS (RFC 8705 3: cnf x5t#S256). */
export const senderConstrained: JudgeFor = (id, clause) => (flow) => {
  const answers = tokenAnswers(flow);
  const implicit = callbackOf(flow);
  if (implicit?.step.params.access_token) return [failed(id, 'error', clause, 'an access token came in the front channel: it cannot be sender-constrained', { step: implicit.index, param: 'access_token', expected: 'DPoP or mTLS-bound', actual: 'front-channel bearer' })];
  if (!answers.length) return [notSeen(id, clause, 'no token answer was seen')];
  return answers.map(({ step, index }) => {
    const type = String(step.result.tokens.token_type ?? '');
    if (type.toLowerCase() === 'dpop') return passed(id, clause, 'token_type is DPoP: the access token is bound to the client’s key', { step: index, param: 'token_type' });
    const at = step.result.tokens.access_token;
    const d = typeof at === 'string' ? decodeToken(at) : undefined;
    if (d?.kind === 'jwt' && typeof d.payload.cnf === 'object' && d.payload.cnf !== null) return passed(id, clause, 'the access token carries a cnf claim (a bound key or certificate)', { step: index, param: 'cnf' });
    return failed(id, 'error', clause, `token_type is ${type || '(none)'} and the access token shows no cnf binding`, { step: index, param: 'token_type', expected: 'DPoP, or a cnf-bound token (mTLS)', actual: type || '(none)' });
  });
};

/** How the client authenticated at the token endpoint, as seen in the request (RFC 7523 2.2, RFC 6749 2.3.1). */
function clientAuthSeen(flow: Flow, params: Record<string, string>, headers: Record<string, string>): string {
  if (params.client_assertion_type === 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' && params.client_assertion) {
    const d = decodeToken(params.client_assertion);
    return d.kind === 'jwt' && String(d.header.alg).startsWith('HS') ? 'client_secret_jwt' : 'private_key_jwt';
  }
  const auth = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1] ?? '';
  if (/^basic /i.test(auth)) return 'client_secret_basic';
  if (params.client_secret !== undefined) return 'client_secret_post';
  // Mutual TLS happens below HTTP; a launched flow knows its profile's choice.
  if (flow.source === 'launched' && /tls_client_auth$/.test(flow.profile.authMethod)) return flow.profile.authMethod;
  return 'none';
}

/** FAPI 2.0 5.3.2.1, 5.3.2.1 (4): confidential clients only, by private_key_jwt or mTLS. */
export const clientAuth: JudgeFor = (id, clause) => (flow) => {
  const index = flow.steps.findIndex((s) => s.kind === 'token-request');
  if (index < 0) return [notSeen(id, clause, 'no token request was seen')];
  const req = flow.steps[index] as { params: Record<string, string>; headers: Record<string, string> };
  const how = clientAuthSeen(flow, req.params, req.headers);
  const ok = how === 'private_key_jwt' || how === 'tls_client_auth' || how === 'self_signed_tls_client_auth';
  return ok
    ? [passed(id, clause, `the client authenticates with ${how}`, { step: index, param: how === 'private_key_jwt' ? 'client_assertion' : 'client_id' })]
    : [failed(id, 'error', clause, how === 'none' ? 'a public client, or mutual TLS Grantscope cannot see from the browser' : `the client authenticates with ${how}`, { step: index, param: 'client_id', expected: 'private_key_jwt or mTLS', actual: how })];
};

const FAPI_ALGS = ['PS256', 'ES256', 'EdDSA'];

/** Every JWT the flow carried whose alg FAPI 2.0 constrains: ID tokens, client assertions, request objects. */
function signedTokens(flow: Flow): { step: number; param: string; token: string }[] {
  const out: { step: number; param: string; token: string }[] = [];
  flow.steps.forEach((s, step) => {
    if (s.kind === 'token-response' && s.result.ok && typeof s.result.tokens.id_token === 'string') out.push({ step, param: 'id_token', token: s.result.tokens.id_token });
    if (s.kind === 'callback' && s.params.id_token) out.push({ step, param: 'id_token', token: s.params.id_token });
    if (s.kind === 'token-request' && s.params.client_assertion) out.push({ step, param: 'client_assertion', token: s.params.client_assertion });
    if (s.kind === 'authorization-request' && s.params.request) out.push({ step, param: 'request', token: s.params.request });
    if (s.kind === 'exchange' && s.request.params.request) out.push({ step, param: 'request', token: s.request.params.request });
  });
  return out;
}

/** FAPI 2.0 5.4.1: PS256, ES256 or EdDSA; never none, and RSA1_5 for encryption is out too. */
export const fapiAlgs: JudgeFor = (id, clause) => (flow) => {
  const found = signedTokens(flow);
  if (!found.length) return [notSeen(id, clause, 'no signed token (ID token, client assertion, request object) was seen')];
  return found.map(({ step, param, token }) => {
    const d = decodeToken(token);
    if (d.kind === 'jwe') {
      const alg = String(d.header.alg);
      return alg === 'RSA1_5' ? failed(id, 'error', clause, `the ${param} is encrypted with RSA1_5`, { step, param, expected: 'not RSA1_5', actual: alg }) : passed(id, clause, `the ${param} is encrypted with ${alg}`, { step, param });
    }
    if (d.kind !== 'jwt') return notApplicable(id, clause, `the ${param} could not be decoded`);
    const alg = String(d.header.alg);
    return FAPI_ALGS.includes(alg)
      ? passed(id, clause, `the ${param} is signed with ${alg}`, { step, param, actual: alg })
      : failed(id, 'error', clause, `the ${param} is signed with ${alg}`, { step, param, expected: FAPI_ALGS.join(', '), actual: alg });
  });
};

/** FAPI 2.0 5.3.2.2: authorization codes live at most 60 s; a code redeemed later and accepted breaks it. */
export const codeLifetime: JudgeFor = front((id, clause, flow) => {
  const cb = callbackOf(flow);
  const answer = flow.steps.findIndex((s) => s.kind === 'token-response' && s.result.ok);
  if (!cb || !cb.step.params.code || answer < 0) return [notSeen(id, clause, 'no code and its redemption were seen')];
  const age = Math.round((flow.steps[answer]!.at - cb.step.at) / 1000);
  return age > 60
    ? [failed(id, 'error', clause, `a code ${age} s old was accepted`, { step: answer, param: 'code', expected: 'refused after 60 s', actual: `accepted after ${age} s` })]
    : [notApplicable(id, clause, `the code was redeemed ${age} s after it came: within 60 s, so its lifetime was not put to the test`)];
});
