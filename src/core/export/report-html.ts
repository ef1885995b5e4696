/**
 * The report as one self-contained HTML file (issue 13): no script, no external resource, inline CSS
 * (light and dark by prefers-color-scheme), and every value escaped, so a hostile value from a flow
 * stays text in whatever opens the file. A Content-Security-Policy meta forbids scripts regardless.
 */
import type { Flow } from '../flow';
import { reportModel, type ReportModel, type ReportOptions } from './report-model';

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
.banner{padding:.6rem .8rem;border:2px solid var(--line);margin-bottom:1rem}.banner.danger{border-color:var(--fail);color:var(--fail);font-weight:700}`;

const cls = (o: string) => (o === 'fail' ? 'fail' : o === 'warn' ? 'warn' : o === 'pass' ? 'pass' : 'muted');

export function modelHtml(m: ReportModel): string {
  const v = m.verdict;
  const h: string[] = [];
  h.push(m.redacted ? `<p class="banner">Redacted export: secrets are replaced by placeholders (receipt at the end).</p>` : `<p class="banner danger">NOT REDACTED: this report contains secrets (tokens, codes, credentials). Treat it as a secret.</p>`);
  h.push(`<h1>${esc(m.title)}</h1><p class="muted">Exported ${esc(m.exportedAt)}${m.imported ? `, from the imported file <code>${esc(m.imported)}</code>` : ''}</p>`);
  h.push(`<h2>Verdict</h2><p><span class="${cls(v.worst)}">${esc(v.worst.toUpperCase())}</span> under rule set <code>${esc(v.set)}</code>: ${v.failed} failed, ${v.warned} warned, ${v.notSeen} not seen, ${v.passed} passed.</p>`);
  if (v.headline.length) {
    h.push('<ul>');
    for (const f of v.headline) {
      const link = f.link ? safeLink(f.link) : '';
      h.push(`<li><span class="${cls(f.outcome)}">${esc(f.outcome)}</span> <code>${esc(f.id)}</code>: ${esc(f.message)} (${link ? `<a href="${esc(link)}">${esc(f.clause)}</a>` : esc(f.clause)})${f.step ? `, step ${f.step}` : ''}${f.evidence ? `; ${esc(f.evidence)}` : ''}</li>`);
    }
    h.push('</ul>');
  }
  h.push('<h2>Timeline</h2><table><tr><th>#</th><th>At</th><th>Took</th><th>Step</th><th>Request</th><th>Status</th></tr>');
  for (const s of m.steps) h.push(`<tr><td>${s.n}</td><td>+${esc(ms(s.offsetMs))}</td><td>${s.durationMs !== undefined ? esc(ms(s.durationMs)) : ''}</td><td>${esc(s.what)}</td><td>${s.url ? `<code>${esc(`${s.method ?? ''} ${s.url}`.trim())}</code>` : ''}</td><td>${s.status ?? ''}</td></tr>`);
  h.push('</table><h2>Parameters</h2>');
  for (const s of m.steps.filter((x) => x.params.length)) {
    h.push(`<h3>Step ${s.n}: ${esc(s.what)}</h3><table><tr><th>Name</th><th>Value</th></tr>`);
    for (const [k, val] of s.params) h.push(`<tr><td><code>${esc(k)}</code></td><td><code>${esc(val)}</code></td></tr>`);
    h.push('</table>');
  }
  if (m.tokens.length) {
    h.push('<h2>Decoded tokens</h2>');
    for (const t of m.tokens) {
      h.push(`<h3><code>${esc(t.name)}</code> (step ${t.step})</h3><p>Value: <code>${esc(t.shown)}</code></p>`);
      if (t.header !== undefined) h.push(`<p>Header:</p><pre>${esc(JSON.stringify(t.header, null, 2))}</pre>`);
      if (t.claims !== undefined) h.push(`<p>Claims:</p><pre>${esc(JSON.stringify(t.claims, null, 2))}</pre>`);
    }
  }
  h.push('<h2>Findings</h2><table><tr><th>Outcome</th><th>Rule</th><th>Message</th><th>Clause</th><th>Step</th></tr>');
  for (const f of v.all) h.push(`<tr><td class="${cls(f.outcome)}">${esc(f.outcome)}</td><td><code>${esc(f.id)}</code></td><td>${esc(f.message)}</td><td>${esc(f.clause)}</td><td>${f.step ?? ''}</td></tr>`);
  h.push('</table><h2>Redaction receipt</h2>');
  const r = m.receipt;
  if (!r.redacted) h.push('<p class="fail">Nothing was redacted: the person who exported this chose to include secrets.</p>');
  else {
    h.push(`<p>${r.total} value(s) replaced by ${r.items.length} placeholder(s)${r.claims.length ? `; personal claims redacted too: ${esc(r.claims.join(', '))}` : ''}.</p><table><tr><th>Placeholder</th><th>Times</th><th>Where</th></tr>`);
    for (const i of r.items) h.push(`<tr><td><code>${esc(i.label)}</code>${i.jwt ? ' (JWT, signature removed)' : ''}</td><td>${i.count}</td><td>${esc(i.where.join('; '))}</td></tr>`);
    h.push('</table>');
    if (r.unlinked.count) h.push(`<p>${r.unlinked.count} more span(s) of free text masked as <code>[redacted]</code>: ${esc(r.unlinked.where.join('; '))}.</p>`);
  }
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><meta name="viewport" content="width=device-width"><title>${esc(m.title)}</title><style>${CSS}</style></head><body>\n${h.join('\n')}\n</body></html>\n`;
}

export function reportHtml(flow: Flow, opts: ReportOptions = {}): string {
  return modelHtml(reportModel(flow, opts));
}
