import { describe, expect, it } from 'vitest';
import { isProfile, validPayload } from './validate';

const profile = { id: 'p', name: 'Demo', issuer: 'http://127.0.0.1:9400', clientId: 'c', redirectUri: 'http://127.0.0.1:9400/app/callback', scope: 'openid' };

describe('message payload checks', () => {
  it('accepts a well-formed profile and start request', () => {
    expect(isProfile(profile)).toBe(true);
    expect(validPayload('flow/start', { profile })).toBe(true);
    expect(validPayload('flow/list', null)).toBe(true);
    expect(validPayload('flow/get', { id: 'abc' })).toBe(true);
  });

  it.each([
    ['flow/start', {}],
    ['flow/start', { profile: { ...profile, issuer: 42 } }],
    ['flow/start', { profile: { ...profile, scope: 'x'.repeat(5000) } }],
    ['profile/save', null],
    ['flow/get', { id: 7 }],
    ['flow/get', 'abc'],
    ['flow/list', { extra: true }],
  ] as const)('refuses %s with %j', (type, payload) => {
    expect(validPayload(type, payload)).toBe(false);
  });
});
