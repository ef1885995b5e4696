/**
 * Issue 12, item 2: "Run both" on a profile of the demo implicit client launches code + PKCE, then the
 * implicit flow with the same client settings (one login: the provider keeps the session), and opens
 * their comparison: the access token at the token endpoint for code and in the fragment for implicit,
 * a refresh token only for code, the ID tokens' claims compared. "Compare with the previous run" opens
 * the same pair; the list's search finds each flow by what it holds (S256, fragment, the sub).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loginAtProvider } from './apps';
import { waitClosed } from './flows';
import { type Harness, useHarness } from './harness';
import { profileFor, saveProfile } from './profiles';

let h: Harness;
useHarness((x) => (h = x), { freshLogin: true });

const USER = 'dora-runboth';

/** The flows the list shows for a search, as ids. */
async function found(panel: Page, q: string): Promise<string[]> {
  await panel.goto(h.url(`panel.html#/flows?q=${encodeURIComponent(q)}`));
  await panel.waitForSelector('nav.flow-list');
  await panel.waitForFunction((w) => (document.querySelector('input[name="flow-search"]') as HTMLInputElement | null)?.value === w, q);
  return panel.locator('[data-flow-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-flow-id') ?? ''));
}

const cell = (panel: Page, row: string, side: 'A' | 'B') => panel.locator(`tr[data-row="${row}"] td[data-side="${side}"]`).innerText();

describe('Run both', () => {
  it('launches code + PKCE then implicit for one client, one login, and opens their comparison', async () => {
    // offline_access survives only with prompt=consent (OIDC Core 11): the code flow's refresh token.
    const profile = profileFor(h.provider.issuer, 'grantscope-implicit', {
      name: 'Demo implicit client (run both)',
      request: { scope: 'openid profile email offline_access', responseType: 'id_token token', prompt: 'consent' } as never,
    });
    await saveProfile(h, profile);
    const panel = await h.openPage('panel.html#/profiles');
    await panel.click(`[data-profile-id="${profile.id}"]`);
    await panel.waitForSelector('[data-testid="run-both"]');
    await h.shoot(panel, 'run-both-profile');

    const first = h.context.waitForEvent('page', (p) => p !== panel);
    await panel.click('[data-testid="run-both-start"]');
    const login = await first;
    const second = h.context.waitForEvent('page', (p) => p !== panel && p !== login);
    await loginAtProvider(login, h.provider.issuer, { user: USER });
    await waitClosed(login);
    // The second flow: the provider keeps the session, so only the consent prompt=consent asks for.
    const again = await second;
    await loginAtProvider(again, h.provider.issuer, { user: USER });
    await waitClosed(again);

    await panel.waitForSelector('[data-testid="compare-view"] [data-testid="compare-verdict"]', { timeout: 30_000 });
    const [, a, b] = /#\/compare\/([^/?]+)\/([^/?]+)/.exec(await panel.evaluate(() => location.hash)) ?? [];
    expect(a && b && a !== b).toBeTruthy();
    // Where the access token travelled: the token endpoint for code, the URL fragment for implicit.
    await expect(cell(panel, 'travel.access_token.channel', 'A')).resolves.toContain('back channel (token endpoint)');
    await expect(cell(panel, 'travel.access_token.channel', 'B')).resolves.toContain('front channel (URL fragment)');
    await expect(cell(panel, 'travel.access_token.channel', 'A')).resolves.not.toContain('fragment');
    // A refresh token only from the code flow.
    await expect(panel.locator('tr[data-row="returned.refresh_token"]').getAttribute('data-state')).resolves.toBe('differs');
    await expect(cell(panel, 'returned.refresh_token', 'A')).resolves.toMatch(/^present/);
    await expect(cell(panel, 'returned.refresh_token', 'B')).resolves.toBe('—');
    // The ID tokens' claims, claim by claim: the implicit one carries at_hash (OIDC Core 3.2.2.10); some differ.
    await expect(panel.locator('[data-group="idtoken"] tr[data-row^="idtoken.claim."]').count()).resolves.toBeGreaterThan(3);
    await expect(panel.locator('[data-group="idtoken"] tr[data-row^="idtoken.claim."]:not([data-state="same"])').count()).resolves.toBeGreaterThan(0);
    await expect(cell(panel, 'idtoken.claim.sub', 'A')).resolves.toContain(USER);
    await h.shoot(panel, 'run-both-compare');

    // "Compare with the previous run": the profile's last two flows, the same pair.
    await panel.goto(h.url('panel.html#/profiles'));
    await panel.click(`[data-profile-id="${profile.id}"]`);
    await panel.click('[data-testid="compare-previous"]');
    await panel.waitForSelector('[data-testid="compare-view"] [data-testid="compare-verdict"]');
    expect(await panel.evaluate(() => location.hash)).toMatch(new RegExp(`^#/compare/${a}/${b}`));

    // Search by content: S256 (code + PKCE only, not the RS256 of every ID token), fragment, the sub.
    expect(await found(panel, 'S256')).toEqual([a]);
    await h.shoot(panel, 'search-s256');
    expect(await found(panel, 'fragment')).toEqual([b]);
    expect((await found(panel, USER)).sort()).toEqual([a!, b!].sort());
    expect(await found(panel, 'refresh_token')).toContain(a);
    expect(h.provider.appHits).toEqual([]);
    await panel.close();
  });
});
