/**
 * Where a flow's ID tokens are, and the judges the ID token rules share (catalog-idtoken.ts).
 *
 * The claim checks of a flow's ID token are made by the worker when the token arrives (they need the
 * nonce a launched flow keeps in FlowSecrets, and the clock of that moment) and stored on the step:
 * a token response's `findings`, a callback's `idTokenFindings`. The judges here read them back, so
 * a flow in which no ID token was seen reads "not seen" rather than n/a or pass.
 */
import { failed, notApplicable, notSeen, passed, type Finding } from '../finding';
import type { Flow, FlowStep } from '../flow';
import { parseJsonBounded } from '../json-bounds';
import { decodeToken } from '../jwt';
import { isObject } from '../json-answer';
import { OPEN } from '../export/placeholder';

/** The ID token a step carries: a successful token answer's, or a callback's (implicit, hybrid). */
export function idTokenOf(s: FlowStep): string | undefined {
  if (s.kind === 'token-response' && s.result.ok && typeof s.result.tokens.id_token === 'string') return s.result.tokens.id_token;
  if (s.kind === 'callback' && s.params.id_token) return s.params.id_token;
  return undefined;
}

/** The findings the worker stored for a step's ID token. */
const storedOn = (s: FlowStep): Finding[] | undefined => (s.kind === 'callback' ? s.idTokenFindings : s.kind === 'token-response' ? s.findings : undefined);

/** True when the flow asked for an ID token (openid scope, or id_token in the response type) or got one. */
export function wantsIdToken(f: Flow): boolean {
  if (f.steps.some((s) => idTokenOf(s) !== undefined)) return true;
  if (f.responseType?.split(' ').includes('id_token')) return true;
  const sent = f.steps.find((s) => s.kind === 'authorization-request');
  const scope = sent?.kind === 'authorization-request' ? sent.params.scope : f.source === 'launched' ? f.profile.request.scope : undefined;
  return typeof scope === 'string' && scope.split(' ').includes('openid');
}

/**
 * A judge for a rule the worker decides when an ID token arrives: the stored findings with that id,
 * each tied to its step; "not seen" while no ID token was seen; n/a for a token not checked (yet).
 */
export function storedIdTokenRule(id: string, clause: string, title: string) {
  return (f: Flow): Finding[] => {
    const out: Finding[] = [];
    let seen = false;
    f.steps.forEach((s, i) => {
      if (idTokenOf(s) === undefined) return;
      seen = true;
      for (const x of storedOn(s) ?? []) if (x.id === id) out.push(x.step === undefined ? { ...x, step: i } : x);
    });
    if (out.length) return out;
    if (!seen) return [wantsIdToken(f) ? notSeen(id, clause, `${title}: no ID token was seen`) : notApplicable(id, clause, `${title}: no ID token was asked for`)];
    return [notApplicable(id, clause, `${title}: the ID token was not checked (yet)`)];
  };
}

const isUserinfo = (s: FlowStep): boolean => s.kind === 'exchange' && /^userinfo\b/i.test(s.label);

/** Userinfo's sub: from a JSON answer, or a JWT answer's payload (OIDC Core 5.3.2). */
function userinfoSub(s: FlowStep): string | undefined {
  if (s.kind !== 'exchange' || !s.response || s.response.status !== 200) return undefined;
  const body = s.response.bodyText.trim();
  if (body.startsWith('{')) {
    const r = parseJsonBounded(body, 'the userinfo answer');
    return r.ok && isObject(r.value) && typeof r.value.sub === 'string' ? r.value.sub : undefined;
  }
  const d = decodeToken(body);
  return d.kind === 'jwt' && typeof d.payload.sub === 'string' ? d.payload.sub : undefined;
}

/**
 * OIDC Core 5.3.4: "The sub Claim in the UserInfo Response MUST be verified to exactly match the sub
 * Claim in the ID Token; if they do not match, the UserInfo Response values MUST NOT be used." Each
 * userinfo answer (the userinfo action's, or a recorded call) against the newest ID token before it.
 */
export function judgeUserinfoSub(f: Flow): Finding[] {
  const id = 'idtoken.userinfo.sub';
  const clause = 'OIDC Core 5.3.4';
  const out: Finding[] = [];
  let idSub: string | undefined;
  let anyUserinfo = false;
  f.steps.forEach((s, i) => {
    const t = idTokenOf(s);
    if (t !== undefined) {
      // Imported from a redacted bundle (issue 13): the claims stay, the signature is a placeholder.
      const d = decodeToken(t.includes(OPEN) ? t.slice(0, t.lastIndexOf('.') + 1) : t);
      if (d.kind === 'jwt' && typeof d.payload.sub === 'string') idSub = d.payload.sub;
    }
    if (!isUserinfo(s)) return;
    anyUserinfo = true;
    const sub = userinfoSub(s);
    if (sub === undefined) out.push(notApplicable(id, clause, 'the userinfo answer carries no readable sub'));
    else if (idSub === undefined) out.push(notApplicable(id, clause, 'no ID token with a sub was seen before this userinfo answer'));
    else out.push(sub === idSub ? passed(id, clause, "userinfo's sub is the ID token's sub", { expected: idSub, actual: sub, step: i, param: 'sub' }) : failed(id, 'error', clause, "userinfo's sub differs from the ID token's: its answer must not be used", { expected: idSub, actual: sub, step: i, param: 'sub' }));
  });
  // A flow that never asked for an ID token (client credentials, a token exchange) has no sub to hold userinfo to.
  if (!anyUserinfo) return [wantsIdToken(f) ? notSeen(id, clause, "Userinfo's sub: no userinfo answer was seen") : notApplicable(id, clause, "Userinfo's sub: no ID token was asked for")];
  return out;
}
