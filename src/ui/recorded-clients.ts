/**
 * "Or pick a recorded flow": the clients seen in flows the recorder kept, to prefill the connect form.
 * Only an issuer Grantscope confirmed itself (capture.issuerConfirmed, src/core/capture/trust.ts) is
 * offered: a recorded flow's issuer is otherwise a guess or a page's claim, and a profile made from it
 * would send the person's client to wherever a hostile page pointed.
 */
import type { Flow, FlowSummary } from '../core/flow';

export interface RecordedClient {
  /** The newest recorded flow of this client, for flow/get and flow/confirm-issuer. */
  flowId: string;
  clientId: string;
  /** The confirmed issuer, or (unconfirmed) the guess, shown only with "issuer not confirmed". */
  issuer: string;
  confirmed: boolean;
  /** Why it is not confirmed, as the recorder said. */
  note?: string;
  redirectUri?: string;
  scope?: string;
  /** The app's sites that ran it. */
  sites: string[];
}

/** Bounded: a long day of recordings should not become a long list or many reads. */
export const MAX_RECORDED_CLIENTS = 8;

/** The newest recorded flow of each client_id and issuer, newest first. */
export function recordedCandidates(list: FlowSummary[], max = MAX_RECORDED_CLIENTS): FlowSummary[] {
  const seen = new Set<string>();
  const out: FlowSummary[] = [];
  for (const f of [...list].sort((a, b) => b.updatedAt - a.updatedAt)) {
    if (f.source !== 'captured' || !f.clientId) continue;
    const key = `${f.issuer}\n${f.clientId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
    if (out.length >= max) break;
  }
  return out;
}

/** What a recorded flow tells about its client: the confirmed issuer, and what its authorization request sent. */
export function recordedClient(f: Flow): RecordedClient {
  const confirmed = f.capture?.issuerConfirmed;
  const request = f.steps.find((s) => s.kind === 'authorization-request');
  const params = request?.kind === 'authorization-request' ? request.params : {};
  const redirectUri = params.redirect_uri || f.profile.redirectUri || undefined;
  return {
    flowId: f.id,
    clientId: f.profile.clientId,
    issuer: confirmed?.issuer ?? f.profile.issuer,
    confirmed: !!confirmed,
    ...(!confirmed && f.capture?.issuerNote ? { note: f.capture.issuerNote } : {}),
    ...(redirectUri ? { redirectUri } : {}),
    ...(params.scope ? { scope: params.scope } : {}),
    sites: f.capture?.sites ?? [],
  };
}
