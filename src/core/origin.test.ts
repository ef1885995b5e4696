import { describe, expect, it } from 'vitest';
import { originFor } from './origin';

describe('originFor', () => {
  const spa = { origin: 'redirect' as const, redirectUri: 'https://app.example:8443/cb', authMethod: 'none' as const };
  it.each([
    ['a public client calls from its redirect_uri origin', spa, { set: 'https://app.example:8443' }],
    ['a confidential client sends none, as its server would', { ...spa, authMethod: 'client_secret_basic' as const }, { drop: true }],
    ['no redirect_uri (device, client credentials): none', { ...spa, redirectUri: '' }, { drop: true }],
    ['asked to drop it', { ...spa, origin: 'drop' as const }, { drop: true }],
    ['asked to keep the browser’s', { ...spa, origin: 'browser' as const }, { keep: true }],
    ['a broken redirect_uri: none', { ...spa, redirectUri: 'not a url' }, { drop: true }],
  ])('%s', (_what, profile, want) => expect(originFor(profile)).toEqual(want));
});
