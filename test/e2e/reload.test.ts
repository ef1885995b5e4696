/**
 * A launched flow the extension lost its session under (fault case 25), in Chromium;
 * test/e2e-firefox/restart.test.ts is the Firefox side, where runtime.reload itself is tested.
 *
 * What a reload does to a flow is empty storage.session (the flow, its secrets) and drop the session
 * DNR rule; the flow must then show as interrupted, "start it again", not vanish. Chromium cannot be
 * reloaded from a test here: measured in headless Chromium 156 with --load-extension,
 * chrome.runtime.reload() unloads the extension and it never comes back (no new service worker in
 * 15 s; its pages answer net::ERR_BLOCKED_BY_CLIENT). A browser restart empties storage.session the
 * same way and keeps storage.local, so it is the same case for the extension, and it is what this test
 * does: close the browser mid-login, keep its profile, start it again.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { atLoginForm, startFromPopup } from './flows';
import { type Harness, launchHarness } from './harness';
import { profileFor } from './profiles';

let h: Harness | undefined;
afterAll(async () => {
  await h?.close();
});

describe('session lost mid-flow (fault case 25)', () => {
  it('a flow running when the browser closed shows interrupted after it starts again, start again', async () => {
    const first = await launchHarness();
    const { login } = await startFromPopup(first, profileFor(first.provider.issuer, 'grantscope-public'));
    await atLoginForm(login);
    await first.close({ keepProfile: true });

    h = await launchHarness({ userDataDir: first.userDataDir });
    const panel = await h.openPage('panel.html');
    await panel.waitForSelector('[data-testid="flow-detail"][data-status="interrupted"]', { timeout: 15_000 });
    const text = await panel.locator('[data-testid="outcome"]').innerText();
    expect(text).toContain('This flow was interrupted');
    expect(text).toContain('during the login');
    expect(text).toContain('Start it again');
    expect(text).toContain('takes the code to the app');
    // What the note kept names the flow: its authorization request, without state or nonce.
    const request = await panel.locator('li.step[data-step="authorization-request"]').innerText();
    expect(request).toContain('grantscope-public');
    expect(request).not.toMatch(/\bstate\b/);
    await h.shoot(panel, 'panel-interrupted');
    await panel.close();
  });
});
