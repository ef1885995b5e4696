import { describe, expect, it } from 'vitest';
import type { LaunchInput } from './launch';
import { lastLaunchOf, launchOrigins, parseLastLaunch, replayLaunch } from './last-launch';

describe('the last launch: remembered without typed secrets, started again as Start sent it', () => {
  it.each<[LaunchInput, LaunchInput | null]>([
    [{ grant: 'authorization' }, { grant: 'authorization' }],
    [{ grant: 'authorization', responseType: 'code id_token' }, { grant: 'authorization', responseType: 'code id_token' }],
    [{ grant: 'device_code' }, { grant: 'device_code' }],
    [{ grant: 'client_credentials' }, { grant: 'client_credentials' }],
    // Typed values are secrets: never remembered, so these cannot be started blind.
    [{ grant: 'password', username: 'alice', password: 'pw' }, null],
    [{ grant: 'refresh_token', refreshToken: 'rt-secret' }, null],
    [{ grant: 'token_exchange', subjectToken: 'st-secret', subjectTokenType: 'urn:ietf:params:oauth:token-type:access_token' }, null],
  ])('%j -> %j', (launch, replay) => {
    const last = lastLaunchOf('p1', launch, 1000);
    expect(JSON.stringify(last)).not.toMatch(/secret|pw|alice/);
    expect(last).toMatchObject({ profileId: 'p1', grant: launch.grant, at: 1000 });
    expect(replayLaunch(last)).toEqual(replay);
    expect(parseLastLaunch(JSON.parse(JSON.stringify(last)))).toEqual(last);
  });

  it.each([
    [null],
    ['p1'],
    [{ grant: 'authorization', at: 1 }],
    [{ profileId: '', grant: 'authorization', at: 1 }],
    [{ profileId: 'p', grant: 'implicit', at: 1 }],
    [{ profileId: 'p', grant: 'toString', at: 1 }],
    [{ profileId: 'p', grant: 'authorization', responseType: 'code code', at: 1 }],
    [{ profileId: 'p', grant: 'authorization', at: 'now' }],
    [{ profileId: 'p'.repeat(201), grant: 'authorization', at: 1 }],
  ])('a stored value that does not fit is no last launch: %j', (v) => {
    expect(parseLastLaunch(v)).toBeNull();
  });
});

describe('launchOrigins: what the shortcut needs granted before it starts', () => {
  it('issuer, redirect_uri and hand-set endpoints, once each, as host patterns', () => {
    expect(
      launchOrigins({ issuer: 'https://idp.example/realms/a', redirectUri: 'http://127.0.0.1:3000/cb', redirectMode: 'block', endpoints: { token_endpoint: 'https://idp.example:8443/token', userinfo_endpoint: 'https://api.example/me' } }),
    ).toEqual(['https://idp.example/*', 'http://127.0.0.1/*', 'https://api.example/*']);
  });

  it('the extension-owned redirect URI needs no host; broken URLs are skipped', () => {
    expect(launchOrigins({ issuer: 'https://idp.example', redirectUri: 'https://app.example/cb', redirectMode: 'extension', endpoints: { token_endpoint: 'not a url' } })).toEqual(['https://idp.example/*']);
  });
});
