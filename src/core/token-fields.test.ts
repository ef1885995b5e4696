import { describe, expect, it } from 'vitest';
import { checkTokenFields } from './token-fields';

const base = { access_token: 'mF_9.B5f-4.1JqM', token_type: 'Bearer' }; // RFC 6750 example token

describe('checkTokenFields', () => {
  it.each([
    [{ expires_in: 3600 }, 3600],
    [{ expires_in: 0 }, 0],
    [{ expires_in: 59.5 }, 59.5],
    [{ expires_in: '3600' }, 3600],
    [{}, undefined],
  ])('expires_in %j -> %s', (extra, expected) => {
    const r = checkTokenFields({ ...base, ...extra });
    expect(r.ok && r.tokens.expires_in).toBe(expected);
    expect(r.ok && 'expires_in' in r.tokens).toBe(expected !== undefined);
  });

  it.each([
    [{ expires_in: 'tomorrow' }, 'expires_in'],
    [{ expires_in: '36e2' }, 'expires_in'],
    [{ expires_in: -1 }, 'expires_in'],
    [{ expires_in: true }, 'expires_in'],
    [{ access_token: ['a'] }, 'access_token'],
    [{ token_type: 1 }, 'token_type'],
    [{ token_type: '' }, 'token_type'],
    [{ id_token: null }, 'id_token'],
  ])('%j is refused, naming %s', (extra, field) => {
    const r = checkTokenFields({ ...base, ...extra });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.field).toBe(field);
      expect(r.message.startsWith(field)).toBe(true);
      expect(r.message).not.toContain('mF_9');
    }
  });

  it('warns about a token type it cannot use, naming it', () => {
    const r = checkTokenFields({ ...base, token_type: 'mac' });
    expect(r.ok && r.warnings).toEqual([
      { id: 'token.token-type', status: 'fail', severity: 'warning', clause: 'RFC 6749 7.1', message: 'token_type "mac" is neither Bearer nor DPoP', expected: 'Bearer or DPoP', actual: 'mac' },
    ]);
  });
});
