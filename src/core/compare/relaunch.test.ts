import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow';
import { normalizeProfile } from '../profile';
import { loadFlow, secretValues } from './fixtures';
import { relaunchFromRecorded, togglesOf, withToggles } from './relaunch';

/** The demo provider's issuer when the fixtures were recorded (a random loopback port). */
const ISS = loadFlow('code-pkce').profile.issuer;

/** The code fixture as if recorded from an app: an SPA with no PKCE, an extra parameter, a secret in the URL, Basic auth. */
function recordedSpa(opts: { confirmed?: boolean } = {}): Flow {
  const f = loadFlow('code-pkce');
  const req = f.steps[0]!;
  if (req.kind !== 'authorization-request') throw new Error('fixture');
  const params: Record<string, string> = { ...req.params, foo: 'bar', client_secret: 'leaked-in-url-secret', max_age: '300' };
  delete params.code_challenge;
  delete params.code_challenge_method;
  req.params = params;
  delete req.added;
  const tok = f.steps[2]!;
  if (tok.kind !== 'token-request') throw new Error('fixture');
  tok.headers = { ...tok.headers, Authorization: 'Basic Z3JhbnRzY29wZTpzZWNyZXQ=' };
  delete tok.params.code_verifier;
  f.source = 'captured';
  f.capture = {
    tabIds: [1],
    sites: ['http://127.0.0.1:5173'],
    issuerNote: 'discovery not fetched yet',
    ...(opts.confirmed ? { issuerConfirmed: { issuer: ISS, discoveryUrl: `${ISS}/.well-known/openid-configuration`, metadata: f.metadata, at: 1 } } : {}),
  };
  f.profile = { ...f.profile, issuer: '' };
  return f;
}

describe('relaunchFromRecorded', () => {
  it('turns the real launched code flow into the same launch, stopped at the redirect', () => {
    const r = relaunchFromRecorded(loadFlow('code-pkce'), { id: 'draft-1' });
    expect(r.launch).toEqual({ grant: 'authorization', responseType: 'code' });
    expect(r.profile).toMatchObject({ id: 'draft-1', clientId: 'grantscope-public', redirectUri: `${ISS}/app/callback`, issuer: ISS, redirectMode: 'block', par: false, dpop: false, authMethod: 'none', endpoints: {} });
    expect(r.profile.request).toMatchObject({ responseType: 'code', responseMode: 'default', pkce: 'S256', scope: 'openid profile email offline_access', state: { mode: 'auto' }, nonce: { mode: 'auto' } });
    // prompt=consent was Grantscope's own addition (offline_access), not the person's choice.
    expect(r.profile.request.prompt).toBeUndefined();
    expect(normalizeProfile(r.profile).ok).toBe(true);
  });

  it('keeps a recorded SPA as it was (no PKCE, its max_age and extra parameter) and carries no secret', () => {
    const f = recordedSpa();
    const r = relaunchFromRecorded(f);
    expect(r.profile.request).toMatchObject({ pkce: 'none', max_age: '300', extra: { foo: 'bar' } });
    expect(r.profile.authMethod).toBe('client_secret_basic');
    expect(r.profile.issuer).toBe(ISS);
    expect(r.profile.endpoints).toEqual({ authorization_endpoint: `${ISS}/auth`, token_endpoint: `${ISS}/token` });
    expect(r.notes.join('\n')).toMatch(/not confirmed.*discovery not fetched yet/);
    expect(r.notes.join('\n')).toContain('Left out as secrets: client_secret');
    expect(r.notes.join('\n')).toContain('no PKCE');
    const text = JSON.stringify(r);
    for (const v of [...secretValues(f), 'leaked-in-url-secret', 'Z3JhbnRzY29wZTpzZWNyZXQ=']) expect(text).not.toContain(v);
  });

  it('uses the confirmed issuer for discovery, with no hand-set endpoints', () => {
    const r = relaunchFromRecorded(recordedSpa({ confirmed: true }));
    expect(r.profile.issuer).toBe(ISS);
    expect(r.profile.endpoints).toEqual({});
  });

  it('relaunches implicit and hybrid with their response types', () => {
    expect(relaunchFromRecorded(loadFlow('implicit')).launch).toEqual({ grant: 'authorization', responseType: 'id_token token' });
    expect(relaunchFromRecorded(loadFlow('hybrid')).profile.request.pkce).toBe('S256');
  });
});

describe('toggles', () => {
  it('reads and flips PKCE, response_mode, PAR, DPoP, prompt, max_age and extra parameters', () => {
    const draft = relaunchFromRecorded(recordedSpa()).profile;
    expect(togglesOf(draft)).toEqual({ pkce: 'none', responseMode: 'default', par: false, dpop: false, prompt: 'consent', max_age: '300', extra: { foo: 'bar' } });
    const p = withToggles(draft, { pkce: 'S256', responseMode: 'form_post', par: true, dpop: true, prompt: 'login', max_age: '', extra: { foo: 'baz', client_secret: 'x' } });
    expect(togglesOf(p)).toEqual({ pkce: 'S256', responseMode: 'form_post', par: true, dpop: true, prompt: 'login', extra: { foo: 'baz' } });
    expect(draft.request.pkce).toBe('none');
  });
});

describe('relaunchFromRecorded: the SPA recorded signing in by itself', () => {
  const spa = loadFlow('spa-recorded');
  it('becomes a launch of the app client at the confirmed issuer, stopped at the redirect', () => {
    const r = relaunchFromRecorded(spa);
    expect(r.profile).toMatchObject({ clientId: 'grantscope-spa', issuer: spa.capture!.issuerConfirmed!.issuer, redirectUri: spa.profile.redirectUri, redirectMode: 'block', authMethod: 'none', endpoints: {} });
    expect(r.profile.request).toMatchObject({ responseType: 'code', pkce: 'S256', scope: 'openid profile email offline_access', prompt: 'consent' });
    expect(r.profile.name).toContain('grantscope-spa');
    for (const v of secretValues(spa)) expect(JSON.stringify(r)).not.toContain(v);
  });
  it('with PKCE flipped off, sends none (the test the person runs against the app client)', () => {
    const p = withToggles(relaunchFromRecorded(spa).profile, { pkce: 'none' });
    expect(p.request.pkce).toBe('none');
    expect(normalizeProfile(p).ok).toBe(true);
  });
});
