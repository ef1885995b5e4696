/**
 * The standalone decoder: a token from a flow opened with "Decode", its claims explained, its
 * signature verified against the issuer's keys; broken input named, never a crash.
 */
import { describe, expect, it } from 'vitest';
import { runCodeFlow } from './flows';
import { type Harness, useHarness } from './harness';

let h: Harness;
useHarness((x) => (h = x));

describe('decoder', () => {
  it('decodes a flow’s ID token, explains its claims and verifies it against the issuer', async () => {
    const panel = await runCodeFlow(h, h.provider.issuer);
    await panel.locator('li.step[data-step="token-response"] [data-token="id_token"]').getByRole('button', { name: 'Decode id_token' }).click();
    await expect.poll(() => panel.locator('[data-testid="decode-kind"]').getAttribute('data-kind')).toBe('jwt');
    await panel.locator('.decode-view details summary').first().click();
    await expect(panel.locator('.decode-view [data-claim="exp"]').innerText()).resolves.toMatch(/in (9|10) min/);
    await expect(panel.locator('.decode-view [data-claim="nonce"]').innerText()).resolves.toContain('OIDC Core');
    await panel.getByRole('button', { name: 'Verify', exact: true }).click();
    await expect.poll(() => panel.locator('.decode-view [data-testid="verification"]').getAttribute('data-status'), { timeout: 15_000 }).toBe('verified');
    await h.shoot(panel, 'panel-decoder');
    await panel.close();
  });

  it.each([
    ['a.b', 'invalid'],
    ['eyJhbGciOiJub25lIn0.e30.', 'jwt'],
    ['{"access_token":"opaque-value","token_type":"Bearer"}', 'token-response'],
  ])('names what %s is', async (input, kind) => {
    const panel = await h.openPage('panel.html#decode');
    await panel.locator('textarea[name="decodeInput"]').fill(input);
    await expect.poll(() => panel.locator('[data-testid="decode-kind"]').getAttribute('data-kind')).toBe(kind);
    await panel.close();
  });
});
