/**
 * A flow with its secrets replaced (redactor.ts), its shape untouched: every field keeps its place
 * so a bundle imports back into the same views. Walked by field name: URLs as URLs, headers as
 * headers, bodies as bodies, parameters and JSON members by their names, any other string scanned.
 */
import type { Flow } from '../flow';
import { isJwk, PERSONAL_CLAIMS, Redactor, type RedactorOptions } from './redactor';
import { receiptOf, type Receipt } from './receipt';

// keySource: where a signature's keys came from (a JWKS URL, or 'pasted key'); its name says 'key', its value is public.
const URL_FIELDS = new Set(['url', 'verificationUri', 'verificationUriComplete', 'initiator', 'discoveryUrl', 'keySource']);
const PAIR_FIELDS = new Set(['params', 'summary']);

function walk(r: Redactor, v: unknown, name: string, depth: number): unknown {
  if (typeof v === 'string') {
    if (URL_FIELDS.has(name)) return r.url(v);
    if (name === 'bodyText') return r.body(v);
    // A flow's own 'name' members (the profile's label, an added parameter's name) are not the person's
    // name claim: asked-for personal claims apply to what providers sent (bodies, JWTs, answer pairs).
    if (name === 'name') return r.named('label', v);
    return r.named(name, v);
  }
  if (typeof v === 'number') return r.json(v, name);
  if (typeof v !== 'object' || v === null || depth > 64) return v;
  if (Array.isArray(v)) return v.map((x) => walk(r, x, name, depth + 1));
  if (name === 'headers') return r.headers(stringsOnly(v));
  // A private key (FlowSecrets' privateJwk, dpopKey) in whatever flow a file brings: its members are the key.
  if (isJwk(v)) return r.json(v, name, depth);
  if (PAIR_FIELDS.has(name)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' ? r.named(k, x) : walk(r, x, k, depth + 1)]));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(r, x, k, depth + 1)]));
}

const stringsOnly = (o: object): Record<string, string> => Object.fromEntries(Object.entries(o).filter(([, x]) => typeof x === 'string')) as Record<string, string>;

/**
 * What of a flow belongs to the browser it ran in, not to the evidence: its import mark, its tab and
 * DNR rule ids, auto-refresh (an imported flow must never try to refresh), and the issuer this browser
 * confirmed (the trust model's own fetch, capture/trust.ts: another browser's word is not a
 * confirmation). Left out of every export and dropped again on import, so a forged bundle cannot
 * carry them in and a round trip gives the same bundle.
 */
export function portable(flow: Flow): Flow {
  const out: Flow = { ...flow };
  // An imported flow is stored under a fresh id (import-handlers.ts); its file's id goes back out.
  if (typeof flow.imported?.id === 'string') out.id = flow.imported.id;
  delete out.imported;
  delete out.tabId;
  delete out.ruleId;
  delete out.autoRefresh;
  if (out.capture?.issuerConfirmed) {
    out.capture = { ...out.capture };
    delete out.capture.issuerConfirmed;
  }
  return out;
}

/**
 * Teaches `r` every secret of these flows before any is written out, so a value first met under an
 * ordinary name (a custom parameter, a check's evidence) ahead of the secret-named place that makes
 * it a secret is still replaced (Redactor.known). The output of this walk is thrown away.
 */
export function primeRedactor(flows: readonly Flow[], r: Redactor): void {
  if (r.enabled) for (const f of flows) walk(r, portable(f), 'flow', 0);
}

/** The flow for export: portable, and redacted by `r` (the export's one Redactor). */
export function redactFlow(flow: Flow, r: Redactor): Flow {
  const rest = portable(flow);
  if (!r.enabled) return structuredClone(rest);
  primeRedactor([flow], r);
  return walk(r, rest, 'flow', 0) as Flow;
}

export interface Redacted {
  flows: Flow[];
  receipt: Receipt;
  redactor: Redactor;
}

/** Flows redacted together (one placeholder per value across all of them) and their receipt. */
export function redactFlows(flows: readonly Flow[], opts: RedactorOptions = {}): Redacted {
  const redactor = new Redactor(opts);
  primeRedactor(flows, redactor);
  const out = flows.map((f) => (redactor.enabled ? (walk(redactor, portable(f), 'flow', 0) as Flow) : structuredClone(portable(f))));
  const claims = opts.claims === true ? PERSONAL_CLAIMS : Array.isArray(opts.claims) ? opts.claims : [];
  return { flows: out, receipt: receiptOf(out, redactor.enabled, claims), redactor };
}
