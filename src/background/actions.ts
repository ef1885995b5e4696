/**
 * Token actions on a finished flow, each recorded on the flow's timeline: userinfo (OIDC Core 5.3),
 * introspection (RFC 7662), revocation (RFC 7009), a refresh replay compared with the token set
 * before it (RFC 6749 6, RFC 9700 2.2.2), the reuse test (RFC 9700 4.14.2: a spent refresh token must
 * be refused, and should revoke the family) and the down-scope test (RFC 6749 6: never wider).
 */
import type { JWK } from 'jose';
import { actionTarget, type TokenAction } from '../core/capture/trust';
import { clientAuthentication } from '../core/client-auth';
import { createDpopProof } from '../core/dpop';
import { failed, notApplicable, passed, type Finding } from '../core/finding';
import { compareTokenSets, downscopeVerdict, grantedScope, type Introspected, revokedVerdict } from '../core/rules/refresh-verdicts';
import { type ExchangeStep, type Flow, latestToken, tokenSets } from '../core/flow';
import { refreshTokenRequest } from '../core/grants';
import { authorizationScheme, introspectionRequest, readIntrospection, readRevocation, revocationRequest, type TokenKind } from '../core/token-actions';
import type { FlowAction } from '../shared/messages';
import { loadDpopKey } from './dpop-key';
import type { FlowStore } from './flow-store';
import { LaunchError } from './metadata';
import type { ProfileStore } from './profile-store';
import { headersAsSent } from '../core/origin';
import { stepRecord } from '../core/launch/step-record';
import { providerFetchSeen } from './provider-fetch';
import { type Exchange, checkAnswerIdToken, sendTokenRequest } from './token-call';

interface Deps {
  flows: FlowStore;
  profiles: ProfileStore;
}

async function credentials(deps: Deps, flow: Flow) {
  const stored = await deps.profiles.secrets(flow.profile.id);
  const kept = await deps.flows.secrets(flow.id);
  return { ...(stored.clientSecret ? { clientSecret: stored.clientSecret } : {}), ...(stored.privateJwk ? { privateJwk: stored.privateJwk } : {}), ...(kept?.dpopKey ? { dpopKey: kept.dpopKey } : {}) };
}

/**
 * Where an action sends the flow's token. For a recorded flow the trust model decides
 * (src/core/capture/trust.ts, rule 5): its confirmed issuer's discovery, or an endpoint the app itself
 * called in this flow; anything else is refused with the host named, before any request is made.
 */
function endpoint(flow: Flow, action: TokenAction): string {
  const t = actionTarget(flow, action);
  if ('refused' in t) throw new LaunchError(t.refused);
  return t.url;
}

const push = (deps: Deps, id: string, ...steps: Flow['steps']) =>
  deps.flows.update(id, (f) => {
    f.steps.push(...steps);
    return f;
  });

async function exchange(deps: Deps, flow: Flow, label: string, url: string, init: { method: string; headers: Record<string, string>; body?: string; params: Record<string, string> }, read: (s: ExchangeStep) => void) {
  const at = Date.now();
  const sent = await providerFetchSeen(flow.profile, url, { method: init.method, headers: init.headers, ...(init.body !== undefined ? { body: init.body } : {}) }, 15_000);
  const got = sent.got;
  // The headers shown are the ones that left: Origin as the worker saw it (issue 10).
  const step: ExchangeStep = { kind: 'exchange', label, at, request: { url, method: init.method, ...stepRecord({ headers: headersAsSent(init.headers, sent.origin), params: init.params }) } };
  if (!got.ok) step.problem = got.message;
  else {
    step.response = got.answer;
    read(step);
  }
  await push(deps, flow.id, step);
}

async function userinfo(deps: Deps, flow: Flow): Promise<void> {
  const url = endpoint(flow, 'userinfo');
  const token = latestToken(flow, 'access_token');
  if (!token) throw new LaunchError('This flow has no access token.');
  const scheme = authorizationScheme(String(tokenSets(flow).at(-1)?.tokens.token_type ?? 'Bearer'));
  const headers: Record<string, string> = { Authorization: `${scheme} ${token}`, Accept: 'application/json' };
  const secrets = await credentials(deps, flow);
  if (scheme === 'DPoP') {
    if (!secrets.dpopKey) throw new LaunchError('The access token is DPoP-bound but the flow’s DPoP key is gone.');
    const proof = await createDpopProof({ ...(await loadDpopKey(secrets.dpopKey)), htm: 'GET', htu: url, accessToken: token });
    if (!proof.ok) throw new LaunchError(`DPoP proof: ${proof.error.message}`);
    headers.DPoP = proof.value;
  }
  await exchange(deps, flow, `Userinfo (OIDC Core 5.3, ${scheme})`, url, { method: 'GET', headers, params: {} }, (s) => {
    if (s.response!.status !== 200) s.problem = `the userinfo endpoint answered HTTP ${s.response!.status}${s.response!.headers['www-authenticate'] ? `: ${s.response!.headers['www-authenticate']}` : ''}`;
  });
}

async function introspectOrRevoke(deps: Deps, flow: Flow, which: 'introspect' | 'revoke', kind: TokenKind, token = latestToken(flow, kind)): Promise<boolean | undefined> {
  // Returns `active` as introspection said it; a revocation that succeeded returns false.
  if (!token) throw new LaunchError(`This flow has no ${kind}.`);
  const url = endpoint(flow, which);
  const secrets = await credentials(deps, flow);
  const auth = await clientAuthentication({ clientId: flow.profile.clientId, method: flow.profile.authMethod, ...(secrets.clientSecret ? { secret: secrets.clientSecret } : {}), ...(secrets.privateJwk ? { privateJwk: secrets.privateJwk as JWK } : {}) }, url);
  if (!auth.ok) throw new LaunchError(`Client authentication: ${auth.error.message}`);
  const req = (which === 'introspect' ? introspectionRequest : revocationRequest)(url, auth.value, token, kind);
  if (!req.ok) throw new LaunchError(req.error.message);
  let active: boolean | undefined;
  await exchange(deps, flow, which === 'introspect' ? `Introspection of the ${kind} (RFC 7662)` : `Revocation of the ${kind} (RFC 7009)`, url, { ...req.value, method: 'POST' }, (s) => {
    if (which === 'introspect') {
      const r = readIntrospection(s.response!);
      if (r.ok) {
        active = r.value.active;
        s.summary = { active: String(r.value.active), ...r.value.fields };
      } else s.problem = r.error.message;
    } else {
      const r = readRevocation(s.response!);
      // RFC 7009 2.2: HTTP 200 whether or not the token was valid; either way it is unusable now.
      if (r.ok) {
        active = false;
        s.summary = { revoked: 'yes (HTTP 200)' };
      }
      else s.problem = r.error.message;
    }
  });
  return active;
}

/** One refresh, its exchanges appended to the flow; returns the last exchange. */
async function refresh(deps: Deps, flow: Flow, refreshToken: string, scope?: string): Promise<Exchange | undefined> {
  const url = endpoint(flow, 'refresh');
  const creds = await credentials(deps, flow);
  const exchanges = await sendTokenRequest(flow, creds, url, (auth) => refreshTokenRequest({ tokenEndpoint: url, auth, refreshToken, ...(scope ? { scope } : {}) }));
  if ('error' in exchanges) throw new LaunchError(exchanges.error);
  const last = exchanges.at(-1);
  // OIDC Core 12.2: an ID token from a refresh keeps iss and sub; checked like any other.
  if (last) await checkAnswerIdToken(flow, last, { refresh: true, ...(creds.clientSecret ? { clientSecret: creds.clientSecret } : {}) });
  await push(deps, flow.id, ...exchanges.flatMap((x) => [x.request, x.response]));
  return exchanges.at(-1);
}

async function note(deps: Deps, id: string, title: string, findings: Finding[]): Promise<void> {
  await push(deps, id, { kind: 'check', at: Date.now(), title, findings });
}

/** Records that the flow's tokens are revoked, so its list row and detail can say so (Flow.revoked). */
const markRevoked = (deps: Deps, id: string, why: string) =>
  deps.flows.update(id, (f) => {
    f.revoked = { at: Date.now(), why };
    return f;
  });

/** The OAuth error code of a refused token answer, or undefined (a network failure, a malformed answer). */
function oauthError(x: Exchange | undefined): string | undefined {
  const r = x?.result;
  return r && !r.ok && r.problem === 'oauth-error' && 'error' in r && typeof r.error === 'string' ? r.error : undefined;
}

/** Asks introspection about a refresh token, when the flow's target allows it; never throws. */
async function introspected(deps: Deps, id: string, token: string): Promise<Introspected> {
  const current = await deps.flows.get(id);
  if (!current || 'refused' in actionTarget(current, 'introspect')) return 'unknown';
  const active = await introspectOrRevoke(deps, current, 'introspect', 'refresh_token', token).catch(() => undefined);
  return active === undefined ? 'unknown' : active ? 'active' : 'inactive';
}

/** A refresh (or down-scope test) that was refused: a verdict for the refusal the spec defines. */
async function refused(deps: Deps, flow: Flow, action: 'refresh' | 'downscope-test', rt: string, last: Exchange | undefined, scope: string | undefined, before: Record<string, unknown>): Promise<void> {
  const error = oauthError(last);
  if (action === 'downscope-test' && error === 'invalid_scope') return note(deps, flow.id, 'Down-scope test', downscopeVerdict(scope!, grantedScope(flow, before), undefined, error));
  const title = action === 'refresh' ? 'Refresh refused' : 'Down-scope test: the refresh was refused';
  if (error !== 'invalid_grant') return note(deps, flow.id, title, [notApplicable(action === 'refresh' ? 'refresh.rotated' : 'refresh.downscope', 'RFC 6749 5.2', `the refresh failed (${error ?? (last ? last.result.ok ? 'no answer' : last.result.message : 'no answer')}): nothing to compare`)]);
  const state = await introspected(deps, flow.id, rt);
  const known = (await deps.flows.get(flow.id))?.revoked;
  const f = revokedVerdict(error, state, known);
  if (state === 'inactive' && !known) await markRevoked(deps, flow.id, 'introspection says its refresh token is inactive (revoked or expired)');
  return note(deps, flow.id, f.status === 'pass' ? `${title}: the refresh token is revoked` : title, [f]);
}

export async function runAction(deps: Deps, id: string, action: FlowAction, opts: { token?: TokenKind; scope?: string }): Promise<void> {
  const flow = await deps.flows.get(id);
  if (!flow) throw new LaunchError('That flow no longer exists.');
  // Imported flows (issue 13): evidence from a file; their tokens are never sent.
  if (flow.imported) throw new LaunchError('Imported flows are evidence from a file: Grantscope sends none of their tokens.');
  switch (action) {
    case 'userinfo':
      return userinfo(deps, flow);
    case 'introspect':
    case 'revoke': {
      const kind = opts.token ?? 'access_token';
      const active = await introspectOrRevoke(deps, flow, action, kind);
      if (active !== false) return;
      if (action === 'revoke') await markRevoked(deps, id, `its ${kind === 'refresh_token' ? 'refresh token' : 'access token'} was revoked (RFC 7009)`);
      else if (kind === 'refresh_token' && !flow.revoked) await markRevoked(deps, id, 'introspection says its refresh token is inactive (revoked or expired)');
      return;
    }
    case 'refresh':
    case 'downscope-test': {
      const rt = latestToken(flow, 'refresh_token');
      if (!rt) throw new LaunchError('This flow has no refresh token (for offline access, ask for offline_access with prompt=consent).');
      const before = tokenSets(flow).at(-1)?.tokens ?? {};
      if (action === 'downscope-test' && !opts.scope) throw new LaunchError('Give the narrower scope to ask for.');
      const last = await refresh(deps, flow, rt, opts.scope);
      const after = last?.result.ok ? last.result.tokens : undefined;
      if (!after) return refused(deps, flow, action, rt, last, opts.scope, before);
      if (action === 'refresh') return note(deps, id, 'Refresh compared with the token set before it', compareTokenSets(flow, before, after));
      return note(deps, id, 'Down-scope test', downscopeVerdict(opts.scope!, grantedScope(flow, before), after, undefined));
    }
    case 'reuse-test':
      return reuseTest(deps, flow);
  }
}

/**
 * RFC 9700 4.14.2: after rotation, redeeming the spent refresh token must fail, and the server should
 * then revoke the whole family, so the newest refresh token dies too. The test spends the newest one.
 */
async function reuseTest(deps: Deps, flow: Flow): Promise<void> {
  const sets = tokenSets(flow).filter((s) => typeof s.tokens.refresh_token === 'string');
  const newest = sets.at(-1)?.tokens.refresh_token as string | undefined;
  const spent = [...sets].reverse().map((s) => s.tokens.refresh_token as string).find((t) => t !== newest);
  if (!newest || !spent) throw new LaunchError('Refresh once first (with rotation) so there is a spent refresh token to replay.');
  const clause = 'RFC 9700 4.14.2';
  const replay = await refresh(deps, (await deps.flows.get(flow.id)) ?? flow, spent);
  const answer = replay?.result;
  const findings: Finding[] = [
    answer && !answer.ok && answer.problem === 'oauth-error'
      ? passed('refresh.reuse-refused', clause, `the spent refresh token was refused (${oauthError(replay) ?? answer.message})`, { param: 'refresh_token', actual: oauthError(replay) ?? 'an OAuth error' })
      : failed('refresh.reuse-refused', 'error', clause, 'the spent refresh token was accepted again', { param: 'refresh_token', expected: 'invalid_grant', actual: answer?.ok ? 'new tokens' : 'no OAuth error' }),
  ];
  const state = await introspected(deps, flow.id, newest);
  if (state !== 'unknown') {
    findings.push(
      state === 'active'
        ? failed('refresh.family-revoked', 'warning', clause, 'introspection says the newest refresh token is still active: the family was not revoked', { param: 'refresh_token', expected: 'active: false', actual: 'active: true' })
        : passed('refresh.family-revoked', clause, 'introspection says the newest refresh token is inactive: the family was revoked', { param: 'refresh_token' }),
    );
  } else {
    const probe = await refresh(deps, (await deps.flows.get(flow.id)) ?? flow, newest);
    const revoked = probe && !probe.result.ok && probe.result.problem === 'oauth-error';
    findings.push(
      revoked
        ? passed('refresh.family-revoked', clause, 'the newest refresh token was refused too: the family was revoked', { param: 'refresh_token' })
        : failed('refresh.family-revoked', 'warning', clause, 'the newest refresh token still works: the family was not revoked', { param: 'refresh_token', expected: 'invalid_grant', actual: 'new tokens' }),
    );
  }
  if (findings.at(-1)?.status === 'pass') await markRevoked(deps, flow.id, 'its reuse test revoked the refresh token family (RFC 9700 4.14.2)');
  await note(deps, flow.id, 'Refresh token reuse test', findings);
}
