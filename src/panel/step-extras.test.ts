/**
 * Issue 11, item 6, rendered by Preact into the fake DOM (src/ui/fake-dom.ts): the request step marks
 * each parameter Grantscope added (badge, reason on hover and as text), a token answer says scope asked
 * against granted, a recorded step names its tab in words with the raw id on hover, and the profile
 * editor's request part lists what a launch will add.
 */
import { h, render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Flow, FlowStep } from '../core/flow';
import { addedParams } from '../core/launch/added-params';
import { blankProfile, defaultRequest } from '../core/profile';
import { fakeRoot, releaseFakeDom, type FakeElement } from '../ui/fake-dom';
import { RequestFields } from './profiles/request-fields';
import { StepView } from './steps';

let root: FakeElement | undefined;
afterEach(async () => {
  if (root) await act(() => render(null, root as unknown as Element));
  root = undefined;
  releaseFakeDom();
});

async function show(vnode: ComponentChild): Promise<FakeElement> {
  root = fakeRoot();
  await act(() => render(vnode, root as unknown as Element));
  return root;
}

const request = { ...defaultRequest(), scope: 'openid profile offline_access' };
const authz: FlowStep = {
  kind: 'authorization-request',
  at: 1,
  url: 'https://as.example/authorize?x',
  params: { response_type: 'code', client_id: 'app', redirect_uri: 'https://app.example/cb', scope: request.scope, state: 's', nonce: 'n', code_challenge: 'c', code_challenge_method: 'S256', prompt: 'consent' },
  added: addedParams(request),
};
const answer: FlowStep = { kind: 'token-response', at: 3, status: 200, headers: {}, bodyText: '', result: { ok: true, tokens: { token_type: 'Bearer', access_token: 'a', scope: 'openid profile' } as never, warnings: [] } };
const treq: FlowStep = { kind: 'token-request', at: 2, url: 'https://as.example/token', method: 'POST', headers: {}, params: { grant_type: 'authorization_code' } };

function flow(steps: FlowStep[], capture?: Flow['capture']): Flow {
  return { id: 'f', createdAt: 0, updatedAt: 0, source: capture ? 'captured' : 'launched', grant: 'authorization', profile: { ...blankProfile('p'), request }, findings: [], metadata: { issuer: 'https://as.example' } as Flow['metadata'], status: 'complete', steps, ...(capture ? { capture } : {}) };
}

describe('the request step marks what Grantscope added', () => {
  it('a badge on each added row, with the reason on hover, and the list as text', async () => {
    const r = await show(h(StepView, { step: authz, since: '', mode: 'block', flow: flow([authz]), index: 0 }));
    const marked = r.byAttr('data-testid', 'added-mark').map((b) => b.parentNode as FakeElement);
    expect(marked.map((row) => row.getAttribute('data-param'))).toEqual(['state', 'nonce', 'code_challenge', 'code_challenge_method', 'prompt']);
    const prompt = r.byAttr('data-param', 'prompt')[0]!.byAttr('data-testid', 'added-mark')[0]!;
    // The name stays the cell's text; the badge is drawn from data-added.
    expect(prompt.textContent).toBe('prompt');
    expect(prompt.getAttribute('data-added')).toBe('added by Grantscope');
    expect(prompt.getAttribute('title')).toContain('offline_access');
    // The person's own parameters carry no mark.
    for (const own of ['client_id', 'scope', 'response_type']) expect(r.byAttr('data-param', own)[0]!.byAttr('data-testid', 'added-mark')).toEqual([]);
    const list = r.byAttr('data-testid', 'added-params')[0]!.textContent;
    expect(list).toContain('prompt=consent — scope has offline_access');
    expect(list).toContain('(OIDC Core 11)');
  });

  it('a recorded request (nothing added) has no marks and no list', async () => {
    const plain = { ...authz, added: undefined } as FlowStep;
    const r = await show(h(StepView, { step: plain, since: '', mode: 'captured' }));
    expect(r.byAttr('data-testid', 'added-mark')).toEqual([]);
    expect(r.byAttr('data-testid', 'added-params')).toEqual([]);
  });
});

describe('scope asked against granted on a token answer', () => {
  it('says what was not granted', async () => {
    const f = flow([authz, treq, answer]);
    const r = await show(h(StepView, { step: answer, since: '', mode: 'block', flow: f, index: 2 }));
    const line = r.byAttr('data-testid', 'scope-line')[0]!;
    expect(line.textContent).toBe('Scope asked: openid profile offline_access · granted: openid profile (offline_access not granted)');
    expect(line.getAttribute('data-not-granted')).toBe('offline_access');
  });

  it('no line on a token request', async () => {
    const r = await show(h(StepView, { step: treq, since: '', mode: 'block', flow: flow([authz, treq, answer]), index: 1 }));
    expect(r.byAttr('data-testid', 'scope-line')).toEqual([]);
  });
});

describe('tabs in words', () => {
  const seen = (tabId: number) => ({ via: ['webrequest' as const], tabId, frame: 'main' as const, requestId: `wr:${tabId}` });
  it('login popup opened by the app’s tab, the id on hover', async () => {
    const step = { ...authz, seen: seen(9) } as FlowStep;
    const r = await show(h(StepView, { step, since: '', mode: 'captured', firstTab: 9, flow: flow([step], { tabIds: [9, 7], sites: [], openers: { 9: 7 } }), index: 0 }));
    const where = r.byAttr('data-testid', 'step-tab')[0]!;
    expect(where.textContent).toContain('Where: login popup opened by the app’s tab, page load');
    expect(where.getAttribute('title')).toContain('tab id 9');
  });
});

describe('the profile editor says what a launch will add', () => {
  it('prompt=consent because of offline_access, and PKCE, state and nonce', async () => {
    const r = await show(h(RequestFields, { value: request, onChange: () => undefined, options: { dpop: true } }));
    const box = r.byAttr('data-testid', 'will-add')[0]!;
    expect(box.textContent).toContain('Grantscope will add');
    expect(box.textContent).toContain('prompt=consent — scope has offline_access');
    expect(box.byAttr('data-added', 'dpop_jkt')).toHaveLength(1);
  });
});

describe('a launched PAR push marks what Grantscope added inside it', () => {
  it('state, nonce and PKCE rows in the push are marked; the request step lists request_uri', async () => {
    const added = addedParams(defaultRequest(), { par: true });
    const push: FlowStep = { kind: 'exchange', label: 'Pushed authorization request (RFC 9126)', at: 1, request: { url: 'https://as.example/par', method: 'POST', headers: {}, params: { client_id: 'app', response_type: 'code', scope: 'openid', state: 's', nonce: 'n', code_challenge: 'c', code_challenge_method: 'S256' } } };
    const front: FlowStep = { kind: 'authorization-request', at: 2, url: 'https://as.example/authorize', params: { client_id: 'app', request_uri: 'urn:x' }, added };
    const f = flow([push, front]);
    const r = await show(h(StepView, { step: push, since: '', mode: 'block', flow: f, index: 0 }));
    const marked = r.byAttr('data-testid', 'added-mark').map((b) => (b.parentNode as FakeElement).getAttribute('data-param'));
    expect(marked).toEqual(['state', 'nonce', 'code_challenge', 'code_challenge_method']);
    await act(() => render(null, root as unknown as Element));
    const r2 = await show(h(StepView, { step: front, since: '', mode: 'block', flow: f, index: 1 }));
    expect(r2.byAttr('data-testid', 'added-mark').map((b) => (b.parentNode as FakeElement).getAttribute('data-param'))).toEqual(['request_uri']);
    expect(r2.byAttr('data-testid', 'added-params')[0]!.textContent).toContain('inside the pushed request');
  });
});

describe('a device step from an imported file', () => {
  const poll: FlowStep = { kind: 'device-poll', at: 1, userCode: 'WDJB-MJHT', verificationUri: 'https://evil.example/device', verificationUriComplete: 'https://evil.example/device?user_code=WDJB-MJHT', expiresAt: 2, intervalSec: 5, polls: [] };
  const flow = (imported: boolean) => ({ id: 'f', steps: [poll], ...(imported ? { imported: { file: 'x.json', at: 1 } } : {}) }) as unknown as Flow;

  it('shows the verification URI as text, with no link and no QR code, since the file chose it', async () => {
    const r = await show(h(StepView, { step: poll, since: '', mode: 'block', flow: flow(true), index: 0 }));
    expect(r.findAll((e) => e.localName === 'a' && !!e.getAttribute('href'))).toEqual([]);
    expect(r.byAttr('data-testid', 'verification-uri-text')[0]!.textContent).toBe('https://evil.example/device');
  });

  it('links it on a flow this browser ran', async () => {
    const r = await show(h(StepView, { step: poll, since: '', mode: 'block', flow: flow(false), index: 0 }));
    expect(r.findAll((e) => e.getAttribute('href') === 'https://evil.example/device')).toHaveLength(1);
  });
});
