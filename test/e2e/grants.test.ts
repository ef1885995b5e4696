/**
 * Every grant and response type, launched from saved profiles against the demo provider in real
 * Chromium, each ending in the outcome the spec defines: tokens (verified where there is an ID token),
 * or the provider's error shown as the flow's outcome.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { ResponseType } from '../../src/core/profile';
import { loginAndConsent, openPanelAtOutcome, startFromPopup, stepKinds, waitClosed } from './flows';
import { type Harness, useHarness } from './harness';
import { brokenProviders, profileFor, saveProfile, startFlow } from './profiles';
import { EVIL_ISSUER, FORBIDDEN_SCOPE, type HostileCase } from '../provider/hostile';
import { startDemoProvider } from '../provider/demo-provider';

let h: Harness;
const broken = brokenProviders();
const brokenProvider = (c: HostileCase) => broken.start(c);
useHarness((x) => (h = x), { freshLogin: true });
afterAll(() => broken.closeAll());

async function outcome(panel: Page) {
  return {
    status: await panel.locator('[data-testid="flow-detail"]').getAttribute('data-status'),
    text: await panel.locator('[data-testid="outcome"]').innerText(),
  };
}

/** Launches through the popup, plays the person, and returns the panel at the outcome. */
async function frontChannel(clientId: string, responseType: ResponseType, over: Parameters<typeof profileFor>[2] = {}): Promise<Page> {
  const issuer = h.provider.issuer;
  const { popup, login } = await startFromPopup(h, profileFor(issuer, clientId, over), { responseType });
  await loginAndConsent(login);
  await waitClosed(login);
  await popup.close();
  return openPanelAtOutcome(h);
}

/** Launches a back-channel grant through the message channel and returns the panel at the outcome. */
async function backChannel(clientId: string, launch: Parameters<typeof startFlow>[2], over: Parameters<typeof profileFor>[2] = {}, secret?: string): Promise<Page> {
  const profile = await saveProfile(h, profileFor(h.provider.issuer, clientId, over), secret ? { clientSecret: secret } : {});
  await startFlow(h, profile.id, launch);
  return openPanelAtOutcome(h);
}

describe('front-channel response types', () => {
  it.each(['id_token', 'id_token token'] as const)('implicit %s: tokens from the fragment, ID token verified and nonce checked', async (rt) => {
    const panel = await frontChannel('grantscope-implicit', rt, { request: { scope: 'openid profile' } as never });
    const o = await outcome(panel);
    expect(o.status).toBe('complete');
    expect(o.text).toContain('Tokens received in the callback');
    const callback = panel.locator('li.step[data-step="callback"]');
    await expect(callback.innerText()).resolves.toContain('in the fragment');
    await expect(callback.locator('[data-token="id_token"] [data-testid="verification"]').getAttribute('data-status')).resolves.toBe('verified');
    await expect(callback.locator('[data-finding="idtoken.nonce.mismatch"]').getAttribute('data-status')).resolves.toBe('pass');
    expect(await callback.locator('[data-token="access_token"]').count()).toBe(rt === 'id_token token' ? 1 : 0);
    // RFC 9700 2.1.2: a token in the front channel is flagged.
    if (rt === 'id_token token') expect(await panel.locator('[data-testid="verdict-summary"] [data-rule="implicit.token"]').count()).toBe(1);
    expect(h.provider.appHits).toEqual([]);
    if (rt === 'id_token token') await h.shoot(panel, 'panel-implicit');
    await panel.close();
  });

  it.each(['code id_token', 'code token', 'code id_token token'] as const)('hybrid %s: fragment checked, then the code redeemed', async (rt) => {
    const panel = await frontChannel('grantscope-implicit', rt, { request: { scope: 'openid profile' } as never });
    const o = await outcome(panel);
    expect(o.status).toBe('complete');
    expect(await stepKinds(panel)).toEqual(['authorization-request', 'callback', 'token-request', 'token-response']);
    await expect(panel.locator('li.step[data-step="callback"]').innerText()).resolves.toContain('in the fragment');
    await expect(panel.locator('li.step[data-step="token-response"] [data-testid="verification"]').getAttribute('data-status')).resolves.toBe('verified');
    await panel.close();
  });

  it('form_post: the code is read from the POST body and redeemed', async () => {
    const panel = await frontChannel('grantscope-public', 'code', { request: { responseMode: 'form_post' } as never });
    expect((await outcome(panel)).status).toBe('complete');
    await expect(panel.locator('li.step[data-step="callback"]').innerText()).resolves.toContain('in a form POST body');
    await expect(panel.locator('[data-testid="authz-params"] tr[data-param="response_mode"] td').innerText()).resolves.toBe('form_post');
    expect(h.provider.appHits).toEqual([]);
    await panel.close();
  });

  it('response_mode=fragment for a code', async () => {
    const panel = await frontChannel('grantscope-public', 'code', { request: { responseMode: 'fragment' } as never });
    expect((await outcome(panel)).status).toBe('complete');
    await expect(panel.locator('li.step[data-step="callback"]').innerText()).resolves.toContain('in the fragment');
    await panel.close();
  });

  it('a pushed authorization request (RFC 9126): only client_id and request_uri go through the browser', async () => {
    const panel = await frontChannel('grantscope-public', 'code', { par: true });
    expect((await outcome(panel)).status).toBe('complete');
    expect(await stepKinds(panel)).toEqual(['exchange', 'authorization-request', 'callback', 'token-request', 'token-response']);
    const params = await panel.locator('[data-testid="authz-params"] th').allInnerTexts();
    expect(params.sort()).toEqual(['client_id', 'request_uri']);
    await expect(panel.locator('[data-testid="exchange-summary"] tr[data-param="request_uri"] td').innerText()).resolves.toMatch(/^urn:ietf:params:oauth:request_uri:/);
    await panel.close();
  });

  it('observe-only mode lets the redirect through to the app and records it', async () => {
    const before = h.provider.appHits.length;
    const issuer = h.provider.issuer;
    const { popup, login } = await startFromPopup(h, profileFor(issuer, 'grantscope-public', { redirectMode: 'observe' }));
    await loginAndConsent(login);
    await login.waitForURL(/\/app\/callback/);
    await popup.close();
    const panel = await openPanelAtOutcome(h);
    const o = await outcome(panel);
    expect(o.status).toBe('observed');
    expect(o.text).toContain('the app received the callback');
    expect(h.provider.appHits.length).toBe(before + 1);
    expect(await stepKinds(panel)).toEqual(['authorization-request', 'callback']);
    await login.close();
    await panel.close();
  });

  it('a signed request object (RFC 9101) carries the request', async () => {
    const issuer = h.provider.issuer;
    const profile = profileFor(issuer, 'grantscope-confidential', { authMethod: 'client_secret_basic', requestObject: 'signed' });
    const { popup, login } = await startFromPopup(h, profile, { secrets: { clientSecret: 'grantscope-demo-secret' } });
    await loginAndConsent(login);
    await waitClosed(login);
    await popup.close();
    const panel = await openPanelAtOutcome(h);
    expect((await outcome(panel)).status).toBe('complete');
    const params = await panel.locator('[data-testid="authz-params"] th').allInnerTexts();
    expect(params.sort()).toEqual(['client_id', 'request']);
    await panel.close();
  });

  it('unsupported_response_type from the provider is the outcome', async () => {
    const issuer = h.provider.issuer;
    const { login } = await startFromPopup(h, profileFor(issuer, 'grantscope-public'), { responseType: 'token' });
    await waitClosed(login);
    const panel = await openPanelAtOutcome(h);
    const o = await outcome(panel);
    expect(o.status).toBe('failed');
    expect(o.text).toMatch(/Provider returned error: (unsupported_response_type|unauthorized_client)/);
    await panel.close();
  });

  it('invalid_scope from the provider is the outcome', async () => {
    const p = await brokenProvider('scope-error');
    const { popup, login } = await startFromPopup(h, profileFor(p.issuer, 'grantscope-public', { request: { scope: `openid ${FORBIDDEN_SCOPE}` } as never }));
    await waitClosed(login);
    await popup.close();
    const panel = await openPanelAtOutcome(h);
    const o = await outcome(panel);
    expect(o.status).toBe('failed');
    expect(o.text).toContain('Provider returned error: invalid_scope');
    await panel.close();
  });

  it('a discovery document for another issuer is refused (RFC 8414 3.3)', async () => {
    const p = await brokenProvider('issuer-mismatch');
    const profile = await saveProfile(h, profileFor(p.issuer, 'grantscope-public'));
    const popup = await h.openPage('popup.html', { width: 420, height: 640 });
    await popup.selectOption('select[name="launchProfile"]', profile.id);
    await popup.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(() => popup.locator('[data-testid="launch-status"]').innerText(), { timeout: 20_000 }).toContain(EVIL_ISSUER);
    expect(await popup.locator('[data-testid="launch-status"]').innerText()).toMatch(/issuer/i);
    await popup.close();
  });

  it('omitting state and PKCE is flagged as a negative test, and the flow still runs', async () => {
    const issuer = h.provider.issuer;
    const profile = profileFor(issuer, 'grantscope-confidential', { authMethod: 'client_secret_basic', request: { state: { mode: 'omit' }, pkce: 'none' } as never });
    const { popup, login } = await startFromPopup(h, profile, { secrets: { clientSecret: 'grantscope-demo-secret' } });
    await loginAndConsent(login);
    await waitClosed(login);
    await popup.close();
    const panel = await openPanelAtOutcome(h);
    expect((await outcome(panel)).status).toBe('complete');
    // Issue 11: the request checks are in the verdict at the top of the detail.
    const checks = await panel.locator('[data-testid="verdict-summary"] [data-rule]').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
    expect(checks).toEqual(expect.arrayContaining(['state.omitted', 'pkce.missing']));
    await panel.close();
  });
});

describe('back-channel grants', () => {
  it('client credentials with client_secret_basic', async () => {
    const panel = await backChannel('grantscope-service', { grant: 'client_credentials' }, { authMethod: 'client_secret_basic', redirectUri: '', request: { scope: 'api:read' } as never }, 'grantscope-service-secret');
    const o = await outcome(panel);
    expect(o.status).toBe('complete');
    const headers = panel.locator('[data-testid="token-request-headers"]');
    // The Basic credentials are not kept in the step (step-record.ts): a marker, shown as text with nothing to reveal.
    await expect(headers.locator('tr[data-param="Authorization"] [data-testid="not-kept"]').innerText()).resolves.toBe('Basic ‹client_id:secret, not kept›');
    expect(await headers.locator('tr[data-param="Authorization"] button').count()).toBe(0);
    await expect(panel.locator('[data-testid="token-request-params"] tr[data-param="grant_type"] td').innerText()).resolves.toBe('client_credentials');
    await h.shoot(panel, 'panel-client-credentials');
    await panel.close();
  });

  it('invalid_client for a wrong secret', async () => {
    const panel = await backChannel('grantscope-service', { grant: 'client_credentials' }, { authMethod: 'client_secret_basic', redirectUri: '' }, 'wrong-secret');
    const o = await outcome(panel);
    expect(o.status).toBe('failed');
    expect(o.text).toContain('Token endpoint refused: invalid_client');
    await panel.close();
  });


  it('password grant: flagged as removed by RFC 9700 2.4, and the server refuses it', async () => {
    const panel = await backChannel('grantscope-public', { grant: 'password', username: 'alice', password: 'pw' });
    const o = await outcome(panel);
    expect(o.status).toBe('failed');
    expect(o.text).toMatch(/unsupported_grant_type|unauthorized_client/);
    await expect(panel.locator('[data-testid="verdict-summary"] [data-rule="grant.password"]').getAttribute('data-status')).resolves.toBe('fail');
    // The password is a secret: masked in the request table.
    await expect(panel.locator('[data-testid="token-request-params"] tr[data-param="password"] [data-testid="secret-value"]').innerText()).resolves.toMatch(/chars\)$/);
    await panel.close();
  });

  it('refresh token: a refresh token from a code flow, rotated by the provider', async () => {
    const first = await frontChannel('grantscope-public', 'code');
    const accessRow = first.locator('[data-token="refresh_token"]');
    await accessRow.getByRole('button', { name: 'Reveal refresh_token' }).click();
    const refreshToken = await accessRow.locator('[data-testid="secret-value"]').innerText();
    await first.close();
    const panel = await backChannel('grantscope-public', { grant: 'refresh_token', refreshToken });
    const o = await outcome(panel);
    expect(o.status).toBe('complete');
    expect(o.text).toContain('refresh_token');
    await panel.locator('[data-token="refresh_token"]').getByRole('button', { name: 'Reveal refresh_token' }).click();
    expect(await panel.locator('[data-token="refresh_token"] [data-testid="secret-value"]').innerText()).not.toBe(refreshToken);
    await panel.close();
  });

  it('invalid_grant for a refresh token the provider never issued', async () => {
    const panel = await backChannel('grantscope-public', { grant: 'refresh_token', refreshToken: 'not-a-real-refresh-token' });
    expect((await outcome(panel)).text).toContain('Token endpoint refused: invalid_grant');
    await panel.close();
  });

  it('token exchange (RFC 8693): the request is sent and the answer shown', async () => {
    const panel = await backChannel('grantscope-public', { grant: 'token_exchange', subjectToken: 'some-token', subjectTokenType: 'urn:ietf:params:oauth:token-type:access_token' });
    const o = await outcome(panel);
    expect(o.status).toBe('failed');
    expect(o.text).toMatch(/unsupported_grant_type|unauthorized_client/);
    await expect(panel.locator('[data-testid="token-request-params"] tr[data-param="grant_type"] td').innerText()).resolves.toBe('urn:ietf:params:oauth:grant-type:token-exchange');
    await panel.close();
  });

  it('DPoP-bound tokens (RFC 9449): a proof on the token request, token_type DPoP', async () => {
    const panel = await backChannel('grantscope-service', { grant: 'client_credentials' }, { authMethod: 'client_secret_basic', redirectUri: '', dpop: true, request: { scope: 'api:read' } as never }, 'grantscope-service-secret');
    expect((await outcome(panel)).status).toBe('complete');
    expect(await panel.locator('[data-testid="token-request-headers"] tr[data-param="DPoP"]').count()).toBe(1);
    await expect(panel.locator('[data-testid="token-fields"] tr[data-param="token_type"] td').innerText()).resolves.toBe('DPoP');
    await panel.close();
  });
});

describe('client authentication and DPoP nonces', () => {
  it('private_key_jwt with a pasted key (RFC 7523)', async () => {
    // Without a key the launch names what is missing, and starts nothing.
    const keyless = await saveProfile(h, profileFor(h.provider.issuer, 'grantscope-pkjwt', { authMethod: 'private_key_jwt', redirectUri: '' }));
    await expect(startFlow(h, keyless.id, { grant: 'client_credentials' })).rejects.toThrow('This profile uses private_key_jwt but has no private key.');
    const profile = await saveProfile(h, profileFor(h.provider.issuer, 'grantscope-pkjwt', { authMethod: 'private_key_jwt', redirectUri: '', request: { scope: '' } as never }), { privateJwk: h.provider.pkjwtPrivateJwk as JsonWebKey });
    await startFlow(h, profile.id, { grant: 'client_credentials' });
    const p2 = await openPanelAtOutcome(h);
    expect((await outcome(p2)).status).toBe('complete');
    await expect(p2.locator('[data-testid="token-request-params"] tr[data-param="client_assertion_type"] td').innerText()).resolves.toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(await p2.locator('[data-testid="token-request-params"] tr[data-param="client_assertion"]').count()).toBe(1);
    await p2.close();
  });

  it('client_secret_post sends the secret in the body, and the step keeps only a marker', async () => {
    const panel = await backChannel('grantscope-post', { grant: 'client_credentials' }, { authMethod: 'client_secret_post', redirectUri: '', request: { scope: '' } as never }, 'grantscope-post-secret');
    // Complete: the provider got the secret. The stored step says one was sent, not what it was.
    expect((await outcome(panel)).status).toBe('complete');
    await expect(panel.locator('[data-testid="token-request-params"] tr[data-param="client_secret"] [data-testid="not-kept"]').innerText()).resolves.toBe(`‹client secret, ${'grantscope-post-secret'.length} chars, not kept›`);
    expect(await panel.locator('[data-testid="token-request-headers"] tr[data-param="Authorization"]').count()).toBe(0);
    await panel.close();
  });

  it('DPoP nonce (RFC 9449 8): use_dpop_nonce, then the retry with the nonce succeeds', async () => {
    const nonced = await startDemoProvider({ dpopNonce: true });
    try {
      const profile = await saveProfile(h, profileFor(nonced.issuer, 'grantscope-service', { authMethod: 'client_secret_basic', redirectUri: '', dpop: true, request: { scope: 'api:read' } as never }), { clientSecret: 'grantscope-service-secret' });
      await startFlow(h, profile.id, { grant: 'client_credentials' });
      const panel = await openPanelAtOutcome(h);
      expect((await outcome(panel)).status).toBe('complete');
      // Two exchanges: the refusal asking for a nonce, and the retry.
      expect(await stepKinds(panel)).toEqual(['token-request', 'token-response', 'token-request', 'token-response']);
      await expect(panel.locator('li.step[data-step="token-response"]').first().innerText()).resolves.toContain('use_dpop_nonce');
      await expect(panel.locator('[data-testid="token-fields"] tr[data-param="token_type"] td').innerText()).resolves.toBe('DPoP');
      await h.shoot(panel, 'panel-dpop-nonce');
      await panel.close();
    } finally {
      await nonced.close();
    }
  });
});

describe('device authorization grant', () => {
  it('shows the user code and QR, polls, and completes once the person approves', async () => {
    const profile = await saveProfile(h, profileFor(h.provider.issuer, 'grantscope-device', { redirectUri: '', request: { scope: 'openid offline_access' } as never }));
    await startFlow(h, profile.id, { grant: 'device_code' });
    const panel = await h.openPage('panel.html');
    const code = await panel.locator('[data-testid="user-code"]').innerText();
    expect(code).toMatch(/^[A-Z]{4}-?[A-Z]{4}$/);
    expect(await panel.locator('svg.qr').count()).toBe(1);
    await h.shoot(panel, 'panel-device');
    // The test plays the person on another device: open the verification URI, enter the code, log in.
    const person = await h.context.newPage();
    await person.goto(`${h.provider.issuer}/device`);
    await person.fill('input[name="user_code"]', code);
    await person.click('button[form="op.deviceInputForm"]');
    await person.click('button[form="op.deviceConfirmForm"]:not([name="abort"])');
    await loginAndConsent(person, 'bob');
    await panel.waitForSelector('[data-testid="flow-detail"][data-status="complete"]', { timeout: 40_000 });
    const polls = await panel.locator('[data-testid="device-polls"] li').allInnerTexts();
    expect(polls.at(-1)).toContain('tokens issued');
    await person.close();
    await panel.close();
  });

  it.each([
    ['device-expired', 'expired_token'],
    ['device-denied', 'access_denied'],
  ] as const)('%s: the poll answer %s ends the flow as RFC 8628 3.5 says', async (c, error) => {
    const p = await brokenProvider(c);
    const profile = await saveProfile(h, profileFor(p.issuer, 'grantscope-device', { redirectUri: '', request: { scope: 'openid' } as never }));
    await startFlow(h, profile.id, { grant: 'device_code' });
    const panel = await h.openPage('panel.html');
    await panel.waitForSelector('[data-testid="flow-detail"][data-status="failed"]', { timeout: 20_000 });
    await expect(panel.locator('[data-testid="outcome"]').innerText()).resolves.toContain(error);
    await panel.close();
  });

  it('slow_down adds 5 s to the polling interval for good', async () => {
    const p = await brokenProvider('device-slow-down');
    const profile = await saveProfile(h, profileFor(p.issuer, 'grantscope-device', { redirectUri: '', request: { scope: 'openid' } as never }));
    await startFlow(h, profile.id, { grant: 'device_code' });
    const panel = await h.openPage('panel.html');
    await expect.poll(() => panel.locator('[data-testid="device-polls"] li').allInnerTexts(), { timeout: 20_000 }).toEqual([expect.stringContaining('slow_down')]);
    await expect(panel.locator('li.step[data-step="device-poll"]').innerText()).resolves.toContain('polling every 10 s');
    await panel.close();
  });
});

describe('extension-owned redirect URI', () => {
  it('runs the login in the browser sign-in window and redeems the code', async () => {
    const profile = profileFor(h.provider.issuer, 'grantscope-public', { redirectMode: 'extension', redirectUri: '' });
    await saveProfile(h, profile);
    const popup = await h.openPage('popup.html', { width: 420, height: 640 });
    await popup.selectOption('select[name="launchProfile"]', profile.id);
    const opened = h.context.waitForEvent('page', (p) => p !== popup);
    await popup.getByRole('button', { name: 'Start', exact: true }).click();
    const login = await opened;
    await loginAndConsent(login);
    await popup.close();
    const panel = await openPanelAtOutcome(h);
    expect((await outcome(panel)).status).toBe('complete');
    await expect(panel.locator('[data-testid="authz-params"] tr[data-param="redirect_uri"] td').innerText()).resolves.toBe(`https://${h.extensionId}.chromiumapp.org/`);
    // The callback says where it really went: to the extension, not to an app.
    await expect(panel.locator('li.step[data-step="callback"]').innerText()).resolves.toContain('chromiumapp.org');
    await panel.close();
  });
});
