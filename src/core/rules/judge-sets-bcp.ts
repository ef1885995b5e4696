/**
 * The BCP's and OAuth 2.1's own rules where the core rules do not already say them (catalog-sets.ts):
 * the redirect goes back to exactly the redirect_uri sent, and a bearer token never rides in a URL
 * query. Each names the step and parameter; a rule whose step never came reads "not seen".
 */
import { failed, notApplicable, notSeen, passed } from '../finding';
import type { Flow } from '../flow';
import { callbackOf, isFrontChannel, sentRequest } from './judge-seen';
import type { JudgeFor } from './judge-sets';

function parsed(u: string): URL | undefined {
  try {
    return new URL(u);
  } catch {
    return undefined;
  }
}

/**
 * RFC 9700 2.1, 4.1.3; OAuth 2.1 4.1.1: redirect URIs are compared exactly. From the browser this shows
 * as the provider sending the person back to the very redirect_uri the request named (the provider
 * adds its answer to the query or fragment, nothing else).
 */
export const redirectExact: JudgeFor = (id, clause) => (flow) => {
  if (!isFrontChannel(flow)) return [notApplicable(id, clause, 'a back-channel grant: no redirect')];
  const sent = sentRequest(flow);
  if (!sent) return [notSeen(id, clause, 'the authorization request was not seen')];
  const cb = callbackOf(flow);
  if (!cb) return [notSeen(id, clause, 'the callback was not seen')];
  const asked = sent.params.redirect_uri;
  if (!asked) return [notApplicable(id, clause, 'no redirect_uri was sent: the registered one is used')];
  const a = parsed(asked);
  const b = parsed(cb.step.url);
  if (!a || !b) return [notApplicable(id, clause, 'the redirect_uri or the callback URL could not be read')];
  const missing = [...a.searchParams].filter(([k, v]) => b.searchParams.get(k) !== v).map(([k]) => k);
  return a.origin === b.origin && a.pathname === b.pathname && missing.length === 0
    ? [passed(id, clause, 'the callback came to exactly the redirect_uri sent', { step: cb.index, param: 'redirect_uri' })]
    : [failed(id, 'error', clause, 'the callback came to another URL than the redirect_uri sent', { step: cb.index, param: 'redirect_uri', expected: asked, actual: `${b.origin}${b.pathname}` })];
};

/** Steps that called a resource with a token (userinfo, introspection...): exchanges other than PAR and device authorization. */
const isResourceCall = (s: Flow['steps'][number]): s is Extract<Flow['steps'][number], { kind: 'exchange' }> =>
  s.kind === 'exchange' && !s.label.startsWith('Pushed authorization request') && !/device authorization|discovery/i.test(s.label);

/** OAuth 2.1 5.2 (RFC 6750 2.3 removed); RFC 9700 4.3.2: a bearer token is never sent in a URL query. */
export const bearerNotInQuery: JudgeFor = (id, clause) => (flow) => {
  const urls: { step: number; url: string }[] = [];
  flow.steps.forEach((s, step) => {
    if (s.kind === 'authorization-request' || s.kind === 'token-request') urls.push({ step, url: s.url });
    if (s.kind === 'exchange') urls.push({ step, url: s.request.url });
  });
  for (const { step, url } of urls) {
    if (parsed(url)?.searchParams.has('access_token')) return [failed(id, 'error', clause, 'an access token was sent in a URL query', { step, param: 'access_token', expected: 'Authorization header', actual: 'URL query' })];
  }
  const calls = flow.steps.map((s, i) => ({ s, i })).filter(({ s }) => isResourceCall(s));
  if (!calls.length) return [notSeen(id, clause, 'no call with the access token was seen (userinfo, a resource)')];
  return [passed(id, clause, 'the access token never rode in a URL query', { step: calls[0]!.i, param: 'access_token' })];
};
