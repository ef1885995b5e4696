/**
 * What a flow's outcome banner says when an endpoint refuses: the provider's own `error` and
 * `error_description` (RFC 6749 5.2; RFC 8628 3.5 and RFC 9126 2.3 answer the same way), so the reason
 * is on the banner, not only under Raw. Redacted and cut like every server text shown (issue 9).
 */
import { redactText } from './redact';

const ERROR_SHOWN = 80;
const DESCRIPTION_SHOWN = 1024;

export interface Refusal {
  message: string;
  error?: string;
  errorDescription?: string;
  status?: number;
}

/** "invalid_request" or "error" when the server named none. */
export function refusalError(r: Refusal): string | undefined {
  return r.error === undefined ? undefined : redactText(r.error).slice(0, ERROR_SHOWN);
}

/**
 * The banner's detail line: "error: <error> · <error_description> (HTTP 400)", or the plain message
 * when the answer was not an OAuth error at all.
 */
export function refusalDetail(r: Refusal): string {
  const error = refusalError(r);
  if (error === undefined) return r.message;
  const description = r.errorDescription ? redactText(r.errorDescription, DESCRIPTION_SHOWN * 4).slice(0, DESCRIPTION_SHOWN) : undefined;
  const status = r.status ? ` (HTTP ${r.status})` : '';
  return `error: ${error}${description ? ` · error_description: ${description}` : ''}${status}`;
}
