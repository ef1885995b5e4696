import { describe, expect, it } from 'vitest';
import { authorizationParams } from '../request-options';
import { addedLabel, addedParams, impliedPrompt } from './added-params';

const base = { responseType: 'code', scope: 'openid', pkce: 'S256' as const, state: { mode: 'auto' as const }, nonce: { mode: 'auto' as const } };
const names = (r: Parameters<typeof addedParams>[0], ctx?: Parameters<typeof addedParams>[1]) => addedParams(r, ctx).map(addedLabel);

describe('addedParams: what the launch sends that the person did not type', () => {
  it.each([
    ['code + S256, state and nonce automatic', base, {}, ['state', 'nonce', 'code_challenge', 'code_challenge_method=S256']],
    ['offline_access without prompt adds prompt=consent', { ...base, scope: 'openid offline_access' }, {}, ['prompt=consent', 'state', 'nonce', 'code_challenge', 'code_challenge_method=S256']],
    ['a prompt of the person’s own is not added', { ...base, scope: 'openid offline_access', prompt: 'login' }, {}, ['state', 'nonce', 'code_challenge', 'code_challenge_method=S256']],
    ['offline_access only as a part of a word is not the scope', { ...base, scope: 'openid offline_access_x' }, {}, ['state', 'nonce', 'code_challenge', 'code_challenge_method=S256']],
    ['omitted and custom values are the person’s', { ...base, state: { mode: 'omit' as const }, nonce: { mode: 'custom' as const, value: 'n' } }, {}, ['code_challenge', 'code_challenge_method=S256']],
    ['implicit: no PKCE', { ...base, responseType: 'id_token token' }, {}, ['state', 'nonce']],
    ['PKCE none', { ...base, pkce: 'none' as const }, {}, ['state', 'nonce']],
    ['PKCE plain', { ...base, pkce: 'plain' as const }, {}, ['state', 'nonce', 'code_challenge', 'code_challenge_method=plain']],
    ['DPoP and the extension-owned redirect', base, { dpop: true, redirectMode: 'extension' as const }, ['state', 'nonce', 'code_challenge', 'code_challenge_method=S256', 'dpop_jkt', 'redirect_uri']],
    ['request object', { ...base, pkce: 'none' as const }, { requestObject: 'signed' as const }, ['state', 'nonce', 'request']],
    ['PAR', { ...base, pkce: 'none' as const }, { par: true }, ['state', 'nonce', 'request_uri']],
  ])('%s', (_, req, ctx, expected) => {
    expect(names(req, ctx)).toEqual(expected);
  });

  it('says why, with the clause', () => {
    const [prompt] = addedParams({ ...base, scope: 'offline_access' });
    expect(prompt).toMatchObject({ name: 'prompt', value: 'consent' });
    expect(prompt!.why).toContain('OIDC Core 11');
    for (const a of addedParams(base, { dpop: true })) expect(a.why).toMatch(/\((RFC|OIDC) [^)]+\)/);
  });

  it('marks where parameters travel when PAR or a request object carries them', () => {
    const par = addedParams(base, { par: true, requestObject: 'unsigned' });
    expect(par.filter((a) => a.name !== 'request_uri').every((a) => a.inside === 'par')).toBe(true);
    expect(par.find((a) => a.name === 'request_uri')?.inside).toBeUndefined();
    const ro = addedParams(base, { requestObject: 'signed' });
    expect(ro.find((a) => a.name === 'state')?.inside).toBe('request-object');
    expect(ro.find((a) => a.name === 'request')?.inside).toBeUndefined();
  });

  it('agrees with what authorizationParams sends: every added name (outside PAR and request objects) is sent', () => {
    const reqs = [base, { ...base, scope: 'openid offline_access' }, { ...base, responseType: 'id_token' }, { ...base, pkce: 'plain' as const }, { ...base, state: { mode: 'omit' as const } }];
    for (const r of reqs) {
      const built = authorizationParams(r, { state: 's', nonce: 'n', codeChallenge: 'c' });
      if (!built.ok) throw new Error(built.error.message);
      for (const a of addedParams(r)) {
        expect(built.value.params[a.name]).toBeDefined();
        if (a.value) expect(built.value.params[a.name]).toBe(a.value);
      }
    }
  });

  it('impliedPrompt', () => {
    expect(impliedPrompt({ scope: 'openid offline_access' })).toBe('consent');
    expect(impliedPrompt({ scope: 'openid offline_access', prompt: 'none' })).toBe('none');
    expect(impliedPrompt({ scope: 'openid' })).toBeUndefined();
  });
});
