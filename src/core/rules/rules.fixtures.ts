/** Flows and JWTs for the refresh, expect and sets rule tables (test only). */
import type { Flow, FlowStep } from '../flow';
import { evaluate } from './engine';
import type { RuleSetId } from './types';

export const flow = (steps: FlowStep[], over: Partial<Flow> = {}): Flow =>
  ({
    id: 'f1',
    createdAt: 1,
    updatedAt: 2,
    source: 'launched',
    grant: 'authorization',
    responseType: 'code',
    profile: { id: 'p', name: 'P', issuer: 'https://as.example', clientId: 'c', authMethod: 'none' },
    findings: [],
    metadata: { issuer: 'https://as.example' },
    status: 'complete',
    steps,
    ...over,
  }) as unknown as Flow;

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
export const jwt = (header: Record<string, unknown>, payload: Record<string, unknown> = { sub: 'a' }) => `${b64(header)}.${b64(payload)}.c2ln`;

export const authz = (params: Record<string, string>, at = 1000): FlowStep => ({ kind: 'authorization-request', at, url: `https://as.example/authorize?${new URLSearchParams(params)}`, params });
export const callback = (params: Record<string, string>, at = 2000, url = 'https://app.example/cb'): FlowStep => ({ kind: 'callback', at, url: `${url}?${new URLSearchParams(params)}`, params, source: 'query', findings: [] });
export const tokenReq = (params: Record<string, string>, headers: Record<string, string> = {}, at = 3000): FlowStep => ({ kind: 'token-request', at, url: 'https://as.example/token', method: 'POST', headers, params });
export const tokens = (t: Record<string, unknown>, at = 3100): FlowStep => ({ kind: 'token-response', at, status: 200, headers: {}, bodyText: '{}', result: { ok: true, tokens: t } } as unknown as FlowStep);
export const refusedAnswer = (error: string, at = 3100): FlowStep =>
  ({ kind: 'token-response', at, status: 400, headers: {}, bodyText: '{}', result: { ok: false, problem: 'oauth-error', message: `the token endpoint answered ${error}`, status: 400, error } }) as unknown as FlowStep;
export const exchange = (label: string, url: string, params: Record<string, string> = {}, at = 4000): FlowStep => ({ kind: 'exchange', label, at, request: { url, method: 'POST', headers: {}, params } });

/** The findings one rule gives on a flow, under a set. */
export const judged = (id: string, f: Flow, set: RuleSetId = 'fapi2') => evaluate(f, { set }).findings.filter((x) => x.id === id);
export const statuses = (id: string, f: Flow, set?: RuleSetId) => judged(id, f, set).map((x) => (x.status === 'fail' ? `fail:${x.severity}` : x.status));
