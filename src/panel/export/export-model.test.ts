/** The dialog's words and files (export-model.ts), as tables over real flows. */
import { describe, expect, it } from 'vitest';
import { curlForStep } from '../../core/export/curl';
import { CHROME_FLOWS, demoFlows, leaks, secretsOf } from '../../core/export/export.fixtures';
import { emptyReceipt } from '../../core/export/receipt';
import { buildExport, fileName, FORMATS, kindsIn, leakLine, receiptFor, receiptLine } from './export-model';

const NOW = new Date('2026-11-28T20:34:15.123Z');

describe('receipt in words', () => {
  it.each([
    ['a Chrome login with refresh, userinfo, introspection, revocation', CHROME_FLOWS(), '8 values redacted: 1 authorization code, 1 Basic client credential, 1 PKCE verifier, 2 access tokens, 1 ID token, 2 refresh tokens (in 22 places).'],
    // code-pkce-refreshed and code-pkce are one recording's flow at two moments: its code reads as one
    // value sent in two token requests, the receipt's sign of a code reused.
    ['the same code in two token requests', demoFlows().slice(2, 4), /^\d+ values redacted: 1 authorization code \(1 reused\), /],
  ])('%s', (_name, flows, want) => {
    expect(receiptLine(receiptFor(flows, false))).toMatch(want instanceof RegExp ? want : new RegExp(`^${want.replace(/[.()]/g, '\\$&')}$`));
  });

  it('a receipt with nothing in it, or with redaction off, says so', () => {
    expect(receiptLine(emptyReceipt(true))).toBe('No secret value found to redact.');
    expect(receiptLine(emptyReceipt(false))).toBe('Nothing will be redacted.');
    expect(leakLine(emptyReceipt(true))).toMatch(/^No secret value was found/);
  });

  it('personal claims asked for are counted too, from what providers sent, not the flow’s own names', () => {
    expect(receiptLine(receiptFor(CHROME_FLOWS(), true))).toMatch(/1 email value, 1 name value/);
    const launched = receiptFor(demoFlows(), true);
    // The profile's label and the names of parameters Grantscope added stay readable.
    expect(launched.items.flatMap((i) => i.where).filter((w) => /profile\.name|added\.\d+\.name/.test(w))).toEqual([]);
    // The ID tokens' name claims are still replaced inside them.
    expect(launched.items.some((i) => i.label.startsWith('given_name'))).toBe(true);
  });

  it('the kinds a cURL command stands for, read off its placeholders', () => {
    const f = CHROME_FLOWS()[0]!;
    const i = f.steps.findIndex((s) => s.kind === 'token-request');
    expect(kindsIn(curlForStep(f, i)!)).toBe('1 Basic client credential, 1 authorization code, 1 PKCE verifier');
    expect(kindsIn('curl -X GET https://x/')).toBe('');
  });
});

describe('files', () => {
  it.each([
    ['report-md', 'flow', 1, true, 'grantscope-flow-20261128-203415.md'],
    ['report-html', 'selection', 3, true, 'grantscope-3-flows-20261128-203415.html'],
    ['bundle', 'comparison', 2, true, 'grantscope-comparison-20261128-203415.json'],
    ['har', 'flow', 1, false, 'grantscope-flow-20261128-203415-UNREDACTED.har'],
    ['curl', 'selection', 1, true, 'grantscope-flow-20261128-203415.sh'],
  ] as const)('%s of a %s (%i) -> %s', (format, what, n, redact, want) => {
    expect(fileName(format, what, n, redact, NOW)).toBe(want);
  });

  it.each(FORMATS.map((f) => f.id))('%s: no secret of the real flows, the statement on top when unredacted', (format) => {
    const flows = [...CHROME_FLOWS(), ...demoFlows()];
    const red = buildExport(flows, 'selection', { format, redact: true, claims: false }, NOW);
    expect(leaks(red.text, secretsOf(flows))).toEqual([]);
    const open = buildExport(flows, 'selection', { format, redact: false, claims: false }, NOW);
    // The reports and the script say it in their first lines; the JSON formats in their own fields.
    if (format === 'bundle') expect((JSON.parse(open.text) as { redacted: boolean }).redacted).toBe(false);
    else if (format === 'har') expect((JSON.parse(open.text) as { log: { comment: string } }).log.comment).toMatch(/^NOT REDACTED/);
    else expect(open.text.slice(0, 2000)).toMatch(/NOT REDACTED/);
    expect(red.mime).toMatch(/;charset=utf-8$/);
  });
});
