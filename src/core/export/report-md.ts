/**
 * The report as Markdown, for a bug ticket (issue 13). Every value from the flow is escaped (code spans
 * with a fence longer than any backtick run in them; table cells with | and newlines escaped), so a
 * hostile value cannot add links, images or HTML to the rendered ticket.
 */
import type { Receipt } from './receipt';
import { reportModel, reportModels, type ReportModel, type ReportOptions } from './report-model';
import type { Flow } from '../flow';

/** Inline code that holds any text: a fence one backtick longer than the longest run inside. */
export function code(s: string): string {
  const flat = s.replace(/[\r\n]+/g, ' ');
  let longest = 0;
  for (const m of flat.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  return flat === '' ? '``' : `${fence} ${flat} ${fence}`;
}

/**
 * Plain text in Markdown (never at a line's start): every character that can open emphasis, a link,
 * an image, code, HTML or a table cell is backslash-escaped, and ':', '@' and 'www.' so no bare URL or
 * address autolinks (GFM's extended autolinks need none of a scheme).
 */
export function text(s: string): string {
  return (
    s
      .replace(/[\r\n]+/g, ' ')
      .replace(/[\\`*_{}[\]()#+!|<>~&:@]/g, (c) => `\\${c}`)
      // GFM autolinks "www." with no scheme (and e-mail addresses, hence the @ above).
      .replace(/(www)\./gi, '$1\\.')
  );
}

/** A table cell: code, with the pipe escaped (GFM reads \| inside code in tables as a pipe). */
const cell = (s: string) => code(s).replaceAll('|', '\\|');

const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${Math.round(n)} ms`);
const mark: Record<string, string> = { fail: '✗ FAIL', warn: '⚠ WARN', info: 'ℹ INFO', 'not-seen': '… NOT SEEN', pass: '✓ pass', 'n/a': 'n/a' };

export function receiptMarkdown(r: Receipt): string[] {
  const out = ['## Redaction receipt', ''];
  if (!r.redacted) return [...out, '**Nothing was redacted**: the person who exported this chose to include secrets.', ''];
  out.push(`${r.total} value(s) replaced by ${r.items.length} placeholder(s)${r.claims.length ? `; personal claims redacted too: ${r.claims.map(code).join(', ')}` : ''}.`, '');
  out.push('| Placeholder | Times | Where |', '| --- | --- | --- |');
  for (const i of r.items) out.push(`| ${cell(i.label)}${i.jwt ? ' (JWT, signature removed)' : ''} | ${i.count} | ${i.where.map(text).join('; ')} |`);
  if (r.unlinked.count) out.push('', `${r.unlinked.count} more span(s) of free text masked as ${code('[redacted]')}: ${r.unlinked.where.map(text).join('; ')}.`);
  return [...out, ''];
}

const banner = (redacted: boolean) =>
  redacted ? '> Redacted export: secrets are replaced by placeholders (receipt at the end).' : '> **NOT REDACTED**: this report contains secrets (tokens, codes, credentials). Treat it as a secret.';

export function modelMarkdown(m: ReportModel): string {
  return [banner(m.redacted), '', modelBody(m, '#'), ...receiptMarkdown(m.receipt)].join('\n');
}

/** One flow's sections; `h` is its title's heading level ('#' alone, '##' inside a report of several). */
function modelBody(m: ReportModel, h: string): string {
  const out: string[] = [];
  out.push(`${h} ${text(m.title)}`, '', `Exported ${text(m.exportedAt)}${m.imported ? `, from the imported file ${code(m.imported)}` : ''}.`, '');
  const v = m.verdict;
  out.push(`${h}# Verdict`, '', `**${v.worst.toUpperCase()}** under rule set ${code(v.set)}: ${v.failed} failed, ${v.warned} warned, ${v.notSeen} not seen, ${v.passed} passed.`, '');
  for (const f of v.headline) out.push(`- ${mark[f.outcome] ?? f.outcome} ${code(f.id)}: ${text(f.message)} (${f.link ? `[${text(f.clause)}](${encodeURI(f.link)})` : text(f.clause)})${f.step ? `, step ${f.step}` : ''}${f.evidence ? `; ${text(f.evidence)}` : ''}`);
  if (v.headline.length) out.push('');
  out.push(`${h}# Timeline`, '', '| # | At | Took | Step | Request | Status |', '| --- | --- | --- | --- | --- | --- |');
  for (const s of m.steps) out.push(`| ${s.n} | +${ms(s.offsetMs)} | ${s.durationMs !== undefined ? ms(s.durationMs) : ''} | ${text(s.what)} | ${s.url ? cell(`${s.method ?? ''} ${s.url}`.trim()) : ''} | ${s.status ?? ''} |`);
  out.push('', `${h}# Parameters`, '');
  for (const s of m.steps.filter((x) => x.params.length)) {
    out.push(`${h}## Step ${s.n}: ${text(s.what)}`, '', '| Name | Value |', '| --- | --- |');
    for (const [k, val] of s.params) out.push(`| ${cell(k)} | ${cell(val)} |`);
    out.push('');
  }
  if (m.tokens.length) {
    out.push(`${h}# Decoded tokens`, '');
    for (const t of m.tokens) {
      out.push(`${h}## ${code(t.name)} (step ${t.step})`, '', `Value: ${code(t.shown)}`, '');
      if (t.header !== undefined) out.push('Header:', '', fenced(JSON.stringify(t.header, null, 2)), '');
      if (t.claims !== undefined) out.push('Claims:', '', fenced(JSON.stringify(t.claims, null, 2)), '');
    }
  }
  out.push(`${h}# Findings`, '', '| Outcome | Rule | Message | Clause | Step |', '| --- | --- | --- | --- | --- |');
  for (const f of v.all) out.push(`| ${mark[f.outcome] ?? f.outcome} | ${cell(f.id)} | ${text(f.message)} | ${text(f.clause)} | ${f.step ?? ''} |`);
  out.push('');
  return out.join('\n');
}

/** A fenced block whose fence is longer than any backtick run inside. */
function fenced(s: string): string {
  let longest = 2;
  for (const m of s.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const f = '`'.repeat(longest + 1);
  return `${f}json\n${s}\n${f}`;
}

export function reportMarkdown(flow: Flow, opts: ReportOptions = {}): string {
  return modelMarkdown(reportModel(flow, opts));
}

/** A selection or a comparison: each flow in turn, placeholders shared, one receipt at the end. */
export function reportMarkdownMany(flows: readonly Flow[], opts: ReportOptions = {}): string {
  const { models, receipt } = reportModels(flows, opts);
  return [banner(opts.enabled !== false), '', `# ${flows.length} flows`, '', ...models.map((m) => modelBody(m, '##')), ...receiptMarkdown(receipt)].join('\n');
}
