import { describe, expect, it } from 'vitest';
import { connectNotes, connectProfile, defaultScope, pkceFor } from './connect-profile';
import { normalizeProfile } from './profile';

const meta = (over: Record<string, unknown> = {}) => ({ issuer: 'https://idp.example', authorization_endpoint: 'https://idp.example/auth', token_endpoint: 'https://idp.example/token', code_challenge_methods_supported: ['S256'], ...over });

describe('connect form to profile', () => {
  it('makes a public code + PKCE profile that storage accepts as is', () => {
    const p = connectProfile('id1', { issuer: 'https://idp.example', clientId: ' my-app ', redirectUri: ' https://app.example/cb ', scope: 'openid email' }, meta());
    expect(p).toMatchObject({ id: 'id1', name: 'my-app at idp.example', clientId: 'my-app', redirectUri: 'https://app.example/cb', authMethod: 'none' });
    expect(p.request).toMatchObject({ responseType: 'code', pkce: 'S256', scope: 'openid email' });
    expect(p.demo).toBeUndefined();
    expect(normalizeProfile(p)).toEqual({ ok: true, value: p });
  });

  it.each([
    [undefined, 'openid'],
    [['openid', 'profile'], 'openid'],
    [['read', 'write'], ''],
  ])('scope for scopes_supported %j is %j', (scopes, want) => {
    expect(defaultScope(meta(scopes ? { scopes_supported: scopes } : {}))).toBe(want);
  });

  it.each([
    [undefined, 'S256'],
    [['S256', 'plain'], 'S256'],
    [['plain'], 'plain'],
    [['S512'], 'S256'],
  ])('PKCE for %j is %s', (methods, want) => {
    expect(pkceFor(meta({ code_challenge_methods_supported: methods }))).toBe(want);
  });

  it.each([
    [{}, []],
    [{ authorization_endpoint: undefined }, ['No authorization_endpoint']],
    [{ grant_types_supported: ['client_credentials'] }, ['authorization_code is not']],
    [{ response_types_supported: ['id_token'] }, ['response_type code is not']],
    [{ code_challenge_methods_supported: undefined }, ['does not advertise PKCE']],
    [{ code_challenge_methods_supported: ['plain'] }, ['S256 is not advertised']],
  ])('notes for %j', (over, want) => {
    const notes = connectNotes(meta(over));
    expect(notes.map((n) => n.text)).toHaveLength(want.length);
    want.forEach((w, i) => expect(notes[i]!.text).toContain(w));
  });
});
