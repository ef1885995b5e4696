/**
 * Issue 13, "Share a flow safely", in Firefox: the same checks as test/e2e/export.test.ts. A launched
 * code flow and a recorded SPA login (its token answer read by Firefox's response filter, so tokens
 * are in it) exported in every format by Copy (the page's clipboard write intercepted) and by Download
 * (the test build holds the downloads permission; Firefox saves into a folder the test names through
 * its download prefs, and the file is read back from the path the downloads API reports). No secret
 * value of the flow may appear in any export, and each carries its receipt.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import type browserApi from 'webextension-polyfill';
import { describe, expect, it } from 'vitest';
import { leaks, secretsOf } from '../../src/core/export/export.fixtures';
import type { Flow } from '../../src/core/flow';
import { spaLogin } from './apps';
import { clickButton, launchAndConsent, profileFor, send } from './flows';
import { type FirefoxHarness, firefoxSkipReason, useFirefoxHarness } from './harness';

const skip = firefoxSkipReason();
if (skip) console.warn(`e2e-firefox skipped: ${skip}`);

const FORMATS = ['report-md', 'report-html', 'bundle', 'har', 'curl'] as const;
const DIALOG = '[data-testid="export-dialog"]';
const DOWNLOADS = mkdtempSync(join(tmpdir(), 'grantscope-ff-downloads-'));

function hasReceipt(format: (typeof FORMATS)[number], text: string): boolean {
  if (format === 'bundle') return (JSON.parse(text) as { redacted: boolean }).redacted && text.includes('"receipt"');
  if (format === 'har') return (JSON.parse(text) as { log: { _grantscope: { redacted: boolean } } }).log._grantscope.redacted;
  return text.includes('Redaction receipt');
}

describe.skipIf(!!skip)(`sharing a flow safely in Firefox${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let h: FirefoxHarness;
  useFirefoxHarness((x) => (h = x), {
    prefs: { 'browser.download.folderList': 2, 'browser.download.dir': DOWNLOADS, 'browser.download.useDownloadDir': true, 'browser.download.always_ask_before_handling_new_types': false },
  });

  async function interceptClipboard(panel: Page): Promise<void> {
    await panel.evaluate(() => {
      const w = globalThis as unknown as { __copied: string[] };
      w.__copied = [];
      navigator.clipboard.writeText = (t: string) => (w.__copied.push(t), Promise.resolve());
    });
  }
  const lastCopied = (panel: Page) => panel.evaluate(() => (globalThis as unknown as { __copied: string[] }).__copied.at(-1) ?? '');
  const statusText = (panel: Page) => panel.$eval(`${DIALOG} [data-testid="export-status"]`, (e) => (e as HTMLElement).innerText).catch(() => '');

  async function openExport(panel: Page): Promise<void> {
    await panel.click('[data-testid="flow-detail"] [data-testid="export-open"]');
    await panel.waitForSelector(`${DIALOG} [data-testid="export-receipt"]`);
  }

  async function copyEach(panel: Page, secrets: string[]): Promise<void> {
    for (const f of FORMATS) {
      await panel.click(`${DIALOG} input[name="exportFormat"][value="${f}"]`);
      await panel.click(`${DIALOG} [data-testid="export-copy"]`);
      await expect.poll(() => statusText(panel)).toMatch(/^Copied the .* to the clipboard, redacted\.$/);
      const text = await lastCopied(panel);
      expect(text.length, f).toBeGreaterThan(200);
      expect(leaks(text, secrets), `${f} leaks`).toEqual([]);
      expect(hasReceipt(f, text), `${f} receipt`).toBe(true);
    }
  }

  /** Downloads the chosen format and reads the file back from where Firefox says it wrote it. */
  async function downloaded(panel: Page): Promise<string> {
    await panel.click(`${DIALOG} [data-testid="export-download"]`);
    await expect.poll(() => statusText(panel), { timeout: 20_000 }).toMatch(/^Saved as /);
    const [item] = await panel.evaluate(() => (globalThis as unknown as { browser: typeof browserApi }).browser.downloads.search({ orderBy: ['-startTime'], limit: 1 }));
    expect(item?.state).toBe('complete');
    return readFileSync(item!.filename, 'utf8');
  }

  const selectedFlow = async (panel: Page): Promise<Flow> => {
    const id = await panel.$eval('.flow-item.selected', (e) => e.getAttribute('data-flow-id'));
    return send<Flow>(panel, 'flow/get', { id });
  };

  it('a launched code flow: every format by Copy, a bundle by Download, no secret anywhere', async () => {
    await h.clearCookies();
    const panel = await launchAndConsent(h, profileFor(h.demo.provider.issuer, 'grantscope-public'));
    const flow = await selectedFlow(panel);
    const secrets = secretsOf([flow]);
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    await interceptClipboard(panel);
    await openExport(panel);
    expect(await panel.$eval(`${DIALOG} [data-testid="export-receipt"]`, (e) => (e as HTMLElement).innerText)).toMatch(/^\d+ values redacted: .*authorization code/);
    await h.shoot(panel, 'panel-export-dialog');
    await copyEach(panel, secrets);
    await panel.click(`${DIALOG} input[name="exportFormat"][value="bundle"]`);
    const file = await downloaded(panel);
    expect(leaks(file, secrets)).toEqual([]);
    expect((JSON.parse(file) as { flows: { id: string }[] }).flows.map((f) => f.id)).toEqual([flow.id]);
    await clickButton(panel, 'Close', DIALOG);
    // Copy as cURL on the token request, redacted.
    await panel.click('li.step[data-step="token-request"] [data-testid="copy-curl-redacted"]');
    await expect.poll(() => lastCopied(panel)).toMatch(/^curl -X 'POST'/);
    expect(leaks(await lastCopied(panel), secrets)).toEqual([]);
    await panel.close();
  });

  it('a recorded SPA login with its token answer: every format by Copy, an HTML report by Download', async () => {
    await h.clearCookies();
    const page = await h.newPage();
    await spaLogin(page, h.demo);
    const panel = await h.openExtensionPage('panel.html', 'nav.flow-list');
    const row = await panel.waitForSelector('[data-flow-id][data-source="captured"][data-status="complete"]', { timeout: 20_000 });
    await row!.click();
    await panel.waitForSelector('[data-testid="flow-detail"][data-source="captured"]');
    const flow = await selectedFlow(panel);
    const secrets = secretsOf([flow]);
    // Code, verifier, and the tokens the response filter read.
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    await interceptClipboard(panel);
    await openExport(panel);
    await copyEach(panel, secrets);
    await panel.click(`${DIALOG} input[name="exportFormat"][value="report-html"]`);
    const html = await downloaded(panel);
    expect(html).toMatch(/^<!doctype html>/);
    expect(leaks(html, secrets)).toEqual([]);
    await h.shoot(panel, 'panel-export-saved');
    await Promise.all([panel.close(), page.close()]);
  });
});
