/**
 * Issue 13, "Share a flow safely", in Chromium: a launched demo flow and a recorded one exported in
 * every format through the panel's dialog, by Copy (the page's clipboard write intercepted, so the
 * test reads exactly what would be pasted) and by Download (the downloads API: headless Chromium
 * grants the optional permission the click asks for without a prompt; the file is read back from the
 * path the browser reports). No secret value of the flow may appear in any export, and each carries
 * its receipt. Also: a selection of both flows from the list, and Copy as cURL on a token request.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { leaks, secretsOf } from '../../src/core/export/export.fixtures';
import type { Flow } from '../../src/core/flow';
import { spaLogin } from './apps';
import { runCodeFlow } from './flows';
import { type Harness, useHarness } from './harness';

let h: Harness;
useHarness((x) => (h = x), { apps: true, freshLogin: true });

type Chrome = { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value: unknown }> }; downloads: { search(q: object): Promise<{ id: number; filename: string; state: string }[]> } };

/** The flow as the worker keeps it, secrets and all: the test's list of what must not leak. */
async function flowOf(panel: Page, id: string): Promise<Flow> {
  const reply = await panel.evaluate((flowId) => (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage({ grantscope: 1, type: 'flow/get', payload: { id: flowId } }), id);
  if (!reply.ok || !reply.value) throw new Error(`flow ${id} not found`);
  return reply.value as Flow;
}

/** Keeps what the page writes to the clipboard, in order (the real clipboard is the browser's, not the test's). */
async function interceptClipboard(panel: Page): Promise<void> {
  await panel.evaluate(() => {
    const w = globalThis as unknown as { __copied: string[] };
    w.__copied = [];
    navigator.clipboard.writeText = (t: string) => (w.__copied.push(t), Promise.resolve());
  });
}
const lastCopied = (panel: Page) => panel.evaluate(() => (globalThis as unknown as { __copied: string[] }).__copied.at(-1) ?? '');

const FORMATS = ['report-md', 'report-html', 'bundle', 'har', 'curl'] as const;

/** The export's own receipt, where each format keeps it. */
function hasReceipt(format: (typeof FORMATS)[number], text: string): boolean {
  switch (format) {
    case 'report-md':
      return text.includes('## Redaction receipt');
    case 'report-html':
      return text.includes('Redaction receipt');
    case 'bundle':
      return (JSON.parse(text) as { redacted: boolean; receipt: { items: unknown[] } }).redacted && Array.isArray((JSON.parse(text) as { receipt: { items: unknown[] } }).receipt.items);
    case 'har':
      return (JSON.parse(text) as { log: { _grantscope: { redacted: boolean } } }).log._grantscope.redacted;
    case 'curl':
      return text.includes('# Redaction receipt');
  }
}

/** Copies every format from the open dialog; returns the texts by format. */
async function copyEach(panel: Page, secrets: string[]): Promise<Record<string, string>> {
  const dialog = panel.locator('[data-testid="export-dialog"]');
  const out: Record<string, string> = {};
  for (const f of FORMATS) {
    await dialog.locator(`input[name="exportFormat"][value="${f}"]`).check();
    await dialog.getByTestId('export-copy').click();
    await expect.poll(() => dialog.getByTestId('export-status').innerText()).toMatch(/^Copied the .* to the clipboard, redacted\.$/);
    const text = await lastCopied(panel);
    expect(text.length, f).toBeGreaterThan(200);
    expect(leaks(text, secrets), `${f} leaks`).toEqual([]);
    expect(hasReceipt(f, text), `${f} receipt`).toBe(true);
    out[f] = text;
  }
  return out;
}

/** Download of the format chosen now: saved through the downloads API, read back from disk. */
async function downloaded(panel: Page): Promise<string> {
  const dialog = panel.locator('[data-testid="export-dialog"]');
  await dialog.getByTestId('export-download').click();
  await expect.poll(() => dialog.getByTestId('export-status').innerText(), { timeout: 20_000 }).toMatch(/^Saved as /);
  const items = await panel.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.downloads.search({ orderBy: ['-startTime'], limit: 1 }));
  expect(items[0]?.state).toBe('complete');
  return readFileSync(items[0]!.filename, 'utf8');
}

/**
 * h.shoot grows the page to the whole flow, where the dialog is a small part: the dialog alone too,
 * light and dark, so a person can read it (GRANTSCOPE_SCREENSHOTS).
 */
async function shootDialog(panel: Page, name: string, testid = 'export-dialog'): Promise<void> {
  await h.shoot(panel, name);
  const dir = process.env.GRANTSCOPE_SCREENSHOTS;
  if (!dir) return;
  for (const colorScheme of ['light', 'dark'] as const) {
    await panel.emulateMedia({ colorScheme });
    await panel.getByTestId(testid).screenshot({ path: join(dir, `${name}-only-${colorScheme}.png`) });
  }
  await panel.emulateMedia({ colorScheme: null });
}

const selectedId = (panel: Page) => panel.locator('.flow-item.selected').getAttribute('data-flow-id').then((x) => x!);

describe('sharing a flow safely', () => {
  it('a launched code flow: every format by Copy, a bundle by Download, the receipt in the dialog, no secret anywhere', async () => {
    const panel = await runCodeFlow(h, h.provider.issuer);
    const flow = await flowOf(panel, await selectedId(panel));
    const secrets = secretsOf([flow]);
    // Code, verifier, access, refresh and ID token (signature) at least.
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    await interceptClipboard(panel);
    // Where the buttons sit: the list's Export… in the toolbar, the flow's in its header.
    if (process.env.GRANTSCOPE_SCREENSHOTS) await panel.screenshot({ path: join(process.env.GRANTSCOPE_SCREENSHOTS, 'panel-export-buttons-light.png'), clip: { x: 0, y: 0, width: 1200, height: 260 } });
    await panel.locator('[data-testid="flow-detail"] [data-testid="export-open"]').click();
    const dialog = panel.locator('[data-testid="export-dialog"]');
    await expect(dialog.getByTestId('export-what').innerText()).resolves.toContain('Authorization code');
    await expect(dialog.getByTestId('export-receipt').innerText()).resolves.toMatch(/^\d+ values redacted: .*authorization code.*access token/);
    await shootDialog(panel, 'panel-export-dialog');
    await copyEach(panel, secrets);

    await dialog.locator('input[name="exportFormat"][value="bundle"]').check();
    const file = await downloaded(panel);
    expect(leaks(file, secrets)).toEqual([]);
    expect((JSON.parse(file) as { flows: { id: string }[] }).flows.map((f) => f.id)).toEqual([flow.id]);

    // Turning redaction off asks, and says what would be readable.
    await dialog.locator('input[name="exportRedact"]').click();
    await expect(dialog.getByTestId('export-unredact-confirm').innerText()).resolves.toMatch(/will hold, readable: .*refresh token/);
    await shootDialog(panel, 'panel-export-confirm');
    await dialog.getByRole('button', { name: 'Keep redacted' }).click();
    await dialog.getByRole('button', { name: 'Close the export dialog' }).click();

    // Copy as cURL on the token request: redacted, with its note.
    const curl = panel.locator('li.step[data-step="token-request"] [data-testid="copy-curl"]').first();
    await expect(curl.innerText()).resolves.toMatch(/Redacted: .*authorization code.*placeholders/);
    await curl.getByTestId('copy-curl-redacted').click();
    await expect.poll(() => lastCopied(panel)).toMatch(/^curl -X 'POST'/);
    expect(leaks(await lastCopied(panel), secrets)).toEqual([]);
    await panel.close();
  });

  it('a recorded SPA login: every format by Copy; then both flows picked in the list as one bundle', async () => {
    const page = await h.context.newPage();
    await spaLogin(page, { ...h.apps!, provider: h.provider });
    const panel = await h.openPage('panel.html');
    const row = panel.locator('[data-flow-id][data-source="captured"]').first();
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    await panel.waitForSelector('[data-testid="flow-detail"][data-source="captured"]');
    const recorded = await flowOf(panel, (await row.getAttribute('data-flow-id'))!);
    const secrets = secretsOf([recorded]);
    expect(secrets.length).toBeGreaterThanOrEqual(2);
    await interceptClipboard(panel);
    await panel.locator('[data-testid="flow-detail"] [data-testid="export-open"]').click();
    await copyEach(panel, secrets);
    await panel.getByRole('button', { name: 'Close the export dialog' }).click();

    // The list's Export…: the open flow is ticked; add the launched one.
    const launchedId = await panel.locator('[data-flow-id][data-source="launched"]').first().getAttribute('data-flow-id');
    const all = secretsOf([recorded, await flowOf(panel, launchedId!)]);
    await panel.getByTestId('export-selection').click();
    const picker = panel.getByTestId('export-picker');
    await picker.locator(`input[name="exportPick"][value="${launchedId}"]`).check();
    await shootDialog(panel, 'panel-export-picker', 'export-picker');
    await picker.getByTestId('export-pick-next').click();
    const dialog = panel.locator('[data-testid="export-dialog"][data-what="selection"]');
    await expect(dialog.locator('h2').innerText()).resolves.toBe('Export 2 flows');
    await dialog.locator('input[name="exportFormat"][value="bundle"]').check();
    await dialog.getByTestId('export-copy').click();
    await expect.poll(() => lastCopied(panel).then((t) => t.startsWith('{') && (JSON.parse(t) as { flows: unknown[] }).flows.length)).toBe(2);
    expect(leaks(await lastCopied(panel), all)).toEqual([]);
    await dialog.locator('input[name="exportFormat"][value="report-html"]').check();
    const html = await downloaded(panel);
    expect(html).toContain('<h1>2 flows</h1>');
    expect(leaks(html, all)).toEqual([]);
    await panel.close();
    await page.close();
  });
});
