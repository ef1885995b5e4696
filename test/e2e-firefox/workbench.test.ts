/**
 * The token workbench in Firefox (issue 10, item 1; test/e2e/decode.test.ts and actions.test.ts are
 * the Chromium side): the Decode view verifies a pasted ID token against the issuer's JWKS and names a
 * tampered one; on a launched code flow with offline_access, Refresh compares the new set with the one
 * before, the reuse test replays the spent refresh token (RFC 9700 4.14.2: refused, family revoked) and
 * the down-scope test asks for less (RFC 6749 6). Each asserts what the panel shows.
 *
 * The pasted ID token comes from the demo provider by a login this file drives over plain HTTP (the
 * confidential client, code + PKCE): the Decode view is about what a person pastes, not about a flow.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { driveLogin } from '../provider/login-driver';
import { clickButton, launchAndConsent, outcome, profileFor } from './flows';
import { type FirefoxHarness, firefoxSkipReason, useFirefoxHarness } from './harness';

const skip = firefoxSkipReason();
if (skip) console.warn(`e2e-firefox skipped: ${skip}`);

/** An ID token the demo provider issued to its confidential client (login and consent driven over HTTP). */
async function demoIdToken(issuer: string): Promise<string> {
  const redirectUri = `${issuer}/app/callback`;
  const verifier = randomBytes(32).toString('base64url');
  const auth = new URL(`${issuer}/auth`);
  for (const [k, v] of Object.entries({
    client_id: 'grantscope-confidential',
    response_type: 'code',
    scope: 'openid profile',
    redirect_uri: redirectUri,
    state: randomBytes(8).toString('hex'),
    nonce: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  })) auth.searchParams.set(k, v);
  const callback = new URL(await driveLogin(auth.href, { redirectUri }));
  const res = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('grantscope-confidential:grantscope-demo-secret').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', redirect_uri: redirectUri, code_verifier: verifier }),
  });
  const body = (await res.json()) as { id_token?: string };
  if (!body.id_token) throw new Error(`the demo provider answered no id_token: HTTP ${res.status}`);
  return body.id_token;
}

/** The same token with one payload claim changed and the signature kept: what a forger would send. */
function tampered(jwt: string): string {
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  return [header, Buffer.from(JSON.stringify({ ...claims, sub: 'mallory' })).toString('base64url'), signature].join('.');
}

describe.skipIf(!!skip)(`token workbench in Firefox${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let h: FirefoxHarness;
  useFirefoxHarness((x) => (h = x));

  /** Pastes `token` into the Decode view, presses Verify, returns the verdict the panel shows. */
  async function pasteAndVerify(p: Page, token: string): Promise<{ status: string | null; text: string }> {
    // Typing a 1 KB token key by key is slow: set the field as a paste would, then fire its input event.
    await p.$eval(
      'textarea[name="decodeInput"]',
      (el, v) => {
        const area = el as HTMLTextAreaElement;
        area.value = v as string;
        area.dispatchEvent(new Event('input', { bubbles: true }));
      },
      token,
    );
    await p.waitForSelector('[data-testid="decode-kind"][data-kind="jwt"]');
    await clickButton(p, 'Verify', '.decode-view');
    // The verdict, or the view's error banner (say, no access to the issuer) so a failure names its cause.
    const shown = await p.waitForSelector('.decode-view [data-testid="verification"], .decode-view .banner.err', { timeout: 15_000 });
    return shown!.evaluate((e) => ({ status: e.getAttribute('data-status'), text: (e as HTMLElement).innerText }));
  }

  it("Decode verifies a pasted ID token against the issuer's JWKS, and calls a tampered one a bad signature", async () => {
    const token = await demoIdToken(h.demo.provider.issuer);
    const p = await h.openExtensionPage('panel.html#decode', 'textarea[name="decodeInput"]');
    const good = await pasteAndVerify(p, token);
    expect(good.status).toBe('verified');
    expect(good.text).toContain('Signature: verified');
    // The claims are explained with their clause, and exp shows as a live countdown.
    await p.click('.decode-view details summary');
    expect(await p.$eval('.decode-view [data-claim="exp"]', (e) => (e as HTMLElement).innerText)).toMatch(/in (9|10) min/);
    expect(await p.$eval('.decode-view [data-claim="iss"]', (e) => (e as HTMLElement).innerText)).toContain(h.demo.provider.issuer);
    await h.shoot(p, 'decode-verified');

    const bad = await pasteAndVerify(p, tampered(token));
    expect(bad.status).toBe('bad-signature');
    expect(bad.text).toContain('Signature: bad signature');
    await h.shoot(p, 'decode-bad-signature');
    await p.close();
  });

  /** A launched code + PKCE flow on the public client with offline_access, at its outcome. */
  async function codeFlowWithRefreshToken(): Promise<Page> {
    await h.clearCookies();
    const panel = await launchAndConsent(h, profileFor(h.demo.provider.issuer, 'grantscope-public'));
    const o = await outcome(panel);
    expect(o, 'the code flow completes in Firefox (it needs the Origin rule: issue 10)').toMatchObject({ status: 'complete' });
    await panel.waitForSelector('[data-testid="token-fields"] tr[data-param="refresh_token"], [data-token="refresh_token"]');
    return panel;
  }

  /** Presses a token action and waits for the timeline to grow by `steps` steps. */
  async function act(panel: Page, label: string, steps: number): Promise<void> {
    const before = (await panel.$$('li.step')).length;
    await clickButton(panel, label, '[data-testid="token-actions"]');
    await panel.waitForFunction((n: number) => document.querySelectorAll('li.step').length >= n, { timeout: 20_000 }, before + steps);
  }

  /** The newest check step's verdict on `id`, as the panel shows it. */
  const verdict = (panel: Page, id: string) =>
    panel.$$eval(`li.step[data-step="check"] [data-finding="${id}"]`, (els) => els.at(-1)?.getAttribute('data-status') ?? null);

  it('Refresh compares the new set with the one before; the reuse test sees the spent token refused and the family revoked', async () => {
    const panel = await codeFlowWithRefreshToken();
    await act(panel, 'Refresh', 3);
    expect(await verdict(panel, 'refresh.rotated')).toBe('pass');
    expect(await verdict(panel, 'refresh.access-token-new')).toBe('pass');
    expect(await verdict(panel, 'refresh.scope-not-widened')).toBe('pass');

    await act(panel, 'Reuse test', 3);
    expect(await verdict(panel, 'refresh.reuse-refused')).toBe('pass');
    expect(await verdict(panel, 'refresh.family-revoked')).toBe('pass');
    await h.shoot(panel, 'token-actions');
    await panel.close();
  });

  it('the down-scope test never widens (RFC 6749 6)', async () => {
    const panel = await codeFlowWithRefreshToken();
    await panel.$eval('input[name="downscope"]', (el) => {
      const input = el as HTMLInputElement;
      input.value = 'openid';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(panel, 'Down-scope test', 3);
    expect(await verdict(panel, 'refresh.downscope')).toBe('pass');
    expect(await panel.$$eval('li.step[data-step="check"] [data-finding="refresh.downscope"]', (els) => (els.at(-1) as HTMLElement).innerText)).toContain('openid');
    await panel.close();
  });
});
