/**
 * Issue 10, item 2 in Firefox: the "OAuth" panel in a real Firefox toolbox (devtools-frame.ts opens the
 * toolbox on a tab and reaches the panel's page), following the inspected tab: the SPA's sign-in in
 * that tab is listed first, another tab's newer one under "Other tabs". Item 3: a reload of the panel
 * comes back to the flow and search. The Chromium suite (test/e2e/devtools-panel.test.ts) has the rest.
 */
import { describe, expect, it } from 'vitest';
import { spaLogin } from './apps';
import { openOAuthPanel } from './devtools-frame';
import { type FirefoxHarness, firefoxSkipReason, useFirefoxHarness } from './harness';

const skip = firefoxSkipReason();
if (skip) console.warn(`e2e-firefox skipped: ${skip}`);

describe.skipIf(!!skip)(`the OAuth panel in the Firefox toolbox${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let h: FirefoxHarness;
  useFirefoxHarness((x) => (h = x));

  /** The flows listed under a heading ("this-tab", "other-tabs"), top to bottom, as [id, status]. */
  const listed = (name: string) => [...document.querySelectorAll(`[data-group="${name}"] [data-flow-id]`)].map((e) => [e.getAttribute('data-flow-id')!, e.getAttribute('data-status')!]);

  it('lists the inspected tab\'s sign-in first, another tab\'s newer one below, and keeps flow and search over a reload', async () => {
    await h.clearCookies();
    const run = Date.now();
    const mineUrl = `${h.demo.spa.origin}/?tab=inspected-${run}`;
    const mine = await h.newPage();
    await mine.goto(mineUrl, { waitUntil: 'load' });
    const other = await h.newPage();
    try {
      const panel = await openOAuthPanel(h, mineUrl);
      const inspected = await panel.eval(() => document.querySelector('nav.flow-list')?.getAttribute('data-inspected-tab') ?? null);
      expect(inspected).toMatch(/^\d+$/);

      await spaLogin(mine, h.demo);
      const mineFlow = await panel.waitFor(() => document.querySelector('[data-group="this-tab"] [data-flow-id][data-status="complete"]')?.getAttribute('data-flow-id') ?? '', undefined, {
        message: "the inspected tab's sign-in never appeared under This tab",
      });
      await spaLogin(other, h.demo);
      await panel.waitFor(() => document.querySelectorAll('[data-group="other-tabs"] [data-flow-id][data-status="complete"]').length > 0, undefined, {
        message: "the other tab's sign-in never appeared under Other tabs",
      });
      expect(await panel.eval(listed, 'this-tab')).toEqual([[mineFlow, 'complete']]);
      const [[otherFlow, status] = ['', '']] = await panel.eval(listed, 'other-tabs');
      expect(status).toBe('complete');
      expect(otherFlow).not.toBe(mineFlow);
      // The newest flow is the other tab's, yet the inspected tab's is at the top and open.
      expect(await panel.eval(() => [...document.querySelectorAll('[data-flow-id]')].map((e) => e.getAttribute('data-flow-id'))[0])).toBe(mineFlow);
      await panel.waitFor(() => document.querySelector('[data-flow-id][aria-current="true"]')?.getAttribute('data-flow-id') ?? '').then((id) => expect(id).toBe(mineFlow));

      await panel.shoot('devtools-panel-flows');

      await panel.click(`[data-flow-id="${otherFlow}"]`);
      await panel.eval(() => {
        const input = document.querySelector<HTMLInputElement>('input[name="flow-search"]')!;
        input.value = 'grantscope-spa';
        input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      });
      await panel.waitFor(() => location.hash.includes('q=grantscope-spa'));
      await panel.reload();
      const after = await panel.waitFor(() => {
        const selected = document.querySelector('[data-flow-id][aria-current="true"]')?.getAttribute('data-flow-id');
        return selected ? { selected, search: document.querySelector<HTMLInputElement>('input[name="flow-search"]')?.value, hash: location.hash } : null;
      });
      expect(after).toEqual({ selected: otherFlow, search: 'grantscope-spa', hash: `#/flows/${otherFlow}?q=grantscope-spa` });
      await panel.shoot('devtools-panel-reloaded');
    } finally {
      await Promise.all([mine.close(), other.close()]);
    }
  });
});
