/**
 * "Relaunch with Grantscope" (issue 12, item 4): a recorded (or launched) flow turned into a launch
 * with the app's client_id, redirect_uri, scope, response_type, response_mode, prompt, max_age,
 * extra parameters and endpoints, editable before start. It stops at the redirect ('block') by
 * default, so the app's code is never spent. No secret is carried: the client secret, codes, tokens
 * and verifiers are never in the draft; state and nonce are made fresh (a recorded value is spent).
 */
import type { Flow } from '../flow';
import type { LaunchInput } from '../launch';
import { blankProfile, type ClientProfile, type PkceMethod, RESPONSE_MODES, RESPONSE_TYPES, type ResponseMode, type ResponseType } from '../profile';
import { isSecretName } from '../secret-name';
import { factsOf } from './facts';
import { clientAuthOf } from './protections';

/** Parameters the draft sets from its own fields, or that Grantscope makes fresh; never copied as extra. */
const OWN = new Set(['client_id', 'redirect_uri', 'response_type', 'response_mode', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method', 'prompt', 'max_age', 'login_hint', 'acr_values', 'claims', 'ui_locales', 'resource', 'audience', 'request', 'request_uri', 'dpop_jkt']);

/** What the person flips in the UI before starting. */
export interface RelaunchToggles {
  pkce: PkceMethod;
  responseMode: ResponseMode;
  par: boolean;
  dpop: boolean;
  prompt?: string;
  max_age?: string;
  extra: Record<string, string>;
}

export interface Relaunch {
  profile: ClientProfile;
  launch: LaunchInput;
  /** What was carried, guessed or left out, in plain words. */
  notes: string[];
}

const MAX = 4096;

function endpointOf(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const u = new URL(url);
  return u.protocol === 'https:' || u.protocol === 'http:' ? `${u.origin}${u.pathname}` : undefined;
}

export function relaunchFromRecorded(flow: Flow, opts: { id?: string } = {}): Relaunch {
  const f = factsOf(flow);
  const notes: string[] = [];
  const p = f.request?.params ?? {};
  const added = new Set((f.request?.added ?? []).filter((x) => !x.inside).map((x) => x.name));
  const mine = (name: string): string | undefined => (added.has(name) || !p[name] ? undefined : p[name]!.slice(0, MAX));
  const draft = blankProfile(opts.id ?? `relaunch-${flow.id}`.slice(0, 200));
  const clientId = p.client_id ?? f.tokenRequest?.params.client_id ?? flow.profile.clientId;
  draft.clientId = clientId.slice(0, 1000);
  draft.redirectUri = (p.redirect_uri ?? f.tokenRequest?.params.redirect_uri ?? flow.profile.redirectUri ?? '').slice(0, MAX);
  draft.name = `Relaunch: ${clientId || 'unknown client'}${flow.capture?.sites[0] ? ` (${flow.capture.sites[0]})` : ''}`.slice(0, 200);
  draft.redirectMode = 'block';
  notes.push('Stops at the redirect: the app never receives this code.');

  // Trust model (capture/trust.ts): only an issuer Grantscope confirmed itself is used for discovery.
  const confirmed = flow.capture?.issuerConfirmed?.issuer ?? (flow.source === 'launched' ? flow.profile.issuer : undefined);
  const authz = f.request ? endpointOf(f.request.url) : undefined;
  if (confirmed) draft.issuer = confirmed;
  else if (authz) {
    draft.issuer = new URL(authz).origin;
    draft.endpoints.authorization_endpoint = authz;
    notes.push(`The issuer is not confirmed${flow.capture?.issuerNote ? ` (${flow.capture.issuerNote})` : ''}: the recorded authorization endpoint is set by hand.`);
  }
  const token = f.tokenRequest ? endpointOf(f.tokenRequest.url) : undefined;
  if (!confirmed && token) draft.endpoints.token_endpoint = token;

  const rt = p.response_type ?? flow.responseType ?? 'code';
  const responseType: ResponseType = (RESPONSE_TYPES as readonly string[]).includes(rt) ? (rt as ResponseType) : 'code';
  if (responseType !== rt) notes.push(`response_type "${rt.slice(0, 60)}" is not one Grantscope launches; code is used.`);
  const rm = p.response_mode ?? 'default';
  const method = p.code_challenge_method;
  const pkce: PkceMethod = p.code_challenge ? (method === 'S256' ? 'S256' : 'plain') : f.request ? 'none' : 'S256';
  draft.request = {
    ...draft.request,
    responseType,
    responseMode: (RESPONSE_MODES as readonly string[]).includes(rm) ? (rm as ResponseMode) : 'default',
    pkce,
    state: { mode: p.state ? 'auto' : 'omit' },
    nonce: { mode: p.nonce || !f.request ? 'auto' : 'omit' },
    scope: (p.scope ?? flow.profile.request.scope ?? 'openid').slice(0, 2000),
  };
  if (f.request && !p.state) notes.push('The app sent no state: the relaunch omits it too (flip it on to compare).');
  if (pkce === 'none' && f.request && responseType.includes('code')) notes.push('The app used no PKCE: the relaunch sends none (flip it on to compare).');
  for (const k of ['prompt', 'max_age', 'login_hint', 'acr_values', 'claims', 'ui_locales', 'audience'] as const) {
    const v = mine(k);
    if (v) draft.request[k] = v;
  }
  if (p.resource) draft.request.resource = [p.resource.slice(0, MAX)];
  const extra: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) {
    if (OWN.has(k) || added.has(k) || isSecretName(k)) continue;
    extra[k] = v.slice(0, MAX);
  }
  const dropped = Object.keys(p).filter((k) => !OWN.has(k) && isSecretName(k));
  if (dropped.length) notes.push(`Left out as secrets: ${dropped.join(', ')}.`);
  if (Object.keys(extra).length) draft.request.extra = extra;
  draft.par = flow.steps.some((s) => s.kind === 'exchange' && /pushed authorization/i.test(s.label)) || Boolean(p.request_uri);
  if (p.request_uri) notes.push('The app used a pushed request (request_uri): its parameters were not seen, so PAR is on with what is known.');
  if (p.request) notes.push('The app sent a request object: its contents are not carried.');
  draft.dpop = Object.keys(f.tokenRequest?.headers ?? {}).some((h) => h.toLowerCase() === 'dpop') || Boolean(p.dpop_jkt);
  const auth = clientAuthOf(f);
  const method2 = (['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'client_secret_jwt'] as const).find((m) => auth.startsWith(m));
  if (method2) {
    draft.authMethod = method2;
    notes.push(`The app authenticated with ${method2}: its secret or key is not carried; add it in the profile to redeem.`);
  }
  if (flow.profile.ruleSet) draft.ruleSet = flow.profile.ruleSet;
  return { profile: draft, launch: { grant: 'authorization', responseType }, notes };
}

export function togglesOf(p: ClientProfile): RelaunchToggles {
  const r = p.request;
  return { pkce: r.pkce, responseMode: r.responseMode, par: p.par, dpop: p.dpop, ...(r.prompt ? { prompt: r.prompt } : {}), ...(r.max_age ? { max_age: r.max_age } : {}), extra: { ...(r.extra ?? {}) } };
}

/** The draft with the person's toggles applied; an empty prompt or max_age removes it. */
export function withToggles(p: ClientProfile, t: Partial<RelaunchToggles>): ClientProfile {
  const request = { ...p.request };
  if (t.pkce) request.pkce = t.pkce;
  if (t.responseMode) request.responseMode = t.responseMode;
  if (t.prompt !== undefined) {
    if (t.prompt) request.prompt = t.prompt;
    else delete request.prompt;
  }
  if (t.max_age !== undefined) {
    if (t.max_age) request.max_age = t.max_age;
    else delete request.max_age;
  }
  if (t.extra) request.extra = Object.fromEntries(Object.entries(t.extra).filter(([k]) => k && !isSecretName(k)));
  return { ...p, request, ...(t.par !== undefined ? { par: t.par } : {}), ...(t.dpop !== undefined ? { dpop: t.dpop } : {}) };
}
