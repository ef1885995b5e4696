/**
 * The rules engine's vocabulary (issue 11). A rule is one check from the guide's oauth-rules.md with
 * a stable id, the clause it comes from and the set of rules (the "bar") it belongs to. Judging a
 * flow gives one or more findings per rule of the chosen set; a rule whose deciding step was never
 * observed reads "not seen", never "pass".
 */
import type { Finding, Severity } from '../finding';
import type { Flow, FlowStep } from '../flow';

/**
 * The bars a person can hold a flow to. Each set includes the ones it builds on (SET_MEMBERS):
 * BCP and OAuth 2.1 tighten the core specs; FAPI 2.0 builds on the BCP.
 */
export type RuleSetId = 'core' | 'bcp' | 'oauth21' | 'fapi2';

export const RULE_SETS: readonly { id: RuleSetId; name: string; link: string }[] = [
  { id: 'core', name: 'OAuth 2.0 + OIDC Core', link: 'https://www.rfc-editor.org/rfc/rfc6749' },
  { id: 'bcp', name: 'RFC 9700 best current practice', link: 'https://www.rfc-editor.org/rfc/rfc9700' },
  { id: 'oauth21', name: 'OAuth 2.1', link: 'https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1' },
  { id: 'fapi2', name: 'FAPI 2.0 Security Profile', link: 'https://openid.net/specs/fapi-security-profile-2_0-final.html' },
];

/** Which sets' rules a chosen set applies. */
export const SET_MEMBERS: Record<RuleSetId, readonly RuleSetId[]> = {
  core: ['core'],
  bcp: ['core', 'bcp'],
  oauth21: ['core', 'bcp', 'oauth21'],
  fapi2: ['core', 'bcp', 'fapi2'],
};

export const DEFAULT_RULE_SET: RuleSetId = 'core';

export const isRuleSetId = (v: unknown): v is RuleSetId => typeof v === 'string' && Object.hasOwn(SET_MEMBERS, v);

export interface JudgeContext {
  set: RuleSetId;
  /** Milliseconds; for rules that depend on time at read time (most time checks are stored at arrival). */
  now: number;
  toleranceSec: number;
}

/**
 * One rule. `severity` is how bad a failure is in the rule's own set; `severityIn` raises (or lowers)
 * it under a stricter set (implicit is a warning in the core specs and an error under the BCP).
 *
 * A rule is decided one of two ways:
 * - `judge`: a pure, synchronous function over the flow, run every time a flow is judged. It returns
 *   the rule's findings, including its own pass / not-seen / n/a. Most rules work this way, so a
 *   recorded flow is judged on what was seen, whatever step it reached.
 * - no `judge`: the worker stores the rule's findings on a step when the step arrives (checks that need
 *   async work or a secret the flow does not keep: the signature, the nonce of a launched flow). The
 *   engine collects them; with none stored, the rule reads "not seen" until a step of kind `decidedBy`
 *   exists, then "n/a".
 */
export interface RuleDef {
  /** Stable, dotted, lower case: 'pkce.missing', 'idtoken.nonce.mismatch'. Never reused for another meaning. */
  id: string;
  /** What the rule asks, as a short title: "PKCE is used". */
  title: string;
  severity: Severity;
  severityIn?: Partial<Record<RuleSetId, Severity>>;
  set: RuleSetId;
  /** "RFC 9700 2.1.1" */
  clause: string;
  /** The clause's URL (rfc-editor.org section anchors, OpenID spec pages). */
  link: string;
  /** The step kind whose arrival decides a stored rule; 'flow' for rules on the flow as a whole. */
  decidedBy: FlowStep['kind'] | 'flow';
  /** False: the rule does not concern this flow (no ID token asked for, a back-channel grant): n/a. */
  applies?: (flow: Flow) => boolean;
  judge?: (flow: Flow, ctx: JudgeContext) => Finding[];
}

export interface VerdictCounts {
  failed: number;
  warned: number;
  passed: number;
  notSeen: number;
  na: number;
}

export interface Verdict {
  set: RuleSetId;
  /** Failed (errors, then warnings), not seen, passed, n/a; in catalog order within each group. */
  findings: Finding[];
  counts: VerdictCounts;
  /** 'fail' when any error failed, 'warn' when only warnings did, 'pass' when something passed and nothing failed. */
  worst: 'fail' | 'warn' | 'pass' | 'none';
}

/** What a list row needs: the counts and the first failure, small enough for the flow index. */
export interface VerdictSummary {
  set: RuleSetId;
  failed: number;
  warned: number;
  notSeen: number;
  passed: number;
  first?: { id: string; message: string; clause: string };
}
