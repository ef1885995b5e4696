/**
 * A step as it went over the wire, as plain text for the "Raw" toggle: the request line, headers and
 * body, the callback URL, the response. Secrets are redacted by the one masking rule
 * (src/core/redact.ts) unless the person reveals them; the result is only ever shown as text, never as
 * markup.
 */
import type { FlowStep } from '../core/flow';
import { redactHeaders, redactQuery, redactText, redactUrl } from '../core/redact';

/**
 * How much of a raw view is looked at and shown while redacted: a whole recorded exchange (a 16 KB
 * URL, headers, a 64 KB request body and a 256 KB answer) fits; more is left off with a notice.
 */
const RAW_CAP = 512 * 1024;

/** What each part goes through before it is shown: the one masking rule unless revealed. */
interface Shown {
  url(u: string): string;
  headers(h: Record<string, string>): Record<string, string>;
  query(q: string): string;
  body(b: string): string;
}

const AS_SENT: Shown = { url: (u) => u, headers: (h) => h, query: (q) => q, body: (b) => b };
const MASKED: Shown = { url: (u) => redactUrl(u), headers: redactHeaders, query: (q) => redactQuery(q, RAW_CAP), body: (b) => redactText(b, RAW_CAP) };

function headerLines(headers: Record<string, string>): string[] {
  return Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
}

const form = (params: Record<string, string>): string => new URLSearchParams(params).toString();

/** An HTTP message: start line, headers, and the body after a blank line when there is one. */
function message(start: string, headers: Record<string, string>, body: string): string {
  return [start, ...headerLines(headers), ...(body ? ['', body] : [])].join('\n');
}

/** The authorization request went by GET when its parameters are in the URL; else (RFC 6749 3.1) by POST form. */
function authorizationRequest(url: string, params: Record<string, string>, show: Shown): string {
  let inUrl: boolean;
  try {
    const q = new URL(url).searchParams;
    inUrl = Object.keys(params).length === 0 || Object.keys(params).some((k) => q.has(k));
  } catch {
    inUrl = true;
  }
  return inUrl ? `GET ${show.url(url)}` : `POST ${show.url(url)}\n\n${show.query(form(params))}`;
}

function build(step: FlowStep, show: Shown): string | undefined {
  switch (step.kind) {
    case 'authorization-request':
      return authorizationRequest(step.url, step.params, show);
    case 'callback':
      return step.source === 'form_post' ? `POST ${show.url(step.url)}\n\n${show.query(form(step.params))}` : `GET ${show.url(step.url)}`;
    case 'token-request':
      return message(`${step.method} ${show.url(step.url)}`, show.headers(step.headers), show.query(form(step.params)));
    case 'token-response':
      return step.status ? message(`HTTP ${step.status}`, show.headers(step.headers), show.body(step.bodyText)) : undefined;
    case 'exchange': {
      const { request: rq, response: rs } = step;
      const req = message(`${rq.method} ${show.url(rq.url)}`, show.headers(rq.headers), rq.method === 'GET' ? '' : show.query(form(rq.params)));
      return rs ? `${req}\n\n${message(`HTTP ${rs.status}`, show.headers(rs.headers), show.body(rs.bodyText))}` : req;
    }
    default:
      return undefined;
  }
}

/** True when the step has a raw form (a check or the device polling has none). */
export const hasRaw = (step: FlowStep): boolean => build(step, AS_SENT) !== undefined;

/**
 * The step's raw text; undefined for steps that are not one exchange. Unless `reveal`, every part
 * goes through the one masking rule (URL, headers, form, body), and the whole through redactText
 * once more, which also hides JWTs and long random runs under names the rule does not know.
 */
export function rawText(step: FlowStep, reveal: boolean): string | undefined {
  if (reveal) return build(step, AS_SENT);
  const text = build(step, MASKED);
  return text === undefined ? undefined : redactText(text, RAW_CAP);
}
