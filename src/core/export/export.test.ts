/**
 * Every export format (issue 13) against its spec (ajv: HAR 1.2, the bundle's own schema), searched
 * for every secret of real flows, with placeholders stable within an export, and the bundle's round
 * trip: export -> import -> export gives the same bundle.
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundleText, exportBundle, importBundle } from './bundle';
import { curlCommands } from './curl';
import { ALL_FLOWS, CHROME_FLOWS, demoFlows, leaks, SECRETS, secretsOf } from './export.fixtures';
import { exportHar, harText } from './har';
import { importHar } from './har-import';
import { reportHtml } from './report-html';
import { reportMarkdown } from './report-md';

const schema = (name: string) => JSON.parse(readFileSync(new URL(`../../../schemas/${name}`, import.meta.url), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validHar = ajv.compile(schema('har-1.2.schema.json'));
const validBundle = ajv.compile(schema('grantscope-bundle.v1.schema.json'));
const NOW = new Date('2026-11-28T12:00:00Z');

const formats = (opts: { enabled?: boolean } = {}) => {
  const flows = ALL_FLOWS();
  return {
    bundle: bundleText(exportBundle(flows, { ...opts, now: NOW })),
    har: harText(exportHar(flows, opts)),
    curl: flows.flatMap((f) => curlCommands(f, opts).map((c) => c.command)).join('\n'),
    md: flows.map((f) => reportMarkdown(f, { ...opts, now: NOW })).join('\n'),
    html: flows.map((f) => reportHtml(f, { ...opts, now: NOW })).join('\n'),
  };
};

describe('redaction in every format', () => {
  it.each(Object.entries(formats()))('%s holds none of the secrets of the real flows', (_name, text) => {
    expect(leaks(text)).toEqual([]);
  });

  it('with redaction off, the secrets are there and the export says so at its top', () => {
    const f = formats({ enabled: false });
    expect(leaks(f.bundle).length).toBeGreaterThan(5);
    expect(f.har).toContain('NOT REDACTED');
    expect(f.md.split('\n').slice(0, 3).join(' ')).toMatch(/NOT REDACTED/);
    expect(f.html).toMatch(/NOT REDACTED/);
    expect(JSON.parse(f.bundle).redacted).toBe(false);
  });

  it('the same secret gets the same placeholder everywhere in one export: the reused refresh token reads the same', () => {
    const b = exportBundle(CHROME_FLOWS(), { now: NOW });
    const text = JSON.stringify(b);
    const rt = b.receipt.items.find((i) => i.label === 'refresh_token #1')!;
    expect(rt.chars).toBe(43);
    expect(rt.sha256).toMatch(/^[0-9a-f]{8}$/);
    // Sent in the refresh request and received in the first token answer: one placeholder, twice.
    expect(rt.count).toBeGreaterThanOrEqual(2);
    expect(text.split(rt.placeholder).length - 1).toBeGreaterThanOrEqual(2);
    // The access token in the userinfo call's Authorization header is the one the answer carried.
    const at = b.receipt.items.find((i) => i.label === 'access_token #1')!;
    expect(at.where.some((w) => w.includes('Userinfo'))).toBe(true);
    expect(at.where.some((w) => w.includes('token-response'))).toBe(true);
  });

  it('keeps a JWT decoded: header and claims readable, signature replaced', () => {
    const b = exportBundle(CHROME_FLOWS(), { now: NOW });
    const jwt = b.receipt.items.find((i) => i.jwt)!;
    expect(jwt.label).toBe('id_token #1');
    const text = JSON.stringify(b);
    expect(text).toContain('eyJhbGciOiJSUzI1NiIsImtpZCI6InJzMjU2LWVhMzU5YTMwIn0.');
  });

  it('redacts personal claims when asked, in JSON bodies and inside JWT claims', () => {
    const plain = JSON.stringify(exportBundle(CHROME_FLOWS(), { now: NOW }));
    expect(plain).toContain('alice@example.com');
    const b = exportBundle(CHROME_FLOWS(), { now: NOW, claims: true });
    expect(JSON.stringify(b)).not.toContain('alice@example.com');
    expect(JSON.stringify(b)).not.toContain('Alice Liddell');
    expect(b.receipt.items.some((i) => i.label === 'email #1')).toBe(true);
    expect(b.receipt.claims).toContain('email');
  });

  it('lists the secrets a receipt names, and each secret of the corpus is accounted for', () => {
    const b = exportBundle(ALL_FLOWS(), { now: NOW });
    expect(b.receipt.total).toBe(b.receipt.items.reduce((n, i) => n + i.count, 0));
    expect(b.receipt.items.map((i) => i.label)).toEqual(expect.arrayContaining(['code #1', 'code_verifier #1', 'access_token #1', 'refresh_token #1', 'refresh_token #2', 'client_secret #1', 'basic credentials #1']));
    expect(SECRETS.length).toBeGreaterThan(8);
  });
});

describe("the demo provider's launched flows (test/fixtures/flows)", () => {
  const flows = demoFlows();
  const secrets = secretsOf(flows);
  const texts = {
    bundle: bundleText(exportBundle(flows, { now: NOW })),
    har: harText(exportHar(flows)),
    curl: flows.flatMap((f) => curlCommands(f).map((c) => c.command)).join('\n'),
    md: flows.map((f) => reportMarkdown(f, { now: NOW })).join('\n'),
    html: flows.map((f) => reportHtml(f, { now: NOW })).join('\n'),
  };

  it('hold secrets to look for (codes, tokens, verifiers, signatures)', () => {
    expect(flows.length).toBeGreaterThanOrEqual(5);
    expect(secrets.length).toBeGreaterThan(15);
    expect(leaks(JSON.stringify(flows), secrets).length).toBe(secrets.length);
  });

  it.each(Object.keys(texts))('%s holds none of them', (k) => {
    expect(leaks(texts[k as keyof typeof texts], secrets)).toEqual([]);
  });

  it('round-trip as a bundle and validate against the schemas', () => {
    const first = exportBundle(flows, { now: NOW });
    expect(validBundle(JSON.parse(bundleText(first))), JSON.stringify(validBundle.errors)).toBe(true);
    expect(validHar(exportHar(flows)), JSON.stringify(validHar.errors)).toBe(true);
    const back = importBundle(bundleText(first), 'demo.json');
    if (!back.ok) throw new Error(back.error.message);
    expect(bundleText(exportBundle(back.value.flows, { now: NOW }))).toBe(bundleText(first));
  });
});

describe('the bundle', () => {
  it('is valid against its schema, redacted or not', () => {
    for (const enabled of [true, false]) {
      const b = exportBundle(ALL_FLOWS(), { now: NOW, enabled });
      expect(validBundle(JSON.parse(bundleText(b))), JSON.stringify(validBundle.errors)).toBe(true);
    }
  });

  it('round-trips: export -> import -> export gives the same bundle, and import marks the flows', () => {
    const first = exportBundle(ALL_FLOWS(), { now: NOW, claims: true });
    const imported = importBundle(bundleText(first), 'ticket-123.json', 42);
    if (!imported.ok) throw new Error(imported.error.message);
    expect(imported.value.flows.every((f) => f.imported?.file === 'ticket-123.json' && f.imported.at === 42)).toBe(true);
    const second = exportBundle(imported.value.flows, { now: NOW, claims: true });
    expect(bundleText(second)).toBe(bundleText(first));
    const unredacted = exportBundle(ALL_FLOWS(), { now: NOW, enabled: false });
    const back = importBundle(bundleText(unredacted), 'x.json');
    if (!back.ok) throw new Error(back.error.message);
    expect(bundleText(exportBundle(back.value.flows, { now: NOW, enabled: false }))).toBe(bundleText(unredacted));
  });

  it("drops what belongs to the exporter's browser: a forged bundle cannot bring a confirmed issuer, a tab, a DNR rule or auto-refresh", () => {
    const f = { ...CHROME_FLOWS()[0]!, tabId: 7, ruleId: 9, autoRefresh: true };
    f.capture = { ...f.capture!, issuerConfirmed: { issuer: 'https://evil', discoveryUrl: 'https://evil/.well-known/openid-configuration', metadata: { issuer: 'https://evil' }, at: 1 } };
    const forged = { ...exportBundle([], { now: NOW }), flows: [f] };
    const r = importBundle(JSON.stringify(forged), 'forged.json');
    if (!r.ok) throw new Error(r.error.message);
    const g = r.value.flows[0]!;
    expect([g.tabId, g.ruleId, g.autoRefresh, g.capture?.issuerConfirmed]).toEqual([undefined, undefined, undefined, undefined]);
    expect(JSON.stringify(exportBundle([f], { now: NOW }))).not.toContain('evil');
  });

  it('migrates version 0 (flows as the store keeps them, or a bare list) to version 1', () => {
    const flows = CHROME_FLOWS();
    for (const v0 of [{ format: 'grantscope-flows', exportedAt: NOW.toISOString(), flows }, flows]) {
      const r = importBundle(JSON.stringify(v0), 'old.json');
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.fromVersion).toBe(0);
      expect(r.value.bundle.version).toBe(1);
      expect(r.value.bundle.redacted).toBe(false);
      expect(r.value.flows[0]!.steps).toEqual(flows[0]!.steps);
    }
  });

  it.each([
    ['not JSON', '{"format":', 'not-json'],
    ['another file', '{"format":"grantscope-profiles","version":1,"profiles":[]}', 'not-bundle'],
    ['a newer version', '{"format":"grantscope-bundle","version":7}', 'unknown-version'],
    ['a broken flow', '{"format":"grantscope-bundle","version":1,"exportedAt":"x","redacted":true,"receipt":{},"flows":[{"id":"a"}]}', 'bad-flow'],
    ['too deep', `{"format":"grantscope-bundle","version":1,"x":${'['.repeat(200)}${']'.repeat(200)}}`, 'too-deep'],
  ])('names %s', (_n, text, code) => {
    const r = importBundle(text, 'f.json');
    expect(r.ok ? '' : r.error.code).toBe(code);
  });
});

describe('HAR export', () => {
  it('is valid HAR 1.2 with what Chrome DevTools needs, and imports back into the same flow shape', () => {
    const har = exportHar(ALL_FLOWS(), { version: '1.0.0' });
    expect(validHar(har), JSON.stringify(validHar.errors)).toBe(true);
    expect(har.log.creator.name).toBe('Grantscope');
    for (const e of har.log.entries) {
      expect(e.request.httpVersion).toBeTypeOf('string');
      expect(e.request.headersSize).toBe(-1);
      expect(e.request.cookies).toEqual([]);
    }
    const unredacted = exportHar(CHROME_FLOWS(), { enabled: false });
    const back = importHar(harText(unredacted), 'again.har');
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.flows[0]!.steps.map((s) => s.kind)).toEqual(CHROME_FLOWS()[0]!.steps.map((s) => s.kind));
  });
});

describe('cURL', () => {
  it('gives a command for each back-channel request: redemption, userinfo, refresh, introspection, revocation', () => {
    const cmds = curlCommands(CHROME_FLOWS()[0]!);
    expect(cmds.map((c) => c.label)).toEqual(['token request (authorization_code)', 'Userinfo', 'token request (refresh_token)', 'Introspection', 'Revocation']);
    expect(cmds[0]!.command).toMatch(/^curl -X 'POST' --url 'http:\/\/127\.0\.0\.1:9400\/token'/);
    expect(cmds[0]!.command).toContain("-H 'authorization: Basic ‹basic credentials #1");
    expect(cmds[0]!.command).toContain("--data-urlencode 'code=‹code #1, 43 chars, sha256:");
  });
});
