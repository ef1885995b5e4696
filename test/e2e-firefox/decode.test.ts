/**
 * The Decode view's verdict first, in Firefox (issue 11; test/e2e/decode.test.ts is the Chromium
 * side): the summary line says unsigned / expired / JWE / malformed the moment the text is pasted, a
 * verified signature is named in it, and the pasted token is shown in full with no Reveal.
 *
 * The verify case signs with a key made here and pastes its public JWK, so it needs no provider; the
 * issuer's-JWKS path in Firefox is workbench.test.ts's.
 */
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { clickButton } from './flows';
import { type FirefoxHarness, firefoxSkipReason, useFirefoxHarness } from './harness';

const skip = firefoxSkipReason();
if (skip) console.warn(`e2e-firefox skipped: ${skip}`);

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (header: object, payload: object, sig = 'c2lnbmF0dXJl') => `${b64(header)}.${b64(payload)}.${sig}`;
const now = () => Math.floor(Date.now() / 1000);

/** Sets a field as a paste would, then fires its input event (typing a token key by key is slow). */
async function fill(p: Page, selector: string, text: string): Promise<void> {
  await p.$eval(
    selector,
    (el, v) => {
      const f = el as HTMLTextAreaElement;
      f.value = v as string;
      f.dispatchEvent(new Event('input', { bubbles: true }));
    },
    text,
  );
}

/** The first summary line's attribute, once it has one. */
async function lineAttr(p: Page, name: string, want: string): Promise<string> {
  const el = await p.waitForSelector(`.decode-view [data-token-summary][${name}="${want}"]`, { timeout: 10_000 });
  return el!.evaluate((e) => (e as HTMLElement).innerText);
}

describe.skipIf(!!skip)(`decode verdict in Firefox${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let h: FirefoxHarness;
  useFirefoxHarness((x) => (h = x));

  it('unsigned, expired, JWE and malformed input are named at once; the pasted token is shown whole', async () => {
    const p = await h.openExtensionPage('panel.html#decode', 'textarea[name="decodeInput"]');
    const unsigned = jwt({ alg: 'none' }, { iss: 'https://op.example', sub: 'alice', aud: 'app', iat: now() - 60, exp: now() + 3600 }, '');
    await fill(p, 'textarea[name="decodeInput"]', unsigned);
    expect(await lineAttr(p, 'data-signing', 'unsigned')).toMatch(/unsigned/);
    expect(await p.$eval('.decode-view [data-testid="owned-value"]', (e) => (e as HTMLElement).innerText)).toBe(unsigned);
    expect(await p.$$eval('.decode-view button', (bs) => bs.filter((b) => /^Reveal/.test(b.getAttribute('aria-label') ?? '')).length)).toBe(0);
    await h.shoot(p, 'decode-unsigned');

    await fill(p, 'textarea[name="decodeInput"]', jwt({ alg: 'RS256' }, { iss: 'https://op.example', sub: 'alice', aud: 'app', iat: now() - 7800, exp: now() - 7230 })); // 30 s spare: Firefox's clock reads a little behind (timer rounding)
    expect(await lineAttr(p, 'data-standing', 'expired')).toContain('expired 2 h ago');
    expect(await p.$eval('[data-testid="decode-verdict"]', (e) => e.getAttribute('data-worst'))).toBe('err');
    await h.shoot(p, 'decode-expired');

    await fill(p, 'textarea[name="decodeInput"]', `${b64({ alg: 'RSA-OAEP-256', enc: 'A256GCM' })}.a2V5.aXY.Y2lwaGVydGV4dA.dGFn`);
    expect(await lineAttr(p, 'data-type', 'jwe')).toMatch(/JWE \(encrypted\)/);
    await h.shoot(p, 'decode-jwe');

    await fill(p, 'textarea[name="decodeInput"]', `${b64({ alg: 'RS256' })}.bm90IGpzb24.c2ln`);
    expect(await lineAttr(p, 'data-type', 'malformed')).toMatch(/malformed/);
    await h.shoot(p, 'decode-malformed');
    await p.close();
  });

  it('a signature verified with a pasted key is named in the summary line', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const token = await new SignJWT({ sub: 'alice', aud: 'app', nonce: 'n-1' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer('https://op.example')
      .setIssuedAt()
      .setExpirationTime('10 min')
      .sign(privateKey);
    const p = await h.openExtensionPage('panel.html#decode', 'textarea[name="decodeInput"]');
    await fill(p, 'textarea[name="decodeInput"]', token);
    await lineAttr(p, 'data-signing', 'signed');
    await fill(p, 'textarea[name="verifyKey"]', JSON.stringify({ ...(await exportJWK(publicKey)), kid: 'k1' }));
    await fill(p, 'input[name="checkNonce"]', 'n-1');
    await clickButton(p, 'Verify', '.decode-view');
    const shown = await p.waitForSelector('[data-testid="summary-verification"]', { timeout: 15_000 });
    expect(await shown!.evaluate((e) => e.getAttribute('data-status'))).toBe('verified');
    expect(await shown!.evaluate((e) => (e as HTMLElement).innerText)).toContain('signature verified');
    expect(await p.$eval('[data-testid="decode-verdict"]', (e) => e.getAttribute('data-worst'))).toBe('ok');
    await h.shoot(p, 'decode-verified-key');
    await p.close();
  });
});
