/**
 * The fields each step kind must have before a bundle's flow is stored (issue 13, import): the views,
 * the rules engine and the flow list read them without checking (s.result.ok, Object.entries(s.params),
 * s.request.url), so a step of a known kind with one of them missing or of another type stored fine and
 * then threw in every place that showed or judged it. Checked by type only; values stay as the file has them.
 */
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => typeof v === 'string';
const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
/** A record of strings (params, headers): every value a string. */
const strings = (v: unknown) => isObj(v) && Object.values(v).every(str);
/** A findings list: objects with an id, a status and a message. */
export const findingsOk = (v: unknown) => Array.isArray(v) && v.every((f) => isObj(f) && str(f.id) && str(f.status) && str(f.message));
const optional = (v: unknown, ok: (x: unknown) => boolean) => v === undefined || ok(v);

const BY_KIND: Record<string, (s: Record<string, unknown>) => string | undefined> = {
  'authorization-request': (s) => (str(s.url) && strings(s.params) ? undefined : 'url or params'),
  callback: (s) => (str(s.url) && strings(s.params) && str(s.source) && findingsOk(s.findings) && optional(s.idTokenFindings, findingsOk) ? undefined : 'url, params, source or findings'),
  exchange: (s) => {
    const req = s.request;
    if (!str(s.label) || !isObj(req) || !str(req.url) || !str(req.method) || !strings(req.headers) || !strings(req.params)) return 'label or request';
    const res = s.response;
    if (res !== undefined && !(isObj(res) && num(res.status) && strings(res.headers) && str(res.bodyText))) return 'response';
    return optional(s.summary, strings) ? undefined : 'summary';
  },
  'device-poll': (s) => (str(s.userCode) && str(s.verificationUri) && num(s.expiresAt) && num(s.intervalSec) && Array.isArray(s.polls) && s.polls.every((p) => isObj(p) && num(p.at) && str(p.result)) ? undefined : 'device fields'),
  'token-request': (s) => (str(s.url) && str(s.method) && strings(s.headers) && strings(s.params) ? undefined : 'url, method, headers or params'),
  'token-response': (s) => {
    if (!num(s.status) || !strings(s.headers) || !str(s.bodyText)) return 'status, headers or body';
    const r = s.result;
    if (!isObj(r) || typeof r.ok !== 'boolean') return 'result';
    if (r.ok && !(isObj(r.tokens) && Array.isArray(r.warnings))) return 'result';
    if (!r.ok && !str(r.problem)) return 'result';
    return optional(s.findings, findingsOk) ? undefined : 'findings';
  },
  check: (s) => (str(s.title) && findingsOk(s.findings) ? undefined : 'title or findings'),
};

/** Which fields of a step (kind and at already checked) are missing or of the wrong type, or undefined. */
export function stepProblem(s: Record<string, unknown>): string | undefined {
  return BY_KIND[s.kind as string]?.(s);
}
