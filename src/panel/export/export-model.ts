/**
 * What the export dialog makes (issue 13, items 1 and 2): one of five formats from the flows the
 * person chose, through the pure core (src/core/export/), and the words the dialog shows before
 * anything leaves: the receipt in a line ("12 values redacted: 3 access tokens, 2 refresh tokens
 * (1 reused) …") and, before redaction is turned off, what would then be readable. No browser here.
 */
import { bundleText, exportBundle } from '../../core/export/bundle';
import { curlScript } from '../../core/export/curl';
import { exportHar, harText } from '../../core/export/har';
import { placeholdersIn, SIG_REMOVED } from '../../core/export/placeholder';
import type { Receipt, ReceiptItem } from '../../core/export/receipt';
import { redactFlows } from '../../core/export/redact-flow';
import { reportHtml, reportHtmlMany } from '../../core/export/report-html';
import { reportMarkdown, reportMarkdownMany } from '../../core/export/report-md';
import type { Flow } from '../../core/flow';

export type ExportFormat = 'report-md' | 'report-html' | 'bundle' | 'har' | 'curl';

export interface FormatInfo {
  id: ExportFormat;
  label: string;
  hint: string;
  ext: string;
  mime: string;
}

export const FORMATS: readonly FormatInfo[] = [
  { id: 'report-md', label: 'Report (Markdown)', hint: 'For a bug ticket: the verdict with its clauses, the timeline, parameters, decoded tokens, findings.', ext: 'md', mime: 'text/markdown' },
  { id: 'report-html', label: 'Report (HTML)', hint: 'The same report as one self-contained page, with no script.', ext: 'html', mime: 'text/html' },
  { id: 'bundle', label: 'Grantscope bundle (JSON)', hint: 'Imports back into Grantscope: the same flows and verdicts, apart from redacted values.', ext: 'json', mime: 'application/json' },
  { id: 'har', label: 'HAR 1.2', hint: 'Every HTTP step, for Chrome DevTools (Network › Import HAR) and other HAR viewers.', ext: 'har', mime: 'application/json' },
  { id: 'curl', label: 'cURL script', hint: 'Each back-channel request (token, refresh, userinfo, introspection, revocation, device, PAR) as a curl command.', ext: 'sh', mime: 'text/x-shellscript' },
];

export const formatInfo = (f: ExportFormat): FormatInfo => FORMATS.find((x) => x.id === f)!;

/** What is exported: one flow from its detail, flows picked in the list, or the pair a comparison shows. */
export type ExportWhat = 'flow' | 'selection' | 'comparison';

export interface ExportChoice {
  format: ExportFormat;
  /** Secrets replaced by placeholders (the default; off only by a confirmed choice). */
  redact: boolean;
  /** Personal claims (email, name, …) redacted too. */
  claims: boolean;
}

export interface ExportFile {
  text: string;
  filename: string;
  mime: string;
}

/** "20261128-203415": UTC, sortable, no characters a file system refuses. */
const stamp = (d: Date) => d.toISOString().replace(/\.\d+Z$/, '').replace(/[-:]/g, '').replace('T', '-');

export function fileName(format: ExportFormat, what: ExportWhat, count: number, redact: boolean, now: Date): string {
  const kind = what === 'comparison' ? 'comparison' : count === 1 ? 'flow' : `${count}-flows`;
  // A file holding secrets says so in its name too, where a person sees it in a folder or an upload box.
  return `grantscope-${kind}-${stamp(now)}${redact ? '' : '-UNREDACTED'}.${formatInfo(format).ext}`;
}

/** The export's text, through the core; redaction and its statement at the top are the core's. */
export function buildExport(flows: readonly Flow[], what: ExportWhat, c: ExportChoice, now = new Date()): ExportFile {
  const opts = { enabled: c.redact, claims: c.claims };
  const many = flows.length > 1;
  const text = ((): string => {
    switch (c.format) {
      case 'report-md':
        return many ? reportMarkdownMany(flows, { ...opts, now }) : reportMarkdown(flows[0]!, { ...opts, now });
      case 'report-html':
        return many ? reportHtmlMany(flows, { ...opts, now }) : reportHtml(flows[0]!, { ...opts, now });
      case 'bundle':
        return bundleText(exportBundle(flows, { ...opts, now }));
      case 'har':
        return harText(exportHar(flows, opts));
      case 'curl':
        return curlScript(flows, opts);
    }
  })();
  return { text, filename: fileName(c.format, what, flows.length, c.redact, now), mime: `${formatInfo(c.format).mime};charset=utf-8` };
}

/** The receipt of the flows as the export redacts them (one Redactor over all of them). */
export const receiptFor = (flows: readonly Flow[], claims: boolean): Receipt => redactFlows(flows, { claims }).receipt;

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

/** The receipt in one line, for the dialog before export. */
export function receiptLine(r: Receipt): string {
  if (!r.redacted) return 'Nothing will be redacted.';
  const n = r.items.length;
  const free = r.unlinked.count ? `; ${r.unlinked.count} more span${r.unlinked.count === 1 ? '' : 's'} of free text masked` : '';
  if (n === 0) return `No secret value found to redact${free}.`;
  return `${n} value${n === 1 ? '' : 's'} redacted: ${receiptGroups(r).map((g) => g.text).join(', ')} (in ${r.total} place${r.total === 1 ? '' : 's'})${free}.`;
}

/** What a reader of an unredacted export could use, for the confirmation: the redacted receipt's kinds. */
export function leakLine(r: Receipt): string {
  const groups = receiptGroups(r);
  if (groups.length === 0) return 'No secret value was found in these flows, but free text may still hold one.';
  return `The export will hold, readable: ${groups.map((g) => g.text.replace(/ \(\d+ reused\)$/, '')).join(', ')}.`;
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
