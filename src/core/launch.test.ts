import { describe, expect, it } from 'vitest';
import { isLaunchInput, launchInputProblem } from './launch';

describe('isLaunchInput', () => {
  it.each([
    [{ grant: 'authorization' }, true],
    [{ grant: 'authorization', responseType: 'code id_token' }, true],
    [{ grant: 'authorization', responseType: 'code evil' }, false],
    [{ grant: 'device_code' }, true],
    [{ grant: 'client_credentials' }, true],
    [{ grant: 'password', username: 'alice', password: 'x' }, true],
    [{ grant: 'password', username: 'alice' }, false],
    [{ grant: 'refresh_token', refreshToken: 'rt' }, true],
    [{ grant: 'refresh_token', refreshToken: 5 }, false],
    [{ grant: 'token_exchange', subjectToken: 't', subjectTokenType: 'urn:ietf:params:oauth:token-type:access_token' }, true],
    [{ grant: 'token_exchange', subjectToken: 't' }, false],
    [{ grant: 'implicit' }, false],
    [{ grant: 'authorization', expect: 'access_denied' }, true],
    [{ grant: 'client_credentials', expect: 'no-refresh-token' }, true],
    [{ grant: 'authorization', expect: 'denied please' }, false],
    [{ grant: 'authorization', expect: null }, false],
    [null, false],
  ])('%j -> %s', (v, want) => expect(isLaunchInput(v)).toBe(want));
});

describe('launchInputProblem', () => {
  it.each([
    [{ grant: 'password' as const, username: '', password: 'x' }, 'The password grant needs a username and a password.'],
    [{ grant: 'refresh_token' as const, refreshToken: ' ' }, 'Paste a refresh token, or pick one from a flow.'],
    [{ grant: 'token_exchange' as const, subjectToken: '', subjectTokenType: 'x' }, 'Token exchange needs a subject token.'],
    [{ grant: 'client_credentials' as const }, null],
  ])('%j', (l, want) => expect(launchInputProblem(l)).toBe(want));
});
