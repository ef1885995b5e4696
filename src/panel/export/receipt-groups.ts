/**
 * The export receipt in words ("2 refresh tokens", "1 access token, 1 client secret"), apart from the
 * export formats: Copy as cURL on every step reads it, and the dialog with the formats (reports, HAR,
 * bundle) is a chunk loaded when it first opens (bundle-size bench).
 */
import { placeholdersIn, SIG_REMOVED } from '../../core/export/placeholder';
import type { Receipt, ReceiptItem } from '../../core/export/receipt';

/** Labels in words, singular and plural; any other label is shown as it is. */
const WORDS: Record<string, [string, string]> = {
  access_token: ['access token', 'access tokens'],
  refresh_token: ['refresh token', 'refresh tokens'],
  id_token: ['ID token', 'ID tokens'],
  code: ['authorization code', 'authorization codes'],
  code_verifier: ['PKCE verifier', 'PKCE verifiers'],
  client_secret: ['client secret', 'client secrets'],
  client_assertion: ['client assertion', 'client assertions'],
  'basic credentials': ['Basic client credential', 'Basic client credentials'],
  dpop: ['DPoP proof', 'DPoP proofs'],
  password: ['password', 'passwords'],
  device_code: ['device code', 'device codes'],
  jwt: ['other JWT', 'other JWTs'],
  cookie: ['cookie', 'cookies'],
};

/** "refresh_token #2" -> "refresh_token"; "cookie sid #1" -> "cookie". */
const baseOf = (i: ReceiptItem) => {
  const b = i.label.replace(/ #\d+$/, '');
  return b.startsWith('cookie ') ? 'cookie' : b;
};

/**
 * Back-channel requests that spent the value under its own name (a token request's code, a refresh
 * request's refresh_token), from the receipt's "where"; a callback only received it, and a revocation
 * sends it as `token`, which spends nothing.
 */
const timesSpent = (i: ReceiptItem, label: string) => i.where.filter((w) => w.endsWith(`params.${label}`) && !/\((callback|authorization-request)\):/.test(w)).length;

/** Values that may be spent once: a code (RFC 6749 4.1.2) and, with rotation, a refresh token (RFC 9700 4.14.2). */
const SINGLE_USE = new Set(['code', 'refresh_token']);

export interface ReceiptGroup {
  /** "refresh_token" */
  label: string;
  /** "2 refresh tokens" */
  text: string;
  count: number;
  /** Single-use values sent more than once. */
  reused: number;
}

/** The receipt's values by kind, in the order a reader meets them. */
export function receiptGroups(r: Receipt): ReceiptGroup[] {
  const groups = new Map<string, ReceiptGroup>();
  for (const i of r.items) {
    const label = baseOf(i);
    const g = groups.get(label) ?? { label, text: '', count: 0, reused: 0 };
    g.count++;
    if (SINGLE_USE.has(label) && timesSpent(i, label) > 1) g.reused++;
    groups.set(label, g);
  }
  for (const g of groups.values()) {
    const w = WORDS[g.label];
    g.text = `${g.count} ${w ? w[g.count === 1 ? 0 : 1] : `${g.label} value${g.count === 1 ? '' : 's'}`}${g.reused ? ` (${g.reused} reused)` : ''}`;
  }
  return [...groups.values()];
}

/** The kinds of secret a redacted text stands for ("1 access token, 1 client secret"), read off its placeholders. */
export function kindsIn(redactedText: string): string {
  const seen = new Map<string, ReceiptItem>();
  for (const p of placeholdersIn(redactedText)) {
    const label = `${p.label.replace(SIG_REMOVED, '')} #${p.n}`;
    if (!seen.has(label)) seen.set(label, { label, placeholder: p.text, chars: p.chars, jwt: p.jwt, count: 1, where: [] });
  }
  return receiptGroups({ redacted: true, claims: [], items: [...seen.values()], total: seen.size, unlinked: { count: 0, where: [] } })
    .map((g) => g.text)
    .join(', ');
}
