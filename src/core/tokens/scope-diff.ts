/**
 * Scope asked against scope granted, on every token answer (issue 11, item 6).
 *
 * RFC 6749 3.3: "If the issued access token scope is different from the one requested by the client,
 * the authorization server MUST include the scope response parameter"; so an answer without scope
 * means the scope asked for was granted (RFC 6749 5.1 too). A refresh without scope asks for the scope
 * granted before (RFC 6749 6).
 */
import type { Flow, FlowStep } from '../flow';

export interface ScopeDiff {
  /** undefined: what was asked is not known (a request object or PAR we did not see, ...). */
  asked?: string[];
  /** undefined: the answer did not say, which means the same as asked (RFC 6749 3.3). */
  granted?: string[];
  notGranted: string[];
  /** Granted but not asked (allowed, worth seeing). */
  extra: string[];
}

const words = (s: unknown): string[] => (typeof s === 'string' ? [...new Set(s.split(' ').filter(Boolean))] : []);

export function scopeDiff(asked: string | undefined, granted: string | undefined): ScopeDiff {
  const a = asked === undefined ? undefined : words(asked);
  const g = granted === undefined ? undefined : words(granted);
  return {
    ...(a ? { asked: a } : {}),
    ...(g ? { granted: g } : {}),
    notGranted: a && g ? a.filter((x) => !g.includes(x)) : [],
    extra: a && g ? g.filter((x) => !a.includes(x)) : [],
  };
}

/** "asked: openid profile offline_access · granted: openid profile (offline_access not granted)". */
export function scopeLine(d: ScopeDiff): string {
  const asked = d.asked === undefined ? 'asked: not seen' : `asked: ${d.asked.join(' ') || '(none)'}`;
  if (d.granted === undefined) return `${asked} · granted: same as asked (no scope in the answer, RFC 6749 3.3)`;
  const notes = [...(d.notGranted.length ? [`${d.notGranted.join(' ')} not granted`] : []), ...(d.extra.length ? [`${d.extra.join(' ')} not asked for`] : [])];
  return `${asked} · granted: ${d.granted.join(' ') || '(none)'}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

/** The scope a token answer says was granted; undefined when it says nothing. */
function grantedAt(step: FlowStep): string | undefined {
  if (step.kind === 'callback') return step.params.scope;
  if (step.kind === 'token-response' && step.result.ok) {
    const s = step.result.tokens.scope;
    return typeof s === 'string' ? s : undefined;
  }
  return undefined;
}

/** The scope the authorization request asked for: its URL, a PAR push, else (launched) the profile's. */
function authorizationScope(flow: Flow, before: number): string | undefined {
  for (let i = before - 1; i >= 0; i--) {
    const s = flow.steps[i]!;
    if (s.kind === 'authorization-request' && s.params.scope !== undefined) return s.params.scope;
    if (s.kind === 'exchange' && s.request.params.scope !== undefined && s.request.params.response_type !== undefined) return s.request.params.scope;
  }
  // A request object hides the scope from the URL; a launched flow knows what it put there.
  return flow.source === 'launched' && flow.grant === 'authorization' ? flow.profile.request.scope : undefined;
}

/** The scope granted before `index` (the last token answer's, or what it asked for when it did not say). */
function grantedBefore(flow: Flow, index: number): string | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const s = flow.steps[i]!;
    if ((s.kind === 'token-response' && s.result.ok) || (s.kind === 'callback' && (s.params.access_token || s.params.id_token))) {
      return grantedAt(s) ?? askedFor(flow, i);
    }
  }
  return undefined;
}

/** What the request behind the token answer at `index` asked for. */
function askedFor(flow: Flow, index: number): string | undefined {
  const step = flow.steps[index];
  if (step?.kind === 'callback') return authorizationScope(flow, index);
  for (let i = index - 1; i >= 0; i--) {
    const s = flow.steps[i]!;
    if (s.kind !== 'token-request') continue;
    if (s.params.scope !== undefined) return s.params.scope;
    const grant = s.params.grant_type;
    if (grant === 'authorization_code') return authorizationScope(flow, i);
    // RFC 6749 6: a refresh without scope asks for the scope originally granted.
    if (grant === 'refresh_token') return grantedBefore(flow, i);
    if (flow.source === 'launched' && (grant === 'client_credentials' || grant === 'password')) return '';
    return undefined;
  }
  return undefined;
}

/** The scope line of a token answer (a successful token response or a callback carrying tokens); undefined for other steps. */
export function scopeDiffAt(flow: Flow, index: number): ScopeDiff | undefined {
  const step = flow.steps[index];
  if (!step) return undefined;
  const answer = (step.kind === 'token-response' && step.result.ok) || (step.kind === 'callback' && Boolean(step.params.access_token || step.params.id_token));
  if (!answer) return undefined;
  return scopeDiff(askedFor(flow, index), grantedAt(step));
}
