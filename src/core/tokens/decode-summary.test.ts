/** The Decode view's summary line, from real shapes of pasted input: unsigned, expired, not yet valid, JWE, malformed, opaque. */
import { describe, expect, it } from 'vitest';
import { decodeInput } from '../decode-input';
import { summarizeInput, timeStanding, verificationPhrase } from './decode-summary';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (header: object, payload: object, sig = 'c2ln') => `${b64(header)}.${b64(payload)}.${sig}`;
const NOW = Date.UTC(2026, 10, 28, 19, 40); // ms
const S = NOW / 1000;

describe('summarizeInput', () => {
  it('an alg none token reads unsigned, with issuer and audience', () => {
    const s = summarizeInput(decodeInput(jwt({ alg: 'none' }, { iss: 'https://op.example', aud: ['a', 'b'], exp: S + 600 }, '')));
    expect(s.kind).toBe('jwt');
    expect(s.tokens).toEqual([{ name: 'token', type: 'jwt', typeLabel: 'JWT', signing: 'unsigned', alg: 'none', iss: 'https://op.example', aud: ['a', 'b'], exp: S + 600 }]);
  });

  it('a signed token keeps alg and kid; a token with no alg is unsigned', () => {
    expect(summarizeInput(decodeInput(jwt({ alg: 'RS256', kid: 'k1' }, { sub: 'x' }))).tokens[0]).toMatchObject({ signing: 'signed', alg: 'RS256', kid: 'k1' });
    expect(summarizeInput(decodeInput(jwt({ typ: 'JWT' }, { sub: 'x' }))).tokens[0]).toMatchObject({ signing: 'unsigned' });
  });

  it('a JWE names its alg and enc, and no signing', () => {
    const jwe = `${b64({ alg: 'RSA-OAEP', enc: 'A256GCM', kid: 'e1' })}.a2V5.aXY.Y2lwaGVy.dGFn`;
    const s = summarizeInput(decodeInput(jwe));
    expect(s.kind).toBe('jwe');
    expect(s.tokens).toEqual([{ name: 'token', type: 'jwe', typeLabel: 'JWE (encrypted)', alg: 'RSA-OAEP', enc: 'A256GCM', kid: 'e1' }]);
  });

  it('malformed input says why', () => {
    const s = summarizeInput(decodeInput('a.b'));
    expect(s.kind).toBe('invalid');
    expect(s.problem).toMatch(/./);
    const broken = summarizeInput(decodeInput(`${b64({ alg: 'RS256' })}.%%%.c2ln`));
    expect(broken.problem ?? broken.tokens[0]?.reason).toMatch(/./);
  });

  it('an opaque token is named opaque, nothing more', () => {
    const s = summarizeInput(decodeInput('2YotnFZFEjr1zCsicMWpAA'));
    expect(s.tokens).toEqual([{ name: 'token', type: 'opaque', typeLabel: 'opaque' }]);
  });

  it('a token response lists each token it carries; a hostile huge iss is clipped', () => {
    const id = jwt({ alg: 'ES256' }, { iss: 'x'.repeat(5000) });
    const s = summarizeInput(decodeInput(JSON.stringify({ access_token: 'opaque-at', token_type: 'Bearer', id_token: id })));
    expect(s.tokens.map((t) => [t.name, t.type])).toEqual([['access_token', 'opaque'], ['id_token', 'jwt']]);
    expect(s.tokens[1]!.iss!.length).toBeLessThanOrEqual(120);
  });

  it('non-numeric or absurd times are left out (the claims table says why)', () => {
    const s = summarizeInput(decodeInput(jwt({ alg: 'RS256' }, { exp: '1700000000', iat: 1e300 })));
    expect(s.tokens[0]).not.toHaveProperty('exp');
    expect(s.tokens[0]).not.toHaveProperty('iat');
  });
});

describe('timeStanding', () => {
  const one = (payload: object) => summarizeInput(decodeInput(jwt({ alg: 'RS256' }, payload))).tokens[0]!;
  it.each([
    [{ exp: S - 7200 }, 'expired', ['expired 2 h ago']],
    [{ exp: S + 540 }, 'valid', ['expires in 9 min']],
    [{ nbf: S + 300, exp: S + 900 }, 'not-yet-valid', ['not yet valid: valid in 5 min', 'expires in 15 min']],
    [{ sub: 'x' }, 'no-expiry', ['no exp: never expires']],
  ])('%j reads %s', (payload, standing, phrases) => {
    expect(timeStanding(one(payload), NOW)).toEqual({ standing, phrases });
  });

  it('the clock tolerance keeps a just-expired token valid, and ticks with the clock', () => {
    const t = one({ exp: S - 30 });
    expect(timeStanding(t, NOW, 60).standing).toBe('valid');
    expect(timeStanding(t, NOW, 0).phrases).toEqual(['expired 30 s ago']);
    expect(timeStanding(t, NOW + 60_000, 0).phrases).toEqual(['expired 1 min ago']);
  });
});

describe('verificationPhrase', () => {
  it.each([
    [{ status: 'verified', message: 'ok', kid: 'k1' }, 'ok', 'signature verified (kid k1)'],
    [{ status: 'bad-signature', message: 'x' }, 'err', 'invalid signature'],
    [{ status: 'keys-unreachable', message: 'The JWKS did not answer.' }, 'warn', 'could not verify: The JWKS did not answer.'],
    [{ status: 'no-matching-key', message: 'No key kid=z.' }, 'err', 'could not verify: No key kid=z.'],
  ] as const)('%j', (v, tone, text) => expect(verificationPhrase(v)).toEqual({ tone, text }));
});
