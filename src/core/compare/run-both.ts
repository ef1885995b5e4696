/**
 * "Run both" and "compare with the previous run" (issue 12, item 2), as pure choices the UI acts on:
 * which two launches to make with the same client settings, and which earlier flow a flow is
 * compared with.
 */
import type { ProviderMetadata } from '../discovery';
import type { FlowSummary } from '../flow';
import type { LaunchInput } from '../launch';
import type { ClientProfile, ResponseType } from '../profile';

export interface RunBothPlan {
  /** Code + PKCE first (S256, RFC 9700 2.1.1), then the front-channel flow, with the same client settings. */
  launches: { label: string; profile: ClientProfile; launch: LaunchInput }[];
  notes: string[];
}

/** The front-channel response types tried, most telling first (an access token in the fragment). */
const FRONT: readonly ResponseType[] = ['id_token token', 'code id_token token', 'code token', 'code id_token', 'id_token'];

/**
 * The second flow's response type: the first of FRONT the provider advertises (RFC 8414 2, OIDC
 * Discovery 3; when it does not say, implicit `id_token token` is tried). `token` alone is not offered
 * by profiles; an OAuth-only provider (no openid) gets `code token`.
 */
export function frontChannelType(m: ProviderMetadata, scope: string): ResponseType {
  const wantsOidc = scope.split(' ').includes('openid');
  const offered = Array.isArray(m.response_types_supported) ? m.response_types_supported.map((t) => t.split(' ').filter(Boolean).sort().join(' ')) : undefined;
  const candidates = wantsOidc ? FRONT : (['code token'] as const);
  const norm = (t: string) => t.split(' ').sort().join(' ');
  return candidates.find((t) => !offered || offered.includes(norm(t))) ?? (wantsOidc ? 'id_token token' : 'code token');
}

export function runBothPlan(profile: ClientProfile, m: ProviderMetadata): RunBothPlan {
  const notes: string[] = [];
  const front = frontChannelType(m, profile.request.scope);
  if (Array.isArray(m.response_types_supported) && !m.response_types_supported.some((t) => t.includes('token'))) {
    notes.push('The provider advertises no front-channel token response type; the second flow may be refused (that is an answer too).');
  }
  const code: ClientProfile = { ...profile, request: { ...profile.request, responseType: 'code', pkce: profile.request.pkce === 'none' ? 'S256' : profile.request.pkce } };
  const implicit: ClientProfile = { ...profile, request: { ...profile.request, responseType: front } };
  return {
    launches: [
      { label: 'Authorization code + PKCE', profile: code, launch: { grant: 'authorization', responseType: 'code' } },
      { label: front.includes('code') ? `Hybrid (${front})` : `Implicit (${front})`, profile: implicit, launch: { grant: 'authorization', responseType: front } },
    ],
    notes,
  };
}

/**
 * The flow a "compare with the previous run" opens: the newest earlier flow of the same client at
 * the same issuer, with the same grant and response type, that ended (complete, observed or failed).
 */
export function previousRun(list: readonly FlowSummary[], current: FlowSummary): FlowSummary | undefined {
  let best: FlowSummary | undefined;
  for (const f of list) {
    if (f.id === current.id || f.createdAt >= current.createdAt) continue;
    if (f.clientId !== current.clientId || f.issuer !== current.issuer || f.grant !== current.grant || f.responseType !== current.responseType) continue;
    if (!['complete', 'observed', 'failed'].includes(f.status)) continue;
    if (!best || f.createdAt > best.createdAt) best = f;
  }
  return best;
}
