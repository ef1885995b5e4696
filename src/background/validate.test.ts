import { describe, expect, it } from 'vitest';
import { blankProfile } from '../core/profile';
import { validPayload } from './validate';

const profile = { ...blankProfile('p'), name: 'Demo', issuer: 'http://127.0.0.1:9400', clientId: 'c', redirectUri: 'http://127.0.0.1:9400/app/callback' };

describe('message payload checks', () => {
  it('accepts well-formed requests', () => {
    expect(validPayload('profile/save', { profile })).toBe(true);
    expect(validPayload('profile/save', { profile, secrets: { clientSecret: 'x' } })).toBe(true);
    expect(validPayload('flow/start', { profileId: 'p', launch: { grant: 'authorization' } })).toBe(true);
    expect(validPayload('flow/list', null)).toBe(true);
    expect(validPayload('flow/run-both', { profileId: 'p', step: 1 })).toBe(true);
    expect(validPayload('flow/relaunch', { profile, launch: { grant: 'authorization', responseType: 'code' } })).toBe(true);
    expect(validPayload('profile/save', { profile: { ...profile, ruleSet: 'fapi2' } })).toBe(true);
    expect(validPayload('flow/start', { profileId: 'p', launch: { grant: 'authorization', expect: 'access_denied' } })).toBe(true);
    expect(validPayload('flow/get', { id: 'abc' })).toBe(true);
    expect(validPayload('panel/open', { view: 'profiles' })).toBe(true);
    // The popup's last flow opens that flow (issue 11): a flow id, nothing that could leave the hash.
    expect(validPayload('panel/open', { flowId: 'cap-k3J_x-9Qz1bA' })).toBe(true);
    expect(validPayload('panel/open', { flowId: 'a#/decode?x' })).toBe(false);
    expect(validPayload('panel/open', { flowId: 'x'.repeat(129) })).toBe(false);
  });

  it.each([
    ['flow/start', {}],
    ['flow/start', { profileId: 'p', launch: { grant: 'magic' } }],
    ['profile/save', { profile: { ...profile, issuer: 42 } }],
    ['profile/save', { profile: { ...profile, redirectUri: 'javascript:alert(1)' } }],
    ['profile/save', null],
    ['profile/save', { profile: { ...profile, ruleSet: 'lax' } }],
    ['flow/start', { profileId: 'p', launch: { grant: 'authorization', expect: 'whatever' } }],
    ['flow/start', { profileId: 'p', launch: { grant: 'client_credentials', expect: 42 } }],
    ['profile/export', { includeSecrets: 'yes' }],
    ['flow/get', { id: 7 }],
    ['flow/get', 'abc'],
    ['flow/list', { extra: true }],
    // Issue 12: Run both takes a step 0 or 1; a relaunch is a whole profile and only an authorization request.
    ['flow/run-both', { profileId: 'p', step: 2 }],
    ['flow/run-both', { profileId: 'p' }],
    ['flow/relaunch', { profile: { ...profile, redirectUri: 'javascript:alert(1)' }, launch: { grant: 'authorization' } }],
    ['flow/relaunch', { profile, launch: { grant: 'client_credentials' } }],
    ['flow/relaunch', { launch: { grant: 'authorization' } }],
  ] as const)('refuses %s with %j', (type, payload) => {
    expect(validPayload(type, payload)).toBe(false);
  });
});

describe('flow/last (the popup reads the newest summary only)', () => {
  it('takes no payload', () => {
    expect(validPayload('flow/last', null)).toBe(true);
    expect(validPayload('flow/last', { id: 'x' })).toBe(false);
  });
});
