/**
 * JSON from outside (a server's answer, a recorded body, a pasted text) read with bounds, so a hostile
 * sender cannot make the reader do unbounded work or hand back a value that breaks whoever walks it
 * next (issue 9, fault-cases.md 31-32). V8's JSON.parse is itself iterative and copes with 20,000
 * levels, but JSON.stringify, structured storage and recursive renderers overflow the stack on such a
 * value; so text over a size cap is refused before parsing, and a value nested too deep after.
 */
import type { Problem, Result } from './result';

/** Server answers (token, introspection, discovery, JWKS): a few KB in practice; the capture body cap. */
export const ANSWER_TEXT_MAX = 256 * 1024;
/** Pasted text (the Decode view, a key to verify with): a person pastes a token or a key set. */
export const PASTE_TEXT_MAX = 1024 * 1024;
/**
 * Real OAuth JSON nests a few levels (RFC 9396 authorization_details, Keycloak's realm_access.roles);
 * 64 is far above that and well below where Chrome's storage conversion and recursive code give up.
 */
export const JSON_DEPTH_MAX = 64;

export type JsonProblemCode = 'too-large' | 'not-json' | 'too-deep';

export interface JsonProblem extends Problem {
  code: JsonProblemCode;
  /** The parser's own error, for callers that word it themselves (it may quote the text: redact it). */
  parseError?: unknown;
}

/** "1.2 MB", "300 KB": sizes in messages, never the text itself. */
export function sizeText(chars: number): string {
  return chars >= 1024 * 1024 ? `${(chars / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(chars / 1024)} KB`;
}

/** True when an array or object inside `v` sits deeper than `max` levels (`v` itself is level 1). */
export function jsonTooDeep(v: unknown, max = JSON_DEPTH_MAX): boolean {
  // An explicit stack: the point is not to recurse on a value that may be 20,000 levels deep.
  const stack: [unknown, number][] = [[v, 1]];
  while (stack.length > 0) {
    const [x, depth] = stack.pop()!;
    if (typeof x !== 'object' || x === null) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(x) ? x : Object.values(x)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * `text` as JSON, or a named problem: 'too-large' (checked before parsing, by UTF-16 length),
 * 'not-json', 'too-deep'. `what` names the text in messages ("the token response"). Never throws.
 */
export function parseJsonBounded(text: string, what: string, opts: { maxChars?: number; maxDepth?: number } = {}): Result<unknown, JsonProblem> {
  const maxChars = opts.maxChars ?? ANSWER_TEXT_MAX;
  if (typeof text !== 'string') return { ok: false, error: { code: 'not-json', message: `${what} is not text` } };
  if (text.length > maxChars) {
    return { ok: false, error: { code: 'too-large', message: `${what} is ${sizeText(text.length)}, more than the ${sizeText(maxChars)} read` } };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (parseError) {
    return { ok: false, error: { code: 'not-json', message: `${what} is not JSON`, parseError } };
  }
  if (jsonTooDeep(value, opts.maxDepth ?? JSON_DEPTH_MAX)) {
    return { ok: false, error: { code: 'too-deep', message: `${what} nests deeper than ${opts.maxDepth ?? JSON_DEPTH_MAX} levels` } };
  }
  return { ok: true, value };
}
