/**
 * Judges for the token request and answer rules (catalog-token.ts; guide oauth-rules.md "Token request
 * and response"), over the flow's token-request and token-response steps, launched or recorded.
 *
 * The answer's member and header checks are made once, when the answer is read (token-response.ts,
 * token-fields.ts put them in result.warnings with their catalog ids); these judges read them back per
 * step, so an answer that had no such problem reads "pass" and a flow with no answer "not seen".
 * Evidence never carries a token: the warnings name fields and headers, and URLs go through redactUrl.
 */
import { authParams } from '../capture/match';
import { failed, notApplicable, notSeen, passed, type Finding } from '../finding';
import type { Flow, TokenResponseStep } from '../flow';
import { redactUrl } from '../redact';

type Judge = (f: Flow) => Finding[];

const responses = (f: Flow): { s: TokenResponseStep; i: number }[] =>
  f.steps.flatMap((s, i) => (s.kind === 'token-response' && s.status !== 0 ? [{ s, i }] : []));

/** A check the parser makes on every answer that carried tokens (RFC 6749 5.1), read back per step. */
export function answerWarning(id: string, clause: string, passMessage: string): Judge {
  return (f) => {
    const all = responses(f);
    if (all.length === 0) return [notSeen(id, clause, 'no token answer was seen')];
    const out: Finding[] = [];
    for (const { s, i } of all) {
      if (!s.result.ok) continue;
      const w = s.result.warnings.find((x) => x.id === id);
      out.push(w ? { ...w, step: i } : passed(id, clause, passMessage, { step: i }));
    }
    return out.length ? out : [notApplicable(id, clause, 'no token answer carried tokens')];
  };
}

const MALFORMED = new Set(['bad-field', 'not-json', 'not-object', 'too-large', 'too-deep']);

/** RFC 6749 5.1: a JSON object whose access_token and token_type are strings (token-fields.ts). */
export function answerShape(id: string, clause: string): Judge {
  return (f) => {
    const all = responses(f);
    if (all.length === 0) return [notSeen(id, clause, 'no token answer was seen')];
    const out: Finding[] = [];
    for (const { s, i } of all) {
      const r = s.result;
      if (r.ok) out.push(passed(id, clause, 'a JSON object with access_token and token_type as strings', { step: i }));
      else if (MALFORMED.has(r.problem)) out.push(failed(id, 'error', clause, r.message, { step: i, ...('field' in r && r.field ? { param: r.field } : {}) }));
    }
    return out.length ? out : [notApplicable(id, clause, 'no successful token answer to judge')];
  };
}

/** RFC 6749 5.2: a refusal is a JSON object with a string `error`. */
export function errorShape(id: string, clause: string): Judge {
  return (f) => {
    const all = responses(f);
    if (all.length === 0) return [notSeen(id, clause, 'no token answer was seen')];
    const out: Finding[] = [];
    for (const { s, i } of all) {
      const r = s.result;
      if (r.ok) continue;
      if (r.problem === 'oauth-error') out.push(passed(id, clause, `the refusal names its error (${r.error ?? ''})`, { step: i, param: 'error' }));
      else if (r.problem === 'unexpected-status') out.push(failed(id, 'error', clause, `a refusal without an error member: ${r.message}`, { expected: 'a JSON object with "error"', actual: `HTTP ${s.status}`, step: i, param: 'error' }));
    }
    return out.length ? out : [notApplicable(id, clause, 'no refusal to judge')];
  };
}

const isLoopback = (host: string): boolean => host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

/** RFC 6749 10.3, 10.4 (and 3.2): tokens travel only over TLS; a loopback endpoint (a local test server) aside. */
export function tokensOverHttps(id: string, clause: string): Judge {
  return (f) => {
    const out: Finding[] = [];
    f.steps.forEach((s, i) => {
      if (s.kind !== 'token-request') return;
      let u: URL | undefined;
      try {
        u = new URL(s.url);
      } catch {
        u = undefined;
      }
      const shown = redactUrl(s.url);
      if (u?.protocol === 'https:') out.push(passed(id, clause, 'the token endpoint is https', { actual: shown, step: i }));
      else if (u?.protocol === 'http:' && isLoopback(u.hostname)) out.push(passed(id, clause, 'plain http, but to a loopback address', { actual: shown, step: i }));
      else out.push(failed(id, 'error', clause, 'tokens were requested over plain http', { expected: 'https', actual: shown, step: i }));
    });
    return out.length ? out : [notSeen(id, clause, 'no token request was seen')];
  };
}

/**
 * RFC 6749 4.1.3: redirect_uri is "REQUIRED, if the redirect_uri parameter was included in the
 * authorization request ..., and their values MUST be identical". Compared as strings, exactly.
 */
export function redirectUriSame(id: string, clause: string): Judge {
  return (f) => {
    const out: Finding[] = [];
    const sent = authParams(f);
    f.steps.forEach((s, i) => {
      if (s.kind !== 'token-request' || s.params.grant_type !== 'authorization_code') return;
      const asked = sent?.redirect_uri;
      const given = s.params.redirect_uri;
      if (!sent) out.push(notSeen(id, clause, 'the authorization request was not seen'));
      else if (asked === undefined) out.push(notApplicable(id, clause, 'the authorization request carried no redirect_uri parameter (a request object or the registration may hold it)'));
      else if (given === asked) out.push(passed(id, clause, 'redirect_uri is the one of the authorization request', { expected: redactUrl(asked), actual: redactUrl(given), step: i, param: 'redirect_uri' }));
      else out.push(failed(id, 'error', clause, given === undefined ? 'the token request leaves out the redirect_uri the authorization request carried' : 'redirect_uri differs from the authorization request', { expected: redactUrl(asked), actual: given === undefined ? '(absent)' : redactUrl(given), step: i, param: 'redirect_uri' }));
    });
    if (out.length) return out;
    return [f.steps.some((s) => s.kind === 'token-request') ? notApplicable(id, clause, 'no code was redeemed') : notSeen(id, clause, 'no code redemption was seen')];
  };
}
