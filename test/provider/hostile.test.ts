// The broken-provider fixtures answer exactly as fault-cases.md describes, and only there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrokenProvider, CANNED, HOSTILE_CASES, SWAPPED_STATE, type HostileCase, startBrokenProvider } from './hostile';

const started: BrokenProvider[] = [];
const broken = async (c: HostileCase) => {
  const p = await startBrokenProvider(c);
  started.push(p);
  return p;
};
afterAll(async () => {
  await Promise.all(started.map((p) => p.close()));
});

const tokenRequest = (p: BrokenProvider, signal?: AbortSignal) =>
  fetch(`${p.issuer}/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code: `code-${p.case}` }),
    signal: signal ?? null,
  });

describe('broken providers', () => {
  let html: BrokenProvider;
  beforeAll(async () => {
    html = await broken('html-502');
  });

  it('are real providers: discovery names their own issuer and endpoints', async () => {
    const doc = (await (await fetch(`${html.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(doc.issuer).toBe(html.issuer);
    expect(doc.token_endpoint).toBe(`${html.issuer}/token`);
    expect(doc.authorization_response_iss_parameter_supported).toBe(true);
  });

  it.each(Object.entries(CANNED))('%s: the token endpoint answers as specified', async (c, canned) => {
    const p = c === 'html-502' ? html : await broken(c as HostileCase);
    const res = await tokenRequest(p);
    expect(res.status).toBe(canned.status);
    expect(res.headers.get('content-type')).toBe(canned.type);
    expect(await res.text()).toBe(canned.body);
    if (c === 'www-authenticate') expect(res.headers.get('www-authenticate')).toBe('Basic realm="demo", error="invalid_client"');
    expect(p.hits).toContainEqual({ path: '/token', method: 'POST', body: `grant_type=authorization_code&code=code-${c}` });
  });

  it('html-502 carries a fake secret the UI must not show', () => {
    expect(CANNED['html-502'].body).toContain('session=abc123secret');
  });

  it('state-swap redirects the authorization request to itself with another state', async () => {
    const p = await broken('state-swap');
    const res = await fetch(`${p.issuer}/auth?client_id=c&state=mine&scope=openid`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location') ?? '', p.issuer);
    expect(to.pathname).toBe('/auth');
    expect(to.searchParams.get('state')).toBe(SWAPPED_STATE);
    expect(to.searchParams.get('client_id')).toBe('c');
    // The swapped request goes through to the real provider.
    const next = await fetch(to, { redirect: 'manual' });
    expect(next.status).not.toBe(404);
    expect(p.hits.filter((x) => x.path === '/auth')).toHaveLength(1);
  });

  it('slow never answers (checked for 1 s), and close() ends a held request', async () => {
    const p = await startBrokenProvider('slow');
    await expect(tokenRequest(p, AbortSignal.timeout(1000))).rejects.toThrow(/abort|timeout/i);
    const pending = tokenRequest(p);
    while (p.hits.length < 2) await new Promise((r) => setTimeout(r, 10));
    const t = Date.now();
    await p.close();
    await expect(pending).rejects.toThrow();
    expect(Date.now() - t).toBeLessThan(1000);
  });

  it('lists every case', () => {
    expect(HOSTILE_CASES).toHaveLength(11);
  });
});
