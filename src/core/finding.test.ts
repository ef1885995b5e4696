import { describe, expect, it } from 'vitest';
import { failed, notApplicable, passed } from './finding';

describe('finding builders', () => {
  it('a pass is info and keeps its evidence', () => {
    expect(passed('iss', 'OIDC Core 3.1.3.7 (2)', 'iss matches', { expected: 'a', actual: 'a' })).toEqual({
      id: 'iss',
      status: 'pass',
      severity: 'info',
      clause: 'OIDC Core 3.1.3.7 (2)',
      message: 'iss matches',
      expected: 'a',
      actual: 'a',
    });
  });

  it('a failure keeps its severity and drops undefined evidence keys', () => {
    const f = failed('state-missing', 'error', 'RFC 6749 10.12', 'no state', { expected: 'x', actual: undefined });
    expect(f).toEqual({ id: 'state-missing', status: 'fail', severity: 'error', clause: 'RFC 6749 10.12', message: 'no state', expected: 'x' });
    expect('actual' in f).toBe(false);
  });

  it('n/a is info and never a pass', () => {
    expect(notApplicable('nonce', 'OIDC Core 3.1.3.7 (11)', 'no nonce sent')).toMatchObject({ status: 'n/a', severity: 'info' });
  });
});
