/**
 * Import (issue 13) in Firefox (test/e2e/import.test.ts is the model; the selectors are the same).
 * Files are dropped on the Flows view, as a person drags them from a file manager: a HAR recorded by
 * Chromium of a real login to the demo SPA and the hand-made Firefox-shaped HAR become flows with
 * their verdicts; a bundle of a flow launched here imports back with the same verdict; broken files
 * get their named error and the flows kept stay.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { bundleText, exportBundle } from '../../src/core/export/bundle';
import type { Flow } from '../../src/core/flow';
import { type FirefoxHarness, firefoxSkipReason, useFirefoxHarness } from './harness';
import { launchAndConsent, profileFor, send } from './flows';

const skip = firefoxSkipReason();
if (skip) console.warn(`e2e-firefox skipped: ${skip}`);

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/har', name), 'utf8');

function rowOf(p: Page, id: string) {
  return p.$eval(`.flow-item[data-flow-id="${id}"]`, (row) => ({
    failed: row.getAttribute('data-failed'),
    warned: row.getAttribute('data-warned'),
    status: (row.querySelector('[data-testid="row-status"]') as HTMLElement | null)?.innerText ?? '',
    imported: row.getAttribute('data-imported') === 'true',
  }));
}

function detailOf(p: Page) {
  return p.$eval('[data-testid="flow-detail"]', (d) => ({
    verdict: d.getAttribute('data-verdict'),
    status: (d.querySelector('[data-testid="detail-status"]') as HTMLElement | null)?.innerText ?? '',
  }));
}

/** A file dropped on the Flows view. */
async function dropFile(p: Page, name: string, text: string): Promise<void> {
  await p.evaluate(
    (n: string, t: string) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: 'application/json' }));
      const target = document.querySelector('.columns')!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    name,
    text,
  );
}

const flowIds = (p: Page) => p.$$eval('.flow-item', (els) => els.map((e) => e.getAttribute('data-flow-id')!));
const bannerText = (p: Page) => p.$eval('[data-testid="import-result"]', (e) => (e as HTMLElement).innerText);

describe.skipIf(!!skip)(`import in Firefox${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let h: FirefoxHarness;
  useFirefoxHarness((x) => (h = x));
  let panel: Page;

  it('a HAR of a real login to the SPA (recorded by Chromium) and a Firefox-shaped HAR become flows with their verdicts', async () => {
    await h.clearCookies();
    panel = await launchAndConsent(h, profileFor(h.demo.provider.issuer, 'grantscope-public'));
    const before = await flowIds(panel);
    await dropFile(panel, 'recorded-chromium-spa-redirect.har', fixture('recorded-chromium-spa-redirect.har'));
    await panel.waitForSelector('[data-testid="import-result"][data-state="done"]', { timeout: 20_000 });
    expect(await bannerText(panel)).toMatch(/Imported 1 flow from recorded-chromium-spa-redirect\.har/);
    await panel.waitForSelector('.flow-item.selected[data-imported="true"]');
    await panel.waitForSelector('[data-testid="flow-detail"] [data-testid="detail-imported"]');
    const id = (await panel.$eval('.flow-item.selected', (e) => e.getAttribute('data-flow-id')))!;
    expect(await rowOf(panel, id)).toEqual({ failed: '0', warned: '0', status: 'complete', imported: true });
    expect(await detailOf(panel)).toEqual({ verdict: 'pass', status: 'complete' });
    expect(await panel.$eval('[data-testid="imported-note"]', (e) => (e as HTMLElement).innerText)).toContain('Imported from recorded-chromium-spa-redirect.har');
    expect(await panel.$$('li.step')).toHaveLength(10);
    expect(await panel.$$('[data-testid="token-actions"]')).toHaveLength(0);
    expect(await flowIds(panel)).toEqual(expect.arrayContaining(before));
    await h.shoot(panel, 'import-har');

    // Firefox's DevTools shape (no _resourceType, postData.params): an implicit login and a client credentials call.
    await dropFile(panel, 'firefox-implicit.har', fixture('firefox-implicit.har'));
    await panel.waitForFunction(() => /Imported 2 flows from firefox-implicit\.har/.test((document.querySelector('[data-testid="import-result"]') as HTMLElement | null)?.innerText ?? ''), { timeout: 20_000 });
    expect((await flowIds(panel)).filter((x) => x.startsWith('imp-'))).toHaveLength(3);
  });

  it('a bundle of a launched flow imports back with the same verdict in its row and its detail', async () => {
    const original = (await flowIds(panel)).find((x) => !x.startsWith('imp-'))!;
    await panel.click(`.flow-item[data-flow-id="${original}"]`);
    await panel.waitForFunction((fid: string) => !!document.querySelector(`.flow-item.selected[data-flow-id="${fid}"]`) && !document.querySelector('[data-testid="detail-imported"]'), {}, original);
    const want = { row: await rowOf(panel, original), detail: await detailOf(panel) };
    const flow = await send<Flow>(panel, 'flow/get', { id: original });
    await dropFile(panel, 'ticket-4711.json', bundleText(exportBundle([flow])));
    await panel.waitForFunction(() => /Imported 1 flow from ticket-4711\.json/.test((document.querySelector('[data-testid="import-result"]') as HTMLElement | null)?.innerText ?? ''), { timeout: 20_000 });
    await panel.waitForSelector('.flow-item.selected[data-imported="true"]');
    await panel.waitForSelector('[data-testid="flow-detail"] [data-testid="detail-imported"]');
    const id = (await panel.$eval('.flow-item.selected', (e) => e.getAttribute('data-flow-id')))!;
    expect(await rowOf(panel, id)).toEqual({ ...want.row, imported: true });
    expect(await detailOf(panel)).toEqual(want.detail);
    expect(await panel.$eval('[data-testid="imported-note"]', (e) => e.getAttribute('data-checked'))).toBe('where-exported');
    await h.shoot(panel, 'import-bundle');
  });

  it('a truncated, wrong-version or non-OAuth file gets its named error, and the flows kept stay', async () => {
    const kept = await flowIds(panel);
    const cases: [string, string, string, RegExp][] = [
      ['broken-truncated.har', fixture('broken-truncated.har'), 'truncated', /^File cut short: /],
      ['broken-wrong-version.har', fixture('broken-wrong-version.har'), 'wrong-version', /^HAR version not supported: The HAR says version "0\.9"/],
      ['broken-no-oauth.har', fixture('broken-no-oauth.har'), 'no-oauth', /^No OAuth traffic in the file: /],
      ['future.json', JSON.stringify({ format: 'grantscope-bundle', version: 9, flows: [] }), 'unknown-version', /^Bundle version not supported: The bundle is version 9/],
    ];
    for (const [name, text, code, words] of cases) {
      await dropFile(panel, name, text);
      await panel.waitForSelector(`[data-testid="import-result"][data-state="failed"][data-code="${code}"]`, { timeout: 20_000 });
      expect(await bannerText(panel)).toMatch(words);
      expect(await bannerText(panel)).toContain('Nothing was imported; the flows kept here are unchanged.');
      expect(await flowIds(panel)).toEqual(kept);
    }
    await h.shoot(panel, 'import-error');
  });
});
