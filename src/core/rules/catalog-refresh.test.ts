import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { failed, passed } from '../finding';
import type { Flow } from '../flow';
import { authz, callback, flow, judged, refusedAnswer, statuses, tokenReq, tokens } from './rules.fixtures';
import { ruleById } from './catalog';
import { compareTokenSets, downscopeVerdict, revokedVerdict } from './refresh-verdicts';

const check = (...findings: ReturnType<typeof passed>[]) => ({ kind: 'check' as const, at: 9000, title: 't', findings });
const withRefresh = [authz({ response_type: 'code', scope: 'openid offline_access' }), callback({ code: 'c' }), tokenReq({ grant_type: 'authorization_code' }), tokens({ access_token: 'a1', refresh_token: 'r1', token_type: 'Bearer', scope: 'openid offline_access' })];

describe('refresh.not-from-implicit / not-from-client-credentials (RFC 6749 4.2.2, 4.4.3)', () => {
  const implicit = (cb: Record<string, string>) => flow([authz({ response_type: 'token' }), callback(cb)], { responseType: 'token' });
  const cc = (t: Record<string, unknown>) => flow([tokenReq({ grant_type: 'client_credentials' }), tokens(t)], { grant: 'client_credentials', responseType: undefined });
  it.each<[string, string, Flow, string[]]>([
    ['implicit with a refresh token: MUST NOT', 'refresh.not-from-implicit', implicit({ access_token: 'a', refresh_token: 'r' }), ['fail:error']],
    ['implicit without one', 'refresh.not-from-implicit', implicit({ access_token: 'a' }), ['pass']],
    ['implicit, no answer seen', 'refresh.not-from-implicit', flow([authz({ response_type: 'token' })], { responseType: 'token', status: 'authorizing' }), ['not-seen']],
    ['the code grant may (implicit rule)', 'refresh.not-from-implicit', flow(withRefresh), ['n/a']],
    ['client credentials with one: SHOULD NOT', 'refresh.not-from-client-credentials', cc({ access_token: 'a', refresh_token: 'r' }), ['fail:warning']],
    ['client credentials without one', 'refresh.not-from-client-credentials', cc({ access_token: 'a' }), ['pass']],
    ['client credentials, no answer seen', 'refresh.not-from-client-credentials', flow([tokenReq({ grant_type: 'client_credentials' })], { grant: 'client_credentials', responseType: undefined, status: 'redeeming' }), ['not-seen']],
    ['the code grant may (client credentials rule)', 'refresh.not-from-client-credentials', flow(withRefresh), ['n/a']],
  ])('%s', (_, id, f, want) => expect(statuses(id, f, 'core')).toEqual(want));

  it('names the step and parameter, never the token', () => {
    const [f] = judged('refresh.not-from-implicit', implicit({ access_token: 'a', refresh_token: 'r' }), 'core');
    expect(f).toMatchObject({ step: 1, param: 'refresh_token' });
    expect(JSON.stringify(f)).not.toContain('"r"');
  });
});

describe('action rules read what the action stored on its check step', () => {
  const ids = ['refresh.rotated', 'refresh.access-token-new', 'refresh.scope-not-widened', 'refresh.lifetime', 'refresh.revoked', 'refresh.narrowing-allowed', 'refresh.downscope', 'refresh.reuse-refused', 'refresh.family-revoked'];
  // Verdicts only some outcomes give are n/a until one does; the rest read "not seen" until the button is pressed.
  const conditional = ['refresh.lifetime', 'refresh.revoked', 'refresh.narrowing-allowed'];
  it.each(ids)('%s: not seen (or n/a) until run, n/a without a refresh token or on a recorded flow, then the stored verdict', (id) => {
    const before = judged(id, flow(withRefresh), 'core');
    expect(before.map((x) => x.status)).toEqual([conditional.includes(id) ? 'n/a' : 'not-seen']);
    expect(before[0]!.message).toMatch(conditional.includes(id) ? /judged only when/ : /Token actions: /);
    expect(judged(id, flow(withRefresh.slice(0, 3)), 'core').map((x) => x.status)).toEqual(['n/a']);
    expect(judged(id, flow(withRefresh, { source: 'captured' }), 'core').map((x) => x.status)).toEqual(['n/a']);
    const stored = flow([...withRefresh, check(failed(id, 'error', 'RFC 6749 6', 'bad'))]);
    expect(judged(id, stored, 'core')).toMatchObject([{ status: 'fail', step: 4 }]);
    expect(judged(id, flow([...withRefresh, check(passed(id, 'RFC 6749 6', 'good'))]), 'core')).toMatchObject([{ status: 'pass', step: 4 }]);
  });

  it('refresh.rotated is an error under the BCP, a warning in the core set', () => {
    const f = flow([...withRefresh, check(failed('refresh.rotated', 'warning', 'RFC 9700 2.2.2', 'same'))]);
    expect(statuses('refresh.rotated', f, 'core')).toEqual(['fail:warning']);
    expect(statuses('refresh.rotated', f, 'bcp')).toEqual(['fail:error']);
  });
});

describe('compareTokenSets (the Refresh action)', () => {
  const f = flow(withRefresh);
  const before = { access_token: 'a1', refresh_token: 'r1', scope: 'openid offline_access', expires_in: 600 };
  const by = (list: ReturnType<typeof compareTokenSets>, id: string) => list.find((x) => x.id === id);
  it('rotation, a new access token, a narrower scope: passes', () => {
    const out = compareTokenSets(f, before, { access_token: 'a2', refresh_token: 'r2', scope: 'openid', expires_in: 600 });
    expect(out.map((x) => `${x.id}:${x.status}`)).toEqual(['refresh.rotated:pass', 'refresh.access-token-new:pass', 'refresh.scope-not-widened:pass', 'refresh.lifetime:pass']);
  });
  it('a widened scope fails (an omitted scope is "as before")', () => {
    expect(by(compareTokenSets(f, before, { access_token: 'a2', refresh_token: 'r2', scope: 'openid offline_access email' }), 'refresh.scope-not-widened')).toMatchObject({ status: 'fail', param: 'scope', actual: 'openid offline_access email' });
    expect(by(compareTokenSets(f, before, { access_token: 'a2' }), 'refresh.scope-not-widened')!.status).toBe('pass');
  });
  it('a public client with the same refresh token and no DPoP: warning; with DPoP: pass', () => {
    expect(by(compareTokenSets(f, before, { access_token: 'a2', refresh_token: 'r1' }), 'refresh.rotated')).toMatchObject({ status: 'fail', severity: 'warning' });
    expect(by(compareTokenSets(f, before, { access_token: 'a2', refresh_token: 'r1', token_type: 'DPoP' }), 'refresh.rotated')!.status).toBe('pass');
    expect(by(compareTokenSets(f, before, { access_token: 'a1' }), 'refresh.access-token-new')!.status).toBe('fail');
  });
  it('never puts a token value in the evidence', () => {
    const text = JSON.stringify(compareTokenSets(f, before, { access_token: 'a1', refresh_token: 'r1' }));
    expect(text).not.toMatch(/"(a1|r1)"/);
  });
});

describe('downscopeVerdict (RFC 6749 6)', () => {
  const G = 'openid offline_access';
  it.each<[string, string, string | undefined, Record<string, unknown> | undefined, string | undefined, string[]]>([
    ['narrower, granted as asked', 'openid', G, { scope: 'openid' }, undefined, ['refresh.downscope:pass', 'refresh.narrowing-allowed:pass']],
    ['narrower, scope not returned (= as asked)', 'openid', G, {}, undefined, ['refresh.downscope:pass', 'refresh.narrowing-allowed:pass']],
    ['the same scope, granted', G, G, {}, undefined, ['refresh.downscope:pass']],
    ['narrower, granted wider than asked', 'openid', G, { scope: 'openid email' }, undefined, ['refresh.downscope:fail:error']],
    ['wider, and granted: never wider fails', 'openid email', G, { scope: 'openid email' }, undefined, ['refresh.downscope:fail:error']],
    ['wider, granted as asked (scope omitted)', 'openid email', G, {}, undefined, ['refresh.downscope:fail:error']],
    ['wider, refused with invalid_scope: never wider', 'openid email', G, undefined, 'invalid_scope', ['refresh.downscope:pass']],
    ['narrower, refused with invalid_scope', 'openid', G, undefined, 'invalid_scope', ['refresh.narrowing-allowed:fail:warning']],
    ['refused otherwise', 'openid', 'openid', undefined, 'invalid_client', ['refresh.downscope:n/a']],
  ])('%s', (_, asked, granted, after, error, want) => {
    expect(downscopeVerdict(asked, granted, after, error).map((f) => `${f.id}:${f.status === 'fail' ? `fail:${f.severity}` : f.status}`)).toEqual(want);
  });
});

describe('revokedVerdict (a refresh refused with invalid_grant)', () => {
  it.each<[string, Parameters<typeof revokedVerdict>[1], { why: string } | undefined, string, RegExp]>([
    ['introspection: inactive', 'inactive', undefined, 'pass', /already revoked or expired/],
    ['introspection: active', 'active', undefined, 'fail', /introspection says it is active/],
    ['known revoked by the reuse test', 'unknown', { why: 'its reuse test revoked the refresh token family' }, 'pass', /reuse test revoked/],
    ['no way to tell', 'unknown', undefined, 'n/a', /could not be introspected/],
  ])('%s', (_, state, known, want, text) => {
    const f = revokedVerdict('invalid_grant', state, known);
    expect(f).toMatchObject({ id: 'refresh.revoked', status: want });
    expect(f.message).toMatch(text);
  });

  it('an invalid_grant answer kept on the flow still reads through the catalog', () => {
    const f = flow([...withRefresh, tokenReq({ grant_type: 'refresh_token' }), refusedAnswer('invalid_grant'), check(revokedVerdict('invalid_grant', 'inactive'))]);
    expect(judged('refresh.revoked', f, 'core')).toMatchObject([{ status: 'pass', step: 6 }]);
  });
});

describe('every id the refresh actions store is a catalog rule', () => {
  it('compareTokenSets, downscopeVerdict, revokedVerdict', () => {
    const f = flow(withRefresh);
    const all = [
      ...compareTokenSets(f, { access_token: 'a', refresh_token: 'r', scope: 'openid' }, { access_token: 'a', refresh_token: 'r', scope: 'openid email', expires_in: 1 }),
      ...compareTokenSets(f, {}, {}),
      ...downscopeVerdict('openid', 'openid x', undefined, 'invalid_scope'),
      ...downscopeVerdict('openid', 'openid x', {}, undefined),
      ...downscopeVerdict('openid', 'openid', undefined, 'server_error'),
      ...(['inactive', 'active', 'unknown'] as const).map((s) => revokedVerdict('invalid_grant', s)),
    ];
    for (const x of all) expect(ruleById(x.id), x.id).toBeDefined();
  });
});

describe('refresh.rotated from a refresh the flow itself made (a refresh_token grant, a recorded app refreshing)', () => {
  // False alarm fixed: a launched refresh_token grant whose answer rotated the token read "not tested
  // yet (Token actions: Refresh)"; the deciding refresh had been seen. Judged from the request/answer pair.
  const own = (after: Record<string, unknown>, over: Partial<Flow> = {}) => flow([tokenReq({ grant_type: 'refresh_token', refresh_token: 'r1' }), tokens({ access_token: 'a2', token_type: 'Bearer', ...after })], { grant: 'refresh_token', responseType: undefined, ...over });
  it.each<[string, Flow, string[]]>([
    ['rotated: pass', own({ refresh_token: 'r2' }), ['pass']],
    ['the same token back to a public client, no DPoP: the true warning stays', own({ refresh_token: 'r1' }, { profile: { ...flow([]).profile, authMethod: 'none' } }), ['fail:warning']],
    ['no new refresh token: the old one stays in use (n/a)', own({}), ['n/a']],
    ['a recorded app’s refresh is judged too (nothing spent)', own({ refresh_token: 'r2' }, { source: 'captured', grant: 'authorization', responseType: 'code' }), ['pass']],
    ['a masked value (redacted import) is not compared', flow([tokenReq({ grant_type: 'refresh_token', refresh_token: '‹refresh_token 1›' }), tokens({ access_token: 'a2', token_type: 'Bearer', refresh_token: 'r2' })], { grant: 'refresh_token', responseType: undefined }), ['not-seen']],
  ])('%s', (_, f, want) => expect(statuses('refresh.rotated', f, 'core')).toEqual(want));

  it('the real fixture: a demo refresh_token grant reads rotated, with its step', () => {
    const f = JSON.parse(readFileSync(new URL('../../../test/fixtures/flows/grants/refresh-grant.json', import.meta.url), 'utf8')) as Flow;
    expect(judged('refresh.rotated', f, 'core')).toMatchObject([{ status: 'pass', step: 1, param: 'refresh_token' }]);
  });
});
