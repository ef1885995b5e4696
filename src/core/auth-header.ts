/**
 * Reading a pasted Authorization header (RFC 9110 11.6.2): Bearer (RFC 6750 2.1), DPoP (RFC 9449 7.1)
 * or Basic client credentials (RFC 7617 2, RFC 6749 2.3.1). The Basic secret is masked at once: it
 * never leaves this function in the clear.
 */
import { base64url } from 'jose';
import { maskSecret } from './redact';

export type AuthorizationHeader =
  | { scheme: 'Bearer' | 'DPoP'; token: string }
  | { scheme: 'Basic'; clientId?: string; secretMasked?: string; problem?: string };

// The header name is optional; scheme names are case-insensitive (RFC 9110 11.1).
const HEADER = /^(?:authorization[ \t]*:[ \t]*)?(bearer|dpop|basic)[ \t]+(\S+)$/i;
// RFC 7617 2: token68 of base64 (RFC 4648 4), padding optional in practice.
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** RFC 6749 2.3.1: client_id and secret are form-urlencoded (RFC 6749 B) before base64. */
function formDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s; // a bare '%' is not encoding: keep what was sent
  }
}

function basic(credentials: string): AuthorizationHeader {
  const bad = (problem: string): AuthorizationHeader => ({ scheme: 'Basic', problem });
  if (!BASE64.test(credentials)) return bad('the Basic credentials are not base64 (RFC 7617 2)');
  let text: string;
  try {
    // jose does base64url; standard base64 differs only in two letters and the padding.
    const url = credentials.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    text = new TextDecoder('utf-8', { fatal: true }).decode(base64url.decode(url));
  } catch {
    return bad('the Basic credentials do not decode to UTF-8 text (RFC 7617 2.1)');
  }
  const colon = text.indexOf(':'); // the user-id cannot contain one; the password can (RFC 7617 2)
  if (colon === -1) return bad('the Basic credentials have no ":" between client id and secret (RFC 7617 2)');
  return { scheme: 'Basic', clientId: formDecode(text.slice(0, colon)), secretMasked: maskSecret(formDecode(text.slice(colon + 1))) };
}

/** The header's scheme and credentials, or undefined when the text is no such header. */
export function parseAuthorizationHeader(text: string): AuthorizationHeader | undefined {
  const m = HEADER.exec(text.trim());
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase();
  const credentials = m[2]!;
  if (scheme === 'basic') return basic(credentials);
  return { scheme: scheme === 'dpop' ? 'DPoP' : 'Bearer', token: credentials };
}
