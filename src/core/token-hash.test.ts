import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashForAlg, tokenHash } from './token-hash';

// OIDC Core appendix A.3 / A.4 / A.6 (RS256): the access token and the code with their hashes.
const ACCESS_TOKEN = 'jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y';
const CODE = 'Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk';

/** An independent computation with node's own crypto, for the sizes the appendix has no example of. */
const leftHalf = (hash: string, value: string) => {
  const d = createHash(hash).update(value, 'ascii').digest();
  return d.subarray(0, d.length / 2).toString('base64url');
};

describe('tokenHash', () => {
  it.each([
    ['at_hash of the appendix A access token', ACCESS_TOKEN, 'RS256', '77QmUPtjPfzWtF2AnpK9RQ'],
    ['c_hash of the appendix A code', CODE, 'RS256', 'LDktKdoQak3Pk0cnXxCltA'],
    ['the same code under ES256 (same hash)', CODE, 'ES256', 'LDktKdoQak3Pk0cnXxCltA'],
    ['the same code under PS256', CODE, 'PS256', 'LDktKdoQak3Pk0cnXxCltA'],
    ['the same code under HS256', CODE, 'HS256', 'LDktKdoQak3Pk0cnXxCltA'],
    ['ES256K uses SHA-256 (RFC 8812)', CODE, 'ES256K', 'LDktKdoQak3Pk0cnXxCltA'],
  ])('%s', async (_what, value, alg, expected) => {
    expect(await tokenHash(value, alg)).toBe(expected);
  });

  it.each([
    ['RS384', 'sha384', 32],
    ['PS384', 'sha384', 32],
    ['ES384', 'sha384', 32],
    ['HS384', 'sha384', 32],
    ['RS512', 'sha512', 43],
    ['ES512', 'sha512', 43],
    ['EdDSA', 'sha512', 43], // OIDC Core errata set 2: Ed25519 hashes with SHA-512
    ['Ed25519', 'sha512', 43],
  ])('%s hashes with %s (left half: %i chars)', async (alg, hash, length) => {
    const got = await tokenHash(ACCESS_TOKEN, alg);
    expect(got).toBe(leftHalf(hash, ACCESS_TOKEN));
    expect(got).toHaveLength(length);
  });

  it.each(['Ed448', 'ML-DSA-44', 'none', 'RS1', 'rs256', ''])('has no hash for %j', async (alg) => {
    expect(hashForAlg(alg)).toBeUndefined();
    expect(await tokenHash(ACCESS_TOKEN, alg)).toBeUndefined();
  });

  it('hashes an empty value (a state of "" is still a value)', async () => {
    expect(await tokenHash('', 'RS256')).toBe(leftHalf('sha256', ''));
  });
});
