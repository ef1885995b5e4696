/**
 * Checks an ID token wherever one arrives (token endpoint, callback, refresh): the signature against
 * the issuer's keys, and every claim rule of OIDC Core 3.1.3.7 / 3.2.2.11 / 3.3.2.12 / 12.2 with the
 * values actually sent (nonce, state, code, access token, max_age), at the clock tolerance set.
 */
import type { Finding } from '../core/finding';
import type { Flow } from '../core/flow';
import { type IdTokenFlow, validateIdToken } from '../core/id-token-checks';
import { decodeToken } from '../core/jwt';
import type { Verification } from '../core/verify';
import { verifyWithIssuerKeys } from './keys';
import { clockToleranceSec } from './settings';

export interface IdTokenContext {
  flow: IdTokenFlow;
  nonce?: string;
  accessToken?: string;
  code?: string;
  state?: string;
  previous?: { iss: string; sub: string };
}

export async function checkIdToken(f: Flow, idToken: string, ctx: IdTokenContext): Promise<{ verification: Verification; findings: Finding[] }> {
  const verification = await verifyWithIssuerKeys(idToken, f.metadata.jwks_uri);
  const d = decodeToken(idToken);
  if (d.kind !== 'jwt') return { verification, findings: [] };
  const maxAge = f.profile.request.max_age !== undefined ? Number(f.profile.request.max_age) : undefined;
  const findings = await validateIdToken({
    header: d.header,
    payload: d.payload,
    issuer: f.metadata.issuer,
    clientId: f.profile.clientId,
    ...ctx,
    ...(maxAge !== undefined && Number.isFinite(maxAge) ? { maxAge, requestedAt: Math.floor(f.createdAt / 1000) } : {}),
    clockToleranceSec: await clockToleranceSec(),
  });
  return { verification, findings };
}

/** iss and sub of the ID token a flow held last, for the refresh rule of OIDC Core 12.2. */
export function previousIdentity(f: Flow): { iss: string; sub: string } | undefined {
  for (let i = f.steps.length - 1; i >= 0; i--) {
    const s = f.steps[i]!;
    const token = s.kind === 'token-response' && s.result.ok ? s.result.tokens.id_token : s.kind === 'callback' ? s.params.id_token : undefined;
    if (typeof token !== 'string') continue;
    const d = decodeToken(token);
    if (d.kind === 'jwt' && typeof d.payload.iss === 'string' && typeof d.payload.sub === 'string') return { iss: d.payload.iss, sub: d.payload.sub };
  }
  return undefined;
}
