/**
 * The result under an action's button, rendered by Preact into the fake DOM: the check's verdict lines
 * with outcome and clause (as the engine judges them), an exchange's answer when there is no check,
 * "running" while it runs; never a token value.
 */
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Flow, FlowStep } from '../core/flow';
import { downscopeVerdict, revokedVerdict } from '../core/rules/refresh-verdicts';
import { authz, callback, flow, tokenReq, tokens } from '../core/rules/rules.fixtures';
import { fakeRoot, releaseFakeDom, type FakeElement } from '../ui/fake-dom';
import { ActionResult } from './action-result';

let root: FakeElement | undefined;
async function show(f: Flow, label: string, from: number, busy = false): Promise<FakeElement> {
  root = fakeRoot();
  await act(() => render(h(ActionResult, { flow: f, label, from, busy }), root as unknown as Element));
  return root;
}
afterEach(async () => {
  if (root) await act(() => render(null, root as unknown as Element));
  root = undefined;
  releaseFakeDom();
});

const base = (): FlowStep[] => [authz({ response_type: 'code', scope: 'openid offline_access' }), callback({ code: 'c' }), tokenReq({ grant_type: 'authorization_code' }), tokens({ access_token: 'SECRET-AT', refresh_token: 'SECRET-RT', scope: 'openid offline_access' })];

describe('ActionResult', () => {
  it('shows the check step the action added: each verdict with its outcome and clause', async () => {
    const f = flow([...base(), { kind: 'check', at: 9, title: 'Down-scope test', findings: downscopeVerdict('openid email', 'openid offline_access', undefined, 'invalid_scope') }]);
    const r = await show(f, 'Down-scope test', 4);
    const line = r.byAttr('data-rule', 'refresh.downscope')[0]!;
    expect(line.getAttribute('data-status')).toBe('pass');
    expect(line.textContent).toContain('refused with invalid_scope, never wider');
    expect(line.textContent).toContain('RFC 6749 6');
    expect(r.textContent).toContain('Down-scope test');
    expect(r.textContent).toContain('step 5 in the timeline');
  });

  it('reads a revoked refresh token as such', async () => {
    const f = flow([...base(), { kind: 'check', at: 9, title: 'Refresh refused: the refresh token is revoked', findings: [revokedVerdict('invalid_grant', 'inactive')] }]);
    const r = await show(f, 'Refresh', 4);
    expect(r.byAttr('data-rule', 'refresh.revoked')[0]!.getAttribute('data-outcome')).toBe('pass');
    expect(r.textContent).not.toMatch(/SECRET-(AT|RT)/);
  });

  it('an exchange without a check: its answer in a line', async () => {
    const ex: FlowStep = { kind: 'exchange', label: 'Introspection of the access_token (RFC 7662)', at: 9, request: { url: 'https://as.example/introspect', method: 'POST', headers: {}, params: {} }, response: { status: 200, headers: {}, bodyText: '{}' }, summary: { active: 'false', scope: 'openid' } };
    const r = await show(flow([...base(), ex]), 'Introspect access token', 4);
    expect(r.textContent).toContain('HTTP 200 · active: false');
  });

  it('says it runs, and says when nothing came', async () => {
    expect((await show(flow(base()), 'Refresh', 4, true)).textContent).toContain('Refresh: running…');
    await act(() => render(null, root as unknown as Element));
    expect((await show(flow(base()), 'Refresh', 4, false)).textContent).toContain('nothing was added');
  });
});
