/**
 * Reading a token endpoint's answer: RFC 6749 5.1 (success) and 5.2 (error).
 * Every hostile or broken answer becomes a named result (guide fault-cases.md 1-8), never a throw,
 * and no message carries a token: previews and parse errors go through redactText (json-answer.ts).
 */
import { failed, type Finding } from './finding';
import { badField, header, readJsonObject, type AnswerProblem, type AnswerProblemCode, type HttpAnswer } from './json-answer';
import { checkTokenFields, type TokenSet } from './token-fields';

export type { TokenSet } from './token-fields';
export type { HttpAnswer } from './json-answer';

export type TokenResponseResult =
  | { ok: true; tokens: TokenSet; warnings: Finding[] }
  /** A named problem with its evidence: json-answer.ts's AnswerProblem, its code called `problem`. */
  | ({ ok: false; problem: AnswerProblemCode } & Omit<AnswerProblem, 'code'>);

const NAMES = { endpoint: 'the token endpoint', response: 'the token response' };

/** A header quoted as evidence: enough to see what was sent, never a whole hostile header. */
const quoted = (v: string | undefined): string => (v === undefined ? '(none)' : v.length > 200 ? `${v.slice(0, 199)}…` : v);

/** The shared AnswerProblem, in this result's older shape (`problem` rather than `code`). */
function failure(p: AnswerProblem): TokenResponseResult {
  const { code, ...rest } = p;
  return { ok: false, problem: code, ...rest };
}

export function parseTokenResponse(answer: HttpAnswer): TokenResponseResult {
  const read = readJsonObject(answer, NAMES);
  if (!read.ok) return failure(read.error);

  const fields = checkTokenFields(read.value);
  if (!fields.ok) return failure(badField(answer, fields.field, fields.message).error);
  const warnings = [...fields.warnings];
  const { status } = answer;
  // RFC 6749 5.1: "MUST include the HTTP Cache-Control response header field with a value of no-store".
  const cache = header(answer.headers, 'cache-control');
  if (!cache || !/(?:^|,)\s*no-store\s*(?:,|$)/i.test(cache.slice(0, 1024))) {
    warnings.push(failed('token.cache-control', 'warning', 'RFC 6749 5.1', 'the token response lacks Cache-Control: no-store', { expected: 'no-store', actual: quoted(cache) }));
  }
  if (status !== 200) {
    warnings.push(failed('token.status', 'warning', 'RFC 6749 5.1', `a token response should be 200 OK, got ${status}`, { expected: '200', actual: String(status) }));
  }
  const type = header(answer.headers, 'content-type');
  if (!type || !/^application\/(?:[a-z0-9.+-]*\+)?json\b/i.test(type.slice(0, 200).trim())) {
    warnings.push(failed('token.content-type', 'warning', 'RFC 6749 5.1', 'the token response is not labelled application/json', { expected: 'application/json', actual: quoted(type) }));
  }
  return { ok: true, tokens: fields.tokens, warnings };
}
