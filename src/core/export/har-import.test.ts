/**
 * HAR import (issue 13) on the corpus in test/fixtures/har/ (make-corpus.mjs writes it): Chrome's and
 * Firefox's DevTools shapes become the same flows the recorder makes; broken files get named errors.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HAR_FLOWS_MAX, importHar, HAR_TEXT_MAX } from './har-import';

const har = (name: string) => readFileSync(new URL(`../../../test/fixtures/har/${name}`, import.meta.url), 'utf8');
const kinds = (f: { steps: { kind: string; label?: string }[] }) => f.steps.map((s) => (s.kind === 'exchange' ? s.label : s.kind));

describe('importHar', () => {
  it("turns Chrome's HAR of a code + PKCE login into one flow: discovery, request, callback, redemption, userinfo, refresh, introspection, revocation", () => {
    const r = importHar(har('chrome-code-pkce.har'), 'login.har', { now: 5 });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.flows).toHaveLength(1);
    const f = r.value.flows[0]!;
    expect(kinds(f)).toEqual(['Discovery', 'authorization-request', 'callback', 'token-request', 'token-response', 'Userinfo', 'token-request', 'token-response', 'Introspection', 'Revocation']);
    expect(f.imported).toEqual({ file: 'login.har', at: 5 });
    expect(f.status).toBe('complete');
    expect(f.profile.clientId).toBe('grantscope-confidential');
  });

  it("reads Firefox's HAR (no _resourceType, postData.params) and the implicit answer from the redirect's Location fragment", () => {
    const r = importHar(har('firefox-implicit.har'), 'ff.har');
    if (!r.ok) throw new Error(r.error.message);
    const implicit = r.value.flows.find((f) => f.responseType === 'id_token token')!;
    expect(kinds(implicit)).toEqual(['authorization-request', 'callback']);
    const cc = r.value.flows.find((f) => f.grant === 'client_credentials')!;
    expect(kinds(cc)).toEqual(['token-request', 'token-response']);
  });

  it.each([
    ['broken-truncated.har', 'truncated'],
    ['broken-wrong-version.har', 'wrong-version'],
    ['broken-no-oauth.har', 'no-oauth'],
    ['broken-not-har.har', 'not-har'],
  ])('%s gets the named error %s', (file, code) => {
    const r = importHar(har(file), file);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });

  it('refuses a 50 MB file before parsing it', () => {
    const big = `{"log":{"version":"1.2","entries":[${'{"x":"y"},'.repeat(5_300_000)}{}]}}`;
    expect(big.length).toBeGreaterThan(50 * 1000 * 1000);
    const t = performance.now();
    const r = importHar(big, 'big.har');
    expect(r.ok ? '' : r.error.code).toBe('too-large');
    expect(performance.now() - t).toBeLessThan(50);
    expect(HAR_TEXT_MAX).toBeLessThan(big.length);
  });

  it('names too-deep and not-json, and never throws on odd values', () => {
    expect(importHar(`{"log":${'['.repeat(100)}${']'.repeat(100)}}`, 'x').ok).toBe(false);
    expect(importHar('<html>', 'x')).toMatchObject({ ok: false, error: { code: 'not-json' } });
    expect(importHar(undefined as unknown as string, 'x')).toMatchObject({ ok: false });
    expect(importHar('{"log":{"version":"1.2","entries":[null,1,{"request":{}},{"startedDateTime":"x","request":{"url":5}}]}}', 'x')).toMatchObject({ ok: false, error: { code: 'no-oauth' } });
  });

  it('keeps at most HAR_FLOWS_MAX flows from a flood of authorization requests, in bounded time', () => {
    const entries = Array.from({ length: 5000 }, (_, i) => ({
      startedDateTime: new Date(1_795_000_000_000 + i).toISOString(),
      time: 1,
      request: { method: 'GET', url: `https://op.example/authorize?client_id=c&response_type=code&state=s${i}`, headers: [] },
      response: { status: 302, headers: [], content: { size: 0, mimeType: 'text/html' } },
    }));
    const t = performance.now();
    const r = importHar(JSON.stringify({ log: { version: '1.2', creator: { name: 'x', version: '1' }, entries } }), 'flood.har');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.flows).toHaveLength(HAR_FLOWS_MAX);
    expect(r.value.notices.join(' ')).toMatch(/Only the first 1000 flows/);
    expect(performance.now() - t).toBeLessThan(20_000);
  });
});
