/**
 * The standalone decoder: a token from a flow opened with "Decode", its claims explained, its
 * signature verified against the issuer's keys; broken input named, never a crash. Verdict first
 * (issue 11): the summary line says unsigned / expired / JWE / malformed at once, the ID token rules'
 * verdict sits above the evidence, and what was pasted is shown in full (no Reveal).
 */
import type { Page } from 'playwright-core';
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
    // The summary line says it too, and the verdict at the top has no failure for a fresh token from the flow.
    await expect(panel.locator('[data-testid="summary-verification"]').innerText()).resolves.toContain('signature verified');
    await expect(panel.locator('[data-testid="decode-verdict"]').getAttribute('data-worst')).resolves.toBe('ok');
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

  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const jwt = (header: object, payload: object, sig = 'c2lnbmF0dXJl') => `${b64(header)}.${b64(payload)}.${sig}`;
  const now = () => Math.floor(Date.now() / 1000);

  async function paste(panel: Page, text: string): Promise<void> {
    await panel.locator('textarea[name="decodeInput"]').fill(text);
  }
  const line = (panel: Page) => panel.locator('.decode-view [data-token-summary]').first();

  it('says unsigned at once, and shows the pasted token in full with no Reveal', async () => {
    const panel = await h.openPage('panel.html#decode');
    const token = jwt({ alg: 'none' }, { iss: 'https://op.example', sub: 'alice', aud: 'app', iat: now() - 60, exp: now() + 3600 }, '');
    await paste(panel, token);
    await expect.poll(() => line(panel).getAttribute('data-signing')).toBe('unsigned');
    await expect(line(panel).innerText()).resolves.toMatch(/unsigned[\s\S]*expires in (59 min|1 h)/);
    await expect(panel.locator('[data-testid="decode-verdict"] [data-finding="idtoken.alg.none"]').getAttribute('data-status')).resolves.toBe('fail');
    await expect(panel.locator('.decode-view [data-testid="owned-value"]').innerText()).resolves.toBe(token);
    await expect(panel.locator('.decode-view').getByRole('button', { name: /^Reveal/ }).count()).resolves.toBe(0);
    await h.shoot(panel, 'decode-unsigned');
    await panel.close();
  });

  it('says expired 2 h ago, with local dates and the raw number on hover', async () => {
    const panel = await h.openPage('panel.html#decode');
    // 30 s past the two hours: the browser clock may read a little behind this one (Firefox rounds its timers), and 7199 s reads "1 h ago".
    const exp = now() - 7230;
    await paste(panel, jwt({ alg: 'RS256', kid: 'k1' }, { iss: 'https://op.example', sub: 'alice', aud: 'app', iat: exp - 600, exp }));
    await expect.poll(() => line(panel).getAttribute('data-standing')).toBe('expired');
    await expect(line(panel).innerText()).resolves.toContain('expired 2 h ago');
    await expect(panel.locator('[data-testid="decode-verdict"]').getAttribute('data-worst')).resolves.toBe('err');
    const shown = panel.locator('.decode-view [data-testid="token-times"] [data-time="exp"] .when');
    await expect(shown.innerText()).resolves.toMatch(/^\d{1,2} \w{3} \d{4}, \d\d:\d\d \(expired 2 h ago\)$/);
    await expect(shown.getAttribute('title')).resolves.toContain(String(exp));
    await h.shoot(panel, 'decode-expired');
    await panel.close();
  });

  it('a token that can never be valid (nbf after exp, two audiences, no azp) is judged at the top', async () => {
    const panel = await h.openPage('panel.html#decode');
    await paste(panel, jwt({ alg: 'RS256' }, { iss: 'https://op.example', sub: 'alice', aud: ['app', 'api'], iat: now() - 60, nbf: now() + 7200, exp: now() + 3600 }));
    await panel.locator('input[name="checkClientId"]').fill('app');
    const verdict = panel.locator('[data-testid="decode-verdict"]');
    await expect.poll(() => verdict.locator('[data-finding="idtoken.time.nbf-after-exp"]').getAttribute('data-status')).toBe('fail');
    await expect(verdict.locator('[data-finding="idtoken.azp.present"]').getAttribute('data-status')).resolves.toBe('fail');
    await expect(verdict.innerText()).resolves.toContain('can never be valid');
    await expect(line(panel).getAttribute('data-standing')).resolves.toBe('not-yet-valid');
    await verdict.getByRole('button', { name: /passed/ }).click();
    await expect(verdict.locator('[data-finding="idtoken.aud"]').getAttribute('data-status')).resolves.toBe('pass');
    await h.shoot(panel, 'decode-never-valid');
    await panel.close();
  });

  it('names a JWE and malformed input in the summary', async () => {
    const panel = await h.openPage('panel.html#decode');
    await paste(panel, `${b64({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'enc-1' })}.a2V5.aXY.Y2lwaGVydGV4dA.dGFn`);
    await expect.poll(() => line(panel).getAttribute('data-type')).toBe('jwe');
    await expect(line(panel).innerText()).resolves.toMatch(/JWE \(encrypted\)[\s\S]*RSA-OAEP-256 \/ A256GCM/);
    await expect(panel.locator('[data-testid="decode-verdict"]').count()).resolves.toBe(0);
    await h.shoot(panel, 'decode-jwe');
    await paste(panel, `${b64({ alg: 'RS256' })}.bm90IGpzb24.c2ln`);
    await expect.poll(() => line(panel).getAttribute('data-type')).toBe('malformed');
    await expect(line(panel).innerText()).resolves.toMatch(/malformed/);
    await h.shoot(panel, 'decode-malformed');
    await panel.close();
  });
});
