/**
 * The Origin header a flow's requests to the provider carry (PAR, device authorization, token).
 * 'redirect' means "as the app would": a public client is a browser app calling from its
 * redirect_uri's origin; a confidential client keeps its secret on a server, which sends no Origin.
 * Providers that serve browser apps check Origin against the client's registration (oidc-provider's
 * clientBasedCORS, Entra's AADSTS9002326/9002327), so the extension's own origin would be refused
 * for the wrong reason.
 */
import type { ClientProfile } from './profile';

export type OriginChoice = { set: string } | { drop: true } | { keep: true };

export function originFor(profile: Pick<ClientProfile, 'origin' | 'redirectUri' | 'authMethod'>): OriginChoice {
  if (profile.origin === 'browser') return { keep: true };
  if (profile.origin === 'drop' || !profile.redirectUri || profile.authMethod !== 'none') return { drop: true };
  try {
    return { set: new URL(profile.redirectUri).origin };
  } catch {
    return { drop: true };
  }
}
