/**
 * The flow record: one OAuth flow as a timeline of steps, plus where it stands.
 *
 * A launched authorization-code flow moves through:
 *
 *   authorizing ──callback seen──▶ callback-received ──▶ redeeming ──▶ complete
 *        │                               │                   │
 *        ├─ error / state mismatch ──────┴──▶ failed ◀───────┘ (token endpoint error)
 *        └─ tab closed ─────────────────────▶ failed
 *   redeeming, and the service worker restarted ─▶ interrupted (the code may already be spent)
 *
 * Everything here is plain data so it can live in storage.session and cross the message channel.
 * Secrets the flow needs but the UI never shows (state, nonce, code_verifier) live in FlowSecrets,
 * stored under their own key.
 */
import type { ProviderMetadata } from './discovery';
import type { Finding } from './finding';
import type { TokenResponseResult } from './token-response';
import type { Verification } from './verify';

export type FlowStatus = 'authorizing' | 'callback-received' | 'redeeming' | 'complete' | 'failed' | 'interrupted';

export interface ClientProfile {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  redirectUri: string;
  scope: string;
}

export interface AuthorizationRequestStep {
  kind: 'authorization-request';
  at: number;
  url: string;
  params: Record<string, string>;
}

export interface CallbackStep {
  kind: 'callback';
  at: number;
  /** The redirect target as the provider sent it, fragment included. */
  url: string;
  params: Record<string, string>;
  source: 'query' | 'fragment' | 'both' | 'none';
  findings: Finding[];
}

export interface TokenRequestStep {
  kind: 'token-request';
  at: number;
  url: string;
  method: string;
  headers: Record<string, string>;
  params: Record<string, string>;
}

export interface TokenResponseStep {
  kind: 'token-response';
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

export type FlowStep = AuthorizationRequestStep | CallbackStep | TokenRequestStep | TokenResponseStep;

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
  source: 'launched';
  grant: 'authorization_code';
  profile: ClientProfile;
  /** The discovery document the flow was started with; kept so a restarted worker can finish it. */
  metadata: ProviderMetadata;
  status: FlowStatus;
  outcome?: Outcome;
  steps: FlowStep[];
  /** The tab the login runs in, while it runs. */
  tabId?: number;
  /** The session DNR rule that stops the redirect from reaching the app, while it exists. */
  ruleId?: number;
}

export interface FlowSecrets {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface FlowSummary {
  id: string;
  createdAt: number;
  updatedAt: number;
  grant: Flow['grant'];
  clientId: string;
  issuer: string;
  status: FlowStatus;
  outcome?: Outcome;
}

export function summarize(f: Flow): FlowSummary {
  return {
    id: f.id,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    grant: f.grant,
    clientId: f.profile.clientId,
    issuer: f.profile.issuer,
    status: f.status,
    ...(f.outcome ? { outcome: f.outcome } : {}),
  };
}

/** True while the flow may still change on its own. */
export const isActive = (s: FlowStatus): boolean => s === 'authorizing' || s === 'callback-received' || s === 'redeeming';

export function stepOf<K extends FlowStep['kind']>(f: Flow, kind: K): Extract<FlowStep, { kind: K }> | undefined {
  return f.steps.find((s): s is Extract<FlowStep, { kind: K }> => s.kind === kind);
}
