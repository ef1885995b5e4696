/**
 * Issue 11, "verdict at a glance", rendered by Preact into the fake DOM (src/ui/fake-dom.ts): the
 * verdict summary at the top of a flow's detail, the outcome banner that must not contradict it, and
 * a list row that reads the failed checks and tells flows apart.
 */
import { type ComponentChild, h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { failed, notApplicable, notSeen, passed, type Finding } from '../core/finding';
import type { Flow, FlowSummary } from '../core/flow';
import { countOf } from '../core/rules/engine';
import type { Verdict } from '../core/rules/types';
import { blankProfile } from '../core/profile';
import { type Connector, ConnectorContext } from '../ui/connector';
import { fakeRoot, releaseFakeDom, type FakeElement } from '../ui/fake-dom';
import { FlowDetail } from './flow-detail';
import { FlowList } from './flow-list';
import { VerdictSummary } from './verdict-summary';

let root: FakeElement | undefined;

async function show(vnode: ComponentChild): Promise<FakeElement> {
  root = fakeRoot();
  await act(() => render(vnode, root as unknown as Element));
  return root;
}

afterEach(async () => {
  if (root) await act(() => render(null, root as unknown as Element));
  root = undefined;
  releaseFakeDom();
  vi.restoreAllMocks();
});

/** The detail's token actions ask for nothing here; a connector that answers nothing keeps them quiet. */
const QUIET: Connector = { send: () => new Promise(() => undefined), onFlowsChanged: () => () => undefined, onProfilesChanged: () => () => undefined, requestHostAccess: () => Promise.resolve(false) };
const detailOf = (flow: Flow) => h(ConnectorContext.Provider, { value: QUIET }, h(FlowDetail, { flow }));

const text = (e: FakeElement | undefined) => e?.textContent ?? '';
const testid = (r: FakeElement, id: string) => r.byAttr('data-testid', id);

const FINDINGS: Finding[] = [
  { ...failed('state.missing', 'error', 'RFC 6749 10.12', 'No state was sent: <b>CSRF</b> is possible', { step: 0, param: 'state', expected: 'a state of 128 bits', actual: '(none)' }), link: 'https://www.rfc-editor.org/rfc/rfc6749#section-10.12', set: 'core' },
  { ...failed('bcp.implicit', 'warning', 'RFC 9700 2.1.2', 'Tokens in the front channel (implicit)', { step: 1 }), link: 'https://www.rfc-editor.org/rfc/rfc9700#section-2.1.2', set: 'bcp' },
  { ...notSeen('token.cache-control', 'RFC 6749 5.1', 'Token answer: the token response was not seen'), link: 'javascript:alert(1)' },
  passed('pkce.present', 'RFC 7636 4.2', 'PKCE was used'),
  passed('redirect.https', 'RFC 9700 2.6', 'redirect_uri is https or loopback'),
  notApplicable('nonce.required', 'OIDC Core 3.1.2.1', 'No ID token was asked for'),
];
const VERDICT: Verdict = { set: 'bcp', findings: FINDINGS, counts: countOf(FINDINGS), worst: 'fail' };

describe('verdict summary', () => {
  it('puts failures and warnings first with evidence, clause links and a jump; not seen never reads as passed; passes fold', async () => {
    const shown: number[] = [];
    const r = await show(h(VerdictSummary, { verdict: VERDICT, onSet: () => undefined, onShowStep: (i: number) => shown.push(i), stepLabel: (i: number) => ['authorization request', 'callback'][i] ?? '' }));
    expect(text(testid(r, 'verdict-headline')[0])).toBe('1 check failed · 1 warning');
    const problems = testid(r, 'verdict-problems')[0]!;
    const items = problems.findAll((e) => e.getAttribute('data-rule') !== null);
    expect(items.map((e) => [e.getAttribute('data-rule'), e.getAttribute('data-outcome')])).toEqual([
      ['state.missing', 'fail'],
      ['bcp.implicit', 'warn'],
    ]);
    // Markup in a message is text, never elements.
    expect(text(items[0])).toContain('No state was sent: <b>CSRF</b> is possible');
    expect(items[0]!.findAll((e) => e.nodeName === 'B')).toHaveLength(0);
    expect(text(items[0])).toContain('state: expected a state of 128 bits · actual (none)');
    // The clause opens the spec in a new tab without a referrer.
    const link = items[0]!.findAll((e) => e.nodeName === 'A')[0]!;
    expect([link.getAttribute('href'), link.getAttribute('target'), link.getAttribute('rel'), text(link)]).toEqual(['https://www.rfc-editor.org/rfc/rfc6749#section-10.12', '_blank', 'noreferrer', 'RFC 6749 10.12']);
    // A finding from a stricter set says so; a core one does not.
    expect(text(items[1]!.byAttr('data-testid', 'finding-set')[0])).toBe('RFC 9700 best current practice');
    expect(items[0]!.byAttr('data-testid', 'finding-set')).toHaveLength(0);
    // "show step" jumps to the evidence.
    const jump = items[1]!.byAttr('data-testid', 'show-step')[0]!;
    expect(text(jump)).toBe('show step 2: callback');
    await act(() => jump.click());
    expect(shown).toEqual([1]);

    const unseen = testid(r, 'verdict-not-seen')[0]!;
    expect(text(unseen)).toContain('1 not seen');
    const row = unseen.byAttr('data-rule', 'token.cache-control')[0]!;
    expect(row.getAttribute('data-outcome')).toBe('not-seen');
    expect(text(row)).toContain('not seen');
    expect(text(row)).not.toContain('pass');
    // A link that is not https is shown as text, not followed.
    expect(row.findAll((e) => e.nodeName === 'A')).toHaveLength(0);

    const passedFold = testid(r, 'verdict-passed')[0]!;
    expect(passedFold.nodeName).toBe('DETAILS');
    expect(text(passedFold.findAll((e) => e.nodeName === 'SUMMARY')[0])).toBe('2 passed');
    expect(testid(r, 'verdict-na')[0]!.nodeName).toBe('DETAILS');
  });

  it('a clean verdict says all passed and lists nothing as a problem', async () => {
    const clean = FINDINGS.filter((f) => f.status === 'pass');
    const r = await show(h(VerdictSummary, { verdict: { set: 'core', findings: clean, counts: countOf(clean), worst: 'pass' }, onSet: () => undefined }));
    expect(text(testid(r, 'verdict-headline')[0])).toBe('All 2 checks passed');
    expect(testid(r, 'verdict-problems')).toHaveLength(0);
    expect(testid(r, 'verdict-summary')[0]!.getAttribute('data-worst')).toBe('pass');
  });
});

const ISS = 'https://login.example.com';
function implicitFlow(findings: Finding[]): Flow {
  return {
    id: 'f1',
    createdAt: 1_800_000_000_000,
    updatedAt: 1_800_000_002_000,
    source: 'launched',
    grant: 'authorization',
    responseType: 'id_token token',
    profile: { ...blankProfile('p1'), name: 'Weak implicit', clientId: 'weak', issuer: ISS, redirectUri: 'https://app.example/cb' },
    findings,
    metadata: { issuer: ISS },
    status: 'complete',
    outcome: { kind: 'success', title: 'Tokens received in the callback' },
    steps: [
      { kind: 'authorization-request', at: 1_800_000_000_000, url: `${ISS}/auth`, params: { client_id: 'weak', response_type: 'id_token token', redirect_uri: 'https://app.example/cb', scope: 'openid' } },
      { kind: 'callback', at: 1_800_000_002_000, url: 'https://app.example/cb#access_token=x', params: { access_token: 'x', token_type: 'Bearer' }, source: 'fragment', findings: [] },
    ],
  };
}

describe('flow detail', () => {
  it('opens on the verdict, above the banner and the timeline; the banner says the checks failed', async () => {
    // A stored finding the catalog may not hold: the engine keeps it, and it still counts.
    const flow = implicitFlow([failed('test.stored-failure', 'error', 'RFC 6749 10.12', 'state omitted for negative testing', { step: 0 })]);
    const r = await show(detailOf(flow));
    const detail = testid(r, 'flow-detail')[0]!;
    const order = detail.findAll((e) => ['verdict-summary', 'outcome'].includes(e.getAttribute('data-testid') ?? '') || e.getAttribute('class') === 'timeline').map((e) => e.getAttribute('data-testid') ?? 'timeline');
    expect(order).toEqual(['verdict-summary', 'outcome', 'timeline']);
    const banner = testid(r, 'outcome')[0]!;
    expect(text(banner)).toMatch(/^Tokens received in the callback · \d+ checks? failed/);
    expect(banner.getAttribute('class')).toBe('banner err');
    expect(text(testid(r, 'detail-status')[0])).toMatch(/^complete · \d+ checks? failed/);
    expect(testid(r, 'detail-status')[0]!.getAttribute('class')).toBe('badge err');
    expect(detail.byAttr('data-rule', 'test.stored-failure')[0]!.getAttribute('data-outcome')).toBe('fail');
    // Timeline items carry ids for "show step".
    expect(detail.findAll((e) => e.getAttribute('id') === 'step-0')).toHaveLength(1);
  });

  it('changing the rule set re-judges the flow on the page', async () => {
    const r = await show(detailOf(implicitFlow([])));
    expect(testid(r, 'verdict-summary')[0]!.getAttribute('data-set')).toBe('core');
    const select = r.findAll((e) => e.getAttribute('name') === 'rule-set')[0]!;
    await act(() => {
      (select as unknown as { value: string }).value = 'fapi2';
      // The fake DOM has click() only: send the change as Preact registered it.
      const listeners = (select as unknown as { listeners: Map<string, (e: unknown) => void> }).listeners;
      listeners.get('change')?.call(select, { type: 'change', target: select, currentTarget: select });
    });
    expect(testid(r, 'verdict-summary')[0]!.getAttribute('data-set')).toBe('fapi2');
  });
});

describe('flow list row', () => {
  const row: FlowSummary = {
    id: 'f1',
    createdAt: 1_800_000_000_000,
    updatedAt: 1_800_000_002_000,
    grant: 'authorization',
    responseType: 'id_token token',
    clientId: 'weak',
    issuer: ISS,
    status: 'complete',
    source: 'launched',
    outcome: { kind: 'success', title: 'Tokens received in the callback' },
    verdict: { set: 'core', failed: 2, warned: 1, notSeen: 3, passed: 5, first: { id: 'state.missing', message: 'No state was sent', clause: 'RFC 6749 10.12' } },
    row: { profileName: 'Weak implicit', prompt: 'consent', sub: 'alice', durationMs: 2400 },
  };
  const clean: FlowSummary = { ...row, id: 'f2', responseType: 'code', verdict: { set: 'core', failed: 0, warned: 0, notSeen: 0, passed: 12 }, row: { loginHint: 'bob@example.org' }, source: 'captured', sites: ['https://app.example'] };

  it('reads the failed checks, the first failure, and what tells the flow apart', async () => {
    const r = await show(h(FlowList, { flows: [row, clean], selected: null, onSelect: () => undefined }));
    const [weak, good] = r.findAll((e) => e.getAttribute('data-flow-id') !== null);
    const status = weak!.byAttr('data-testid', 'row-status')[0]!;
    expect(text(status)).toBe('complete · 2 checks failed · 1 warning');
    expect(status.getAttribute('class')).toBe('badge err');
    expect(weak!.getAttribute('data-failed')).toBe('2');
    expect(text(weak!.byAttr('data-testid', 'row-verdict')[0])).toBe('No state was sent');
    expect(text(weak)).toContain('Implicit (id_token token)');
    expect(text(weak!.byAttr('data-testid', 'row-who')[0])).toBe('Weak implicit · prompt=consent');
    expect(text(weak!.byAttr('data-testid', 'row-facts')[0])).toMatch(/^sub alice · took 2\.4 s · login\.example\.com · .+$/);

    expect(text(good!.byAttr('data-testid', 'row-status')[0])).toBe('complete');
    expect(good!.byAttr('data-testid', 'row-status')[0]!.getAttribute('class')).toBe('badge ok');
    expect(good!.byAttr('data-testid', 'row-verdict')).toHaveLength(0);
    expect(text(good!.byAttr('data-testid', 'row-who')[0])).toBe('weak');
    expect(text(good!.byAttr('data-testid', 'row-facts')[0])).toContain('login_hint bob@example.org');
  });

  it('a flow with only warnings reads them in the warning colour', async () => {
    const warned = { ...row, verdict: { set: 'core' as const, failed: 0, warned: 1, notSeen: 0, passed: 3, first: { id: 'bcp.implicit', message: 'Tokens in the front channel', clause: 'RFC 9700 2.1.2' } } };
    const r = await show(h(FlowList, { flows: [warned], selected: null, onSelect: () => undefined }));
    const status = testid(r, 'row-status')[0]!;
    expect([text(status), status.getAttribute('class')]).toEqual(['complete · 1 warning', 'badge warn']);
    expect(testid(r, 'row-verdict')[0]!.getAttribute('class')).toBe('list-verdict warn');
  });
});
