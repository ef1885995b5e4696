/**
 * What the flow list's search reads (issue 12, item 5): a bounded text of what a flow contains that is
 * not secret, so a search for `fragment`, `S256`, a `sub`, an email or a scope finds the flow. Names
 * are indexed always; values only under names the masking rule calls readable (isSecretName), and
 * never state, nonce, code_challenge or user_code values (single-use binding values, redact.ts
 * SENSITIVE_PARAMS), never a JWT-shaped or long value, never anything a secret-named header carries.
 */
import { flowTitle, type Flow } from '../flow';
import { outcomeOf } from '../finding';
import { looksLikeJwt, redactValue, SENSITIVE_PARAMS } from '../redact';
import { evaluate } from '../rules/engine';
import { isSecretName } from '../secret-name';
import { decodeJwtParts, factsOf } from './facts';

/** A few KB per flow: enough for every name and readable value a real flow has. */
export const SEARCH_TEXT_MAX = 4096;
/** Longer values are not indexed: nobody searches for them, and random ones could be credentials. */
const VALUE_MAX = 200;

class Budget {
  private parts: string[] = [];
  private seen = new Set<string>();
  private used = 0;
  add(word: string | undefined): void {
    if (!word) return;
    const w = word.trim();
    if (!w || this.seen.has(w) || this.used + w.length + 1 > SEARCH_TEXT_MAX) return;
    this.seen.add(w);
    this.parts.push(w);
    this.used += w.length + 1;
  }
  text(): string {
    return this.parts.join(' ');
  }
}

function readable(name: string, value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  const v = String(value);
  if (isSecretName(name) || SENSITIVE_PARAMS.has(name) || name === 'nonce' || v.length > VALUE_MAX || looksLikeJwt(v)) return undefined;
  const shown = redactValue(v);
  return shown === v ? v : undefined;
}

function addParams(b: Budget, params: Readonly<Record<string, unknown>> | undefined): void {
  for (const [k, v] of Object.entries(params ?? {}).slice(0, 100)) {
    b.add(k);
    b.add(readable(k, v));
  }
}

const hostPath = (url: string): string | undefined => (URL.canParse(url) ? `${new URL(url).host}${new URL(url).pathname}` : undefined);

/** `verdict`: the flow's verdict when the caller has judged it already (summarize: the engine runs once per write). */
export function flowSearchText(flow: Flow, opts: { now?: number; verdict?: ReturnType<typeof evaluate> } = {}): string {
  const b = new Budget();
  const f = factsOf(flow);
  b.add(flowTitle({ grant: flow.grant, ...(flow.responseType ? { responseType: flow.responseType } : {}), ...(flow.capture?.grantType ? { grantType: flow.capture.grantType } : {}) }));
  b.add(flow.status);
  b.add(flow.source);
  b.add(flow.outcome?.title);
  b.add(flow.profile.name);
  b.add(flow.profile.clientId);
  b.add(flow.profile.issuer);
  for (const s of flow.capture?.sites ?? []) b.add(s);
  if (f.callback) b.add(f.callback.source);
  let verdict: ReturnType<typeof evaluate> | undefined = opts.verdict;
  if (!verdict) {
    try {
      verdict = evaluate(flow, { now: opts.now ?? Date.now() });
    } catch {
      verdict = undefined;
    }
  }
  const problems = verdict?.findings.filter((x) => ['fail', 'warn'].includes(outcomeOf(x))) ?? [];
  for (const x of problems) b.add(x.id);
  // Claims people search for: sub, email, name, iss, aud, acr, amr, scope of JWT access tokens.
  // Every ID token received (a hybrid flow's front-channel one carries c_hash), and a JWT access token.
  const jwts = [...(f.received.id_token ?? []).slice(0, 4).map((x) => decodeJwtParts(x.value)), f.accessJwt];
  for (const jwt of jwts) {
    if (!jwt) continue;
    b.add(typeof jwt.header.alg === 'string' ? jwt.header.alg : undefined);
    for (const [k, v] of Object.entries(jwt.payload).slice(0, 100)) {
      b.add(k);
      const vals = Array.isArray(v) ? v.slice(0, 20) : [v];
      for (const one of vals) b.add(readable(k, one));
    }
  }
  for (const s of flow.steps) {
    if (s.kind === 'authorization-request' || s.kind === 'callback' || s.kind === 'token-request') {
      b.add(hostPath(s.url));
      addParams(b, s.params);
    } else if (s.kind === 'exchange') {
      b.add(s.label);
      b.add(hostPath(s.request.url));
      addParams(b, s.request.params);
      addParams(b, s.summary);
    } else if (s.kind === 'token-response') {
      b.add(String(s.status));
      if (s.result.ok) addParams(b, s.result.tokens);
      else b.add(s.result.problem);
    } else if (s.kind === 'check') b.add(s.title);
  }
  for (const x of problems) b.add(redactValue(x.message.slice(0, VALUE_MAX * 2)));
  return b.text();
}
