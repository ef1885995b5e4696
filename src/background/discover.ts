/**
 * Fetches a provider's metadata: OpenID Connect Discovery first (OIDC Discovery 4), then the RFC 8414
 * location when the first answers 404. parseDiscovery checks the `issuer` equals the one asked for
 * (RFC 8414 3.3, OIDC Discovery 4.3): a mismatch is a mix-up risk, never silently accepted.
 */
import { type ProviderMetadata, discoveryUrls, parseDiscovery } from '../core/discovery';
import type { Result } from '../core/result';
import { fetchText } from './http';

export async function discover(issuer: string, timeoutMs = 15_000): Promise<Result<ProviderMetadata>> {
  const urls = discoveryUrls(issuer);
  let last: Result<ProviderMetadata> | undefined;
  for (const url of [urls.oidc, urls.oauth]) {
    const got = await fetchText(url, { headers: { accept: 'application/json' } }, timeoutMs);
    if (!got.ok) return { ok: false, error: { code: 'unreachable', message: `Discovery failed: ${got.message}` } };
    const { status, headers, bodyText } = got.answer;
    last = parseDiscovery(bodyText, status, headers['content-type'] ?? null, issuer);
    if (last.ok || status !== 404) break;
  }
  if (!last) return { ok: false, error: { code: 'unreachable', message: 'Discovery failed.' } };
  if (!last.ok) return { ok: false, error: { ...last.error, message: `Discovery: ${last.error.message}` } };
  return last;
}
