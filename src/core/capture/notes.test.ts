import { describe, expect, it } from 'vitest';
import type { CaptureVia } from './types';
import type { Flow, FlowStep, StepSeen } from '../flow';
import { blankProfile } from '../profile';
import { captureNotes, type NotesContext } from './notes';

const APP = 'https://app.example.com';
const seen = (via: CaptureVia[], tabId = 7): StepSeen => ({ via, tabId, frame: 'main', requestId: `wr:${tabId}` });

const authz: FlowStep = { kind: 'authorization-request', at: 1, url: 'https://idp.example.com/authorize?client_id=c', params: { client_id: 'c', response_type: 'code' }, seen: seen(['webrequest']) };
const callback = (params: Record<string, string>, orphan = false): FlowStep => ({
  kind: 'callback',
  at: 2,
  url: `${APP}/cb`,
  params,
  source: 'query',
  findings: [],
  seen: seen(['webrequest']),
  ...(orphan ? { orphan } : {}),
});
const tokenRequest = (via: CaptureVia[]): FlowStep => ({ kind: 'token-request', at: 3, url: 'https://idp.example.com/token', method: 'POST', headers: {}, params: { grant_type: 'authorization_code' }, seen: seen(via, 12) });
const tokenResponse: FlowStep = {
  kind: 'token-response',
  at: 4,
  status: 200,
  headers: {},
  bodyText: '{}',
  result: { ok: false, problem: 'network', message: 'x', status: 0 },
};

function flow(steps: FlowStep[], o: { source?: Flow['source']; issuerGuessed?: boolean; sites?: string[] } = {}): Flow {
  return {
    id: 'captured:1',
    createdAt: 0,
    updatedAt: 0,
    source: o.source ?? 'captured',
    grant: 'authorization',
    profile: { ...blankProfile('captured:1'), issuer: 'https://idp.example.com', clientId: 'c', redirectUri: `${APP}/cb` },
    findings: [],
    metadata: { issuer: 'https://idp.example.com' },
    status: 'observed',
    steps,
    capture: { tabIds: [7], sites: o.sites ?? [APP], ...(o.issuerGuessed ? { issuerGuessed: true } : {}) },
  };
}

const none: NotesContext = { pageScriptSites: [], deepAvailable: false };
const ids = (f: Flow, ctx: NotesContext = none) => captureNotes(f, ctx).map((n) => n.id);

describe('captureNotes', () => {
  it.each([
    ['a launched flow has none', flow([authz, callback({ code: 'x' })], { source: 'launched' }), none, []],
    ['a request still waiting for login has none', flow([authz]), none, []],
    ['code at the app, no token request, no page script', flow([authz, callback({ code: 'x' })]), none, ['server-redeems', 'spa-page-capture']],
    ['code at the app, page script already on for the site', flow([authz, callback({ code: 'x' })]), { ...none, pageScriptSites: [APP] }, ['server-redeems']],
    ['an error callback carries no code to redeem', flow([authz, callback({ error: 'access_denied' })]), none, []],
    ['implicit tokens in the fragment need no redemption', flow([authz, callback({ id_token: 'x' })]), none, []],
    ['token request seen by network events only, no answer', flow([authz, callback({ code: 'x' }), tokenRequest(['webrequest'])]), none, ['answer-not-visible']],
    ['token request seen by the page script: its answer may still come', flow([authz, callback({ code: 'x' }), tokenRequest(['webrequest', 'page-script'])]), none, []],
    ['token request answered', flow([authz, callback({ code: 'x' }), tokenRequest(['webrequest']), tokenResponse]), none, []],
    ['orphan callback', flow([callback({ code: 'x' }, true)]), { ...none, pageScriptSites: [APP] }, ['orphan-callback', 'server-redeems']],
    ['issuer only guessed', flow([authz], { issuerGuessed: true }), none, ['issuer-guessed']],
  ] as const)('%s', (_name, f, ctx, want) => expect(ids(f, ctx)).toEqual(want));

  it('names the clause and the site, as host', () => {
    const notes = captureNotes(flow([authz, callback({ code: 'x' })]), none);
    expect(notes[0]).toMatchObject({ tone: 'info', clause: 'RFC 6749 4.1.3' });
    expect(notes[0]!.text).toContain("the app's server redeems the code");
    expect(notes[1]!.text).toContain('app.example.com is a single-page app');
    expect(notes[1]!.text).not.toContain('https://');
  });

  it('names the first site, the app that began the flow', () => {
    const notes = captureNotes(flow([authz, callback({ code: 'x' })], { sites: [APP, 'https://other.example'] }), none);
    expect(notes[1]!.text).toContain('If app.example.com is');
    expect(notes[1]!.text).not.toContain('other.example');
  });

  it('falls back to the redirect_uri origin when no site was recorded', () => {
    const notes = captureNotes(flow([authz, callback({ code: 'x' })], { sites: [] }), none);
    expect(notes[1]!.text).toContain('If app.example.com is');
  });

  it('says how to see a token answer: page capture, DevTools on the tab, Firefox, deep capture', () => {
    const f = flow([authz, callback({ code: 'x' }), tokenRequest(['webrequest'])]);
    const plain = captureNotes(f, none)[0]!.text;
    expect(plain).toContain('page capture for app.example.com');
    expect(plain).toContain('open DevTools on tab 12');
    expect(plain).toContain('Firefox');
    expect(plain).toContain('deep capture build');
    const deep = captureNotes(f, { pageScriptSites: [APP], deepAvailable: true })[0]!.text;
    expect(deep).not.toContain('page capture for');
    expect(deep).toContain('deep capture tab 12 (Recording → Deep capture)');
  });
});
