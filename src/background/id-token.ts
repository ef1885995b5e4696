/**
 * Checks an ID token wherever one arrives (token endpoint, callback, refresh): the signature against
 * the flow issuer's keys (never keys the token names itself), and every claim rule of
 * src/core/tokens/id-token-rules.ts with the values actually sent (nonce, state, code, access token,
 * max_age) and the algs the issuer advertises, at the clock tolerance set. The findings carry catalog
 * ids (src/core/rules/catalog-idtoken.ts) and are stored on the step by the caller.
 */
import { authParams } from '../core/capture/match';
import { failed, notApplicable, passed, type Finding } from '../core/finding';
import type { Flow } from '../core/flow';
import { decodeToken } from '../core/jwt';
import { advertisedIdTokenAlgs, judgeIdTokenClaims, type IdTokenFlow } from '../core/tokens/id-token-rules';
import { KEY_SOURCE as HMAC_KEY_SOURCE, hmacAlgOf, verifyHmacIdToken } from '../core/tokens/id-token-hmac';
import { idTokenOf } from '../core/tokens/id-token-steps';
import type { Verification } from '../core/verify';
import { verifyWithIssuerKeys } from './keys';
import { clockToleranceSec } from './settings';

export interface IdTokenContext {
  flow: Exclude<IdTokenFlow, 'pasted'>;
  /** The nonce sent; for 'refresh', the original one (originalNonce). */
  nonce?: string;
  accessToken?: string;
  code?: string;
  state?: string;
  previous?: { iss: string; sub: string };
  /** A launched flow's client secret (FlowSecrets or the profile's), only to verify an HS* token (OIDC Core 10.1); never stored. */
  clientSecret?: string;
}

const SIG = 'OIDC Core 3.1.3.7 (6)';

/** The verification as the rules read it: 'idtoken.signature' and 'idtoken.kid'. Never a pass unless verified. */
export function signatureFindings(v: Verification): Finding[] {
  const ev = { ...(v.alg ? { actual: v.alg } : {}), ...(v.keySource ? { expected: `a key from ${v.keySource}` } : {}) };
  const sig =
    v.status === 'verified'
      ? passed('idtoken.signature', SIG, v.message, ev)
      : v.status === 'bad-signature' || v.status === 'unsigned' || v.status === 'alg-not-allowed' || v.status === 'no-matching-key'
        ? failed('idtoken.signature', 'error', SIG, v.message, ev)
        : notApplicable('idtoken.signature', SIG, v.message);
  // A shared secret is the one key there is (OIDC Core 10.1): a kid names nothing then.
  const kid = v.keySource === HMAC_KEY_SOURCE
    ? notApplicable('idtoken.kid', 'OIDC Core 10.1', 'a shared-secret (HS*) signature needs no kid')
    : v.ambiguousKey
    ? failed('idtoken.kid', 'warning', 'OIDC Core 10.1', 'the token names no kid and several of the issuer\'s keys fit its alg: each was tried', { expected: 'a kid', actual: '(absent)', param: 'kid' })
    : v.status === 'verified' || v.status === 'bad-signature'
      ? passed('idtoken.kid', 'OIDC Core 10.1', v.kid ? `the key is named (kid ${v.kid})` : 'no kid, and one key fits: it was used', { ...(v.kid ? { actual: v.kid } : {}), param: 'kid' })
      : notApplicable('idtoken.kid', 'OIDC Core 10.1', 'no key was tried');
  return [sig, kid];
}

/**
 * The nonce the flow's authentication request sent: for a launched flow its FlowSecrets (passed in
 * while it runs) or the stored authorization request (or PAR) it sent; for a recorded flow the recorded
 * request's parameters. An ID token from a refresh is compared with it (OIDC Core 12.2).
 */
export function originalNonce(f: Flow): string | undefined {
  const n = authParams(f)?.nonce;
  return n ? n : undefined;
}

/**
 * The algs discovery advertises for the flow's issuer; for a recorded flow, only its confirmed issuer's
 * document. Undefined (the rule reads n/a) when no discovery document is behind the metadata (a
 * profile with every endpoint set by hand): RS256 is the default of a document that omits the list,
 * not of a provider nobody asked.
 */
function expectedAlgs(f: Flow): string[] | undefined {
  const m = (f.source === 'captured' ? f.capture?.issuerConfirmed?.metadata : f.metadata) as Record<string, unknown> | undefined;
  const fromDiscovery = !!m && ['id_token_signing_alg_values_supported', 'subject_types_supported', 'response_types_supported'].some((k) => m[k] !== undefined);
  return fromDiscovery ? advertisedIdTokenAlgs(m) : undefined;
}

export async function checkIdToken(f: Flow, idToken: string, context: IdTokenContext): Promise<{ verification: Verification; findings: Finding[] }> {
  const { clientSecret, ...ctx } = context;
  const algs = expectedAlgs(f);
  // HS* is keyed by the client secret, not the issuer's JWKS (OIDC Core 10.1): id-token-hmac.ts decides.
  const hmac = hmacAlgOf(idToken);
  const verification = hmac
    ? await verifyHmacIdToken(idToken, hmac, { recorded: f.source === 'captured', authMethod: f.profile.authMethod, ...(clientSecret ? { clientSecret } : {}), ...(algs ? { advertised: algs } : {}) })
    : await verifyWithIssuerKeys(idToken, f.metadata.jwks_uri);
  const d = decodeToken(idToken);
  if (d.kind !== 'jwt') return { verification, findings: signatureFindings(verification) };
  const maxAge = f.profile.request.max_age !== undefined ? Number(f.profile.request.max_age) : undefined;
  const findings = judgeIdTokenClaims({
    header: d.header,
    payload: d.payload,
    issuer: f.metadata.issuer,
    clientId: f.profile.clientId,
    ...ctx,
    // When the flow began (its request was sent or first seen): iat before it is an old token (3.1.3.7 (10)).
    requestedAt: Math.floor(f.createdAt / 1000),
    ...(maxAge !== undefined && Number.isFinite(maxAge) ? { maxAge } : {}),
    ...(algs ? { expectedAlgs: algs } : {}),
    now: Date.now(),
    toleranceSec: await clockToleranceSec(),
  });
  return { verification, findings: [...signatureFindings(verification), ...findings] };
}

/** iss and sub of the ID token a flow held last, for the refresh rule of OIDC Core 12.2. */
export function previousIdentity(f: Flow): { iss: string; sub: string } | undefined {
  for (let i = f.steps.length - 1; i >= 0; i--) {
    const token = idTokenOf(f.steps[i]!);
    if (token === undefined) continue;
    const d = decodeToken(token);
    if (d.kind === 'jwt' && typeof d.payload.iss === 'string' && typeof d.payload.sub === 'string') return { iss: d.payload.iss, sub: d.payload.sub };
  }
  return undefined;
}
