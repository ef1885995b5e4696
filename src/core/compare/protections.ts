/**
 * Which protections each flow used (issue 12): PKCE (RFC 7636), state (RFC 6749 10.12), nonce
 * (OIDC Core 3.1.2.1), at_hash / c_hash (OIDC Core 3.2.2.10, 3.3.2.11), DPoP (RFC 9449), PAR
 * (RFC 9126) and client authentication (RFC 6749 2.3, RFC 7523). Said in words; no value is shown.
 */
import { leftHalfHash } from '../tokens/id-token-rules';
import { decodeJwtParts, type FlowFacts, headerOf } from './facts';
import { NONE, type Row, row } from './types';

const hasCode = (f: FlowFacts): boolean => (f.request?.params.response_type ?? f.flow.responseType ?? '').split(' ').includes('code');

function pkce(f: FlowFacts): string {
  if (!f.request) return f.tokenRequest?.params.code_verifier ? 'code_verifier sent (request not seen)' : NONE;
  if (!hasCode(f)) return 'n/a (no code in this response type)';
  const p = f.request.params;
  if (!p.code_challenge) return p.request_uri ? 'inside the pushed request (not seen)' : 'not used';
  const method = p.code_challenge_method ?? 'plain (no method sent)';
  const verifier = f.tokenRequest ? (f.tokenRequest.params.code_verifier ? ', verifier sent' : ', verifier NOT sent') : '';
  return `${method}${verifier}`;
}

function bound(f: FlowFacts, name: 'state' | 'nonce'): string {
  const sent = f.request?.params[name];
  if (!f.request) return NONE;
  if (!sent) return f.request.params.request_uri ? 'inside the pushed request (not seen)' : 'not sent';
  if (name === 'state') {
    const back = f.callback?.params.state;
    if (!f.callback) return 'sent (no callback seen)';
    return back === undefined ? 'sent, not returned' : back === sent ? 'sent, returned matching' : 'sent, returned DIFFERENT';
  }
  const n = f.idJwt?.payload.nonce;
  if (!f.idJwt) return 'sent (no ID token)';
  return n === undefined ? 'sent, absent from the ID token' : n === sent ? 'sent, matches the ID token' : 'sent, ID token has ANOTHER';
}

/** at_hash / c_hash of each ID token the flow received, checked against the value it covers. */
function idHash(f: FlowFacts, claim: 'at_hash' | 'c_hash'): string {
  const covered = claim === 'at_hash' ? 'access_token' : 'code';
  const out: string[] = [];
  for (const got of f.received.id_token ?? []) {
    const jwt = decodeJwtParts(got.value);
    const h = jwt?.payload[claim];
    if (typeof h !== 'string') continue;
    const where = got.channel === 'token-endpoint' ? 'token endpoint' : got.channel;
    const value = (f.received[covered] ?? []).find((v) => (covered === 'code' ? true : v.channel === got.channel))?.value ?? f.received[covered]?.at(-1)?.value;
    const alg = jwt?.header.alg;
    const want = value && typeof alg === 'string' ? leftHalfHash(value, alg) : undefined;
    out.push(`in the ${where} ID token${want === undefined ? '' : want === h ? ', matches' : ', DOES NOT match'}`);
  }
  return out.length ? out.join('; ') : f.idJwt ? 'absent' : NONE;
}

function dpop(f: FlowFacts): string {
  const proof = headerOf(f.tokenRequest?.headers, 'dpop') !== undefined;
  const type = f.tokenResponse?.result.ok ? f.tokenResponse.result.tokens.token_type : undefined;
  const bound = typeof type === 'string' && type.toLowerCase() === 'dpop';
  const jkt = f.request?.params.dpop_jkt ? ', dpop_jkt in the request' : '';
  if (bound) return `bound (token_type DPoP)${jkt}`;
  if (proof) return `proof sent, token_type ${String(type ?? NONE)} (not bound)${jkt}`;
  return f.tokenRequest || f.tokenResponse ? `not used${jkt}` : NONE;
}

function par(f: FlowFacts): string {
  const pushed = f.flow.steps.some((s) => s.kind === 'exchange' && /pushed authorization/i.test(s.label));
  if (pushed) return 'used';
  if (f.request?.params.request_uri) return 'used (request_uri in the request)';
  return f.request ? 'not used' : NONE;
}

/** RFC 6749 2.3.1, RFC 7523 2.2; the method is read from what was sent, never the secret itself. */
export function clientAuthOf(f: FlowFacts): string {
  const t = f.tokenRequest;
  if (!t) return NONE;
  const auth = headerOf(t.headers, 'authorization');
  if (auth && /^basic /i.test(auth)) return 'client_secret_basic';
  if (t.params.client_secret) return 'client_secret_post';
  const assertion = t.params.client_assertion;
  if (assertion) {
    const alg = decodeJwtParts(assertion)?.header.alg;
    return typeof alg === 'string' && /^HS/i.test(alg) ? `client_secret_jwt (${alg})` : `private_key_jwt${typeof alg === 'string' ? ` (${alg})` : ''}`;
  }
  if (headerOf(t.headers, 'dpop') && !t.params.client_id) return 'none seen';
  return t.params.client_id ? 'none (public client: client_id only)' : 'none seen';
}

export function protectionRows(a: FlowFacts, b: FlowFacts): Row[] {
  return [
    row('protections.pkce', 'PKCE', pkce(a), pkce(b)),
    row('protections.state', 'state', bound(a, 'state'), bound(b, 'state')),
    row('protections.nonce', 'nonce', bound(a, 'nonce'), bound(b, 'nonce')),
    row('protections.at_hash', 'at_hash', idHash(a, 'at_hash'), idHash(b, 'at_hash')),
    row('protections.c_hash', 'c_hash', idHash(a, 'c_hash'), idHash(b, 'c_hash')),
    row('protections.dpop', 'DPoP binding', dpop(a), dpop(b)),
    row('protections.par', 'Pushed authorization request (PAR)', par(a), par(b)),
    row('protections.client-auth', 'Client authentication', clientAuthOf(a), clientAuthOf(b)),
  ];
}
