/**
 * compareFlows (issue 12, item 1): any two flows, launched or recorded, side by side as groups of
 * rows built for the questions people ask. Pure and sync; the rules engine judges each flow.
 */
import { redactValue } from '../redact';
import { flowTitle, type Flow } from '../flow';
import type { RuleSetId } from '../rules/types';
import { claimRows } from './claims';
import { factsOf, type FlowFacts } from './facts';
import { findingRows, timeRows } from './findings-time';
import { protectionRows } from './protections';
import { returnedRows } from './returned';
import { travelRows } from './travel';
import { type Comparison, countDifferences, type FlowRef, type Group, NONE, type Row, row } from './types';

export interface CompareOptions {
  /** The rule set both flows are judged under; each flow's own profile's set when absent. */
  set?: RuleSetId;
  /** Milliseconds, for rules that depend on time. */
  now?: number;
}

const refOf = (f: Flow): FlowRef => ({ id: f.id, title: flowTitle({ grant: f.grant, ...(f.responseType ? { responseType: f.responseType } : {}), ...(f.capture?.grantType ? { grantType: f.capture.grantType } : {}) }), source: f.source, createdAt: f.createdAt });

const text = (v: string | undefined): string => (v === undefined || v === '' ? NONE : redactValue(v));

function flowRows(a: Flow, b: Flow): Row[] {
  const r = (f: Flow) => refOf(f);
  return [
    row('flow.title', 'Flow', r(a).title, r(b).title),
    row('flow.source', 'Source', a.source, b.source),
    row('flow.status', 'Status', a.status, b.status),
    row('flow.outcome', 'Outcome', a.outcome?.title ?? NONE, b.outcome?.title ?? NONE),
    row('flow.id', 'Flow id', a.id, b.id, { varies: 'instance' }),
    row('flow.created', 'Started', new Date(a.createdAt).toISOString(), new Date(b.createdAt).toISOString(), { varies: 'time' }),
  ];
}

const PARAMS = ['client_id', 'redirect_uri', 'response_type', 'response_mode', 'prompt', 'max_age', 'login_hint', 'acr_values', 'resource'] as const;

function requestRows(a: FlowFacts, b: FlowFacts): Row[] {
  const issuer = (f: FlowFacts) => f.flow.capture?.issuerConfirmed?.issuer ?? (f.flow.profile.issuer || undefined);
  const endpoint = (f: FlowFacts) => (f.request ? f.request.url.split(/[?#]/)[0] : undefined);
  const rows = [
    row('request.issuer', 'Issuer', text(issuer(a)), text(issuer(b))),
    row('request.authorization_endpoint', 'Authorization endpoint', text(endpoint(a)), text(endpoint(b))),
    row('request.token_endpoint', 'Token endpoint', text(a.tokenRequest?.url), text(b.tokenRequest?.url)),
  ];
  for (const p of PARAMS) {
    const x = a.request?.params[p] ?? (p === 'client_id' ? a.tokenRequest?.params.client_id : undefined);
    const y = b.request?.params[p] ?? (p === 'client_id' ? b.tokenRequest?.params.client_id : undefined);
    if (x === undefined && y === undefined && p !== 'response_mode') continue;
    const dflt = (f: FlowFacts) => (f.request ? `default (${(f.request.params.response_type ?? 'code') === 'code' ? 'query' : 'fragment'})` : NONE);
    rows.push(row(`request.${p}`, p, p === 'response_mode' && x === undefined ? dflt(a) : text(x), p === 'response_mode' && y === undefined ? dflt(b) : text(y)));
  }
  return rows;
}

export function compareFlows(a: Flow, b: Flow, opts: CompareOptions = {}): Comparison {
  const fa = factsOf(a);
  const fb = factsOf(b);
  const now = opts.now ?? Date.now();
  const groups: Group[] = [
    { key: 'flow', title: 'The flows', rows: flowRows(a, b) },
    { key: 'request', title: 'What was asked', rows: requestRows(fa, fb) },
    { key: 'travel', title: 'Where each token travelled', rows: travelRows(fa, fb) },
    { key: 'returned', title: 'What came back', rows: returnedRows(fa, fb) },
    { key: 'protections', title: 'Protections used', rows: protectionRows(fa, fb) },
    { key: 'idtoken', title: 'ID token claims', rows: [...claimRows('idtoken.header', fa.idJwt?.header, fb.idJwt?.header), ...claimRows('idtoken.claim', fa.idJwt?.payload, fb.idJwt?.payload)] },
  ];
  if (fa.accessJwt || fb.accessJwt) groups.push({ key: 'access-token', title: 'Access token claims (JWT)', rows: claimRows('access.claim', fa.accessJwt?.payload, fb.accessJwt?.payload) });
  groups.push({ key: 'findings', title: 'Findings', rows: findingRows(a, b, { ...(opts.set ? { set: opts.set } : {}), now }) });
  groups.push({ key: 'time', title: 'Time', rows: timeRows(a, b) });
  return { a: refOf(a), b: refOf(b), groups, differences: countDifferences(groups) };
}

/** A row by key, for tests and deep links ('travel.access_token.channel'). */
export const rowOf = (c: Comparison, key: string): Row | undefined => c.groups.flatMap((g) => g.rows).find((r) => r.key === key);
