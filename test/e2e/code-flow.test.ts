/**
 * Authorization code + PKCE end to end in real Chromium against the demo provider: launched from the
 * popup, login and consent on the provider's own pages, the redirect caught before the app sees it,
 * the code redeemed by the service worker, and the panel showing each step with the ID token verified.
 */
import { describe, expect, it } from 'vitest';
import { TEST_PAUSE_KEY } from '../../src/shared/constants';
import { type Harness, useHarness, setSessionKey } from './harness';
import { profileFor } from './profiles';
import { atLoginForm, loginAndConsent, openPanelAtOutcome, runCodeFlow, startFromPopup, stepKinds, waitClosed } from './flows';

let h: Harness;

useHarness((x) => (h = x), { freshLogin: true });

describe('authorization code + PKCE', () => {
  it('runs end to end, stops the redirect, and shows verified tokens in the panel', async () => {
    const issuer = h.provider.issuer;
    const panel = await runCodeFlow(h, issuer);
    const detail = panel.locator('[data-testid="flow-detail"]');
    await expect(detail.getAttribute('data-status')).resolves.toBe('complete');
    await expect(panel.locator('[data-testid="outcome"]').innerText()).resolves.toContain('Tokens received');

    // Every step of the flow, in order.
    expect(await stepKinds(panel)).toEqual(['authorization-request', 'callback', 'token-request', 'token-response']);

    // The authorization request carried PKCE S256, state and nonce.
    const authz = panel.locator('[data-testid="authz-params"]');
    await expect(authz.locator('tr[data-param="code_challenge_method"] td').innerText()).resolves.toBe('S256');
    for (const p of ['state', 'nonce', 'code_challenge', 'redirect_uri', 'client_id']) {
      expect(await authz.locator(`tr[data-param="${p}"]`).count()).toBe(1);
    }

    // The ID token is decoded and its signature verified against the issuer's JWKS.
    const verification = panel.locator('[data-token="id_token"] [data-testid="verification"]');
    await expect(verification.getAttribute('data-status')).resolves.toBe('verified');
    await expect(verification.innerText()).resolves.toContain(`${issuer}/jwks`);
    const payload = JSON.parse(await panel.locator('[data-token="id_token"] [data-testid="jwt-payload"]').innerText()) as Record<string, unknown>;
    expect(payload.iss).toBe(issuer);
    expect(payload.aud).toBe('grantscope-public');
    expect(payload.sub).toBe('alice');

    // ID token claim checks pass, the nonce against the value actually sent.
    const nonceCheck = panel.locator('[data-finding="idtoken.nonce.mismatch"]');
    await expect(nonceCheck.getAttribute('data-status')).resolves.toBe('pass');

    // A refresh token came (offline_access + prompt=consent, OIDC Core 11).
    expect(await panel.locator('[data-token="refresh_token"]').count()).toBe(1);

    await h.shoot(panel, 'panel-code-flow');

    // Secrets are masked until revealed: the code, the verifier and the tokens never show in clear.
    const text = await panel.locator('body').innerText();
    const codeRow = panel.locator('[data-testid="callback-params"] tr[data-param="code"]');
    const maskedCode = await codeRow.locator('[data-testid="secret-value"]').innerText();
    expect(maskedCode).toMatch(/chars\)$/);
    await codeRow.getByRole('button', { name: 'Reveal code' }).click();
    const code = await codeRow.locator('[data-testid="secret-value"]').innerText();
    expect(code.length).toBeGreaterThan(20);
    expect(text).not.toContain(code);
    const accessRow = panel.locator('[data-token="access_token"]');
    await accessRow.getByRole('button', { name: 'Reveal access_token' }).click();
    const accessToken = await accessRow.locator('[data-testid="secret-value"]').innerText();
    expect(text).not.toContain(accessToken);
    await accessRow.getByRole('button', { name: 'Hide access_token' }).click();

    // The app's redirect_uri was never reached: the code went to Grantscope only.
    expect(h.provider.appHits).toEqual([]);
  });

  it('completes when the service worker is stopped between the start and the redirect', async () => {
    const issuer = h.provider.issuer;
    const { login } = await startFromPopup(h, profileFor(issuer, 'grantscope-public'));
    await atLoginForm(login);
    await h.stopServiceWorker();
    const starts = h.workerStarts();
    await loginAndConsent(login);
    await waitClosed(login);
    // The redirect woke a new worker instance, which found the flow's state in storage.session.
    expect(h.workerStarts()).toBeGreaterThan(starts);
    const panel = await openPanelAtOutcome(h);
    await expect(panel.locator('[data-testid="flow-detail"]').getAttribute('data-status')).resolves.toBe('complete');
    await expect(panel.locator('[data-token="id_token"] [data-testid="verification"]').getAttribute('data-status')).resolves.toBe('verified');
    expect(h.provider.appHits).toEqual([]);
    await panel.close();
  });

  it('completes when the service worker is stopped between the callback and the redemption', async () => {
    const issuer = h.provider.issuer;
    // Test-build hook: the worker records the callback but does not redeem yet (src/background/capture.ts).
    const panel = await h.openPage('panel.html');
    await setSessionKey(panel, TEST_PAUSE_KEY, true);
    const { login } = await startFromPopup(h, profileFor(issuer, 'grantscope-public'));
    await loginAndConsent(login);
    await waitClosed(login);
    await panel.reload();
    await panel.waitForSelector('[data-testid="flow-detail"][data-status="callback-received"]');

    await h.stopServiceWorker();
    const starts = h.workerStarts();
    await setSessionKey(panel, TEST_PAUSE_KEY, undefined);
    // Any event wakes the worker; at start it finds the flow waiting and redeems the code.
    await panel.reload();
    await panel.waitForSelector('[data-testid="flow-detail"][data-status="complete"]', { timeout: 20_000 });
    expect(h.workerStarts()).toBeGreaterThan(starts);
    await expect(panel.locator('[data-token="id_token"] [data-testid="verification"]').getAttribute('data-status')).resolves.toBe('verified');
    await panel.close();
  });
});
