/**
 * The one-step "connect your provider" form (issue 10, item 4) turned into a profile: a public client
 * running the authorization code flow with PKCE at a discovered issuer. Anything more (a secret, DPoP,
 * PAR) is set afterwards in the profile editor.
 */
import type { ProviderMetadata } from './discovery';
import { type ClientProfile, blankProfile, defaultRequest } from './profile';

export interface ConnectInput {
  issuer: string;
  clientId: string;
  redirectUri: string;
  scope: string;
}

/** `openid` unless the provider lists its scopes without it (a plain OAuth server would refuse it). */
export function defaultScope(m: ProviderMetadata): string {
  return !Array.isArray(m.scopes_supported) || m.scopes_supported.includes('openid') ? 'openid' : '';
}

/**
 * PKCE S256 (RFC 9700 2.1.1), unless the provider advertises methods and S256 is not among them while
 * plain is (RFC 7636 4.2: plain only when S256 cannot be used).
 */
export function pkceFor(m: ProviderMetadata): 'S256' | 'plain' {
  const methods = m.code_challenge_methods_supported;
  return Array.isArray(methods) && methods.length > 0 && !methods.includes('S256') && methods.includes('plain') ? 'plain' : 'S256';
}

const hostOf = (url: string): string => (URL.canParse(url) ? new URL(url).host : url);

export function connectProfile(id: string, input: ConnectInput, m: ProviderMetadata): ClientProfile {
  const clientId = input.clientId.trim();
  return {
    ...blankProfile(id),
    name: `${clientId} at ${hostOf(input.issuer)}`.slice(0, 200),
    issuer: input.issuer,
    clientId,
    redirectUri: input.redirectUri.trim(),
    request: { ...defaultRequest(), pkce: pkceFor(m), scope: input.scope.trim() },
  };
}

/** What the discovered document says that matters for this form, as plain notes (warn = it may not work). */
export function connectNotes(m: ProviderMetadata): { tone: 'ok' | 'warn'; text: string }[] {
  const notes: { tone: 'ok' | 'warn'; text: string }[] = [];
  if (!m.authorization_endpoint) notes.push({ tone: 'warn', text: 'No authorization_endpoint: this provider cannot run a login from here (try the device or client credentials grants in Profiles).' });
  if (!m.token_endpoint) notes.push({ tone: 'warn', text: 'No token_endpoint: the code could not be redeemed.' });
  const grants = m.grant_types_supported;
  // RFC 8414 2: when grant_types_supported is omitted, the default is authorization_code and implicit.
  if (Array.isArray(grants) && !grants.includes('authorization_code')) notes.push({ tone: 'warn', text: 'authorization_code is not among the grant types it supports.' });
  const types = m.response_types_supported;
  if (Array.isArray(types) && !types.includes('code')) notes.push({ tone: 'warn', text: 'response_type code is not among the response types it supports.' });
  const pkce = m.code_challenge_methods_supported;
  if (!Array.isArray(pkce) || pkce.length === 0) notes.push({ tone: 'warn', text: 'It does not advertise PKCE (code_challenge_methods_supported); S256 is sent anyway (RFC 9700 2.1.1).' });
  else if (!pkce.includes('S256')) notes.push({ tone: 'warn', text: `PKCE S256 is not advertised (only ${pkce.join(', ')}); RFC 7636 4.2 allows plain only when S256 cannot be used.` });
  return notes;
}
