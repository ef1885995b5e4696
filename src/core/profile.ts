/**
 * Client profiles: everything needed to launch flows for one client at one provider.
 *
 * A profile holds no secret. The client secret and a private key live in ProfileSecrets, stored apart
 * (storage.session unless the person ticks "keep secrets", then storage.local) and left out of exports
 * unless "include secrets" is ticked.
 */
import { isRuleSetId, type RuleSetId } from './rules/types';
import type { ClientAuthMethod } from './client-auth';
import { normalizeIssuer } from './discovery';
import type { RequestOptions } from './request-options';
import { type Result, fail, ok } from './result';

export type { ClientAuthMethod } from './client-auth';
export const AUTH_METHODS: readonly ClientAuthMethod[] = ['none', 'client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'private_key_jwt'];

/** OAuth 2.0 Multiple Response Type Encoding Practices 3-5 and OIDC Core 3.2/3.3. */
export type ResponseType = 'code' | 'token' | 'id_token' | 'id_token token' | 'code id_token' | 'code token' | 'code id_token token';
export const RESPONSE_TYPES: readonly ResponseType[] = ['code', 'token', 'id_token', 'id_token token', 'code id_token', 'code token', 'code id_token token'];

export type ResponseMode = 'default' | 'query' | 'fragment' | 'form_post';
export const RESPONSE_MODES: readonly ResponseMode[] = ['default', 'query', 'fragment', 'form_post'];

export type PkceMethod = 'S256' | 'plain' | 'none';
export type ValueMode = 'auto' | 'custom' | 'omit';

/** How the redirect to the app's redirect_uri is handled (see README). */
export type RedirectMode = 'block' | 'observe' | 'extension';
/** The Origin header on the worker's token requests. */
export type OriginMode = 'redirect' | 'drop' | 'browser';

export const ENDPOINT_NAMES = [
  'authorization_endpoint',
  'token_endpoint',
  'pushed_authorization_request_endpoint',
  'device_authorization_endpoint',
  'jwks_uri',
  'userinfo_endpoint',
  'introspection_endpoint',
  'revocation_endpoint',
] as const;
export type EndpointName = (typeof ENDPOINT_NAMES)[number];

/** The authorization request options a profile keeps: request-options.ts's, with the choices narrowed. */
export interface ProfileRequest extends RequestOptions {
  responseType: ResponseType;
  responseMode: ResponseMode;
  scope: string;
  max_age?: string;
}

export interface ClientProfile {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  redirectUri: string;
  authMethod: ClientAuthMethod;
  /** Hand-set endpoints; each wins over discovery. */
  endpoints: Partial<Record<EndpointName, string>>;
  request: ProfileRequest;
  par: boolean;
  dpop: boolean;
  requestObject: 'off' | 'unsigned' | 'signed';
  redirectMode: RedirectMode;
  origin: OriginMode;
  /** Keep this profile's secrets in storage.local (survives a restart) instead of storage.session. */
  keepSecrets: boolean;
  /** One of the demo provider's ready profiles (src/shared/demo.ts says when it counts as one). */
  demo?: true;
  /** The bar this profile's flows are held to (src/core/rules/types.ts); 'core' when absent. */
  ruleSet?: RuleSetId;
}

export interface ProfileSecrets {
  clientSecret?: string;
  /** A private JWK for private_key_jwt (generated in the extension or pasted). */
  privateJwk?: JsonWebKey;
}

export function defaultRequest(): ProfileRequest {
  return { responseType: 'code', responseMode: 'default', pkce: 'S256', state: { mode: 'auto' }, nonce: { mode: 'auto' }, scope: 'openid' };
}

export function blankProfile(id: string): ClientProfile {
  return {
    id,
    name: 'New profile',
    issuer: '',
    clientId: '',
    redirectUri: '',
    authMethod: 'none',
    endpoints: {},
    request: defaultRequest(),
    par: false,
    dpop: false,
    requestObject: 'off',
    redirectMode: 'block',
    origin: 'redirect',
    keepSecrets: false,
  };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const oneOf = <T extends string>(list: readonly T[], v: unknown, dflt: T): T => (list.includes(v as T) ? (v as T) : dflt);
const text = (v: unknown, max = 4096): string | undefined => (typeof v === 'string' && v.length <= max ? v : undefined);

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

function valueMode(v: unknown): { mode: ValueMode; value?: string } {
  if (!isObj(v)) return { mode: 'auto' };
  const mode = oneOf<ValueMode>(['auto', 'custom', 'omit'], v.mode, 'auto');
  const value = text(v.value, 1024);
  return mode === 'custom' && value !== undefined ? { mode, value } : { mode };
}

function request(v: unknown, legacyScope: unknown): ProfileRequest {
  const r = isObj(v) ? v : {};
  const out: ProfileRequest = {
    responseType: oneOf(RESPONSE_TYPES, r.responseType, 'code'),
    responseMode: oneOf(RESPONSE_MODES, r.responseMode, 'default'),
    pkce: oneOf<PkceMethod>(['S256', 'plain', 'none'], r.pkce, 'S256'),
    state: valueMode(r.state),
    nonce: valueMode(r.nonce),
    scope: text(r.scope, 2000) ?? text(legacyScope, 2000) ?? 'openid',
  };
  for (const k of ['prompt', 'max_age', 'login_hint', 'acr_values', 'claims', 'ui_locales', 'audience'] as const) {
    const s = text(r[k]);
    if (s) out[k] = s;
  }
  if (Array.isArray(r.resource)) out.resource = r.resource.filter((x): x is string => typeof x === 'string' && x.length > 0);
  if (isObj(r.extra)) {
    out.extra = Object.fromEntries(Object.entries(r.extra).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0].length > 0));
  }
  return out;
}

/**
 * Turns anything (stored data from an older version, an imported file) into a valid profile, or a
 * Problem naming the first field that is wrong. Unknown fields are dropped; missing ones get defaults.
 */
export function normalizeProfile(raw: unknown): Result<ClientProfile> {
  if (!isObj(raw)) return fail('not-object', 'a profile must be a JSON object');
  const id = text(raw.id, 200);
  if (!id) return fail('bad-field', 'the profile has no id');
  for (const k of ['name', 'issuer', 'clientId', 'redirectUri'] as const) {
    if (raw[k] !== undefined && typeof raw[k] !== 'string') return fail('bad-field', `${k} must be text`);
  }
  const name = text(raw.name, 200)?.trim() || 'Unnamed profile';
  const issuerRaw = text(raw.issuer) ?? '';
  const issuer = issuerRaw ? normalizeIssuer(issuerRaw) : ok('');
  if (!issuer.ok) return fail('bad-field', `issuer: ${issuer.error.message}`);
  const redirectUri = text(raw.redirectUri) ?? '';
  if (redirectUri && !isHttpUrl(redirectUri)) return fail('bad-field', `redirectUri: "${redirectUri.slice(0, 80)}" is not an absolute http(s) URL`);
  const endpoints: ClientProfile['endpoints'] = {};
  if (isObj(raw.endpoints)) {
    for (const name of ENDPOINT_NAMES) {
      const v = text(raw.endpoints[name]);
      if (!v) continue;
      if (!isHttpUrl(v)) return fail('bad-field', `${name}: "${v.slice(0, 80)}" is not an absolute http(s) URL`);
      endpoints[name] = v;
    }
  }
  return ok({
    id,
    name,
    issuer: issuer.value,
    clientId: text(raw.clientId, 1000) ?? '',
    redirectUri,
    authMethod: oneOf(AUTH_METHODS, raw.authMethod, 'none'),
    endpoints,
    request: request(raw.request, raw.scope),
    par: raw.par === true,
    dpop: raw.dpop === true,
    requestObject: oneOf(['off', 'unsigned', 'signed'] as const, raw.requestObject, 'off'),
    redirectMode: oneOf<RedirectMode>(['block', 'observe', 'extension'], raw.redirectMode, 'block'),
    origin: oneOf<OriginMode>(['redirect', 'drop', 'browser'], raw.origin, 'redirect'),
    keepSecrets: raw.keepSecrets === true,
    ...(raw.demo === true ? { demo: true as const } : {}),
    // The bar its flows are judged by (src/core/rules/types.ts); an unknown name is dropped (the default applies).
    ...(isRuleSetId(raw.ruleSet) ? { ruleSet: raw.ruleSet } : {}),
  });
}

export function normalizeSecrets(raw: unknown): ProfileSecrets {
  if (!isObj(raw)) return {};
  const out: ProfileSecrets = {};
  const secret = text(raw.clientSecret);
  if (secret) out.clientSecret = secret;
  if (isObj(raw.privateJwk)) out.privateJwk = raw.privateJwk as JsonWebKey;
  return out;
}

/** A plain message naming the first thing that keeps the profile from launching `needs`. */
export function launchProblem(p: ClientProfile, needs: { redirect: boolean }): string | null {
  if (!p.issuer) return 'Issuer URL is required.';
  if (!p.clientId.trim()) return 'Client ID is required.';
  // In the extension-owned mode the redirect URI is the extension's own (identity.getRedirectURL).
  if (needs.redirect && p.redirectMode !== 'extension' && !isHttpUrl(p.redirectUri)) return 'Redirect URI must be an absolute http(s) URL.';
  return null;
}
