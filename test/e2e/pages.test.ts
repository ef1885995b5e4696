/**
 * The popup and the panel as pages: ready demo profiles, the profile editor (create, edit, search,
 * duplicate, delete, export and import, secrets kept apart), and launch problems named plainly.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { type Harness, useHarness } from './harness';
import { profileFor, saveProfile } from './profiles';

let h: Harness;
useHarness((x) => (h = x));

describe('extension pages', () => {
  it('offers the demo provider clients as ready profiles, and opens the panel', async () => {
    const popup = await h.openPage('popup.html', { width: 420, height: 640 });
    // No demo provider runs on 9400 here: its profiles sit one click away, labelled (first-run.test.ts).
    await popup.locator('[data-testid="demo-profiles"] summary').click();
    await expect
      .poll(() => popup.locator('select[name="launchProfile"] option').allInnerTexts())
      .toEqual(expect.arrayContaining(['Demo provider: public client', 'Demo provider: confidential client', 'Demo provider: device client']));
    await h.shoot(popup, 'popup');
    const opened = h.context.waitForEvent('page', (p) => p.url().endsWith('/panel.html#flows'));
    await popup.getByRole('button', { name: 'Open panel' }).click();
    const panel = await opened;
    await panel.waitForSelector('text=No flows yet');
    await h.shoot(panel, 'panel-empty');
    await panel.close();
  });

  it('edits profiles in the panel: create, search, duplicate, delete; secrets never in the list', async () => {
    const panel = await h.openPage('panel.html#profiles');
    await panel.getByRole('button', { name: 'New', exact: true }).click();
    const editor = panel.locator('[data-testid="profile-editor"]');
    // The editor switches to the new profile once it is saved.
    await expect.poll(() => editor.locator('input[name="name"]').inputValue()).toBe('New profile');
    await editor.locator('input[name="name"]').fill('Shop backend');
    await editor.locator('input[name="issuer"]').fill(h.provider.issuer);
    await editor.locator('input[name="clientId"]').fill('grantscope-confidential');
    await editor.locator('input[name="redirectUri"]').fill(`${h.provider.issuer}/app/callback`);
    await editor.locator('select[name="authMethod"]').selectOption('client_secret_basic');
    await editor.locator('input[name="clientSecret"]').fill('grantscope-demo-secret');
    await expect(editor.locator('input[name="clientSecret"]').getAttribute('type')).resolves.toBe('password');
    await editor.getByRole('button', { name: 'Discover' }).click();
    await expect.poll(() => editor.locator('input[name="token_endpoint"]').getAttribute('placeholder')).toBe(`${h.provider.issuer}/token`);
    await editor.locator('input[name="token_endpoint"]').fill(`${h.provider.issuer}/token`);
    await editor.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => panel.locator('[data-testid="profile-status"]').innerText()).toBe('Saved.');
    await h.shoot(panel, 'panel-profile-editor');

    // Search finds it by client id; the list never shows a secret.
    await panel.locator('input[name="profile-search"]').fill('confidential');
    await expect.poll(() => panel.locator('[data-profile-id]').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('Shop backend')]));
    expect(await panel.locator('.side-list').innerText()).not.toContain('grantscope-demo-secret');

    await editor.getByRole('button', { name: 'Duplicate' }).click();
    await expect.poll(() => panel.locator('[data-profile-id]').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('Shop backend (copy)')]));
    // The copy carries the secret too.
    await expect.poll(() => editor.locator('input[name="clientSecret"]').inputValue()).toBe('grantscope-demo-secret');
    await editor.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => panel.locator('[data-profile-id]').allInnerTexts()).not.toEqual(expect.arrayContaining([expect.stringContaining('(copy)')]));
    await panel.close();
  });

  it('exports profiles without secrets unless asked, and imports them back', async () => {
    await saveProfile(h, profileFor(h.provider.issuer, 'grantscope-confidential', { name: 'Export me', authMethod: 'client_secret_basic' }), { clientSecret: 'export-secret-value' });
    const panel = await h.openPage('panel.html#profiles');
    const plain = panel.waitForEvent('download');
    await panel.getByRole('button', { name: 'Export', exact: true }).click();
    const text = await readFile((await (await plain).path())!, 'utf8');
    expect(text).toContain('Export me');
    expect(text).not.toContain('export-secret-value');

    await panel.getByLabel('Include secrets in the export').check();
    const withSecrets = panel.waitForEvent('download');
    await panel.getByRole('button', { name: 'Export', exact: true }).click();
    const download = await withSecrets;
    expect(download.suggestedFilename()).toContain('WITH-SECRETS');
    const full = await readFile((await download.path())!, 'utf8');
    expect(full).toContain('export-secret-value');

    // Import a file with one good and one broken entry: the good one lands, the broken one is named.
    const doc = JSON.parse(full) as { profiles: Record<string, unknown>[] };
    const imported = { ...doc.profiles.find((p) => p.name === 'Export me'), id: 'imported-1', name: 'Imported again' };
    await panel.locator('input[type="file"]').setInputFiles({
      name: 'profiles.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ profiles: [imported, { id: 'bad', issuer: 'ftp://nope' }] })),
    });
    await expect.poll(() => panel.locator('[data-testid="profiles-message"]').innerText()).toMatch(/Imported 1 profile\. Entry 2: issuer:/);
    await expect.poll(() => panel.locator('[data-profile-id]').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('Imported again')]));
    await panel.close();
  });

  it('names what keeps a profile from launching', async () => {
    const profile = await saveProfile(h, profileFor(h.provider.issuer, 'grantscope-public', { redirectUri: '' }));
    const popup = await h.openPage('popup.html', { width: 420, height: 640 });
    await popup.selectOption('select[name="launchProfile"]', profile.id);
    await popup.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(popup.locator('[data-testid="launch-status"]').innerText()).resolves.toBe('Redirect URI must be an absolute http(s) URL.');
    await popup.selectOption('select[name="grant"]', 'password');
    await popup.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(popup.locator('[data-testid="launch-status"]').innerText()).resolves.toBe('The password grant needs a username and a password.');
    await popup.close();
  });
});
