/**
 * "Relaunch with Grantscope" rendered into the fake DOM over the real recorded SPA flow
 * (test/fixtures/flows/spa-recorded.json): the draft shows the app's client, no value of the
 * recording's secrets is in the page or in what Start sends, Start sends the toggled draft stopped
 * at the redirect, and Run both's choice of the profile's last two flows.
 */
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFlow, secretValues } from '../../core/compare/fixtures';
import type { FlowSummary } from '../../core/flow';
import type { MessageKey } from '../../shared/messages';
import type { Connector } from '../../ui/connector';
import { ConnectorContext } from '../../ui/connector';
import { fakeRoot, releaseFakeDom, type FakeElement } from '../../ui/fake-dom';
import { NavigateContext } from '../compare/nav';
import { settle } from '../compare/render.fixtures';
import type { ViewState } from '../view-state';
import { RelaunchPanel } from './relaunch-panel';
import { canRelaunch } from './relaunch';
import { lastTwo, profileFlows } from './run-both';

let root: FakeElement | undefined;
afterEach(async () => {
  if (root) await act(() => render(null, root as unknown as Element));
  root = undefined;
  releaseFakeDom();
});

async function show() {
  const flow = loadFlow('spa-recorded');
  const sent: { type: MessageKey; payload: unknown }[] = [];
  const went: ViewState[] = [];
  const connector: Connector = {
    send: (type, payload) => {
      sent.push({ type, payload });
      return type === 'flow/relaunch' ? Promise.resolve({ flowId: 'new-flow' } as never) : Promise.reject(new Error(`${type} is not part of this test`));
    },
    onFlowsChanged: () => () => undefined,
    onProfilesChanged: () => () => undefined,
    requestHostAccess: () => Promise.resolve(true),
  };
  root = fakeRoot();
  await act(() =>
    render(
      h(ConnectorContext.Provider, { value: connector }, h(NavigateContext.Provider, { value: (s: ViewState) => went.push(s) }, h(RelaunchPanel, { flow, onClose: () => undefined }))),
      root as unknown as Element,
    ),
  );
  await settle();
  return { flow, sent, went, r: root };
}

const byName = (r: FakeElement, name: string) => r.findAll((e) => e.getAttribute('name') === name)[0]!;

describe('RelaunchPanel', () => {
  it('shows the app client as an editable launch, stopped at the redirect, with no secret of the recording', async () => {
    const { flow, r } = await show();
    expect(canRelaunch(flow)).toBe(true);
    expect(byName(r, 'relaunchClientId').getAttribute('value')).toBe('grantscope-spa');
    expect(r.textContent).toContain('Stops at the redirect');
    for (const v of secretValues(flow)) expect(r.textContent).not.toContain(v);
  });

  it('Start sends the toggled draft (PKCE off), stopped at the redirect, without a secret, then opens the new flow', async () => {
    const { flow, sent, went, r } = await show();
    const pkce = byName(r, 'relaunchPkce');
    await act(() => pkce.listeners.get('change')?.call(pkce, { type: 'change', target: { value: 'none' }, currentTarget: { value: 'none' } }));
    await act(() => r.byAttr('data-testid', 'relaunch-start')[0]!.click());
    await settle();
    const start = sent.find((s) => s.type === 'flow/relaunch')!.payload as { profile: { redirectMode: string; request: { pkce: string } } };
    expect(start.profile.redirectMode).toBe('block');
    expect(start.profile.request.pkce).toBe('none');
    const text = JSON.stringify(start);
    for (const v of secretValues(flow)) expect(text).not.toContain(v);
    expect(went.at(-1)).toMatchObject({ view: 'flows', flowId: 'new-flow' });
  });
});

describe('profileFlows and lastTwo (Compare with the previous run)', () => {
  const at = (id: string, createdAt: number, over: Partial<FlowSummary> = {}): FlowSummary => ({
    id, createdAt, updatedAt: createdAt, grant: 'authorization', responseType: 'code', clientId: 'c', issuer: 'https://idp', status: 'complete', source: 'launched', row: { profileName: 'P' }, ...over,
  });
  const p = { clientId: 'c', issuer: 'https://idp', name: 'P' };
  it.each([
    ['the newest and the run before with the same response type', [at('a', 1), at('b', 2, { responseType: 'id_token token' }), at('c', 3)], ['a', 'c']],
    ['the one just before when no earlier run has the same response type', [at('a', 1), at('b', 2, { responseType: 'id_token token' })], ['a', 'b']],
    ['other profiles, recorded flows and other issuers left out', [at('a', 1), at('x', 2, { row: { profileName: 'Q' } }), at('y', 3, { source: 'captured' }), at('z', 4, { issuer: 'https://other' }), at('b', 5)], ['a', 'b']],
    ['nothing with fewer than two', [at('a', 1)], undefined],
  ] as const)('%s', (_name, list, want) => {
    const two = lastTwo(profileFlows(list as unknown as FlowSummary[], p));
    expect(two?.map((f) => f.id)).toEqual(want);
  });
});
