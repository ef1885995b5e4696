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

/**
 * The Origin a request really carried, as the worker watched it leave (webRequest.onSendHeaders, after
 * every header rule): a value, null for none, or not seen at all (the request never left, or the
 * browser did not show it). The panel lists what was seen, never what was asked for.
 */
export type SeenOrigin = { seen: true; value: string | null } | { seen: false };

/** The request's own headers with Origin as it really left: only when one was seen to leave. */
export function headersAsSent(headers: Record<string, string>, seen: SeenOrigin): Record<string, string> {
  const out = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'origin'));
  return seen.seen && seen.value !== null ? { ...out, Origin: seen.value } : out;
}

const wanted = (c: OriginChoice): string => ('set' in c ? c.set : 'drop' in c ? 'none' : 'the browser’s own');

/**
 * A note for the step when what left is not what the profile asked for, or could not be seen; none
 * when it went as asked. Plain text: the values are origins the browser reported.
 */
export function originNote(choice: OriginChoice, seen: SeenOrigin): string | undefined {
  if (!seen.seen) return `Origin: not seen leaving (the profile asked for ${wanted(choice)}); the browser may have sent its own.`;
  if ('keep' in choice) return undefined;
  const sent = seen.value ?? 'none';
  if ('set' in choice ? seen.value === choice.set : seen.value === null) return undefined;
  return `Origin: the profile asked for ${wanted(choice)}, but the browser sent ${sent}.`;
}

/**
 * Why a request was not sent: the rule that sets its Origin was refused. Sending it anyway would
 * carry the extension's own origin, which providers check against the client's registration
 * (oidc-provider: "origin … not allowed for client"): a wrong answer for the wrong reason.
 */
export function originRuleRefused(choice: OriginChoice, reason: string, browserOrigin: string): string {
  return (
    `Origin could not be set to ${wanted(choice)}: ${reason}. The request was not sent: it would have gone ` +
    `as ${browserOrigin}, the browser's own. To send it that way, set the profile's Origin to "the browser's own".`
  );
}
