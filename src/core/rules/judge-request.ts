/**
 * The authorization request rules as judges over a flow (catalog-request.ts), read from what the
 * request really carried (judge-seen.ts sentRequest: URL, PAR body and request object), so a launched
 * and a recorded flow are judged alike. Evidence shows state and nonce sizes and parameter names,
 * never a secret value.
 */
import { failed, type Finding, notApplicable, notSeen, passed } from '../finding';
import type { Flow } from '../flow';
import { decodeToken, looksLikeJwt } from '../jwt';
import { isSecretName } from '../secret-name';
import { estimatedBits, isFrontChannel, responseTypeOf, sentRequest, type SentRequest, types } from './judge-seen';

type Judge = (flow: Flow) => Finding[];

/** A judge over a front-channel flow's request: n/a for other grants, not seen without the request. */
export function requestJudge(id: string, clause: string, then: (sent: SentRequest, rt: string[], flow: Flow) => Finding): Judge {
  return (flow) => {
    if (!isFrontChannel(flow)) return [notApplicable(id, clause, 'no authorization request in this grant')];
    const sent = sentRequest(flow);
    if (!sent) return [notSeen(id, clause, 'the authorization request was not seen')];
    return [then(sent, types(responseTypeOf(flow, sent)), flow)];
  };
}

const at = (sent: SentRequest, param: string) => ({ step: sent.step, param });

/** RFC 9700 2.1.1: without state, only S256 PKCE (for a code) ties the callback to this browser. */
export const csrfProtected = (id: string, clause: string): Judge =>
  requestJudge(id, clause, (sent, rt) => {
    if (sent.params.state) return passed(id, clause, 'state ties the callback to this browser', at(sent, 'state'));
    if (rt.includes('code') && sent.params.code_challenge && sent.params.code_challenge_method === 'S256') return passed(id, clause, 'no state, but PKCE S256 ties the code to this client', at(sent, 'code_challenge'));
    return failed(id, 'error', clause, 'no state and no PKCE S256: nothing ties the callback to this browser (CSRF)', { ...at(sent, 'state'), expected: 'state or PKCE S256', actual: 'neither' });
  });

export const stateOmitted = (id: string, clause: string): Judge =>
  requestJudge(id, clause, (sent) =>
    sent.params.state ? passed(id, clause, 'state is sent', at(sent, 'state')) : failed(id, 'warning', clause, 'no state is sent', { ...at(sent, 'state'), expected: 'a state' }),
  );

/** Unguessable: 128 bits or more, estimated from the value's length and alphabet (RFC 6749 10.10). */
export const unguessable = (id: string, clause: string, param: 'state' | 'nonce'): Judge =>
  requestJudge(id, clause, (sent) => {
    const v = sent.params[param];
    if (!v) return notApplicable(id, clause, `no ${param} was sent`);
    const bits = estimatedBits(v);
    const ev = { ...at(sent, param), expected: '>= 128 bits', actual: `about ${bits} bits (${v.length} characters)` };
    return bits >= 128 ? passed(id, clause, `${param} looks unguessable`, ev) : failed(id, 'warning', clause, `${param} looks guessable: about ${bits} bits`, ev);
  });

/**
 * A fixed value chosen for a negative test (request-findings.ts stores it on the launched flow); a
 * launched flow otherwise generated a fresh one. A recorded flow's app chose it: out of reach.
 */
export const freshValue = (id: string, clause: string, param: 'state' | 'nonce'): Judge =>
  requestJudge(id, clause, (sent, _rt, flow) => {
    const stored = flow.findings.find((f) => f.id === id);
    if (stored) return { ...stored, step: sent.step, param };
    if (!sent.params[param]) return notApplicable(id, clause, `no ${param} was sent`);
    if (flow.source === 'launched') return passed(id, clause, `${param} was generated fresh for this flow`, at(sent, param));
    return notApplicable(id, clause, `whether the app reuses its ${param} across flows is out of Grantscope's reach`);
  });

export const nonceOmitted = (id: string, clause: string): Judge =>
  requestJudge(id, clause, (sent, rt) => {
    if (sent.params.nonce) return passed(id, clause, 'nonce is sent', at(sent, 'nonce'));
    if (rt.includes('id_token')) return failed(id, 'error', clause, `nonce is required when response_type "${rt.join(' ')}" returns an ID token from the front channel`, { ...at(sent, 'nonce'), expected: 'a nonce' });
    return notApplicable(id, clause, 'no ID token comes from the front channel, so nonce is optional');
  });

export const implicitToken = (id: string, clause: string): Judge =>
  requestJudge(id, clause, (sent, rt) =>
    rt.includes('token')
      ? failed(id, 'warning', clause, `response_type "${rt.join(' ')}" returns an access token in the front channel`, { ...at(sent, 'response_type'), expected: 'code', actual: rt.join(' ') })
      : passed(id, clause, 'no access token is asked for in the front channel', { ...at(sent, 'response_type'), actual: rt.join(' ') || 'code' }),
  );

/** OAuth 2.0 Multiple Response Types 2.1: query encoding "MUST NOT be used" with token or id_token. */
export const queryResponseMode = (id: string, clause: string): Judge =>
  requestJudge(id, clause, (sent, rt) => {
    if (!rt.includes('token') && !rt.includes('id_token')) return notApplicable(id, clause, 'no token is asked for in the front channel');
    const mode = sent.params.response_mode;
    return mode === 'query'
      ? failed(id, 'error', clause, `response_mode query is not allowed with response_type "${rt.join(' ')}"`, { ...at(sent, 'response_mode'), expected: 'fragment or form_post', actual: 'query' })
      : passed(id, clause, 'the response mode keeps tokens out of the query', { ...at(sent, 'response_mode'), actual: mode ?? 'fragment (the default)' });
  });

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost)$/i;

/** RFC 9700 2.6 / RFC 8252 7.3: plain http only to a loopback address; custom schemes are native apps' own. */
export const redirectHttp = (id: string, clause: string): Judge =>
  requestJudge(id, clause, (sent) => {
    const r = sent.params.redirect_uri;
    if (!r) return notApplicable(id, clause, 'no redirect_uri was sent (the registered one is used)');
    if (!URL.canParse(r)) return notApplicable(id, clause, 'the redirect_uri is not a URL');
    const u = new URL(r);
    if (u.protocol === 'http:' && !LOOPBACK.test(u.hostname)) return failed(id, 'error', clause, 'the redirect_uri is plain http to a host that is not loopback: the code travels unencrypted', { ...at(sent, 'redirect_uri'), expected: 'https, or http to a loopback address', actual: `http://${u.host}` });
    return passed(id, clause, 'the redirect_uri is not plain http off loopback', { ...at(sent, 'redirect_uri'), actual: `${u.protocol}//${u.host}` });
  });

/** Parameters that carry a JWT by design (RFC 9101 request object, OIDC Core id_token_hint). */
const JWT_BY_DESIGN = new Set(['request', 'id_token_hint', 'request_uri']);

/** RFC 6749 10.8: the front-channel URL ends up in histories, logs and Referer headers. Names only. */
export const secretParam = (id: string, clause: string): Judge =>
  requestJudge(id, clause, (sent) => {
    const bad = Object.keys(sent.url).filter((n) => !JWT_BY_DESIGN.has(n) && isSecretName(n));
    return bad.length
      ? failed(id, 'error', clause, `the authorization URL carries ${bad.join(', ')}: secrets in a URL leak through history, logs and Referer`, { ...at(sent, bad[0]!), actual: bad.join(', ') })
      : passed(id, clause, 'no secret-named parameter in the authorization URL', { step: sent.step });
  });

export const tokenInUrl = (id: string, clause: string): Judge =>
  requestJudge(id, clause, (sent) => {
    const bad = Object.entries(sent.url).filter(([n, v]) => !JWT_BY_DESIGN.has(n) && looksLikeJwt(v)).map(([n]) => n);
    return bad.length
      ? failed(id, 'warning', clause, `${bad.join(', ')} in the authorization URL holds a token (a JWT): whatever it carries leaks with the URL`, { ...at(sent, bad[0]!), actual: bad.join(', ') })
      : passed(id, clause, 'no token-looking value in the authorization URL (state, scope, others)', { step: sent.step });
  });

/** RFC 9101 10.2: an unsigned request object proves nothing about who made it. */
export const requestObjectSigned = (id: string, clause: string): Judge =>
  requestJudge(id, clause, (sent) => {
    const jwt = sent.url.request ?? (sent.params.request as string | undefined);
    if (!jwt) return notApplicable(id, clause, 'no request object was sent');
    const d = decodeToken(jwt);
    if (d.kind !== 'jwt') return notApplicable(id, clause, d.kind === 'jwe' ? 'the request object is encrypted' : 'the request object could not be read');
    const alg = typeof d.header.alg === 'string' ? d.header.alg : 'none';
    return d.unsigned
      ? failed(id, 'warning', clause, 'the request object is unsigned, so it proves nothing about who made the request', { ...at(sent, 'request'), expected: 'a signed request object', actual: `alg ${alg}` })
      : passed(id, clause, `the request object is signed (${alg})`, { ...at(sent, 'request'), actual: `alg ${alg}` });
  });
