/**
 * The authorization request a profile asks for (RFC 6749 4.1.1, OIDC Core 3.1.2.1), turned into
 * parameters. Choices made for negative testing (no state, PKCE plain, a bad max_age...) are sent as
 * asked, and each comes back as a finding with its clause (request-findings.ts), so a flow shows
 * what was deliberately weakened.
 */
import { buildAuthorizationUrl } from './authorize';
import { impliedPrompt } from './launch/added-params';
import type { Finding } from './finding';
import { requestFindings } from './request-findings';
import { fail, ok, type Result } from './result';

export type ValueMode = 'auto' | 'custom' | 'omit';

export interface RequestOptions {
  scope?: string;
  prompt?: string;
  max_age?: number | string;
  login_hint?: string;
  acr_values?: string;
  /** JSON text; should be a JSON object (OIDC Core 5.5). */
  claims?: string;
  ui_locales?: string;
  /** RFC 8707 2: sent once per value. */
  resource?: string[];
  audience?: string;
  extra?: Record<string, string>;
  responseType: string;
  /** 'default' (or nothing) sends no response_mode. */
  responseMode?: 'query' | 'fragment' | 'form_post' | 'default';
  pkce: 'S256' | 'plain' | 'none';
  state: { mode: ValueMode; value?: string };
  nonce: { mode: ValueMode; value?: string };
}

/**
 * Fresh values from pkce.ts. For pkce 'plain', codeChallenge is the verifier itself
 * (RFC 7636 4.2: plain means code_challenge = code_verifier).
 */
export interface GeneratedValues {
  state: string;
  nonce: string;
  codeChallenge?: string;
}

export interface AuthorizationParams {
  /** Single-valued parameters, in a stable order. */
  params: Record<string, string>;
  /** Parameters sent once per value: resource. */
  repeated: Record<string, string[]>;
  findings: Finding[];
}

const types = (responseType: string): string[] => responseType.split(' ').filter(Boolean);

function pick(v: { mode: ValueMode; value?: string }, generated: string, name: string): Result<string | undefined> {
  if (v.mode === 'omit') return ok(undefined);
  if (v.mode === 'auto') return ok(generated);
  return v.value ? ok(v.value) : fail('missing-param', `a custom ${name} is chosen but its value is empty`);
}

/**
 * `client` adds client_id and redirect_uri in front, as PAR (RFC 9126 2.1) and request objects
 * (RFC 9101 4) need them among the parameters.
 */
export function authorizationParams(opts: RequestOptions, generated: GeneratedValues, client?: { clientId: string; redirectUri?: string }): Result<AuthorizationParams> {
  if (!opts.responseType.trim()) return fail('missing-param', 'response_type is empty');
  const state = pick(opts.state, generated.state, 'state');
  if (!state.ok) return state;
  const nonce = pick(opts.nonce, generated.nonce, 'nonce');
  if (!nonce.ok) return nonce;
  // PKCE belongs to the code (RFC 7636 4.3); implicit answers have no code to protect.
  const withCode = types(opts.responseType).includes('code');
  const pkce = withCode && opts.pkce !== 'none';
  if (pkce && !generated.codeChallenge) return fail('missing-param', `PKCE ${opts.pkce} is chosen but no code_challenge was made`);
  // OIDC Core 11: offline_access is ignored unless prompt contains consent (oidc-provider drops it).
  // launch/added-params.ts owns the rule, so the editor and the request step name what was added.
  const prompt = impliedPrompt(opts);
  const maxAge = opts.max_age === undefined ? undefined : String(opts.max_age);

  const ordered: [string, string | undefined][] = [
    ['response_type', opts.responseType],
    ['client_id', client?.clientId],
    ['redirect_uri', client?.redirectUri],
    ['scope', opts.scope],
    ['state', state.value],
    ['nonce', nonce.value],
    ['code_challenge', pkce ? generated.codeChallenge : undefined],
    ['code_challenge_method', pkce ? opts.pkce : undefined],
    ['response_mode', opts.responseMode === 'default' ? undefined : opts.responseMode],
    ['prompt', prompt],
    ['max_age', maxAge],
    ['login_hint', opts.login_hint],
    ['acr_values', opts.acr_values],
    ['claims', opts.claims],
    ['ui_locales', opts.ui_locales],
    ['audience', opts.audience],
  ];
  const owned = new Set([...ordered.map(([n]) => n), 'resource', 'request', 'request_uri']);
  const params: Record<string, string> = {};
  for (const [name, value] of ordered) if (value) params[name] = value;
  for (const [name, value] of Object.entries(opts.extra ?? {})) {
    if (!name) return fail('bad-param', 'an extra parameter has an empty name');
    if (owned.has(name)) return fail('duplicate-param', `${name} is set through its own field, not as an extra parameter`);
    if (value) params[name] = value;
  }
  const resource = (opts.resource ?? []).map((r) => r.trim()).filter(Boolean);
  const repeated: Record<string, string[]> = resource.length > 0 ? { resource } : {};
  return ok({ params, repeated, findings: requestFindings(opts, { params, resource }) });
}

/** The authorization URL for what authorizationParams made with a `client` (authorize.ts checks it). */
export function authorizationRequestUrl(authorizationEndpoint: string, built: Pick<AuthorizationParams, 'params' | 'repeated'>): Result<{ url: string; params: Record<string, string> }> {
  const { response_type, client_id, redirect_uri, scope, state, nonce, code_challenge, code_challenge_method, response_mode, prompt, ...extra } = built.params;
  const method = code_challenge_method === 'S256' || code_challenge_method === 'plain' ? code_challenge_method : undefined;
  return buildAuthorizationUrl({
    authorizationEndpoint,
    clientId: client_id ?? '',
    redirectUri: redirect_uri ?? '',
    scope: scope ?? '',
    responseType: response_type,
    state,
    nonce,
    codeChallenge: code_challenge,
    codeChallengeMethod: method,
    responseMode: response_mode,
    prompt,
    extra,
    repeated: built.repeated,
  });
}
