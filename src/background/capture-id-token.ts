/**
 * ID tokens in recorded flows get the same checks as in launched ones (src/background/id-token.ts):
 * signature against the issuer's keys and every OIDC Core 3.1.3.7 claim rule, with the nonce the app
 * sent. The keys come from the issuer's discovery document, fetched only when the ID token's issuer
 * is on an origin the flow itself talked to: a page must not make the extension fetch other hosts.
 */
import { authParams } from '../core/capture/match';
import { originOf, setIssuer } from '../core/capture/captured-flow';
import type { Flow, FlowStep } from '../core/flow';
import { decodeToken } from '../core/jwt';
import { discover } from './discover';
import type { FlowStore } from './flow-store';
import { checkIdToken } from './id-token';

const idTokenOf = (s: FlowStep): string | undefined =>
  s.kind === 'token-response' && s.result.ok && typeof s.result.tokens.id_token === 'string'
    ? s.result.tokens.id_token
    : s.kind === 'callback' && s.params.id_token
      ? s.params.id_token
      : undefined;

function unchecked(f: Flow): number[] {
  return f.steps.flatMap((s, i) => (idTokenOf(s) && !('verification' in s && s.verification) ? [i] : []));
}

/** Fills in the issuer's metadata from discovery when the ID token names an issuer the flow used. */
async function withMetadata(f: Flow, idToken: string): Promise<Flow> {
  const d = decodeToken(idToken);
  const iss = d.kind === 'jwt' && typeof d.payload.iss === 'string' ? d.payload.iss : undefined;
  if (!iss || f.metadata.jwks_uri) return f;
  const used = Object.values(f.profile.endpoints).filter((e): e is string => typeof e === 'string');
  const origin = originOf(iss);
  if (!origin || !used.some((e) => e.startsWith(origin + '/'))) return f;
  const meta = await discover(iss);
  if (!meta.ok) return f;
  const next = structuredClone(f);
  setIssuer(next, meta.value.issuer);
  next.metadata = { ...meta.value, ...Object.fromEntries(Object.entries(next.profile.endpoints)) };
  return next;
}

export async function checkCapturedIdTokens(store: FlowStore, id: string): Promise<void> {
  try {
    let f = await store.get(id);
    if (!f || unchecked(f).length === 0) return;
    const first = idTokenOf(f.steps[unchecked(f)[0]!]!)!;
    f = await withMetadata(f, first);
    const sent = authParams(f) ?? {};
    const results = new Map<number, Awaited<ReturnType<typeof checkIdToken>>>();
    for (const i of unchecked(f)) {
      const s = f.steps[i]!;
      const token = idTokenOf(s)!;
      const refresh = s.kind === 'token-response' && f.steps.slice(0, i).some((x) => x.kind === 'token-response');
      const flowKind = refresh ? 'refresh' : s.kind === 'callback' ? (s.params.code ? 'hybrid' : 'implicit') : 'code';
      const access = s.kind === 'token-response' && s.result.ok ? s.result.tokens.access_token : s.kind === 'callback' ? s.params.access_token : undefined;
      results.set(
        i,
        await checkIdToken(f, token, {
          flow: flowKind,
          ...(sent.nonce && !refresh ? { nonce: sent.nonce } : {}),
          ...(typeof access === 'string' ? { accessToken: access } : {}),
          ...(s.kind === 'callback' && s.params.code ? { code: s.params.code } : {}),
        }),
      );
    }
    const meta = f.metadata;
    const profile = f.profile;
    const capture = f.capture;
    await store.update(id, (cur) => {
      cur.metadata = meta;
      cur.profile = profile;
      if (capture) cur.capture = capture;
      for (const [i, r] of results) {
        const s = cur.steps[i];
        if (s?.kind === 'token-response') Object.assign(s, { verification: r.verification, findings: r.findings });
        if (s?.kind === 'callback') Object.assign(s, { verification: r.verification, idTokenFindings: r.findings });
      }
      return cur;
    });
  } catch (e) {
    console.error('Grantscope: ID token check of a recorded flow failed:', e instanceof Error ? e.message : String(e));
  }
}
