/**
 * Import (issue 13) in Chromium: a HAR that Chromium recorded of a real login to the demo SPA
 * (test/fixtures/har/recorded-chromium-spa-redirect.har) becomes a readable flow with its verdicts;
 * a bundle of a flow launched here, exported from the panel's Export… dialog, imports back with the same
 * verdict in its row and its detail, and exports again as the same bundle;
 * a truncated, wrong-version, non-OAuth or huge file gets its named error and the flows kept stay.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type Harness, useHarness } from './harness';
import { runCodeFlow } from './flows';

let h: Harness;
useHarness((x) => (h = x), { freshLogin: true });

const fixture = (name: string) => join(import.meta.dirname, '../fixtures/har', name);
const dir = mkdtempSync(join(tmpdir(), 'gs-import-'));
let panel: Page;

interface Row {
  failed: string | null;
  warned: string | null;
  status: string;
  imported: boolean;
}

async function rowOf(p: Page, id: string): Promise<Row> {
  const row = p.locator(`.flow-item[data-flow-id="${id}"]`);
  return {
    failed: await row.getAttribute('data-failed'),
    warned: await row.getAttribute('data-warned'),
    status: await row.locator('[data-testid="row-status"]').innerText(),
    imported: (await row.getAttribute('data-imported')) === 'true',
  };
}

/** The verdict at the top of the open flow's detail: its worst, its status line, the failed rules. */
async function detailOf(p: Page) {
  const d = p.locator('[data-testid="flow-detail"]');
  return {
    verdict: await d.getAttribute('data-verdict'),
    status: await d.locator('[data-testid="detail-status"]').innerText(),
  };
}

async function importFile(p: Page, path: string): Promise<void> {
  await p.locator('[data-testid="import-file"]').setInputFiles(path);
}

/** A file dropped on the Flows view, as a person drags it from their file manager. */
async function dropFile(p: Page, name: string, text: string): Promise<void> {
  await p.evaluate(
    ([n, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t!], n!, { type: 'application/json' }));
      document.querySelector('.columns')!.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      document.querySelector('.columns')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    [name, text],
  );
}

/** Keeps what the page writes to the clipboard (the export dialog's Copy), in order. */
async function interceptClipboard(p: Page): Promise<void> {
  await p.evaluate(() => {
    const w = globalThis as unknown as { __copied: string[] };
    w.__copied = [];
    navigator.clipboard.writeText = (t: string) => (w.__copied.push(t), Promise.resolve());
  });
}

/** The open flow's bundle, as the detail's Export… dialog copies it (redacted, as by default). */
async function copyBundle(p: Page): Promise<string> {
  await p.locator('[data-testid="flow-detail"] [data-testid="export-open"]').click();
  const dialog = p.locator('[data-testid="export-dialog"]');
  await dialog.locator('input[name="exportFormat"][value="bundle"]').check();
  await dialog.getByTestId('export-copy').click();
  await expect.poll(() => dialog.getByTestId('export-status').innerText()).toMatch(/^Copied the .* redacted\.$/);
  const text = await p.evaluate(() => (globalThis as unknown as { __copied: string[] }).__copied.at(-1) ?? '');
  await dialog.getByRole('button', { name: 'Close the export dialog' }).click();
  return text;
}

const flowIds = (p: Page) => p.locator('.flow-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-flow-id')));

describe('import', () => {
  it('a HAR recorded by Chromium during a real login to the SPA becomes a readable flow with its verdicts', async () => {
    panel = await runCodeFlow(h, h.provider.issuer);
    const before = await flowIds(panel);
    await importFile(panel, fixture('recorded-chromium-spa-redirect.har'));
    const banner = panel.locator('[data-testid="import-result"][data-state="done"]');
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.innerText()).toMatch(/Imported 1 flow from recorded-chromium-spa-redirect\.har\. \d+ of 23 entries were OAuth steps/);
    const selected = panel.locator('.flow-item.selected');
    await selected.locator('[data-testid="imported-badge"]').waitFor();
    const id = (await selected.getAttribute('data-flow-id'))!;
    expect(id).toMatch(/^imp-/);
    expect(await rowOf(panel, id)).toEqual({ failed: '0', warned: '0', status: 'complete', imported: true });
    expect(await selected.innerText()).toContain('from recorded-chromium-spa-redirect.har');
    await panel.locator('[data-testid="flow-detail"] [data-testid="detail-imported"]').waitFor();
    expect(await detailOf(panel)).toEqual({ verdict: 'pass', status: 'complete' });
    const note = await panel.locator('[data-testid="imported-note"]').innerText();
    expect(note).toContain('Imported from recorded-chromium-spa-redirect.har');
    expect(note).toMatch(/No signature has been checked: keys are fetched only when you ask/);
    // The whole login, decoded: discovery, request, callback, redemption, userinfo, a refresh.
    expect(await panel.locator('li.step').count()).toBe(10);
    // Evidence, not a session: no token action is offered on it.
    expect(await panel.locator('[data-testid="token-actions"]').count()).toBe(0);
    // Nothing kept before was lost.
    expect(await flowIds(panel)).toEqual(expect.arrayContaining(before));
    await h.shoot(panel, 'import-har');
  });

  it('a bundle exported from the panel imports back with the same verdict in its row and detail, and exports again as the same bundle', async () => {
    const original = (await flowIds(panel)).find((x) => !x!.startsWith('imp-'))!;
    await panel.click(`.flow-item[data-flow-id="${original}"]`);
    await panel.waitForFunction(() => !!document.querySelector('[data-testid="flow-detail"]') && !document.querySelector('[data-testid="detail-imported"]'));
    const want = { row: await rowOf(panel, original), detail: await detailOf(panel) };
    await interceptClipboard(panel);
    const first = await copyBundle(panel);
    expect((JSON.parse(first) as { flows: { id: string }[] }).flows.map((f) => f.id)).toEqual([original]);
    const path = join(dir, 'ticket-4711.json');
    writeFileSync(path, first);
    await importFile(panel, path);
    await panel.locator('[data-testid="import-result"][data-state="done"]').waitFor({ timeout: 20_000 });
    const selected = panel.locator('.flow-item.selected[data-imported="true"]');
    await selected.waitFor();
    const id = (await selected.getAttribute('data-flow-id'))!;
    await panel.locator('[data-testid="flow-detail"] [data-testid="detail-imported"]').waitFor();
    expect(await rowOf(panel, id)).toEqual({ ...want.row, imported: true });
    expect(await detailOf(panel)).toEqual(want.detail);
    expect(await panel.locator('[data-testid="imported-note"]').getAttribute('data-checked')).toBe('where-exported');
    await h.shoot(panel, 'import-bundle');
    // export -> import -> export: the same bundle, but for when it was exported.
    const second = await copyBundle(panel);
    const sansDate = (t: string) => ({ ...(JSON.parse(t) as object), exportedAt: '' });
    expect(sansDate(second)).toEqual(sansDate(first));
  });

  it('a truncated, wrong-version, non-OAuth or huge file gets its named error, and the flows kept stay', async () => {
    const kept = await flowIds(panel);
    const cases: [string, string, RegExp][] = [
      ['broken-truncated.har', 'truncated', /^File cut short: The file ends in the middle of the HAR/],
      ['broken-wrong-version.har', 'wrong-version', /^HAR version not supported: The HAR says version "0\.9"/],
      ['broken-no-oauth.har', 'no-oauth', /^No OAuth traffic in the file: No OAuth or OpenID Connect request among the 3 entries/],
    ];
    for (const [file, code, text] of cases) {
      await importFile(panel, fixture(file));
      const banner = panel.locator(`[data-testid="import-result"][data-state="failed"][data-code="${code}"]`);
      await banner.waitFor({ timeout: 20_000 });
      expect(await banner.innerText()).toMatch(text);
      expect(await banner.innerText()).toContain('Nothing was imported; the flows kept here are unchanged.');
      expect(await flowIds(panel)).toEqual(kept);
    }
    // Dropped on the view rather than picked: a bundle of a version this Grantscope does not read.
    await dropFile(panel, 'future.json', JSON.stringify({ format: 'grantscope-bundle', version: 9, flows: [] }));
    await panel.locator('[data-testid="import-result"][data-code="unknown-version"]').waitFor();
    // 40 MB: refused from its size, before it is read.
    const huge = join(dir, 'huge.har');
    writeFileSync(huge, Buffer.alloc(40 * 1024 * 1024, 0x20));
    await importFile(panel, huge);
    await panel.locator('[data-testid="import-result"][data-code="too-large"]').waitFor();
    expect(await flowIds(panel)).toEqual(kept);
    await importFile(panel, fixture('broken-wrong-version.har'));
    await panel.locator('[data-testid="import-result"][data-code="wrong-version"]').waitFor();
    await h.shoot(panel, 'import-error');
    // While a file is dragged over the view, the whole view is the drop target and says so.
    await panel.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['{}'], 'login.har'));
      document.querySelector('.columns')!.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    expect(await panel.locator('[data-testid="import-drop"]').innerText()).toBe('Drop a Grantscope bundle or a HAR file to import it');
    await h.shoot(panel, 'import-drop');
    await panel.evaluate(() => document.dispatchEvent(new DragEvent('dragleave', { relatedTarget: null })));
    await panel.locator('[data-testid="import-drop"]').waitFor({ state: 'detached' });
    // Remove imported drops only the imported flows.
    await panel.click('[data-testid="import-remove"]');
    await expect.poll(async () => (await flowIds(panel)).filter((x) => x!.startsWith('imp-')).length).toBe(0);
    expect((await flowIds(panel)).length).toBe(kept.filter((x) => !x!.startsWith('imp-')).length);
  });
});
