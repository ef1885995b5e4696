/**
 * What an error boundary says about what went wrong. The error may come from a stranger's data (a
 * message quoting a token, a megabyte string), so it is cut before anything reads it, redacted, and
 * cut again to a line (fault-cases.md 31: nothing runs on the uncut input; no secret in a message).
 */
import { redactText } from '../core/redact';

export const ERROR_TEXT_MAX = 200;

/** A short, redacted, single-line text for any thrown value; never throws itself. */
export function errorText(error: unknown, max = ERROR_TEXT_MAX): string {
  let raw: string;
  try {
    // A thrown value can be anything, even an object whose message getter or toString throws.
    const m: unknown = error instanceof Error ? error.message : error;
    raw = typeof m === 'string' ? m : String(m);
  } catch {
    raw = '';
  }
  const head = raw.slice(0, max * 4).replace(/\s+/g, ' ').trim();
  const text = head === '' ? 'an unknown error' : redactText(head);
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
