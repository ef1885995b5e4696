import { describe, expect, it } from 'vitest';
import { DEMO_PRESENCE_TTL_MS, makeDemoPresence } from './demo-presence';
import type { FetchOutcome } from './http';
import { memoryKV } from './kv';

const ISSUER = 'http://127.0.0.1:9400';
const doc = (issuer: string): FetchOutcome => ({ ok: true, answer: { status: 200, headers: { 'content-type': 'application/json' }, bodyText: JSON.stringify({ issuer }) } });

function setup(answer: () => FetchOutcome | Promise<FetchOutcome>) {
  let t = 1_000_000;
  const urls: string[] = [];
  const session = memoryKV();
  const check = makeDemoPresence({
    issuer: ISSUER,
    session,
    now: () => t,
    fetchText: async (url, _init, timeoutMs) => {
      urls.push(url);
      expect(timeoutMs).toBeLessThanOrEqual(2_000);
      return answer();
    },
  });
  return { check, urls, session, advance: (ms: number) => (t += ms) };
}

describe('demo provider presence', () => {
  it('is up when the demo issuer serves its own discovery document', async () => {
    const s = setup(() => doc(ISSUER));
    expect(await s.check({})).toMatchObject({ issuer: ISSUER, up: true });
    expect(s.urls).toEqual([`${ISSUER}/.well-known/openid-configuration`]);
  });

  it.each<[string, FetchOutcome]>([
    ['nothing listens', { ok: false, message: 'Could not reach http://127.0.0.1:9400 (Failed to fetch).' }],
    ['another issuer answers', doc('http://127.0.0.1:9999')],
    ['an HTML page answers', { ok: true, answer: { status: 200, headers: { 'content-type': 'text/html' }, bodyText: '<html>dev server</html>' } }],
    ['a 404', { ok: true, answer: { status: 404, headers: {}, bodyText: '' } }],
  ])('is down when %s, with the reason', async (_, answer) => {
    const s = setup(() => answer);
    const p = await s.check({});
    expect(p.up).toBe(false);
    expect(p.reason).toBeTruthy();
  });

  it('fetches at most once a minute, across worker restarts (kept in storage.session)', async () => {
    const s = setup(() => doc(ISSUER));
    await s.check({});
    await s.check({});
    s.advance(DEMO_PRESENCE_TTL_MS - 1);
    await s.check({});
    expect(s.urls).toHaveLength(1);
    // A fresh worker (a new checker over the same session storage) reuses the stored answer.
    const again = makeDemoPresence({ issuer: ISSUER, session: s.session, now: () => 1_000_000 + 10, fetchText: () => Promise.reject(new Error('must not fetch')) });
    expect((await again({})).up).toBe(true);
    s.advance(1);
    await s.check({});
    expect(s.urls).toHaveLength(2);
  });

  it('shares one fetch between callers that ask together; refresh skips the minute', async () => {
    let release!: (v: FetchOutcome) => void;
    const s = setup(() => new Promise<FetchOutcome>((r) => (release = r)));
    const a = s.check({});
    const b = s.check({});
    await new Promise((r) => setTimeout(r, 0));
    release({ ok: false, message: 'down' });
    expect((await a).up).toBe(false);
    expect((await b).up).toBe(false);
    expect(s.urls).toHaveLength(1);
    const c = s.check({ refresh: true });
    await new Promise((r) => setTimeout(r, 0));
    release(doc(ISSUER));
    expect((await c).up).toBe(true);
    expect(s.urls).toHaveLength(2);
  });

  it('ignores a stored answer about another issuer or from the future', async () => {
    const s = setup(() => doc(ISSUER));
    await s.session.set({ 'demo:presence': { issuer: 'http://127.0.0.1:1', up: false, checkedAt: 1_000_000 } });
    expect((await s.check({})).up).toBe(true);
    await s.session.set({ 'demo:presence': { issuer: ISSUER, up: false, checkedAt: 9_000_000 } });
    expect((await s.check({})).up).toBe(true);
    expect(s.urls).toHaveLength(2);
  });
});
