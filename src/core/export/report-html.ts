/**
 * The report as one self-contained HTML file (issue 13): no script, no external resource, inline CSS
 * (light and dark by prefers-color-scheme), and every value escaped, so a hostile value from a flow
 * stays text in whatever opens the file. A Content-Security-Policy meta forbids scripts regardless.
 */
import type { Flow } from '../flow';
import type { Receipt } from './receipt';
import { reportModel, reportModels, type ReportModel, type ReportOptions } from './report-model';

/** The five characters that mean something in HTML text and attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${Math.round(n)} ms`);
const safeLink = (u: string) => (/^https:\/\//.test(u) ? u : '');

const CSS = `
:root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--muted:#57606a;--line:#d0d7de;--fail:#b42318;--warn:#9a6700;--pass:#1a7f37;--code:#f6f8fa}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#8b949e;--line:#30363d;--fail:#ff7b72;--warn:#d29922;--pass:#3fb950;--code:#161b22}}
body{font:14px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg);max-width:1100px;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}td,th{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
code,pre{font:12px/1.4 ui-monospace,monospace;background:var(--code);word-break:break-all;white-space:pre-wrap}pre{padding:.5rem;border:1px solid var(--line)}
.fail{color:var(--fail);font-weight:600}.warn{color:var(--warn);font-weight:600}.pass{color:var(--pass)}.muted{color:var(--muted)}
.n{white-space:nowrap}
.banner{padding:.6rem .8rem;border:2px solid var(--line);margin-bottom:1rem}.banner.danger{border-color:var(--fail);color:var(--fail);font-weight:700}`;

const cls = (o: string) => (o === 'fail' ? 'fail' : o === 'warn' ? 'warn' : o === 'pass' ? 'pass' : 'muted');

const banner = (redacted: boolean) =>
  redacted ? `<p class="banner">Redacted export: secrets are replaced by placeholders (receipt at the end).</p>` : `<p class="banner danger">NOT REDACTED: this report contains secrets (tokens, codes, credentials). Treat it as a secret.</p>`;

/** One flow's sections; `n` is its title's heading level (1 alone, 2 inside a report of several). */
function modelBody(m: ReportModel, n: number): string[] {
  const v = m.verdict;
  const [t, s2, s3] = [`h${n}`, `h${n + 1}`, `h${n + 2}`];
  const h: string[] = [];
  h.push(`<${t}>${esc(m.title)}</${t}><p class="muted">Exported ${esc(m.exportedAt)}${m.imported ? `, from the imported file <code>${esc(m.imported)}</code>` : ''}</p>`);
  h.push(`<${s2}>Verdict</${s2}><p><span class="${cls(v.worst)}">${esc(v.worst.toUpperCase())}</span> under rule set <code>${esc(v.set)}</code>: ${v.failed} failed, ${v.warned} warned, ${v.notSeen} not seen, ${v.passed} passed.</p>`);
  if (v.headline.length) {
    h.push('<ul>');
    for (const f of v.headline) {
      const link = f.link ? safeLink(f.link) : '';
      h.push(`<li><span class="${cls(f.outcome)}">${esc(f.outcome)}</span> <code>${esc(f.id)}</code>: ${esc(f.message)} (${link ? `<a href="${esc(link)}">${esc(f.clause)}</a>` : esc(f.clause)})${f.step ? `, step ${f.step}` : ''}${f.evidence ? `; ${esc(f.evidence)}` : ''}</li>`);
    }
    h.push('</ul>');
  }
  h.push(`<${s2}>Timeline</${s2}><table><tr><th>#</th><th>At</th><th>Took</th><th>Step</th><th>Request</th><th>Status</th></tr>`);
  for (const s of m.steps) h.push(`<tr><td>${s.n}</td><td class="n">+${esc(ms(s.offsetMs))}</td><td class="n">${s.durationMs !== undefined ? esc(ms(s.durationMs)) : ''}</td><td>${esc(s.what)}</td><td>${s.url ? `<code>${esc(`${s.method ?? ''} ${s.url}`.trim())}</code>` : ''}</td><td>${s.status ?? ''}</td></tr>`);
  h.push(`</table><${s2}>Parameters</${s2}>`);
  for (const s of m.steps.filter((x) => x.params.length)) {
    h.push(`<${s3}>Step ${s.n}: ${esc(s.what)}</${s3}><table><tr><th>Name</th><th>Value</th></tr>`);
    for (const [k, val] of s.params) h.push(`<tr><td><code>${esc(k)}</code></td><td><code>${esc(val)}</code></td></tr>`);
    h.push('</table>');
  }
  if (m.tokens.length) {
    h.push(`<${s2}>Decoded tokens</${s2}>`);
    for (const tk of m.tokens) {
      h.push(`<${s3}><code>${esc(tk.name)}</code> (step ${tk.step})</${s3}><p>Value: <code>${esc(tk.shown)}</code></p>`);
      if (tk.header !== undefined) h.push(`<p>Header:</p><pre>${esc(JSON.stringify(tk.header, null, 2))}</pre>`);
      if (tk.claims !== undefined) h.push(`<p>Claims:</p><pre>${esc(JSON.stringify(tk.claims, null, 2))}</pre>`);
    }
  }
  h.push(`<${s2}>Findings</${s2}><table><tr><th>Outcome</th><th>Rule</th><th>Message</th><th>Clause</th><th>Step</th></tr>`);
  for (const f of v.all) h.push(`<tr><td class="${cls(f.outcome)}">${esc(f.outcome)}</td><td><code>${esc(f.id)}</code></td><td>${esc(f.message)}</td><td>${esc(f.clause)}</td><td>${f.step ?? ''}</td></tr>`);
  h.push('</table>');
  return h;
}

function receiptHtml(r: Receipt): string[] {
  const h = ['<h2>Redaction receipt</h2>'];
  if (!r.redacted) return [...h, '<p class="fail">Nothing was redacted: the person who exported this chose to include secrets.</p>'];
  h.push(`<p>${r.total} value(s) replaced by ${r.items.length} placeholder(s)${r.claims.length ? `; personal claims redacted too: ${esc(r.claims.join(', '))}` : ''}.</p><table><tr><th>Placeholder</th><th>Times</th><th>Where</th></tr>`);
  for (const i of r.items) h.push(`<tr><td><code>${esc(i.label)}</code>${i.jwt ? ' (JWT, signature removed)' : ''}</td><td>${i.count}</td><td>${esc(i.where.join('; '))}</td></tr>`);
  h.push('</table>');
  if (r.unlinked.count) h.push(`<p>${r.unlinked.count} more span(s) of free text masked as <code>[redacted]</code>: ${esc(r.unlinked.where.join('; '))}.</p>`);
  return h;
}

function page(title: string, parts: string[]): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><meta name="viewport" content="width=device-width"><title>${esc(title)}</title><style>${CSS}</style></head><body>\n${parts.join('\n')}\n</body></html>\n`;
}

export function modelHtml(m: ReportModel): string {
  return page(m.title, [banner(m.redacted), ...modelBody(m, 1), ...receiptHtml(m.receipt)]);
}

/** A selection or a comparison: each flow in turn, placeholders shared, one receipt at the end. */
export function reportHtmlMany(flows: readonly Flow[], opts: ReportOptions = {}): string {
  const { models, receipt } = reportModels(flows, opts);
  const title = `${flows.length} flows`;
  return page(title, [banner(opts.enabled !== false), `<h1>${esc(title)}</h1>`, ...models.flatMap((m) => modelBody(m, 2)), ...receiptHtml(receipt)]);
}

export function reportHtml(flow: Flow, opts: ReportOptions = {}): string {
  return modelHtml(reportModel(flow, opts));
}
