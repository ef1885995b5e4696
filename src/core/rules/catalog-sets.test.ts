import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow';
import { SETS_RULES } from './catalog-sets';
import { authz, callback, exchange, flow, jwt, statuses, tokenReq, tokens } from './rules.fixtures';

const PAR = 'Pushed authorization request (RFC 9126)';
const pushed = exchange(PAR, 'https://as.example/par', { response_type: 'code', client_id: 'c', code_challenge: 'x', code_challenge_method: 'S256' }, 900);
const fapiFlow = (over: Partial<Flow> = {}, cb: Record<string, string> = { code: 'c', iss: 'https://as.example' }) =>
  flow(
    [
      pushed,
      authz({ client_id: 'c', request_uri: 'urn:ietf:params:oauth:request_uri:1' }),
      callback(cb),
      tokenReq({ grant_type: 'authorization_code', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: jwt({ alg: 'PS256' }) }),
      tokens({ access_token: 'a', token_type: 'DPoP', id_token: jwt({ alg: 'ES256' }) }),
    ],
    over,
  );
const plain = () =>
  flow([
    authz({ response_type: 'code', client_id: 'c', redirect_uri: 'https://app.example/cb' }),
    callback({ code: 'c' }),
    tokenReq({ grant_type: 'authorization_code', client_secret: 's' }),
    tokens({ access_token: 'a', token_type: 'Bearer', id_token: jwt({ alg: 'RS256' }) }),
  ]);
const notYet = () => flow([], { status: 'authorizing' });

describe('FAPI 2.0, BCP and OAuth 2.1 rules', () => {
  // Each rule: a flow that passes, one that triggers it, one where its step was not seen.
  it.each<[string, Flow, Flow, string]>([
    ['fapi2.par-required', fapiFlow(), plain(), 'fail:error'],
    ['fapi2.response-type-code', fapiFlow(), flow([authz({ response_type: 'code id_token' })], { responseType: 'code id_token' }), 'fail:error'],
    ['fapi2.iss-in-response', fapiFlow(), plain(), 'fail:error'],
    ['fapi2.sender-constrained', fapiFlow(), plain(), 'fail:error'],
    ['fapi2.client-auth', fapiFlow(), plain(), 'fail:error'],
    ['fapi2.algs', fapiFlow(), plain(), 'fail:error'],
  ])('%s', (id, good, bad, want) => {
    expect(statuses(id, good)).toEqual(statuses(id, good).map(() => 'pass'));
    expect(statuses(id, bad)).toContain(want);
    expect(statuses(id, notYet())[0]).toBe('not-seen');
  });

  it('fapi2.par-required: a PAR with parameters beside request_uri in the URL fails, naming one', () => {
    const f = fapiFlow();
    (f.steps[1] as { params: Record<string, string> }).params.scope = 'openid';
    expect(statuses('fapi2.par-required', f)).toEqual(['fail:error']);
  });

  it('fapi2.sender-constrained: a cnf-bound JWT access token passes (mTLS)', () => {
    const f = flow([tokenReq({ grant_type: 'client_credentials' }), tokens({ access_token: jwt({ alg: 'PS256' }, { cnf: { 'x5t#S256': 'abc' } }), token_type: 'Bearer' })], { grant: 'client_credentials' });
    expect(statuses('fapi2.sender-constrained', f)).toEqual(['pass']);
  });

  it('fapi2.algs: alg none fails, RSA1_5 encryption fails', () => {
    const none = flow([tokenReq({}), tokens({ access_token: 'a', id_token: jwt({ alg: 'none' }).replace(/c2ln$/, '') })]);
    expect(statuses('fapi2.algs', none)).toEqual(['fail:error']);
    const jwe = flow([tokenReq({}), tokens({ access_token: 'a', id_token: `${Buffer.from('{"alg":"RSA1_5","enc":"A128GCM"}').toString('base64url')}.a.b.c.d` })]);
    expect(statuses('fapi2.algs', jwe)).toEqual(['fail:error']);
  });

  it('fapi2.code-lifetime: a code accepted after 60 s fails; within 60 s it is not put to the test', () => {
    const late = fapiFlow();
    late.steps[4] = { ...late.steps[4]!, at: 2000 + 61_000 };
    expect(statuses('fapi2.code-lifetime', late)).toEqual(['fail:error']);
    expect(statuses('fapi2.code-lifetime', fapiFlow())).toEqual(['n/a']);
    expect(statuses('fapi2.code-lifetime', notYet())).toEqual(['not-seen']);
  });

  it('bcp.redirect-uri-exact', () => {
    expect(statuses('bcp.redirect-uri-exact', plain(), 'bcp')).toEqual(['pass']);
    const moved = plain();
    moved.steps[1] = callback({ code: 'c' }, 2000, 'https://app.example/other');
    expect(statuses('bcp.redirect-uri-exact', moved, 'bcp')).toEqual(['fail:error']);
    expect(statuses('bcp.redirect-uri-exact', notYet(), 'bcp')).toEqual(['not-seen']);
  });

  it('oauth21.bearer-not-in-query', () => {
    const userinfo = (url: string) => flow([...plain().steps, exchange('Userinfo (OIDC Core 5.3, Bearer)', url)]);
    expect(statuses('oauth21.bearer-not-in-query', userinfo('https://as.example/me'), 'oauth21')).toEqual(['pass']);
    expect(statuses('oauth21.bearer-not-in-query', userinfo('https://as.example/me?access_token=a'), 'oauth21')).toEqual(['fail:error']);
    expect(statuses('oauth21.bearer-not-in-query', plain(), 'oauth21')).toEqual(['not-seen']);
  });

  it('back-channel grants: the front-channel rules are n/a', () => {
    const cc = flow([tokenReq({ grant_type: 'client_credentials' }), tokens({ access_token: 'a', token_type: 'DPoP' })], { grant: 'client_credentials' });
    for (const id of ['fapi2.par-required', 'fapi2.response-type-code', 'fapi2.iss-in-response', 'bcp.redirect-uri-exact']) expect(statuses(id, cc)).toEqual(['n/a']);
  });

  it('each set applies only its own rules: none of them under the core set', () => {
    for (const r of SETS_RULES) expect(statuses(r.id, plain(), 'core')).toEqual([]);
    expect(statuses('fapi2.par-required', plain(), 'oauth21')).toEqual([]);
    expect(statuses('oauth21.bearer-not-in-query', plain(), 'fapi2')).toEqual([]);
  });

  it('evidence never carries a token', () => {
    const text = JSON.stringify(SETS_RULES.flatMap((r) => r.judge!(plain(), { set: 'fapi2', now: 0, toleranceSec: 60 })));
    expect(text).not.toContain('"s"');
    expect(text).not.toMatch(/eyJ/);
  });
});
