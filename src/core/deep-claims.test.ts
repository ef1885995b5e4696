/**
 * Issue 9, "dead panel": a token whose claims nest 20,000 deep. Every pure path that reads a decoded
 * token must return, not throw a RangeError: decoding, the claim explanations, the ID token checks
 * (which the background runs on recorded flows) and the Decode view's recogniser.
 */
import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { explainClaim } from './claims';
import { decodeInput } from './decode-input';
import { judgeIdTokenClaims } from './tokens/id-token-rules';
import { decodeToken } from './jwt';
import { oversizedParts } from './token-parts';

const N = 20_000;
const DEEP = { object: '{"a":'.repeat(N) + '1' + '}'.repeat(N), array: '['.repeat(N) + ']'.repeat(N) };
const enc = (s: string) => base64url.encode(s);
const CLAIMS = ['iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'nonce', 'azp', 'auth_time', 'at_hash', 'c_hash', 's_hash', 'acr', 'amr', 'act', 'cnf', 'address', 'sid', 'private_claim'];

describe.each(Object.entries(DEEP))('a claim nested 20,000 deep (%s)', (_, deep) => {
  it.each(CLAIMS)('%s: decoded, explained and checked without a RangeError', async (name) => {
    const header = `{"alg":"RS256","kid":"k"}`;
    const payload = `{"iss":"https://i.example","sub":"s","aud":"c","exp":9999999999,"iat":1,"nonce":"n","${name}":${deep}}`;
    const token = `${enc(header)}.${enc(payload)}.${enc('sig')}`;

    // decodeToken refuses it (json-bounds.ts); the panel says how deep it is instead (token-parts.ts).
    expect(decodeToken(token)).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('deeper than') });
    expect(oversizedParts(token)).toEqual([{ part: 'payload', segment: 1, message: expect.stringMatching(/^too deep to show \(depth > 32, \d+ bytes\)$/) }]);

    // What reads a payload must not depend on that refusal: the same claims, parsed directly.
    const claims = JSON.parse(payload) as Record<string, unknown>;
    expect(explainClaim(name, claims[name])).toMatchObject({ tooBig: true, display: expect.stringMatching(/^too deep to show/) });
    for (const flow of ['code', 'implicit', 'hybrid', 'refresh'] as const) {
      const findings = judgeIdTokenClaims({
        header: { alg: 'RS256' },
        payload: claims,
        issuer: 'https://i.example',
        clientId: 'c',
        nonce: 'n',
        flow,
        accessToken: 'at',
        code: 'cd',
        state: 'st',
        maxAge: 10,
        requestedAt: 1,
        previous: { iss: 'https://i.example', sub: 's' },
        now: Date.now(),
        toleranceSec: 60,
      });
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) expect(JSON.stringify(f).length).toBeLessThan(2000); // no 100 KB evidence
    }

    expect(() => decodeInput(token)).not.toThrow();
    expect(() => decodeInput(`https://app.example/cb#id_token=${token}&state=x`)).not.toThrow();
    expect(() => decodeInput(`{"access_token":"a","token_type":"Bearer","id_token":"${token}","x":${deep}}`)).not.toThrow();
  });
});
