/**
 * Placeholders that keep meaning (issue 13): a redacted secret becomes `‹refresh_token #2, 43 chars,
 * sha256:1f3a2b4c›`, the same text for the same value everywhere in one export, so a reader still
 * sees that a refresh token was reused or that the code redeemed is the one the callback carried.
 * A JWT keeps its header and claims and loses its signature: `eyJhbGc….eyJzdWI….‹signature removed:
 * id_token #1, 812 chars, sha256:…›` (no longer a credential: nothing verifies without it).
 * Passwords, short values and digit runs get no hash: four bytes of SHA-256 are enough to confirm a guess from a word list.
 * The text holds no `&`, `=`, `?` or quote, so it survives forms and JSON as is; it does hold "#", so
 * a URL's fragment is found with hashIndex, which skips placeholders.
 */
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';

export const OPEN = '‹';
export const CLOSE = '›';
export const SIG_REMOVED = 'signature removed: ';

/** First 4 bytes of SHA-256 of the value, as hex (enough to tell values apart, too few to recover one). */
export const shortHash = (value: string): string => bytesToHex(sha256(utf8ToBytes(value)).slice(0, 4));

/** Code points, as a person counts characters (maskSecret counts the same way). */
export function charCount(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    n++;
  }
  return n;
}

const isPasswordName = (label: string) => /pass|pwd/i.test(label);
/**
 * Too few possibilities to hash: a guess is confirmed as easily as a password's. Short values (a
 * client secret "secret", a PIN) and digit runs (OTPs) get no hash; tokens (>= 20 chars of a wide
 * alphabet) keep theirs for the reader who matches reuse across exports.
 */
const isGuessable = (value: string) => value.length < 20 || /^[\d\s-]+$/.test(value);

export function placeholderText(label: string, n: number, value: string): string {
  const hash = isPasswordName(label) || isGuessable(value) ? '' : `, sha256:${shortHash(value)}`;
  return `${OPEN}${label} #${n}, ${charCount(value)} chars${hash}${CLOSE}`;
}

/** One placeholder inside a text, parsed back (the receipt is read off the output, so it round-trips). */
export interface ParsedPlaceholder {
  text: string;
  label: string;
  n: number;
  chars: number;
  sha256?: string;
  /** A JWT whose signature this placeholder stands for (header and claims kept in the clear). */
  jwt: boolean;
}

/** Linear: each run stops at the next ‹ or ›, and a placeholder is short. */
const PLACEHOLDER = /‹(signature removed: )?([^‹›#\n]{1,80}) #(\d{1,6}), (\d{1,9}) chars(?:, sha256:([0-9a-f]{8}))?›/g;

export function placeholdersIn(text: string): ParsedPlaceholder[] {
  const out: ParsedPlaceholder[] = [];
  if (!text.includes(OPEN)) return out;
  for (const m of text.matchAll(PLACEHOLDER)) {
    out.push({ text: m[0], label: m[2]!, n: Number(m[3]), chars: Number(m[4]), ...(m[5] ? { sha256: m[5] } : {}), jwt: !!m[1] });
  }
  return out;
}

/** True when the whole value is already a placeholder, or a JWT whose signature already is one. */
export function isRedacted(value: string): boolean {
  if (!value.includes(OPEN)) return false;
  const ps = placeholdersIn(value);
  if (ps.length !== 1) return false;
  if (value === ps[0]!.text) return true;
  return ps[0]!.jwt && value.endsWith(ps[0]!.text) && /^ey[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.$/.test(value.slice(0, value.length - ps[0]!.text.length));
}

/**
 * Splits a text into runs outside placeholders (to scan) and placeholders and signature-stripped
 * JWTs (to keep as they are), so a second export leaves the first one's work alone.
 */
// Starts only at a run's start (as redact.ts's JWT pattern), so a long run is read once, not from each "ey".
const PROTECTED = /(?:(?<![A-Za-z0-9_-])ey[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.)?‹[^‹›\n]{1,200}›/g;
export function splitProtected(text: string): { text: string; keep: boolean }[] {
  if (!text.includes(OPEN)) return [{ text, keep: false }];
  const out: { text: string; keep: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(PROTECTED)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), keep: false });
    out.push({ text: m[0], keep: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), keep: false });
  return out;
}

/** Index of the URL's fragment "#", skipping any "#" inside a placeholder; -1 when there is none. */
export function hashIndex(url: string): number {
  let depth = 0;
  for (let i = 0; i < url.length; i++) {
    const c = url[i];
    if (c === OPEN) depth++;
    else if (c === CLOSE && depth > 0) depth--;
    else if (c === '#' && depth === 0) return i;
  }
  return -1;
}
