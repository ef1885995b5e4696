/**
 * Member checks on a successful token response (RFC 6749 5.1), kept apart from the HTTP handling in
 * token-response.ts. Messages name fields, never their values: every value here may be a credential.
 */
import { failed, type Finding } from './finding';

export interface TokenSet {
  access_token: string;
  token_type: string;
  expires_in?: number;
  refresh_token?: string;
  id_token?: string;
  scope?: string;
  [other: string]: unknown;
}

export type FieldResult = { ok: true; tokens: TokenSet; warnings: Finding[] } | { ok: false; field: string; message: string };

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

/** RFC 6749 5.1: required, a string. An empty token is no token. */
function requiredString(doc: Record<string, unknown>, name: string): string | { field: string; message: string } {
  const v = doc[name];
  if (v === undefined) return { field: name, message: `${name} is missing` };
  if (typeof v !== 'string') return { field: name, message: `${name} must be a string, got ${kind(v)}` };
  if (v === '') return { field: name, message: `${name} is empty` };
  return v;
}

/** Optional members: absent is fine, but present means the right type - `null` is not "absent". */
const OPTIONAL_STRINGS = ['refresh_token', 'id_token', 'scope'] as const;

/** RFC 6750 (Bearer) and RFC 9449 (DPoP) are the token types this tool knows how to use. */
const KNOWN_TYPES = ['bearer', 'dpop'];

export function checkTokenFields(doc: Record<string, unknown>): FieldResult {
  const warnings: Finding[] = [];
  const access = requiredString(doc, 'access_token');
  if (typeof access !== 'string') return { ok: false, ...access };
  const type = requiredString(doc, 'token_type');
  if (typeof type !== 'string') return { ok: false, ...type };
  for (const name of OPTIONAL_STRINGS) {
    const v = doc[name];
    if (v !== undefined && typeof v !== 'string') {
      return { ok: false, field: name, message: `${name} must be a string when present, got ${kind(v)}` };
    }
  }

  // RFC 6749 5.1: expires_in is a number of seconds. "3600" is a common slip and still unambiguous.
  let expiresIn: number | undefined;
  const e = doc.expires_in;
  if (typeof e === 'number' && Number.isFinite(e) && e >= 0) {
    expiresIn = e;
  } else if (typeof e === 'string' && /^[0-9]{1,10}$/.test(e)) {
    expiresIn = Number(e);
    warnings.push(failed('token.expires-in', 'warning', 'RFC 6749 5.1', 'expires_in is a string, not a JSON number', { expected: 'number', actual: 'string' }));
  } else if (e !== undefined) {
    return { ok: false, field: 'expires_in', message: `expires_in must be a non-negative number of seconds, got ${typeof e === 'number' ? 'a negative or non-finite number' : kind(e)}` };
  }

  // RFC 6749 5.1: token_type "is case insensitive", so "bearer" is as good as "Bearer".
  if (!KNOWN_TYPES.includes(type.toLowerCase())) {
    warnings.push(failed('token.token-type', 'warning', 'RFC 6749 7.1', `token_type "${type.slice(0, 40)}" is neither Bearer nor DPoP`, { expected: 'Bearer or DPoP', actual: type.slice(0, 40) }));
  }

  const tokens: TokenSet = { ...doc, access_token: access, token_type: type };
  if (expiresIn === undefined) delete tokens.expires_in;
  else tokens.expires_in = expiresIn;
  return { ok: true, tokens, warnings };
}
