import { describe, expect, it } from 'vitest';
import { blankProfile, launchProblem, normalizeProfile, normalizeSecrets } from './profile';

describe('normalizeProfile', () => {
  it('fills defaults for a profile saved by an earlier version', () => {
    const v1 = { id: 'demo', name: 'Demo', issuer: 'http://127.0.0.1:9400', clientId: 'grantscope-public', redirectUri: 'http://127.0.0.1:9400/app/callback', scope: 'openid offline_access' };
    const p = normalizeProfile(v1);
    expect(p.ok && p.value).toMatchObject({
      id: 'demo',
      authMethod: 'none',
      request: { responseType: 'code', responseMode: 'default', pkce: 'S256', scope: 'openid offline_access', state: { mode: 'auto' } },
      redirectMode: 'block',
      origin: 'redirect',
      keepSecrets: false,
    });
  });

  it('keeps a round trip of a full profile unchanged', () => {
    const full = {
      ...blankProfile('x'),
      name: 'Full',
      issuer: 'https://op.example/tenant',
      clientId: 'c',
      redirectUri: 'https://app.example/cb',
      authMethod: 'private_key_jwt',
      endpoints: { token_endpoint: 'https://op.example/custom/token' },
      request: {
        responseType: 'code id_token',
        responseMode: 'form_post',
        pkce: 'plain',
        state: { mode: 'custom', value: 'fixed' },
        nonce: { mode: 'omit' },
        scope: 'openid',
        max_age: '60',
        resource: ['https://api.example/', 'urn:x'],
        extra: { foo: 'bar' },
      },
      par: true,
      dpop: true,
      requestObject: 'signed',
      redirectMode: 'observe',
      origin: 'drop',
      keepSecrets: true,
    };
    const p = normalizeProfile(full);
    expect(p.ok && p.value).toEqual(full);
  });

  it.each([
    [null, 'a profile must be a JSON object'],
    [[], 'a profile must be a JSON object'],
    [{ name: 'x' }, 'the profile has no id'],
    [{ id: 'x', issuer: 'ftp://op' }, 'issuer:'],
    [{ id: 'x', redirectUri: 'javascript:alert(1)' }, 'redirectUri:'],
    [{ id: 'x', endpoints: { token_endpoint: 'not a url' } }, 'token_endpoint:'],
  ])('refuses %j naming the problem', (raw, msg) => {
    const p = normalizeProfile(raw);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.error.message).toContain(msg);
  });

  it('drops unknown values instead of trusting them', () => {
    const p = normalizeProfile({ id: 'x', authMethod: 'magic', request: { responseType: 'code evil', pkce: 'S512' }, __proto__evil: 1 });
    expect(p.ok && p.value.authMethod).toBe('none');
    expect(p.ok && p.value.request).toMatchObject({ responseType: 'code', pkce: 'S256' });
    expect(p.ok && Object.keys(p.value)).not.toContain('__proto__evil');
  });
});

describe('normalizeSecrets', () => {
  it('keeps only a string secret and an object key', () => {
    expect(normalizeSecrets({ clientSecret: 's3', privateJwk: { kty: 'EC' }, other: 1 })).toEqual({ clientSecret: 's3', privateJwk: { kty: 'EC' } });
    expect(normalizeSecrets({ clientSecret: '', privateJwk: 'pem' })).toEqual({});
    expect(normalizeSecrets('x')).toEqual({});
  });
});

describe('launchProblem', () => {
  const p = { ...blankProfile('x'), issuer: 'https://op.example', clientId: 'c', redirectUri: 'https://app.example/cb' };
  it.each([
    [p, true, null],
    [{ ...p, issuer: '' }, true, 'Issuer URL is required.'],
    [{ ...p, clientId: ' ' }, false, 'Client ID is required.'],
    [{ ...p, redirectUri: '' }, true, 'Redirect URI must be an absolute http(s) URL.'],
    [{ ...p, redirectUri: '' }, false, null],
    [{ ...p, redirectUri: '', redirectMode: 'extension' as const }, true, null],
  ])('%#', (profile, redirect, want) => expect(launchProblem(profile, { redirect })).toBe(want));
});
