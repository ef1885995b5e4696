/**
 * Provider calls the recogniser names from the URL alone, when no discovery document said where the
 * endpoints are. Only paths that mean little outside OAuth are guessed: a `/me`, `/keys` or `/certs`
 * anywhere would name half the web's APIs, so `/me` is only ever known from discovery, and `/keys` and
 * `/certs` only under a path that says OAuth or OIDC (Okta /oauth2/v1/keys, Keycloak
 * /protocol/openid-connect/certs, Google /oauth2/v3/certs, Microsoft /discovery/v2.0/keys, Apple /auth/keys).
 */
import type { KnownEndpoints, ProviderCall } from './types';
import { has } from './recognise-body';

/** OIDC Discovery 4 appends the segment; RFC 8414 3.1 inserts it before the issuer's path. */
const DISCOVERY = /\/\.well-known\/(?:openid-configuration|oauth-authorization-server)(?:\/|$)/i;
/** /jwks, /jwks.json, /.well-known/jwks.json, /.well-known/jwks. */
const JWKS = /\/jwks(?:\.json)?\/?$/i;
const KEYS = /\/(?:certs|keys)\/?$/i;
const OAUTH_PATH = /oauth|openid|oidc|\/connect\/|discovery|\/auth\//i;
const USERINFO = /\/userinfo\/?$/i;
/** RFC 9126 paths in the wild: Okta /v1/par, Keycloak /ext/par/request, Ping /as/par.oauth, "pushed". */
const PAR = /\/par(?:[./]|$)|pushed/i;

/** A GET or POST carrying a token at introspection / revocation, or client_id at device authorization. */
export function guessProviderCall(method: string, path: string, p: Record<string, string>): ProviderCall | undefined {
  if (method === 'GET') {
    if (DISCOVERY.test(path)) return 'discovery';
    if (JWKS.test(path) || (KEYS.test(path) && OAUTH_PATH.test(path))) return 'jwks';
  }
  if (USERINFO.test(path)) return 'userinfo'; // OIDC Core 5.3.1: GET or POST
  if (method !== 'POST') return undefined;
  if (has(p, 'token') && /introspect/i.test(path)) return 'introspection'; // RFC 7662 2.1
  if (has(p, 'token') && /revo/i.test(path)) return 'revocation'; // RFC 7009 2.1
  // RFC 8628 3.1; the poll that follows carries grant_type and is a token request.
  if (has(p, 'client_id') && !has(p, 'grant_type') && !has(p, 'response_type') && /device/i.test(path)) {
    return 'device-authorization';
  }
  return undefined;
}

/** True for a path that names a pushed authorization request endpoint (RFC 9126 2). */
export const looksLikePar = (path: string): boolean => PAR.test(path);

const ROLES: Record<string, KnownEndpoints[string]> = {
  authorization_endpoint: 'authorization',
  token_endpoint: 'token',
  jwks_uri: 'jwks',
  userinfo_endpoint: 'userinfo',
  introspection_endpoint: 'introspection',
  revocation_endpoint: 'revocation',
  device_authorization_endpoint: 'device-authorization',
  pushed_authorization_request_endpoint: 'par',
};

/** No real endpoint URL is longer; a document naming longer ones is not believed for them (issue 9). */
const ENDPOINT_MAX = 2048;

/**
 * The lookup key of an endpoint: origin and path, as the URL parser normalises them; '' when not
 * http(s) or longer than ENDPOINT_MAX.
 */
export function endpointKey(url: string): string {
  if (url.length > ENDPOINT_MAX || !URL.canParse(url)) return '';
  const u = new URL(url);
  return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin + u.pathname : '';
}

/**
 * The endpoints a discovery document (OIDC Discovery 3, RFC 8414 2) names, URL -> role. RFC 8705 5's
 * mtls_endpoint_aliases are read too, since a client with a certificate calls those instead.
 * Anything that is not an http(s) URL string is left out; the first role given to a URL stays.
 */
export function discoveryEndpoints(doc: unknown): KnownEndpoints {
  const out: KnownEndpoints = {};
  const read = (d: unknown) => {
    if (typeof d !== 'object' || d === null || Array.isArray(d)) return;
    for (const [field, role] of Object.entries(ROLES)) {
      const v: unknown = Object.hasOwn(d, field) ? (d as Record<string, unknown>)[field] : undefined;
      const key = typeof v === 'string' ? endpointKey(v) : '';
      if (key !== '' && !Object.hasOwn(out, key)) out[key] = role;
    }
  };
  read(doc);
  if (typeof doc === 'object' && doc !== null && Object.hasOwn(doc, 'mtls_endpoint_aliases')) {
    read((doc as Record<string, unknown>).mtls_endpoint_aliases);
  }
  return out;
}
