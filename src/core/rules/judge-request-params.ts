/**
 * Request parameters that are well-formed or not (OIDC Core 3.1.2.1, 5.5, 11; RFC 8707 2), and the
 * grants the BCP rules out (password, a client secret sent from a browser). Judged over the flow.
 */
import { failed, type Finding, notApplicable, notSeen, passed } from '../finding';
import type { Flow, TokenRequestStep } from '../flow';
import { isJsonObject } from '../request-findings';
import { requestJudge } from './judge-request';
import { responseTypeOf, sentRequest, type SentRequest, types } from './judge-seen';

type Judge = (flow: Flow) => Finding[];

const words = (s: string | undefined): string[] => (s ?? '').split(' ').filter(Boolean);

/** A rule on one optional parameter: n/a when it was not sent. */
const onParam = (id: string, clause: string, param: string, ok: (v: string, sent: SentRequest) => string | undefined, good: string): Judge =>
  requestJudge(id, clause, (sent) => {
    const v = sent.params[param];
    if (v === undefined) return notApplicable(id, clause, `no ${param} was sent`);
    const why = ok(v, sent);
    return why ? failed(id, 'warning', clause, why, { step: sent.step, param, actual: v.slice(0, 200) }) : passed(id, clause, good, { step: sent.step, param });
  });

export const maxAge = (id: string, clause: string): Judge =>
  onParam(id, clause, 'max_age', (v) => (/^[0-9]+$/.test(v) ? undefined : 'max_age is not a non-negative whole number of seconds'), 'max_age is a whole number of seconds');

export const claimsObject = (id: string, clause: string): Judge =>
  onParam(id, clause, 'claims', (v) => (isJsonObject(v) ? undefined : 'the claims parameter is not a JSON object'), 'the claims parameter is a JSON object');

export const promptNone = (id: string, clause: string): Judge =>
  onParam(id, clause, 'prompt', (v) => (words(v).includes('none') && words(v).length > 1 ? 'prompt none with any other value is an error' : undefined), 'prompt is a valid combination');

/** OIDC Core 11: offline_access "MUST" be ignored unless prompt contains consent. */
export const offlineAccess = (id: string, clause: string): Judge =>
  requestJudge(id, clause, (sent) => {
    if (!words(sent.params.scope).includes('offline_access')) return notApplicable(id, clause, 'offline_access is not asked for');
    return words(sent.params.prompt).includes('consent')
      ? passed(id, clause, 'offline_access is asked with prompt=consent', { step: sent.step, param: 'prompt', expected: 'consent', actual: sent.params.prompt! })
      : failed(id, 'warning', clause, 'offline_access without prompt=consent is usually ignored', { step: sent.step, param: 'prompt', expected: 'consent', ...(sent.params.prompt ? { actual: sent.params.prompt } : {}) });
  });

/** Every resource value sent: repeated in the URL, or joined by spaces where the step kept one. */
function resources(sent: SentRequest): string[] {
  const fromUrl = sent.urlText && URL.canParse(sent.urlText) ? new URL(sent.urlText).searchParams.getAll('resource') : [];
  return [...new Set([...fromUrl, ...words(sent.params.resource)])];
}

/** A resource is "an absolute URI ... MUST NOT include a fragment component" (RFC 8707 2). */
export const resourceUri = (id: string, clause: string): Judge =>
  requestJudge(id, clause, (sent) => {
    const all = resources(sent);
    if (all.length === 0) return notApplicable(id, clause, 'no resource was sent');
    const bad = all.find((r) => !URL.canParse(r) || r.includes('#'));
    return bad !== undefined
      ? failed(id, 'warning', clause, 'a resource must be an absolute URI without a fragment', { step: sent.step, param: 'resource', expected: 'an absolute URI, no fragment', actual: bad.slice(0, 200) })
      : passed(id, clause, 'every resource is an absolute URI without a fragment', { step: sent.step, param: 'resource' });
  });

/** RFC 9700 2.4: the password grant "MUST NOT be used". */
export const passwordGrant = (id: string, clause: string): Judge => (flow) => {
  const i = flow.steps.findIndex((s) => s.kind === 'token-request' && s.params.grant_type === 'password');
  if (flow.grant === 'password' || i >= 0) return [failed(id, 'error', clause, 'the resource owner password credentials grant must not be used', { ...(i >= 0 ? { step: i } : {}), param: 'grant_type', actual: 'password' })];
  return [notApplicable(id, clause, 'the password grant is not used')];
};

const header = (h: Record<string, string>, name: string) => Object.entries(h).find(([k]) => k.toLowerCase() === name)?.[1] ?? '';

/** RFC 6749 2.1, 10.1: a browser app cannot keep a secret, so one sent from a page is every user's. */
export const secretInBrowser = (id: string, clause: string): Judge => (flow) => {
  if (flow.source === 'launched') return [notApplicable(id, clause, 'Grantscope itself is the client of a launched flow')];
  const calls = flow.steps.map((s, i) => ({ s, i })).filter((x): x is { s: TokenRequestStep; i: number } => x.s.kind === 'token-request' && !!x.s.seen);
  // An implicit flow (no code in response_type) never calls the token endpoint: nothing can be seen.
  if (calls.length === 0 && flow.grant === 'authorization' && !types(responseTypeOf(flow, sentRequest(flow))).includes('code')) return [notApplicable(id, clause, 'an implicit flow makes no token request')];
  if (calls.length === 0) return [notSeen(id, clause, 'no token request from the app was seen')];
  const fromPage = calls.filter((x) => x.s.seen!.frame !== 'main');
  const leak = fromPage.find((x) => x.s.params.client_secret || /^basic /i.test(header(x.s.headers, 'authorization')));
  if (leak) return [failed(id, 'error', clause, 'a client secret was sent from the browser: any user of the app can read it', { step: leak.i, param: leak.s.params.client_secret ? 'client_secret' : 'authorization' })];
  return [passed(id, clause, 'no client secret was sent from the browser', { step: calls[0]!.i })];
};
