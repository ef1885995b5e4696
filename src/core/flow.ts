/**
 * The flow record: one OAuth flow as a timeline of steps, plus where it stands.
 *
 * A launched front-channel flow (code, implicit, hybrid) moves through:
 *
 *   authorizing ──callback seen──▶ callback-received ──▶ redeeming ──▶ complete
 *        │                               │                   │
 *        ├─ error / state mismatch ──────┴──▶ failed ◀───────┘ (token endpoint error)
 *        ├─ implicit: tokens in the callback ─────────────────────▶ complete
 *        ├─ observe-only: the app got the callback ───────────────▶ observed
 *        └─ tab closed ─────────────────────▶ failed
 *   redeeming, and the service worker restarted ─▶ interrupted (the code may already be spent)
 *
 * Back-channel grants (client credentials, password, refresh, token exchange) go straight to
 * redeeming; the device grant sits in polling until the person approves, refuses or time runs out.
 *
 * Everything here is plain data so it can live in storage.session and cross the message channel.
 * Secrets the flow needs but the UI never shows (state, nonce, code_verifier) live in FlowSecrets,
 * stored under their own key.
 */
import type { CaptureVia, Cut, RequestFrame } from './capture/types';
import type { ProviderMetadata } from './discovery';
import type { Finding } from './finding';
import type { ExpectedOutcome, GrantKind } from './launch';
import type { ClientProfile, ResponseType } from './profile';
import type { TokenResponseResult } from './token-response';
import type { Verification } from './verify';
import type { Verdict, VerdictSummary } from './rules/types';
import { summaryOf } from './rules/engine';
import { type FlowRowFacts, judged, rowFacts } from './flow-row';
import { flowSearchText } from './compare/search-text';

export type { ClientProfile } from './profile';

/**
 * How a recorded step was seen (captured flows only): by which sources, in which tab and frame.
 * The request id lets a response seen later (Firefox's filter, the debugger) find its request.
 */
export interface StepSeen {
  via: CaptureVia[];
  tabId: number;
  frame: RequestFrame;
  requestId: string;
  /**
   * The ids other sources reported this same request under (merged repeats): an answer reported
   * later, by id (the debugger), may name any of them.
   */
  alsoIds?: string[];
  initiator?: string;
  /** What a source cut to the recorder's limits before reading it (capture/limits.ts), for a notice. */
  cut?: Cut;
}

export type FlowStatus = 'authorizing' | 'callback-received' | 'redeeming' | 'polling' | 'complete' | 'observed' | 'failed' | 'interrupted';

export interface AuthorizationRequestStep {
  kind: 'authorization-request';
  seen?: StepSeen;
  at: number;
  url: string;
  params: Record<string, string>;
  /** Launched flows: what Grantscope sent that the person did not type, and why (src/core/launch/added-params.ts). */
  added?: { name: string; why: string; value?: string; inside?: 'par' | 'request-object' }[];
}

export interface CallbackStep {
  kind: 'callback';
  seen?: StepSeen;
  at: number;
  /** The redirect target as the provider sent it, fragment included. */
  url: string;
  params: Record<string, string>;
  source: 'query' | 'fragment' | 'both' | 'none' | 'form_post';
  /** Captured flows: a callback no recorded authorization request led to (fault case 19). */
  orphan?: boolean;
  /** Parameter names that came more than once (query, fragment or form body; RFC 6749 3.1). */
  duplicates?: string[];
  findings: Finding[];
  /** Signature check and claim checks of an ID token that came in the callback (implicit, hybrid). */
  verification?: Verification;
  idTokenFindings?: Finding[];
}

/** A back-channel exchange that is not a token request: PAR, device authorization. */
export interface ExchangeStep {
  kind: 'exchange';
  seen?: StepSeen;
  label: string;
  at: number;
  request: { url: string; method: string; headers: Record<string, string>; params: Record<string, string> };
  response?: { status: number; headers: Record<string, string>; bodyText: string };
  /** What the answer meant, as plain fields (request_uri, user_code, ...). */
  summary?: Record<string, string>;
  problem?: string;
  /** When the Origin that left is not the one asked for, or was not seen (src/core/origin.ts originNote). */
  originNote?: string;
}

/** The device grant's user interaction and polling (RFC 8628 3.3-3.5). */
export interface DevicePollStep {
  kind: 'device-poll';
  at: number;
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  expiresAt: number;
  intervalSec: number;
  polls: { at: number; result: string }[];
}

export interface TokenRequestStep {
  kind: 'token-request';
  seen?: StepSeen;
  at: number;
  url: string;
  method: string;
  headers: Record<string, string>;
  params: Record<string, string>;
  /** When the Origin that left is not the one asked for, or was not seen (src/core/origin.ts originNote). */
  originNote?: string;
}

export interface TokenResponseStep {
  kind: 'token-response';
  seen?: StepSeen;
  at: number;
  /** 0 when no HTTP answer came (network failure, timeout). */
  status: number;
  headers: Record<string, string>;
  bodyText: string;
  result: TokenResponseResult | { ok: false; problem: 'network'; message: string; status: 0 };
  /** Signature check of the ID token, when one came. */
  verification?: Verification;
  /** ID token claim checks (OIDC Core 3.1.3.7). */
  findings?: Finding[];
}

/** The verdict of an action or an active test on the flow (rotation, reuse, down-scope). */
export interface CheckStep {
  kind: 'check';
  at: number;
  title: string;
  findings: Finding[];
}

export type FlowStep = AuthorizationRequestStep | CallbackStep | ExchangeStep | DevicePollStep | TokenRequestStep | TokenResponseStep | CheckStep;

export interface Outcome {
  kind: 'success' | 'error';
  /** Short plain text: "Tokens received", "Provider refused: access_denied", ... */
  title: string;
  detail?: string;
}

export interface Flow {
  id: string;
  createdAt: number;
  updatedAt: number;
  /** Launched from Grantscope, or recorded from what a site did on its own (src/core/capture/). */
  source: 'launched' | 'captured';
  /** 'other': a captured grant_type no spec here defines (capture.grantType names it). */
  grant: GrantKind | 'other';
  /** Front-channel flows: the response_type asked for. */
  responseType?: ResponseType;
  profile: ClientProfile;
  /** Choices made for negative testing, and other request-level findings (state omitted, PKCE plain, ...). */
  findings: Finding[];
  /** The discovery document the flow was started with; kept so a restarted worker can finish it. */
  metadata: ProviderMetadata;
  status: FlowStatus;
  outcome?: Outcome;
  steps: FlowStep[];
  /** The tab the login runs in, while it runs. */
  tabId?: number;
  /** The session DNR rule that stops the redirect from reaching the app, while it exists. */
  ruleId?: number;
  /** Refresh automatically shortly before the access token expires (src/background/auto-refresh.ts). */
  autoRefresh?: boolean;
  /** Captured flows: where the flow was seen. */
  capture?: CaptureInfo;
  /** Flows read from a file (a Grantscope bundle or a HAR, src/core/export/): its name and when. */
  imported?: { file: string; at: number; /** The id the flow had in its file (stored under a fresh one); exports give it back. */ id?: string };
  /** A negative test: what the person expects the provider to do (LaunchInput.expect; rule expect.outcome). */
  expect?: ExpectedOutcome;
  /** Set once Grantscope learns the flow's tokens are revoked (a revocation, the reuse test, an introspection). */
  revoked?: { at: number; why: string };
}

export interface CaptureInfo {
  /** Every tab a step was seen in (the app's tab, a login popup, ...), first seen first. */
  tabIds: number[];
  /** Origins of the pages that ran the flow (the app, not the provider). */
  sites: string[];
  /** The grant_type as sent, for grants without a GrantKind. */
  grantType?: string;
  /** True while the issuer is only a guess from the authorization endpoint's origin. */
  issuerGuessed?: boolean;
  /** Set only once Grantscope confirmed the issuer itself (src/core/capture/trust.ts, the trust model). */
  issuerConfirmed?: ConfirmedIssuer;
  /** Why the issuer is not confirmed yet, in plain words (trust.ts). */
  issuerNote?: string;
  /** What storage had to cut from this flow to keep it (src/core/capture/fit-flow.ts), newest last. */
  notices?: string[];
  /** Which of tabIds opened which (child -> opener, tabs.onCreated), for tab names in words (capture/tab-labels.ts). */
  openers?: Record<string, number>;
}

/**
 * A recorded flow's issuer as Grantscope confirmed it: on a host the flow's own authorization or token
 * request went to, and its discovery document fetched by the worker with `issuer` matching the URL.
 */
export interface ConfirmedIssuer {
  issuer: string;
  /** The URL the worker fetched the document from. */
  discoveryUrl: string;
  /** The document, trimmed to the fields Grantscope uses (endpoints, jwks_uri, *_supported). */
  metadata: ProviderMetadata;
  at: number;
}

/** Values the flow needs but the UI never lists; in storage.session, dropped once the flow ends. */
export interface FlowSecrets {
  state?: string;
  nonce?: string;
  codeVerifier?: string;
  clientSecret?: string;
  privateJwk?: JsonWebKey;
  /** The DPoP private key (RFC 9449), kept with the flow so later requests can prove possession. */
  dpopKey?: { alg: string; privateJwk: JsonWebKey };
  deviceCode?: string;
}

export interface FlowSummary {
  id: string;
  createdAt: number;
  updatedAt: number;
  grant: Flow['grant'];
  responseType?: ResponseType;
  clientId: string;
  issuer: string;
  status: FlowStatus;
  outcome?: Outcome;
  source: Flow['source'];
  /** Captured flows: the sites that ran it, for search. */
  sites?: string[];
  grantType?: string;
  /** The tabs it ran in (recorded: every tab a step was seen in; launched: its login tab), for a DevTools panel to put its tab's flows first. */
  tabIds?: number[];
  /** The rules engine's verdict under the flow's rule set (src/core/rules/engine.ts), for the list row. */
  verdict?: VerdictSummary;
  /** What tells this flow apart from its neighbours in the list (flow-row.ts). */
  row?: FlowRowFacts;
  /** The flow's tokens are known to be revoked (Flow.revoked), for the list row. */
  revoked?: { at: number; why: string };
  /** Read from a file (Flow.imported), for the list row's badge. */
  imported?: { file: string; at: number };
  /**
   * What the list's search reads beyond the fields above (issue 12, item 5): parameter names and
   * values that are not secret, claims, findings, status (compare/search-text.ts), lower-cased and cut
   * to SUMMARY_SEARCH_MAX, so the index stays small and a 1,000-flow list never opens a flow to search.
   */
  searchText?: string;
}

/** The search text a summary keeps: a real flow's is about 600 characters; a hostile one stops here. */
export const SUMMARY_SEARCH_MAX = 2048;

function searchTextOf(f: Flow, verdict: Verdict | undefined): { searchText?: string } {
  try {
    return { searchText: flowSearchText(f, verdict ? { verdict } : {}).slice(0, SUMMARY_SEARCH_MAX).toLowerCase() };
  } catch {
    return {};
  }
}

export function summarize(f: Flow): FlowSummary {
  // One run of the engine per write, shared by the row's verdict and the search text (each ran it).
  const verdict = judged(f);
  return {
    id: f.id,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    grant: f.grant,
    ...(f.responseType ? { responseType: f.responseType } : {}),
    clientId: f.profile.clientId,
    issuer: f.profile.issuer,
    status: f.status,
    ...(f.outcome ? { outcome: f.outcome } : {}),
    source: f.source,
    ...(f.capture ? { sites: f.capture.sites } : {}),
    ...(f.capture?.grantType ? { grantType: f.capture.grantType } : {}),
    ...(f.capture?.tabIds.length ? { tabIds: f.capture.tabIds } : f.tabId !== undefined ? { tabIds: [f.tabId] } : {}),
    // Judged once here, where the flow is stored (the flow index keeps the summary): a list of 1,000
    // flows reads the counts, it never runs the engine.
    ...(verdict ? { verdict: summaryOf(verdict) } : {}),
    row: rowFacts(f),
    ...(f.revoked ? { revoked: f.revoked } : {}),
    ...(f.imported ? { imported: { file: f.imported.file, at: f.imported.at } } : {}),
    ...searchTextOf(f, verdict),
  };
}

/** True while the flow may still change on its own. */
export const isActive = (s: FlowStatus): boolean => s === 'authorizing' || s === 'callback-received' || s === 'redeeming' || s === 'polling';

// In its own module so the popup can name a flow without this module's rules engine (summarize).
export { flowTitle } from './flow-title';

export function stepOf<K extends FlowStep['kind']>(f: Flow, kind: K): Extract<FlowStep, { kind: K }> | undefined {
  return f.steps.find((s): s is Extract<FlowStep, { kind: K }> => s.kind === kind);
}

/** Every token set the flow has received, oldest first (initial grant, then each refresh). */
export function tokenSets(f: Flow): { at: number; tokens: Record<string, unknown> }[] {
  const out: { at: number; tokens: Record<string, unknown> }[] = [];
  for (const s of f.steps) {
    if (s.kind === 'token-response' && s.result.ok) out.push({ at: s.at, tokens: s.result.tokens });
    if (s.kind === 'callback' && (s.params.access_token || s.params.id_token)) out.push({ at: s.at, tokens: { ...s.params } });
  }
  return out;
}

/** The newest value of a token across the flow's token sets (a refresh may omit a refresh_token). */
export function latestToken(f: Flow, name: string): string | undefined {
  const sets = tokenSets(f);
  for (let i = sets.length - 1; i >= 0; i--) {
    const v = sets[i]!.tokens[name];
    if (typeof v === 'string' && v) return v;
  }
  return undefined;
}
