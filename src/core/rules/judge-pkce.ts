/**
 * PKCE judged over a flow (RFC 7636, RFC 9700 2.1.1): the challenge in the request, and wherever
 * the code redemption was seen, the verifier's form and that it hashes to the challenge. The verifier
 * is a secret until the code is spent, so no finding ever shows it; an S256 challenge is a hash and
 * travels in the URL, so it may be shown.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { base64url } from 'jose';
import { failed, type Finding, notApplicable, notSeen, passed } from '../finding';
import type { Flow } from '../flow';
import { isRedacted } from '../export/placeholder';
import { isFrontChannel, redemptionOf, responseTypeOf, sentRequest, type SentRequest, types } from './judge-seen';

type Judge = (flow: Flow) => Finding[];

/** Front-channel flows that ask for a code, with the request seen; otherwise the rule's n/a or not seen. */
function withCodeRequest(id: string, clause: string, then: (sent: SentRequest, flow: Flow) => Finding): Judge {
  return (flow) => {
    if (!isFrontChannel(flow)) return [notApplicable(id, clause, 'no authorization code in this grant')];
    const sent = sentRequest(flow);
    if (!sent) return [notSeen(id, clause, 'the authorization request was not seen')];
    if (!types(responseTypeOf(flow, sent)).includes('code')) return [notApplicable(id, clause, 'no code was asked for')];
    return [then(sent, flow)];
  };
}

export const pkceMissing = (id: string, clause: string): Judge =>
  withCodeRequest(id, clause, (sent) =>
    sent.params.code_challenge
      ? passed(id, clause, 'PKCE is used', { step: sent.step, param: 'code_challenge' })
      : failed(id, 'error', clause, 'no PKCE: an intercepted or injected code can be redeemed', { step: sent.step, param: 'code_challenge', expected: 'S256', actual: 'none' }),
  );

export const pkcePlain = (id: string, clause: string): Judge =>
  withCodeRequest(id, clause, (sent) => {
    if (!sent.params.code_challenge) return notApplicable(id, clause, 'no PKCE challenge was sent');
    const method = sent.params.code_challenge_method;
    // RFC 7636 4.3: with no method the server takes "plain".
    return method === 'S256'
      ? passed(id, clause, 'PKCE uses S256', { step: sent.step, param: 'code_challenge_method', expected: 'S256', actual: 'S256' })
      : failed(id, 'error', clause, 'PKCE plain sends the verifier itself in the URL; S256 does not', { step: sent.step, param: 'code_challenge_method', expected: 'S256', actual: method ?? 'plain (the default)' });
  });

/** RFC 7636 4.1: 43 to 128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~". */
export const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/** RFC 7636 4.2: the S256 challenge of a verifier. */
export const s256 = (verifier: string): string => base64url.encode(sha256(new TextEncoder().encode(verifier)));

/** The redemption's verifier, for a flow that sent a challenge; otherwise why the rule cannot judge. */
function withVerifier(id: string, clause: string, then: (verifier: string | undefined, sent: SentRequest, step: number) => Finding): Judge {
  return withCodeRequest(id, clause, (sent, flow) => {
    if (!sent.params.code_challenge) return notApplicable(id, clause, 'no PKCE challenge was sent');
    const r = redemptionOf(flow);
    if (!r) return notSeen(id, clause, 'the code redemption was not seen');
    const v = r.step.params.code_verifier;
    // Imported from a redacted bundle (issue 13): the verifier is a placeholder, its value unknown here.
    if (v !== undefined && isRedacted(v)) return notSeen(id, clause, 'the code_verifier was redacted in the file this flow was imported from');
    return then(v, sent, r.index);
  });
}

export const verifierFormat = (id: string, clause: string): Judge =>
  withVerifier(id, clause, (v, _sent, step) => {
    if (v === undefined) return failed(id, 'error', clause, 'the code was redeemed without a code_verifier although a challenge was sent', { step, param: 'code_verifier', expected: 'a code_verifier' });
    if (VERIFIER.test(v)) return passed(id, clause, 'the code_verifier has the form RFC 7636 asks for', { step, param: 'code_verifier' });
    const why = v.length < 43 || v.length > 128 ? `${v.length} characters` : 'characters outside [A-Za-z0-9-._~]';
    return failed(id, 'error', clause, 'the code_verifier is not 43-128 characters of [A-Za-z0-9-._~]', { step, param: 'code_verifier', expected: '43-128 of [A-Za-z0-9-._~]', actual: why });
  });

export const verifierMatch = (id: string, clause: string): Judge =>
  withVerifier(id, clause, (v, sent, step) => {
    if (v === undefined) return notApplicable(id, clause, 'no code_verifier was sent to compare');
    const challenge = sent.params.code_challenge!;
    const method = sent.params.code_challenge_method ?? 'plain';
    if (method !== 'S256' && method !== 'plain') return notApplicable(id, clause, `code_challenge_method ${method} is not one RFC 7636 defines`);
    const ok = method === 'S256' ? s256(v) === challenge : v === challenge;
    // Only an S256 challenge is shown: a plain one is the verifier itself.
    const ev = method === 'S256' ? { expected: challenge, actual: s256(v) } : {};
    return ok
      ? passed(id, clause, 'the code_verifier matches the challenge sent', { step, param: 'code_verifier', ...ev })
      : failed(id, 'error', clause, `the code_verifier does not match the challenge sent (${method})`, { step, param: 'code_verifier', ...ev });
  });
