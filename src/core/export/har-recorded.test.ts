/**
 * The HAR corpus recorded by a real browser (issue 13): Chromium signing in to the demo apps while
 * Playwright's recordHar wrote what it saw (test/fixtures/har/record-chromium.ts). Each file becomes
 * one readable flow with the verdict the same login gets when Grantscope records it live.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow';
import { evaluate } from '../rules/engine';
import { importHar } from './har-import';

const har = (name: string) => readFileSync(new URL(`../../../test/fixtures/har/${name}`, import.meta.url), 'utf8');
const kinds = (f: Flow) => f.steps.map((s) => (s.kind === 'exchange' ? s.label : s.kind));
const statusOf = (f: Flow, id: string) => evaluate(f).findings.find((x) => x.id === id)?.status;

function only(name: string): Flow {
  const r = importHar(har(name), name, { now: 1 });
  if (!r.ok) throw new Error(r.error.message);
  expect(r.value.flows).toHaveLength(1);
  expect(r.value.notices).toEqual([]);
  return r.value.flows[0]!;
}

describe('HAR files recorded by Chromium', () => {
  it('the SPA by redirect: discovery, request, callback, code redemption, userinfo, a refresh; every check passes', () => {
    const f = only('recorded-chromium-spa-redirect.har');
    expect(f.profile.clientId).toBe('grantscope-spa');
    expect(f.status).toBe('complete');
    expect(f.imported).toEqual({ file: 'recorded-chromium-spa-redirect.har', at: 1 });
    expect(kinds(f)).toEqual(['Discovery', 'authorization-request', 'callback', 'Discovery', 'token-request', 'token-response', 'Userinfo', 'token-request', 'token-response', 'Userinfo']);
    const v = evaluate(f);
    expect(v.worst).toBe('pass');
    expect(v.counts.failed + v.counts.warned).toBe(0);
    for (const id of ['pkce.missing', 'pkce.verifier-match', 'state.mismatch', 'token.redirect-uri', 'token.cache-control']) expect([id, statusOf(f, id)]).toEqual([id, 'pass']);
  });

  it('the SPA through its login popup: the popup’s steps join the app’s flow', () => {
    const f = only('recorded-chromium-spa-popup.har');
    expect(kinds(f)).toEqual(['Discovery', 'authorization-request', 'callback', 'token-request', 'token-response', 'Userinfo']);
    expect(evaluate(f).worst).toBe('pass');
    expect(statusOf(f, 'pkce.verifier-match')).toBe('pass');
  });

  it('the server-side app: request and callback only, its redemption not seen (the server redeems the code)', () => {
    const f = only('recorded-chromium-webapp.har');
    expect(f.profile.clientId).toBe('grantscope-webapp');
    expect(kinds(f)).toEqual(['authorization-request', 'callback']);
    expect(f.status).toBe('observed');
    expect(statusOf(f, 'state.mismatch')).toBe('pass');
    expect(statusOf(f, 'pkce.verifier-match')).toBe('not-seen');
  });

  it('holds only the demo provider’s loopback traffic (the login page’s web font was asked for and never answered: no network here)', () => {
    for (const n of ['recorded-chromium-spa-redirect.har', 'recorded-chromium-spa-popup.har', 'recorded-chromium-webapp.har']) {
      const entries = (JSON.parse(har(n)) as { log: { entries: { request: { url: string }; response: { status: number } }[] } }).log.entries;
      const away = entries.filter((e) => new URL(e.request.url).hostname !== '127.0.0.1');
      expect(away.every((e) => e.response.status <= 0 && new URL(e.request.url).hostname === 'fonts.googleapis.com')).toBe(true);
    }
  });
});
