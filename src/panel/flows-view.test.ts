/**
 * Issue 9, "dead panel": the Flows view rendered by Preact into a fake DOM (src/ui/fake-dom.ts), with a
 * fake connector serving recorded flows. A fragment callback whose ID token nests 20,000 deep is the
 * newest flow, so the panel opens on it: its detail must say "too deep", and the list must still work.
 */
import { base64url } from 'jose';
import { h, render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { correlate, type LooseCall } from '../core/capture/correlate';
import type { ObservedRequest, Recognised } from '../core/capture/types';
import { summarize, type Flow } from '../core/flow';
import type { MessageKey } from '../shared/messages';
import { type Connector, ConnectorContext } from '../ui/connector';
import { fakeRoot, releaseFakeDom, type FakeElement } from '../ui/fake-dom';
import { NO_FILTER } from './flow-filter';
import { type FlowsChoice, FlowsView } from './flows-view';

const ISS = 'http://127.0.0.1:9400';
const APP = 'http://127.0.0.1:9401';
const enc = (s: string) => base64url.encode(s);
// The token of the report: about 53 KB, a claim of arrays nested 20,000 deep (it fits the recorder's URL cap).
const DEEP_ID_TOKEN = `${enc('{"alg":"RS256","kid":"k"}')}.${enc(`{"iss":"${ISS}","sub":"s","aud":"app","nonce":"n1","a":${'['.repeat(20_000)}${']'.repeat(20_000)}}`)}.${enc('sig')}`;

/** Two recorded flows, through the real correlator: an implicit one with a plain state, then the hostile one. */
function recordedFlows(): Flow[] {
  let flows: Flow[] = [];
  let loose: LooseCall[] = [];
  let n = 0;
  const feed = (rec: Recognised, url: string) => {
    const obs: ObservedRequest = { id: `wr:${++n}`, at: 1_800_000_000_000 + n * 500, tabId: 1, frame: 'main', method: 'GET', via: 'webrequest', url };
    const out = correlate({ flows, loose, obs, rec, ctx: { site: APP, related: [1] }, newId: () => `f${flows.length + 1}` });
    loose = out.loose;
    if (out.result) flows = [out.result.flow, ...flows.filter((f) => f.id !== out.result!.flow.id)];
  };
  for (const [state, idToken] of [['s-plain', `${enc('{"alg":"RS256"}')}.${enc(`{"iss":"${ISS}","sub":"s"}`)}.${enc('sig')}`], ['s-deep', DEEP_ID_TOKEN]] as const) {
    const params = { client_id: 'app', response_type: 'id_token', redirect_uri: `${APP}/cb`, scope: 'openid', state, nonce: 'n1' };
    feed({ kind: 'authorization-request', endpoint: `${ISS}/auth`, params, duplicates: [] }, `${ISS}/auth?${new URLSearchParams(params)}`);
    const back = { id_token: idToken, state };
    feed({ kind: 'callback', redirectUri: `${APP}/cb`, params: back, source: 'fragment', duplicates: [] }, `${APP}/cb#${new URLSearchParams(back)}`);
  }
  return flows; // newest first, as the store lists them
}

function fakeConnector(flows: Flow[], get: (id: string) => Flow | undefined = (id) => flows.find((f) => f.id === id)): Connector {
  const answers: Partial<Record<MessageKey, (p: unknown) => unknown>> = {
    'flow/list': () => flows.map(summarize),
    'flow/get': (p) => get((p as { id: string }).id),
  };
  return {
    send: (type, payload) => {
      const answer = answers[type];
      return answer ? Promise.resolve(answer(payload) as never) : Promise.reject(new Error(`${type} is not part of this test`));
    },
    onFlowsChanged: () => () => undefined,
    onProfilesChanged: () => () => undefined,
    requestHostAccess: () => Promise.resolve(false),
  };
}

/**
 * Lets the connector's answers arrive and Preact render what they change: each act runs the effects
 * and renders queued so far, and a connector answer may queue more (list, then the open flow).
 */
async function settle(): Promise<void> {
  for (let i = 0; i < 6; i++) await act(() => new Promise<void>((r) => setTimeout(r, 0)));
}

let root: FakeElement | undefined;

/** The panel's part of the Flows view's state (app.tsx keeps it in the URL); `start` as a URL would give it. */
function Host(p: { start: FlowsChoice; inspectedTabId?: number }) {
  const [choice, setChoice] = useState(p.start);
  return h(FlowsView, { ...choice, onChange: setChoice, inspectedTabId: p.inspectedTabId });
}

async function showFlows(connector: Connector, start: FlowsChoice = { flowId: null, filter: NO_FILTER }, inspectedTabId?: number): Promise<FakeElement> {
  root = fakeRoot();
  await act(() => render(h(ConnectorContext.Provider, { value: connector }, h(Host, { start, ...(inspectedTabId === undefined ? {} : { inspectedTabId }) })), root as unknown as Element));
  await settle();
  return root;
}

async function select(r: FakeElement, id: string) {
  await act(() => r.byAttr('data-flow-id', id)[0]!.click());
  await settle();
}

afterEach(async () => {
  if (root) await act(() => render(null, root as unknown as Element));
  root = undefined;
  releaseFakeDom();
  vi.restoreAllMocks();
});

describe('Flows view with a hostile recorded flow', () => {
  it('opens on the 20,000-deep ID token flow: the detail says "too deep", the list still works', async () => {
    expect(DEEP_ID_TOKEN.length).toBeLessThan(54_000);
    const flows = recordedFlows();
    expect(flows.map((f) => f.steps.map((s) => s.kind))).toEqual([
      ['authorization-request', 'callback'],
      ['authorization-request', 'callback'],
    ]);
    const [hostile, plain] = flows as [Flow, Flow];
    const r = await showFlows(fakeConnector(flows));

    expect(r.findAll((e) => e.getAttribute('data-flow-id') !== null)).toHaveLength(2);
    const detail = r.byAttr('data-testid', 'flow-detail')[0]!;
    expect(detail).toBeDefined();
    expect(r.byAttr('data-testid', 'error-boundary')).toHaveLength(0);
    expect(detail.textContent).toMatch(/too deep to show \(depth > 32, \d+ bytes\)/);

    await select(r, plain.id);
    expect(r.byAttr('data-testid', 'flow-detail')[0]!.textContent).toContain(`"iss": "${ISS}"`);
    await select(r, hostile.id);
    expect(r.byAttr('data-testid', 'flow-detail')[0]!.textContent).toContain('too deep to show');
  });

  it('a flow whose detail throws shows as a line in the detail; the list still picks another flow', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const flows = recordedFlows();
    const [broken, plain] = flows as [Flow, Flow];
    // A stored flow the panel cannot read (steps not a list): FlowDetail throws while rendering.
    const r = await showFlows(fakeConnector(flows, (id) => (id === broken.id ? ({ ...broken, steps: null } as unknown as Flow) : plain)));

    const failed = r.byAttr('data-testid', 'error-boundary');
    expect(failed.map((e) => e.getAttribute('data-part'))).toEqual(['flow detail']);
    expect(failed[0]!.textContent).toContain('This part could not be shown:');
    expect(r.findAll((e) => e.getAttribute('data-flow-id') !== null)).toHaveLength(2);

    await select(r, plain.id);
    expect(r.byAttr('data-testid', 'error-boundary')).toHaveLength(0);
    expect(r.byAttr('data-testid', 'flow-detail')[0]!.getAttribute('data-source')).toBe('captured');
  });

  it('a reload that restores the broken flow from the URL opens on it without a loop: the detail says so, the list works', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const flows = recordedFlows();
    const [broken, plain] = flows as [Flow, Flow];
    // Selected by id, as #/flows/<id> gives it after a reload; listed second, so it is not the default pick.
    const r = await showFlows(fakeConnector([plain, broken], (id) => (id === broken.id ? ({ ...broken, steps: null } as unknown as Flow) : plain)), { flowId: broken.id, filter: NO_FILTER });
    expect(r.byAttr('aria-current', 'true').map((e) => e.getAttribute('data-flow-id'))).toEqual([broken.id]);
    expect(r.byAttr('data-testid', 'error-boundary').map((e) => e.getAttribute('data-part'))).toEqual(['flow detail']);
    await select(r, plain.id);
    expect(r.byAttr('data-testid', 'error-boundary')).toHaveLength(0);
  });
});

describe('Flows view in a DevTools panel', () => {
  /** The two recorded flows, the older one seen in tab 5 (the inspected one), the newer in tab 9. */
  const inTabs = (): Flow[] => {
    const [newer, older] = recordedFlows() as [Flow, Flow];
    return [{ ...newer, capture: { ...newer.capture!, tabIds: [9] } }, { ...older, capture: { ...older.capture!, tabIds: [5] } }];
  };
  const group = (r: FakeElement, g: string) => r.byAttr('data-group', g)[0]?.findAll((e) => e.getAttribute('data-flow-id') !== null).map((e) => e.getAttribute('data-flow-id'));

  it("lists the inspected tab's flows first and opens its newest; the others follow under their heading", async () => {
    const flows = inTabs();
    const r = await showFlows(fakeConnector(flows), { flowId: null, filter: NO_FILTER }, 5);
    expect(group(r, 'this-tab')).toEqual([flows[1]!.id]);
    expect(group(r, 'other-tabs')).toEqual([flows[0]!.id]);
    expect(r.byAttr('data-group', 'other-tabs')[0]!.textContent).toContain('Other tabs');
    expect(r.byAttr('aria-current', 'true').map((e) => e.getAttribute('data-flow-id'))).toEqual([flows[1]!.id]);
  });

  it("a search that hides the tab's flows says so, rather than that none ran there", async () => {
    const [newer, older] = inTabs() as [Flow, Flow];
    const flows = [{ ...newer, profile: { ...newer.profile, clientId: 'other-app' } }, older];
    const r = await showFlows(fakeConnector(flows), { flowId: null, filter: { ...NO_FILTER, query: 'other-app' } }, 5);
    expect(group(r, 'this-tab')).toEqual([]);
    expect(group(r, 'other-tabs')).toEqual([newer.id]);
    const text = r.byAttr('data-group', 'this-tab')[0]!.textContent;
    expect(text).toContain("None of this tab's flows matches the search and filters.");
    expect(text).not.toContain('No flow has run');
  });

  it('a tab with no flow says so above the others, and the newest of those opens', async () => {
    const flows = inTabs();
    const r = await showFlows(fakeConnector(flows), { flowId: null, filter: NO_FILTER }, 3);
    expect(group(r, 'this-tab')).toEqual([]);
    expect(r.byAttr('data-group', 'this-tab')[0]!.textContent).toContain('No flow has run in the inspected tab yet.');
    expect(group(r, 'other-tabs')).toEqual(flows.map((f) => f.id));
    expect(r.byAttr('aria-current', 'true').map((e) => e.getAttribute('data-flow-id'))).toEqual([flows[0]!.id]);
  });
});
