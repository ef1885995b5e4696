/**
 * Reports (issue 13): the verdict first, timeline, parameters, decoded tokens, findings, receipt last;
 * no script in the HTML and every value escaped in both, whatever a hostile flow carries.
 */
import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow';
import { ALL_FLOWS, CHROME_FLOWS, leaks } from './export.fixtures';
import { reportHtml, reportHtmlMany } from './report-html';
import { reportMarkdown, reportMarkdownMany } from './report-md';

const NOW = new Date('2026-11-28T12:00:00Z');

function hostile(): Flow {
  const f = CHROME_FLOWS()[0]!;
  const auth = f.steps.find((s) => s.kind === 'authorization-request')!;
  if (auth.kind === 'authorization-request') {
    auth.params.state = '<script>alert(1)</script>';
    auth.params['x"><img src=x onerror=alert(1)>'] = '[click](javascript:alert(1)) ![i](https://evil/x.png) | cell';
  }
  f.profile.clientId = '<b>client</b>`code`';
  return f;
}

describe('reportHtml', () => {
  it('is self-contained and script-free, with every value escaped', () => {
    const html = reportHtml(hostile(), { now: NOW });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<[a-z]+[^>]*onerror/i);
    expect(html).not.toMatch(/<b>client/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/);
    expect(html).not.toMatch(/\b(src|href)="(?!https:)/);
  });

  it('opens on the verdict and ends on the receipt', () => {
    const html = reportHtml(CHROME_FLOWS()[0]!, { now: NOW });
    const at = (s: string) => html.indexOf(s);
    expect(at('<h2>Verdict</h2>')).toBeGreaterThan(0);
    expect(at('<h2>Verdict</h2>')).toBeLessThan(at('<h2>Timeline</h2>'));
    expect(at('<h2>Timeline</h2>')).toBeLessThan(at('<h2>Decoded tokens</h2>'));
    expect(at('<h2>Findings</h2>')).toBeLessThan(at('<h2>Redaction receipt</h2>'));
  });
});

describe('reportMarkdown', () => {
  it('escapes what would become links, images, HTML or table cells', () => {
    const md = reportMarkdown(hostile(), { now: NOW });
    // Inside code spans nothing renders; outside them, nothing may be live.
    const outside = md.replace(/(`+) [^\n]*? \1/g, '');
    expect(outside).not.toContain('](javascript');
    expect(outside).not.toMatch(/(^|[^\\])!\[i\]/);
    expect(outside).not.toMatch(/(^|[^\\])<(script|b|img)/);
    expect(md).toContain('` [click](javascript:alert(1)) ![i](https://evil/x.png) \\| cell `');
    const rows = md.split('\n').filter((l) => l.startsWith('| `') && l.includes('javascript'));
    expect(rows.length).toBeGreaterThan(0);
    for (const line of rows) {
      // Each table row keeps its column count: escaped pipes are not cell borders.
      expect(line.replace(/\\\|/g, '').split('|').length).toBe(4);
    }
  });

  it('says the verdict with clauses, the timeline with timings, the decoded ID token and the receipt', () => {
    const md = reportMarkdown(CHROME_FLOWS()[0]!, { now: NOW });
    expect(md.indexOf('## Verdict')).toBeLessThan(md.indexOf('## Timeline'));
    expect(md).toMatch(/\| 4 \| \+2\.00 s \| 40 ms \| Token request/);
    expect(md).toContain('"kid": "rs256-ea359a30"');
    expect(md).toMatch(/## Redaction receipt\n\n\d+ value\(s\) replaced/);
    expect(md.trimEnd().endsWith('|')).toBe(true);
  });
});

describe('a report of several flows (a selection, a comparison)', () => {
  it('shares placeholders and ends on one receipt for all of them', () => {
    for (const text of [reportMarkdownMany(ALL_FLOWS(), { now: NOW }), reportHtmlMany(ALL_FLOWS(), { now: NOW })]) {
      expect(leaks(text)).toEqual([]);
      expect(text.split('Redaction receipt').length - 1).toBe(1);
      // The ID token of the Chrome login and of the Firefox implicit one is the same token: one label.
      expect(text).toContain('id_token #1');
      expect(text).not.toContain('id_token #2');
    }
    expect(reportMarkdownMany(ALL_FLOWS(), { now: NOW })).toMatch(/^> Redacted export[^\n]*\n\n# 3 flows\n\n## Authorization code ·/);
  });
});
