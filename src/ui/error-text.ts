/**
 * What an error boundary says about what went wrong. The error may come from a stranger's data (a
 * message quoting a token, a megabyte string), so it is cut before anything reads it, redacted, and
 * cut again to a line (fault-cases.md 31: nothing runs on the uncut input; no secret in a message).
 * The same rule as the worker's console lines (logText), with a shorter line.
 */
import { logText } from '../core/redact';

export const ERROR_TEXT_MAX = 200;

/** A short, redacted, single-line text for any thrown value; never throws itself. */
export const errorText = (error: unknown, max = ERROR_TEXT_MAX): string => logText(error, max);
