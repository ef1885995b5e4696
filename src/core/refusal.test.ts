import { describe, expect, it } from 'vitest';
import { refusalDetail, refusalError } from './refusal';

describe('refusalDetail', () => {
  it.each([
    [
      'error and description, as oidc-provider refuses a foreign Origin',
      { message: 'the token endpoint answered invalid_request (HTTP 400)', error: 'invalid_request', errorDescription: 'origin moz-extension://abc not allowed for client', status: 400 },
      'error: invalid_request · error_description: origin moz-extension://abc not allowed for client (HTTP 400)',
    ],
    ['an error without description', { message: 'm', error: 'access_denied', status: 400 }, 'error: access_denied (HTTP 400)'],
    ['no OAuth error: the plain message', { message: 'Could not reach http://127.0.0.1:9 (Failed to fetch).' }, 'Could not reach http://127.0.0.1:9 (Failed to fetch).'],
    ['no HTTP answer: no status', { message: 'm', error: 'slow_down', status: 0 }, 'error: slow_down'],
  ])('%s', (_what, r, want) => expect(refusalDetail(r)).toBe(want));

  it('redacts a token a server put in its description, and cuts a huge one', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlc2lnbmF0dXJl';
    const text = refusalDetail({ message: 'm', error: 'invalid_grant', errorDescription: `bad access_token=${jwt} ${'x'.repeat(100_000)}`, status: 400 });
    expect(text).not.toContain(jwt);
    expect(text.length).toBeLessThan(1200);
  });

  it('cuts a hostile error code', () => {
    expect(refusalError({ message: 'm', error: 'e'.repeat(10_000) })!.length).toBeLessThanOrEqual(80);
    expect(refusalError({ message: 'm' })).toBeUndefined();
  });
});
