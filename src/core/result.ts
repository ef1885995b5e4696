/**
 * A value or a named problem, so core code never throws on bad input from a server or a user.
 * Throwing is kept for programming errors only (a caller passing nonsense), never for data.
 */
export type Result<T, E = Problem> = { ok: true; value: T } | { ok: false; error: E };

/**
 * `code` is stable and machine-readable ('not-json', 'issuer-mismatch', ...).
 * `message` is plain text for people: it names the problem and never contains a secret,
 * so it can be shown and logged as is.
 */
export interface Problem {
  code: string;
  message: string;
}

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });

export const fail = (code: string, message: string): { ok: false; error: Problem } => ({
  ok: false,
  error: { code, message },
});
