/**
 * A step as it went over the wire, as plain text for the "Raw" toggle: the request line, headers and
 * body, the callback URL, the response. Secrets are redacted (src/core/redact.ts) unless the person
 * reveals them; the result is only ever shown as text, never as markup.
 */
import type { FlowStep } from '../core/flow';
import { redactText } from '../core/redact';

/** Headers that carry credentials whole (RFC 6749 2.3.1 Basic; cookies). */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'dpop']);

function headerLines(headers: Record<string, string>, reveal: boolean): string[] {
  return Object.entries(headers).map(([k, v]) => `${k}: ${!reveal && SECRET_HEADERS.has(k.toLowerCase()) ? '[redacted]' : v}`);
}

const form = (params: Record<string, string>): string => new URLSearchParams(params).toString();

/** An HTTP message: start line, headers, and the body after a blank line when there is one. */
function message(start: string, headers: Record<string, string>, body: string, reveal: boolean): string {
  return [start, ...headerLines(headers, reveal), ...(body ? ['', body] : [])].join('\n');
}

/** The authorization request went by GET when its parameters are in the URL; else (RFC 6749 3.1) by POST form. */
function authorizationRequest(url: string, params: Record<string, string>): string {
  let inUrl: boolean;
  try {
    const q = new URL(url).searchParams;
    inUrl = Object.keys(params).length === 0 || Object.keys(params).some((k) => q.has(k));
  } catch {
    inUrl = true;
  }
  return inUrl ? `GET ${url}` : `POST ${url}\n\n${form(params)}`;
}

function build(step: FlowStep, reveal: boolean): string | undefined {
  switch (step.kind) {
    case 'authorization-request':
      return authorizationRequest(step.url, step.params);
    case 'callback':
      return step.source === 'form_post' ? `POST ${step.url}\n\n${form(step.params)}` : `GET ${step.url}`;
    case 'token-request':
      return message(`${step.method} ${step.url}`, step.headers, form(step.params), reveal);
    case 'token-response':
      return step.status ? message(`HTTP ${step.status}`, step.headers, step.bodyText, reveal) : undefined;
    case 'exchange': {
      const { request: rq, response: rs } = step;
      const req = message(`${rq.method} ${rq.url}`, rq.headers, rq.method === 'GET' ? '' : form(rq.params), reveal);
      return rs ? `${req}\n\n${message(`HTTP ${rs.status}`, rs.headers, rs.bodyText, reveal)}` : req;
    }
    default:
      return undefined;
  }
}

/** True when the step has a raw form (a check or the device polling has none). */
export const hasRaw = (step: FlowStep): boolean => build(step, false) !== undefined;

/** The step's raw text, redacted unless `reveal`; undefined for steps that are not one exchange. */
export function rawText(step: FlowStep, reveal: boolean): string | undefined {
  const text = build(step, reveal);
  return text === undefined || reveal ? text : redactText(text);
}
