/**
 * Red-team review of issue 13's reports: a flow from a hostile bundle with markup, javascript: URLs
 * and Markdown link syntax in every string field. Neither report may carry live markup or a link the
 * catalog did not make.
 */
import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow';
import { CHROME_FLOWS } from './export.fixtures';
import { reportHtml } from './report-html';
import { reportMarkdown } from './report-md';

const EVIL = '<img src=x onerror=alert(1)>[click](javascript:alert(2))<script>alert(3)</script>';
const KEEP = new Set(['kind', 'status', 'source', 'grant', 'outcome', 'severity', 'set']);

/** Every string leaf but the few the views switch on, made hostile (URLs keep a scheme so they parse). */
function hostile<T>(v: T, name = ''): T {
  if (typeof v === 'string') return (KEEP.has(name) ? v : name === 'url' ? `https://idp.example/${EVIL}` : `${v}${EVIL}`) as T;
  if (Array.isArray(v)) return v.map((x) => hostile(x, name)) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, hostile(x, k)])) as T;
  return v;
}

function forged(): Flow {
  const f = hostile(structuredClone(CHROME_FLOWS()[0]!));
  // A stored finding whose id no catalog knows, failing, with a link of its own choosing.
  f.findings.push({ id: 'forged.rule', status: 'fail', severity: 'error', clause: 'RFC 0 [x](javascript:alert(4))', message: EVIL, link: 'javascript:alert(5)' });
  f.findings.push({ id: 'forged.rule2', status: 'fail', severity: 'error', clause: 'RFC 0', message: 'm', link: 'https://evil.example/phish' });
  return f;
}

describe('red team: markup and links in reports of a hostile flow', () => {
  it('HTML: no element or attribute came from the flow, and no link but the catalog’s', () => {
    const html = reportHtml(forged());
    expect(html).not.toMatch(/<img|<script|<iframe|<svg/i);
    for (const m of html.matchAll(/href="([^"]*)"/g)) expect(m[1]).not.toMatch(/evil\.example|javascript:/);
  });

  it('Markdown: no raw HTML and no link but the catalog’s', () => {
    const md = reportMarkdown(forged());
    // Outside code spans, every < and [ is escaped.
    const outsideCode = md.replace(/(`+)[^`][\s\S]*?\1/g, '');
    expect(outsideCode).not.toMatch(/(?<!\\)<(img|script)/i);
    expect(outsideCode).not.toMatch(/\]\(javascript:/i);
    expect(outsideCode).not.toMatch(/\]\(https:\/\/evil\.example/);
    // The hostile text is there, inert (in code spans or escaped), not dropped.
    expect(md).toContain('forged.rule');
  });
});

describe('red team: GFM autolinks in Markdown text', () => {
  it('www. and e-mail addresses from a flow stay text (GFM autolinks them without a scheme)', () => {
    const f = structuredClone(CHROME_FLOWS()[0]!);
    f.profile = { ...f.profile, clientId: 'www.evil.example', issuer: 'mallory@evil.example' };
    const md = reportMarkdown(f);
    const outsideCode = md.replace(/(`+)[^`][\s\S]*?\1/g, '');
    expect(outsideCode).not.toMatch(/(?<!\\)www\.evil/);
    expect(outsideCode).not.toMatch(/mallory(?<!\\)@evil/);
    expect(outsideCode).not.toMatch(/[\w.]@evil/);
  });
});
