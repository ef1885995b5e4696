/**
 * The redaction receipt (issue 13): what was redacted, where, how many. It is read off the redacted
 * output itself (every placeholder names its label, length and hash), not kept on the side, so a
 * bundle exported, imported and exported again carries the same receipt.
 */
import { base64url } from 'jose';
import type { Flow } from '../flow';
import { REDACTED } from '../redact';
import { placeholdersIn, SIG_REMOVED } from './placeholder';

export interface ReceiptItem {
  /** "refresh_token #2" */
  label: string;
  /** The placeholder as it stands in the export. */
  placeholder: string;
  chars: number;
  sha256?: string;
  /** A JWT kept with its header and claims; only its signature was removed. */
  jwt: boolean;
  /** Times it stands in the export. */
  count: number;
  /** "flow 1, step 4 (token-response): bodyText", first seen first, at most WHERE_MAX. */
  where: string[];
}

export interface Receipt {
  redacted: boolean;
  /** Personal claims the person chose to redact too. */
  claims: string[];
  items: ReceiptItem[];
  /** Placeholders in all (the sum of counts). */
  total: number;
  /** Free-text spans masked as [redacted] by the safety net (not tied to a value), and where. */
  unlinked: { count: number; where: string[] };
}

const WHERE_MAX = 20;

export function emptyReceipt(redacted: boolean, claims: readonly string[] = []): Receipt {
  return { redacted, claims: [...claims], items: [], total: 0, unlinked: { count: 0, where: [] } };
}

/** Where a string sits in the flows, in words: "flow 1, step 4 (token-response): bodyText". */
function whereOf(flows: readonly Flow[], path: readonly (string | number)[]): string {
  const [fi, ...rest] = path;
  let out = `flow ${Number(fi) + 1}`;
  if (rest[0] === 'steps' && typeof rest[1] === 'number') {
    const step = flows[Number(fi)]?.steps[rest[1]];
    out += `, step ${rest[1] + 1}${step ? ` (${step.kind === 'exchange' ? step.label : step.kind})` : ''}`;
    rest.splice(0, 2);
  }
  return rest.length ? `${out}: ${rest.join('.')}` : out;
}

/** Decoded claims of a JWT whose signature a placeholder replaced: asked-for claims are inside. */
function jwtClaimsText(s: string): string {
  const m = /(?:^|[^A-Za-z0-9_-])(ey[A-Za-z0-9_-]*)\.([A-Za-z0-9_-]*)\.‹signature removed: /.exec(s);
  if (!m) return '';
  try {
    return new TextDecoder().decode(base64url.decode(m[2]!));
  } catch {
    return '';
  }
}

export function receiptOf(flows: readonly Flow[], redacted: boolean, claims: readonly string[] = []): Receipt {
  const r = emptyReceipt(redacted, claims);
  if (!redacted) return r;
  const byText = new Map<string, ReceiptItem>();
  const note = (s: string, path: (string | number)[]) => {
    const found = [...placeholdersIn(s), ...placeholdersIn(jwtClaimsText(s))];
    for (const p of found) {
      let item = byText.get(p.text);
      if (!item) {
        item = { label: `${p.label.replace(SIG_REMOVED, '')} #${p.n}`, placeholder: p.text, chars: p.chars, ...(p.sha256 ? { sha256: p.sha256 } : {}), jwt: p.jwt, count: 0, where: [] };
        byText.set(p.text, item);
        r.items.push(item);
      }
      item.count++;
      r.total++;
      const w = whereOf(flows, path);
      if (item.where.length < WHERE_MAX && !item.where.includes(w)) item.where.push(w);
    }
    const masked = s.split(REDACTED).length - 1;
    if (masked > 0) {
      r.unlinked.count += masked;
      const w = whereOf(flows, path);
      if (r.unlinked.where.length < WHERE_MAX && !r.unlinked.where.includes(w)) r.unlinked.where.push(w);
    }
  };
  // An explicit stack, in document order: the receipt lists what a reader meets first, first.
  const stack: [unknown, (string | number)[]][] = flows.map((f, i) => [f, [i]] as [unknown, (string | number)[]]).reverse();
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') note(v, path);
    else if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], [...path, i]]);
    else if (v && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i]![1], [...path, entries[i]![0]]]);
    }
  }
  return r;
}
