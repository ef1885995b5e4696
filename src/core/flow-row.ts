/**
 * What a list row shows to tell flows apart (issue 11, item 6): who ran it (the profile's name for a
 * launched flow, the client_id for a recorded one is already on the summary), the prompt asked for,
 * whom it was for (the ID token's `sub`, else the `login_hint` sent) and how long it took. Computed once
 * where the summary is made (flow.ts summarize, stored in the flow index), never per list draw.
 * Nothing here is a secret: `sub` and `login_hint` are identifiers the person sees in the detail too.
 */
import { base64url } from 'jose';
import { clip } from './clip';
import type { Flow } from './flow';
import { evaluate, summaryOf } from './rules/engine';
import type { Verdict, VerdictSummary } from './rules/types';

export interface FlowRowFacts {
  /** Launched flows: the profile's name. */
  profileName?: string;
  prompt?: string;
  /** The newest ID token's `sub`. */
  sub?: string;
  /** The login_hint sent, when no `sub` was seen. */
  loginHint?: string;
  /** From the first step to the last, in milliseconds; absent with fewer than two steps. */
  durationMs?: number;
  /** A negative test's expected outcome (Flow.expect), when it is not plain success. */
  expect?: string;
}

/** A payload larger than this is not read for its `sub` (a hostile token may be huge or deep). */
const PAYLOAD_MAX = 8 * 1024;
const ROW_TEXT_MAX = 64;

/** The `sub` of an ID token, read without trusting it; undefined for anything but a small JWT with a string sub. */
export function subOf(idToken: string): string | undefined {
  const parts = idToken.split('.');
  if (parts.length !== 3 || parts[1]!.length > PAYLOAD_MAX) return undefined;
  try {
    const v: unknown = JSON.parse(new TextDecoder().decode(base64url.decode(parts[1]!)));
    const sub = typeof v === 'object' && v !== null ? (v as { sub?: unknown }).sub : undefined;
    return typeof sub === 'string' && sub !== '' ? clip(sub, ROW_TEXT_MAX) : undefined;
  } catch {
    return undefined;
  }
}

function newestIdToken(f: Flow): string | undefined {
  for (let i = f.steps.length - 1; i >= 0; i--) {
    const s = f.steps[i]!;
    if (s.kind === 'token-response' && s.result.ok && typeof s.result.tokens.id_token === 'string') return s.result.tokens.id_token;
    if (s.kind === 'callback' && s.params.id_token) return s.params.id_token;
  }
  return undefined;
}

export function rowFacts(f: Flow): FlowRowFacts {
  const auth = f.steps.find((s) => s.kind === 'authorization-request');
  const params = auth?.kind === 'authorization-request' ? auth.params : {};
  const out: FlowRowFacts = {};
  if (f.source === 'launched' && f.profile.name) out.profileName = clip(f.profile.name, ROW_TEXT_MAX);
  if (params.prompt) out.prompt = clip(params.prompt, ROW_TEXT_MAX);
  const idToken = newestIdToken(f);
  const sub = idToken ? subOf(idToken) : undefined;
  if (sub) out.sub = sub;
  else if (params.login_hint) out.loginHint = clip(params.login_hint, ROW_TEXT_MAX);
  if (f.expect && f.expect !== 'success') out.expect = f.expect;
  if (f.steps.length > 1) {
    const ms = f.steps[f.steps.length - 1]!.at - f.steps[0]!.at;
    if (ms >= 0) out.durationMs = ms;
  }
  return out;
}

/**
 * The verdict for a flow's summary, under its profile's set. A flow the engine cannot read is still
 * stored and listed (without a verdict): summarize runs on every store write.
 */
export function verdictFor(f: Flow): { verdict?: VerdictSummary } {
  const v = judged(f);
  return v ? { verdict: summaryOf(v) } : {};
}

/** The flow's full verdict, or undefined when the engine cannot read it (summarize judges once and shares it). */
export function judged(f: Flow): Verdict | undefined {
  try {
    return evaluate(f);
  } catch {
    return undefined;
  }
}
