/**
 * What the export dialog makes (issue 13, items 1 and 2): one of five formats from the flows the
 * person chose, through the pure core (src/core/export/), and the words the dialog shows before
 * anything leaves: the receipt in a line ("12 values redacted: 3 access tokens, 2 refresh tokens
 * (1 reused) …") and, before redaction is turned off, what would then be readable. No browser here.
 */
import { bundleText, exportBundle } from '../../core/export/bundle';
import { curlScript } from '../../core/export/curl';
import { exportHar, harText } from '../../core/export/har';
import type { Receipt } from '../../core/export/receipt';
import { redactFlows } from '../../core/export/redact-flow';
import { reportHtml, reportHtmlMany } from '../../core/export/report-html';
import { reportMarkdown, reportMarkdownMany } from '../../core/export/report-md';
import type { Flow } from '../../core/flow';
import { receiptGroups } from './receipt-groups';

// The receipt's wording lives in receipt-groups.ts (Copy as cURL uses it without the export formats).
export { kindsIn, type ReceiptGroup, receiptGroups } from './receipt-groups';

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
