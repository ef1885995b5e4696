/**
 * The endpoints a flow uses: discovery's, with every hand-set endpoint of the profile winning over it.
 * Overrides are recorded as such, so the panel can say where each endpoint came from.
 */
import type { ProviderMetadata } from '../core/discovery';
import { normalizeIssuer } from '../core/discovery';
import type { ClientProfile } from '../core/profile';
import { discover } from './discover';

export class LaunchError extends Error {}

export async function effectiveMetadata(profile: ClientProfile): Promise<ProviderMetadata> {
  const issuer = normalizeIssuer(profile.issuer);
  if (!issuer.ok) throw new LaunchError(`Issuer URL: ${issuer.error.message}`);
  const found = await discover(issuer.value);
  // With every endpoint this grant needs set by hand, a provider without discovery still works.
  if (!found.ok && Object.keys(profile.endpoints).length === 0) throw new LaunchError(found.error.message);
  const base: ProviderMetadata = found.ok ? found.value : { issuer: issuer.value };
  return { ...base, ...profile.endpoints };
}

export function need(meta: ProviderMetadata, name: keyof ProviderMetadata & string, what: string): string {
  const v = meta[name];
  if (typeof v !== 'string' || !v) throw new LaunchError(`The provider advertises no ${name}, needed for ${what}. Set it by hand in the profile.`);
  return v;
}
