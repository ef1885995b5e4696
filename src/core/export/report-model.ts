/**
 * What a bug-ticket report says about one flow (issue 13), before it is written as Markdown or HTML:
 * the verdict (rules engine, evaluate() on the flow as recorded, so checks that need the secrets
 * still run), the timeline with timings, each step's parameters, decoded tokens and the findings, all
 * from the flow as redacted by the export's Redactor; the receipt comes last. Text only: the writers
 * escape everything (report-md.ts, report-html.ts).
 */
import { base64url } from 'jose';
import { outcomeOf } from '../finding';
import type { Flow, FlowStep } from '../flow';
import { flowTitle } from '../flow-title';
import { evaluate } from '../rules/engine';
import { ruleById } from '../rules/catalog';
import { primeRedactor, redactFlow } from './redact-flow';
import { PERSONAL_CLAIMS, Redactor, type RedactorOptions } from './redactor';
import { receiptOf, type Receipt } from './receipt';
import { answerOf } from './har';

export interface ReportOptions extends RedactorOptions {
  now?: Date;
}

export interface ReportFinding {
  outcome: string;
  id: string;
  message: string;
  clause: string;
  link?: string;
  step?: number;
  evidence?: string;
}

export interface ReportStep {
  n: number;
  /** Milliseconds after the flow's first step. */
  offsetMs: number;
  /** How long the answer took, when one came. */
  durationMs?: number;
  what: string;
  method?: string;
  url?: string;
  status?: number;
  params: [string, string][];
}

export interface ReportToken {
  step: number;
  name: string;
  /** The value as it stands in the export (a placeholder, or the token itself when not redacted). */
  shown: string;
  header?: unknown;
  claims?: unknown;
}

export interface ReportModel {
  title: string;
  exportedAt: string;
  redacted: boolean;
  verdict: { worst: string; set: string; failed: number; warned: number; passed: number; notSeen: number; headline: ReportFinding[]; all: ReportFinding[] };
  steps: ReportStep[];
  tokens: ReportToken[];
  receipt: Receipt;
  imported?: string;
}

const TOKEN_NAMES = ['id_token', 'access_token', 'refresh_token', 'logout_token'];

function decodePart(seg: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64url.decode(seg)));
  } catch {
    return undefined;
  }
}

function tokenOf(step: number, name: string, shown: string): ReportToken {
  const m = /^(ey[A-Za-z0-9_-]*)\.([A-Za-z0-9_-]*)\.(.*)$/s.exec(shown);
  const header = m ? decodePart(m[1]!) : undefined;
  const claims = m ? decodePart(m[2]!) : undefined;
  return { step, name, shown, ...(header !== undefined ? { header } : {}), ...(claims !== undefined ? { claims } : {}) };
}

function tokensIn(s: FlowStep, i: number): ReportToken[] {
  let fields: Record<string, unknown> = {};
  if (s.kind === 'callback') fields = s.params;
  else if (s.kind === 'token-response') {
    try {
      const v: unknown = JSON.parse(s.bodyText);
      if (v && typeof v === 'object') fields = v as Record<string, unknown>;
    } catch {
      fields = {};
    }
  }
  return TOKEN_NAMES.flatMap((n) => (typeof fields[n] === 'string' ? [tokenOf(i, n, fields[n])] : []));
}

function stepRow(f: Flow, s: FlowStep, i: number, t0: number): ReportStep {
  const base = { n: i + 1, offsetMs: s.at - t0 };
  switch (s.kind) {
    case 'authorization-request':
      return { ...base, what: 'Authorization request', method: 'GET', url: s.url, params: Object.entries(s.params) };
    case 'callback':
      return { ...base, what: `Callback (${s.source})${s.orphan ? ', no request led to it' : ''}`, url: s.url, params: Object.entries(s.params) };
    case 'exchange':
      return { ...base, what: s.label, method: s.request.method, url: s.request.url, ...(s.response ? { status: s.response.status } : {}), params: Object.entries(s.request.params) };
    case 'token-request': {
      const a = answerOf(f.steps, i);
      return { ...base, what: `Token request${s.params.grant_type ? ` (${s.params.grant_type})` : ''}`, method: s.method, url: s.url, ...(a ? { status: a.status, durationMs: a.at - s.at } : {}), params: Object.entries(s.params) };
    }
    case 'token-response':
      return { ...base, what: `Token response${s.result.ok ? '' : ` (${s.result.problem})`}`, status: s.status, params: [] };
    case 'device-poll':
      return { ...base, what: `Device polling (${s.polls.length} polls)`, params: [['user_code', s.userCode]] };
    case 'check':
      return { ...base, what: `Check: ${s.title}`, params: [] };
  }
}

/** One flow's report; `r` is the export's Redactor when several flows share one export. */
export function reportModel(flow: Flow, opts: ReportOptions = {}, r = new Redactor(opts)): ReportModel {
  const red = redactFlow(flow, r);
  const v = evaluate(flow, { now: (opts.now ?? new Date()).getTime() });
  const toReport = (x: (typeof v.findings)[number]): ReportFinding => ({
    outcome: outcomeOf(x),
    id: x.id,
    message: r.scan(x.message),
    clause: x.clause,
    // Links only from the catalog (the engine stamps a known rule's): a finding from a file under an id no
    // catalog knows could carry javascript: or a phishing page, and a report must hold no link it chose.
    ...(x.link && ruleById(x.id)?.link === x.link && /^https:\/\//.test(x.link) ? { link: x.link } : {}),
    ...(x.step !== undefined ? { step: x.step + 1 } : {}),
    ...(x.expected !== undefined || x.actual !== undefined ? { evidence: r.scan(`expected ${x.expected ?? '—'}, got ${x.actual ?? '—'}`) } : {}),
  });
  const all = v.findings.map(toReport);
  const t0 = red.steps[0]?.at ?? red.createdAt;
  const claims = opts.claims === true ? PERSONAL_CLAIMS : Array.isArray(opts.claims) ? opts.claims : [];
  return {
    title: `${flowTitle({ grant: red.grant, ...(red.responseType ? { responseType: red.responseType } : {}), ...(red.capture?.grantType ? { grantType: red.capture.grantType } : {}) })} · ${red.profile.clientId || 'unknown client'} at ${red.profile.issuer || 'unknown issuer'}`,
    exportedAt: (opts.now ?? new Date()).toISOString(),
    redacted: r.enabled,
    verdict: { worst: v.worst, set: v.set, ...v.counts, headline: all.filter((x) => x.outcome === 'fail' || x.outcome === 'warn'), all },
    steps: red.steps.map((s, i) => stepRow(red, s, i, t0)),
    tokens: red.steps.flatMap((s, i) => tokensIn(s, i + 1)),
    receipt: receiptOf([red], r.enabled, claims),
    ...(flow.imported ? { imported: flow.imported.file } : {}),
  };
}

/** Several flows (a selection, a comparison) in one report: one Redactor, one receipt over all of them. */
export function reportModels(flows: readonly Flow[], opts: ReportOptions = {}): { models: ReportModel[]; receipt: Receipt } {
  const r = new Redactor(opts);
  primeRedactor(flows, r);
  const models = flows.map((f) => reportModel(f, opts, r));
  const claims = opts.claims === true ? PERSONAL_CLAIMS : Array.isArray(opts.claims) ? opts.claims : [];
  return { models, receipt: receiptOf(flows.map((f) => redactFlow(f, r)), r.enabled, claims) };
}
