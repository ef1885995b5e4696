/**
 * The comparison view rendered into the fake DOM (src/ui/fake-dom.ts) over real demo flows
 * (test/fixtures/flows): the verdict first, the fragment against token endpoint rows, the refresh
 * token only for code, the claim differences, "show only differences", and no secret in the page.
 */
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFlow, secretValues, type FixtureName } from '../../core/compare/fixtures';
import { ConnectorContext } from '../../ui/connector';
import { fakeRoot, releaseFakeDom, type FakeElement } from '../../ui/fake-dom';
import { formatViewState, type ViewState } from '../view-state';
import { CompareView } from './compare-view';
import { NavigateContext } from './nav';
import { fakeConnector, settle } from './render.fixtures';

let root: FakeElement | undefined;
afterEach(async () => {
  if (root) await act(() => render(null, root as unknown as Element));
  root = undefined;
  releaseFakeDom();
});

async function show(a: FixtureName, b: FixtureName, opts: { onlyDiff?: boolean; pair?: { a: string; b: string } } = {}) {
  const flows = [loadFlow(a), loadFlow(b)];
  const went: ViewState[] = [];
  root = fakeRoot();
  const pair = opts.pair ?? { a: flows[0]!.id, b: flows[1]!.id };
  await act(() =>
    render(
      h(ConnectorContext.Provider, { value: fakeConnector(flows) }, h(NavigateContext.Provider, { value: (s: ViewState) => went.push(s) }, h(CompareView, { pair, onlyDiff: opts.onlyDiff }))),
      root as unknown as Element,
    ),
  );
  await settle();
  const r = root;
  const row = (key: string) => {
    const tr = r.byAttr('data-row', key)[0];
    if (!tr) throw new Error(`no row ${key}`);
    const [a, b] = tr.findAll((e) => e.getAttribute('data-side') !== null).map((e) => e.textContent);
    return { a, b, state: tr.getAttribute('data-state') };
  };
  return { r, row, went, flows };
}

describe('CompareView over real demo flows', () => {
  it('code + PKCE against implicit: verdict first, fragment against token endpoint, refresh token only for code', async () => {
    const { r, row, flows } = await show('code-pkce', 'implicit');
    const verdict = r.byAttr('data-testid', 'compare-verdict')[0]!.textContent;
    expect(verdict).toContain('A (code + PKCE) keeps tokens out of the URL; B (implicit) put the access token and ID token in the URL fragment; only A got a refresh token');
    expect(row('travel.access_token.channel')).toEqual({ a: 'back channel (token endpoint)', b: 'front channel (URL fragment)', state: 'differs' });
    expect(row('travel.access_token.seen-by').b).toBe('browser history, page scripts, extensions');
    expect(row('returned.refresh_token')).toMatchObject({ a: 'present (43 chars)', b: '—', state: 'differs' });
    expect(row('idtoken.claim.aud').state).toBe('differs');
    expect(row('idtoken.claim.at_hash').state).toBe('only-b');
    expect(row('idtoken.claim.sub').state).toBe('same');
    // Checks that differ come first; the alike ones fold away.
    const findings = r.byAttr('data-group', 'findings')[0]!;
    expect(findings.byAttr('data-row', 'findings.implicit.token')[0]).toBeDefined();
    expect(findings.textContent).toMatch(/\d+ more checks neither fails nor warns on/);
    const page = r.textContent;
    for (const v of flows.flatMap(secretValues)) expect(page).not.toContain(v);
  });

  it('"Show only differences" is one click, kept in the URL; with it, same rows and per-run rows are gone', async () => {
    const { r, went, flows } = await show('code-pkce', 'implicit');
    await act(() => r.byAttr('data-testid', 'only-differences')[0]!.click());
    expect(formatViewState(went.at(-1)!)).toBe(`#/compare/${flows[0]!.id}/${flows[1]!.id}?only=diff`);
    const only = await show('code-pkce', 'implicit', { onlyDiff: true });
    expect(only.r.byAttr('data-state', 'same')).toHaveLength(0);
    expect(only.r.byAttr('data-row', 'flow.id')).toHaveLength(0);
    expect(only.row('travel.access_token.channel').state).toBe('differs');
  });

  it('the same flow twice: "no difference beyond times and per-run values"', async () => {
    const { r } = await show('code-pkce', 'code-pkce-again', { onlyDiff: true });
    expect(r.byAttr('data-testid', 'compare-verdict')[0]!.textContent).toContain('No difference beyond times and per-run values');
    expect(r.textContent).toContain('No row differs beyond times and per-run values.');
  });

  it('offers the token diff of tokens both got, as links into #/tokens', async () => {
    const { r, flows } = await show('code-pkce', 'hybrid');
    const links = r.byAttr('data-token-diff', 'id_token');
    expect(links[0]!.getAttribute('href')).toBe(`#/tokens/${flows[0]!.id}/${flows[1]!.id}?ta=id_token&tb=id_token`);
    expect(r.byAttr('data-token-diff', 'refresh_token')).toHaveLength(0);
  });

  it('a confidential client with a JWT access token: its claims get their own group, the secret never shows', async () => {
    const { r, row, flows } = await show('code-pkce', 'code-jwt-access');
    expect(r.byAttr('data-group', 'access-token')).toHaveLength(1);
    expect(row('access.claim.aud')).toEqual({ a: '—', b: 'urn:grantscope:demo-api', state: 'only-b' });
    expect(row('protections.client-auth').b).toBe('client_secret_post');
    expect(r.byAttr('data-testid', 'compare-verdict')[0]!.textContent).toContain('B authenticates the client (client_secret_post)');
    expect(r.textContent).not.toContain('grantscope-post-secret');
    for (const v of flows.flatMap(secretValues)) expect(r.textContent).not.toContain(v);
  });

  it('a flow no longer kept says so and leaves the pickers', async () => {
    const { r } = await show('code-pkce', 'implicit', { pair: { a: loadFlow('code-pkce').id, b: 'gone-1' } });
    expect(r.byAttr('data-testid', 'compare-missing')[0]!.textContent).toContain('Flow B is no longer kept');
    expect(r.findAll((e) => e.localName === 'select')).toHaveLength(2);
  });
});
