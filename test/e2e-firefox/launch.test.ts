/**
 * Launching flows in Firefox, end to end (issue 10, "Firefox at parity"): the grants a person starts
 * from saved profiles, against the demo provider, in Debian's firefox-esr with the add-on installed.
 * The Chromium suite's test/e2e/grants.test.ts and code-flow.test.ts are the model; the selectors are
 * the same.
 *
 * What Firefox did wrong before: it refused the Origin rule (initiatorDomains held the gecko id), the
 * error was swallowed, and the token request left with `Origin: moz-extension://…`, which the demo
 * provider (oidc-provider's clientBasedCORS) refuses as "origin … not allowed for client". So each
 * test here also checks the Origin the panel shows is the one that left, and the last ones make the
 * provider refuse on purpose to see its error and error_description on the banner.
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { driveLogin } from '../provider/login-driver';
import { type FirefoxHarness, EXTENSION_UUID, firefoxSkipReason, useFirefoxHarness } from './harness';
import { startDemoProvider } from '../provider/demo-provider';
import { launchAndConsent, loginAndConsent, outcome, profileFor, saveProfile, send, stepKinds } from './flows';

const skip = firefoxSkipReason();
if (skip) console.warn(`e2e-firefox skipped: ${skip}`);

const MOZ_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

/** The value of one row of a parameter table, as shown (a masked secret shows its mask). */
const row = (p: Page, table: string, name: string) => p.$eval(`[data-testid="${table}"] tr[data-param="${name}"] td`, (e) => (e as HTMLElement).innerText.trim());
const rowCount = (p: Page, table: string, name: string) => p.$$eval(`[data-testid="${table}"] tr[data-param="${name}"]`, (els) => els.length);
const text = (p: Page, sel: string) => p.$eval(sel, (e) => (e as HTMLElement).innerText);

/** Opens flow `id` in the panel: its list entry clicked, and its detail shown. */
async function openFlow(panel: Page, id: string): Promise<void> {
  await panel.waitForSelector(`[data-flow-id="${id}"]`, { timeout: 20_000 });
  await panel.click(`[data-flow-id="${id}"]`);
  await panel.waitForSelector(`[data-flow-id="${id}"][aria-current="true"]`);
}

/** Starts a grant with no browser step through the message channel, as the popup does, and opens the panel at its outcome. */
async function launchBackground(h: FirefoxHarness, profile: Parameters<typeof saveProfile>[1], launch: object, secrets = {}): Promise<Page> {
  await saveProfile(h, profile, secrets);
  const panel = await h.openExtensionPage('panel.html', 'nav.flow-list');
  const { flowId } = await send<{ flowId: string }>(panel, 'flow/start', { profileId: profile.id, launch });
  await openFlow(panel, flowId);
  await panel.waitForSelector('[data-testid="outcome"][data-kind="success"], [data-testid="outcome"][data-kind="error"]', { timeout: 30_000 });
  return panel;
}

/** Code + PKCE from a profile, played through; the panel checked at the outcome. */
async function codeFlow(h: FirefoxHarness, shot?: string): Promise<void> {
  await h.clearCookies();
  const hitsBefore = h.demo.provider.appHits.length;
  const panel = await launchAndConsent(h, profileFor(h.demo.provider.issuer, 'grantscope-public'));
  const o = await outcome(panel);
  expect(o.status).toBe('complete');
  expect(o.text).toContain('Tokens received');
  expect(await stepKinds(panel)).toEqual(['authorization-request', 'callback', 'token-request', 'token-response']);
  expect(await row(panel, 'authz-params', 'code_challenge_method')).toBe('S256');
  // The Origin shown is the one the worker saw leave: the app's (its redirect_uri's origin), set by the rule.
  expect(await row(panel, 'token-request-headers', 'Origin')).toBe(h.demo.provider.issuer);
  expect(await panel.$$('[data-testid="origin-note"]')).toHaveLength(0);
  expect(await panel.$eval('[data-token="id_token"] [data-testid="verification"]', (e) => e.getAttribute('data-status'))).toBe('verified');
  expect(await panel.$eval('[data-finding="idtoken.nonce.mismatch"]', (e) => e.getAttribute('data-status'))).toBe('pass');
  expect(await panel.$$('[data-token="refresh_token"]')).toHaveLength(1);
  // The redirect stop: the app's /app/callback never received the code.
  expect(await text(panel, 'li.step[data-step="callback"]')).toContain('Grantscope stopped this redirect');
  expect(h.demo.provider.appHits.length).toBe(hitsBefore);
  if (shot) await h.shoot(panel, shot);
  await panel.close();
}

/** The device grant, approved by the person on the provider's verification page. */
async function deviceFlow(h: FirefoxHarness, shot?: string): Promise<void> {
  const profile = profileFor(h.demo.provider.issuer, 'grantscope-device', { redirectUri: '', request: { scope: 'openid offline_access' } as never });
  await saveProfile(h, profile);
  const panel = await h.openExtensionPage('panel.html', 'nav.flow-list');
  const { flowId } = await send<{ flowId: string }>(panel, 'flow/start', { profileId: profile.id, launch: { grant: 'device_code' } });
  await openFlow(panel, flowId);
  await panel.waitForSelector('[data-testid="user-code"]', { timeout: 20_000 });
  const code = await text(panel, '[data-testid="user-code"]');
  expect(code).toMatch(/^[A-Z]{4}-?[A-Z]{4}$/);
  expect(await panel.$$('svg.qr')).toHaveLength(1);
  // The person, on another device: the demo provider's verification page, user code, login, consent.
  const done = await driveLogin(`${h.demo.provider.issuer}/device`, { userCode: code, login: 'bob' });
  expect(done).toMatch(new RegExp(`^${h.demo.provider.issuer}/device/`));
  await panel.waitForSelector('[data-testid="flow-detail"][data-status="complete"]', { timeout: 40_000 });
  const polls = await panel.$$eval('[data-testid="device-polls"] li', (els) => els.map((e) => e.textContent ?? ''));
  expect(polls.at(-1)).toContain('tokens issued');
  expect(await panel.$$('[data-token="access_token"]')).toHaveLength(1);
  // A device has no redirect_uri, so the profile sends no Origin, and none left.
  expect(await rowCount(panel, 'token-request-headers', 'Origin')).toBe(0);
  // Seen leaving without one, not merely unseen: an unseen Origin gets a note.
  expect(await panel.$$('[data-testid="origin-note"]')).toHaveLength(0);
  if (shot) await h.shoot(panel, shot);
  await panel.close();
}

/** Client credentials with client_secret_basic. */
async function clientCredentials(h: FirefoxHarness): Promise<void> {
  const profile = profileFor(h.demo.provider.issuer, 'grantscope-service', { authMethod: 'client_secret_basic', redirectUri: '', request: { scope: 'api:read' } as never });
  const panel = await launchBackground(h, profile, { grant: 'client_credentials' }, { clientSecret: 'grantscope-service-secret' });
  const o = await outcome(panel);
  expect(o.status).toBe('complete');
  expect(await row(panel, 'token-request-params', 'grant_type')).toBe('client_credentials');
  // The Basic credentials are not kept in the step (step-record.ts): a marker, shown as text.
  expect(await text(panel, '[data-testid="token-request-headers"] tr[data-param="Authorization"] [data-testid="not-kept"]')).toBe('Basic ‹client_id:secret, not kept›');
  expect(await rowCount(panel, 'token-request-headers', 'Origin')).toBe(0);
  // Seen leaving without one, not merely unseen: an unseen Origin gets a note.
  expect(await panel.$$('[data-testid="origin-note"]')).toHaveLength(0);
  expect(await panel.$$('[data-token="access_token"]')).toHaveLength(1);
  await panel.close();
}

describe.skipIf(!!skip)(`launching flows in Firefox${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let h: FirefoxHarness;
  useFirefoxHarness((x) => (h = x));
  const issuer = () => h.demo.provider.issuer;

  it('code + PKCE: the redirect is stopped, the code redeemed with the app’s Origin, the ID token verified', async () => {
    await codeFlow(h, 'launch-code-flow');
  });

  it('implicit id_token token: tokens from the fragment, the ID token verified', async () => {
    await h.clearCookies();
    const panel = await launchAndConsent(h, profileFor(issuer(), 'grantscope-implicit', { request: { scope: 'openid profile' } as never }), { responseType: 'id_token token' });
    const o = await outcome(panel);
    expect(o.status).toBe('complete');
    expect(o.text).toContain('Tokens received in the callback');
    expect(await text(panel, 'li.step[data-step="callback"]')).toContain('in the fragment');
    expect(await panel.$eval('li.step[data-step="callback"] [data-token="id_token"] [data-testid="verification"]', (e) => e.getAttribute('data-status'))).toBe('verified');
    expect(await panel.$$('li.step[data-step="callback"] [data-token="access_token"]')).toHaveLength(1);
    expect(h.demo.provider.appHits).toEqual([]);
    await panel.close();
  });

  it('hybrid code id_token with form_post: read from the POST body, checked, then redeemed', async () => {
    await h.clearCookies();
    const profile = profileFor(issuer(), 'grantscope-implicit', { request: { scope: 'openid profile', responseMode: 'form_post' } as never });
    const panel = await launchAndConsent(h, profile, { responseType: 'code id_token' });
    const o = await outcome(panel);
    expect(o.status).toBe('complete');
    expect(await stepKinds(panel)).toEqual(['authorization-request', 'callback', 'token-request', 'token-response']);
    expect(await row(panel, 'authz-params', 'response_mode')).toBe('form_post');
    expect(await text(panel, 'li.step[data-step="callback"]')).toContain('in a form POST body');
    expect(await panel.$eval('li.step[data-step="token-response"] [data-testid="verification"]', (e) => e.getAttribute('data-status'))).toBe('verified');
    expect(await row(panel, 'token-request-headers', 'Origin')).toBe(issuer());
    expect(h.demo.provider.appHits).toEqual([]);
    await panel.close();
  });

  it('a pushed authorization request (RFC 9126): pushed with the app’s Origin, then only client_id and request_uri in the browser', async () => {
    await h.clearCookies();
    const panel = await launchAndConsent(h, profileFor(issuer(), 'grantscope-public', { par: true }));
    expect((await outcome(panel)).status).toBe('complete');
    expect(await stepKinds(panel)).toEqual(['exchange', 'authorization-request', 'callback', 'token-request', 'token-response']);
    expect((await panel.$$eval('[data-testid="authz-params"] th', (els) => els.map((e) => e.textContent ?? ''))).sort()).toEqual(['client_id', 'request_uri']);
    expect(await row(panel, 'exchange-summary', 'request_uri')).toMatch(/^urn:ietf:params:oauth:request_uri:/);
    // Seen leaving as asked: a public client's PAR carries its redirect_uri's origin, so no note.
    expect(await panel.$$('li.step[data-step="exchange"] [data-testid="origin-note"]')).toHaveLength(0);
    await panel.close();
  });

  it('device authorization: user code shown, the person approves elsewhere, tokens arrive', async () => {
    await deviceFlow(h, 'launch-device');
  });

  it('client credentials: a confidential client’s request leaves with no Origin, as its server’s would', async () => {
    await clientCredentials(h);
  });

  it('the browser’s own Origin, when asked for: shown as it left, and the refusal’s error and description on the banner', async () => {
    // What every launch did in Firefox before this fix, now on purpose: the provider refuses the extension's origin.
    const profile = profileFor(issuer(), 'grantscope-service', { authMethod: 'client_secret_basic', redirectUri: '', origin: 'browser', request: { scope: 'api:read' } as never });
    const panel = await launchBackground(h, profile, { grant: 'client_credentials' }, { clientSecret: 'grantscope-service-secret' });
    const o = await outcome(panel);
    expect(o.status).toBe('failed');
    expect(o.text).toContain('Token endpoint refused: invalid_request');
    // The provider's own words (server text is redacted by rule, issue 9: the UUID reads as a secret).
    expect(o.text).toMatch(/error_description: origin moz-extension:\/\/\S+ not allowed for client: grantscope-service \(HTTP 400\)/);
    expect(await row(panel, 'token-request-headers', 'Origin')).toBe(MOZ_ORIGIN);
    await h.shoot(panel, 'launch-origin-refused');
    await panel.close();
  });

  it('says in Firefox what it cannot do that Chrome does: deep capture, and its own extension redirect URI', async () => {
    const p = await h.openExtensionPage('panel.html#recording', '[data-testid="browser-notes"]');
    expect(await p.$eval('[data-testid="browser-notes"]', (e) => e.getAttribute('data-browser'))).toBe('firefox');
    expect(await p.$$eval('[data-testid="browser-notes"] [data-note]', (els) => els.map((e) => e.getAttribute('data-note')))).toEqual(['deep-capture', 'extension-redirect']);
    expect(await text(p, '[data-note="deep-capture"]')).toContain('Chrome only');
    // Firefox's identity.getRedirectURL(), not Chrome's chromiumapp.org.
    expect(await text(p, '[data-note="extension-redirect"]')).toMatch(/https:\/\/[0-9a-f]+\.extensions\.allizom\.org\//);
    await h.shoot(p, 'recording-browser-notes');
    await p.close();
  });

  it('extension-owned redirect URI: identity.launchWebAuthFlow runs the login and hands back the code, redeemed', async () => {
    await h.clearCookies();
    const page = await h.openExtensionPage('panel.html', 'nav.flow-list');
    const caps = await send<{ extensionRedirectUri: string }>(page, 'env/capabilities', null);
    expect(caps.extensionRedirectUri).toMatch(/^https:\/\/[0-9a-f]+\.extensions\.allizom\.org\/$/);
    // A provider where the extension itself is registered: Firefox's redirect URI added to the public client.
    const own = await startDemoProvider({ extraRedirectUris: [caps.extensionRedirectUri] });
    try {
      const profile = profileFor(own.issuer, 'grantscope-public', { redirectMode: 'extension', redirectUri: '' });
      await saveProfile(h, profile);
      const opened = h.browser.waitForTarget((t) => t.type() === 'page' && t.url().startsWith(own.issuer), { timeout: 20_000 });
      const { flowId } = await send<{ flowId: string }>(page, 'flow/start', { profileId: profile.id, launch: { grant: 'authorization' } });
      const login = await (await opened).page();
      if (!login) throw new Error('the sign-in window opened, but puppeteer has no page for it');
      await loginAndConsent(login);
      await openFlow(page, flowId);
      await page.waitForSelector('[data-testid="outcome"][data-kind="success"], [data-testid="outcome"][data-kind="error"]', { timeout: 30_000 });
      const o = await outcome(page);
      expect(o.text).toContain('Tokens received');
      expect(await row(page, 'authz-params', 'redirect_uri')).toBe(caps.extensionRedirectUri);
      expect(await text(page, 'li.step[data-step="callback"]')).toContain('extensions.allizom.org');
      expect(own.appHits).toEqual([]);
    } finally {
      await page.close();
      await own.close();
    }
  });

  it('a pushed authorization request the provider refuses: the launch says its error and error_description, and the flow keeps the exchange', async () => {
    const profile = profileFor(issuer(), 'grantscope-public', { par: true, origin: 'browser' });
    await saveProfile(h, profile);
    const panel = await h.openExtensionPage('panel.html', 'nav.flow-list');
    // What the popup shows under Start: the launch's own error.
    await expect(send(panel, 'flow/start', { profileId: profile.id, launch: { grant: 'authorization' } })).rejects.toThrow(
      /Pushed authorization request refused: error: invalid_request · error_description: origin moz-extension:\/\/\S+ not allowed for client: grantscope-public \(HTTP 400\)/,
    );
    const failed = await panel.waitForFunction(
      () => [...document.querySelectorAll<HTMLElement>('[data-flow-id][data-status="failed"]')].find((e) => e.textContent?.includes('Pushed authorization request refused')),
      { timeout: 10_000 },
    );
    await (failed.asElement() as ElementHandle<Element>).click();
    await panel.waitForSelector('[data-testid="outcome"][data-kind="error"]');
    expect((await outcome(panel)).text).toContain('error_description: origin moz-extension://');
    expect(await stepKinds(panel)).toEqual(['exchange']);
    await panel.close();
  });

  it('a device authorization the provider refuses: its error and error_description on the banner, not only under Raw', async () => {
    const profile = profileFor(issuer(), 'grantscope-device', { redirectUri: '', origin: 'browser', request: { scope: 'openid' } as never });
    const panel = await launchBackground(h, profile, { grant: 'device_code' });
    const o = await outcome(panel);
    expect(o.status).toBe('failed');
    expect(o.text).toContain('Device authorization refused: invalid_request');
    expect(o.text).toMatch(/error_description: origin moz-extension:\/\/\S+ not allowed for client: grantscope-device \(HTTP 400\)/);
    await h.shoot(panel, 'launch-device-refused');
    await panel.close();
  });
});

/**
 * The release build, as a person installs it (issue 10: this is where the code flow, client credentials
 * and the device flow failed in Firefox). Built into a temporary folder when dist/ holds the test build.
 */
describe.skipIf(!!skip)(`the release build in Firefox${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let h: FirefoxHarness;
  useFirefoxHarness((x) => (h = x), { build: 'release' });

  it('code + PKCE completes with the app’s Origin', async () => {
    await codeFlow(h);
  });

  it('client credentials completes', async () => {
    await clientCredentials(h);
  });

  it('device authorization completes', async () => {
    await deviceFlow(h);
  });
});
