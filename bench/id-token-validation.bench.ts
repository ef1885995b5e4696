/**
 * Decode + full validation of an ID token with the keys at hand, against jose's bare jwtVerify on the
 * same token in the same run.
 *
 * Baseline: `jwtVerify(token, jwks)` with a key set made once by createLocalJWKSet, no claim options.
 * Candidate: what Grantscope does with an ID token (src/background/token-call.ts, callback.ts, keys.ts):
 * decodeToken, then verifySignature against the issuer's JSON key set (the same parsed object each
 * call, as the JWKS cache hands it; verify.ts keeps one imported key set per such object), then
 * judgeIdTokenClaims (src/core/tokens/id-token-rules.ts, synchronous) with the nonce and access token.
 */
import { createHash } from 'node:crypto';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, type JSONWebKeySet } from 'jose';
import { decodeToken } from '../src/core/jwt';
import { verifySignature } from '../src/core/verify';
import { judgeIdTokenClaims } from '../src/core/tokens/id-token-rules';
import type { Finding } from '../src/core/finding';
import { measure, sig } from './measure';
import type { BenchResult } from './types';

export const name = 'id-token-validation';
const MAX_RATIO = 1.5;
export const target = `Decode + full validation of an ID token with cached keys, against jose's bare jwtVerify on the same token, same run: ratio at most ${MAX_RATIO}`;

const ISSUER = 'https://login.example.com';
const CLIENT_ID = 'grantscope-public';
const NONCE = 'n-0S6_WzA2Mj';

/** at_hash: base64url of the left half of the SHA-256 of the access token, for RS256 (OIDC Core 3.1.3.6). */
const atHash = (accessToken: string): string => createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');

/** An issuer with two RSA keys (current and next, as during a rotation) and an ID token signed by the first. */
async function makeFixture(): Promise<{ token: string; jwks: JSONWebKeySet; accessToken: string }> {
  const current = await generateKeyPair('RS256', { extractable: true });
  const next = await generateKeyPair('RS256', { extractable: true });
  const jwks: JSONWebKeySet = {
    keys: [
      { ...(await exportJWK(current.publicKey)), kid: 'key-2025-11', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(next.publicKey)), kid: 'key-2026-02', alg: 'RS256', use: 'sig' },
    ],
  };
  const accessToken = 'SlAV32hkKG.b2F1dGggYWNjZXNzIHRva2VuIGZvciB0aGUgYmVuY2g';
  const now = Math.floor(Date.now() / 1000);
  // exp is a day away so a long run never outlives the token.
  const token = await new SignJWT({ nonce: NONCE, auth_time: now - 30, at_hash: atHash(accessToken), sid: 'f8c0a2f1-5b7e-4d2a-9a51-1d3c5e7f9b20' })
    .setProtectedHeader({ alg: 'RS256', kid: 'key-2025-11', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setSubject('248289761001')
    .setAudience(CLIENT_ID)
    .setIssuedAt(now)
    .setExpirationTime(now + 86_400)
    .sign(current.privateKey);
  return { token, jwks, accessToken };
}

/** Findings, however the checker returns them (an array, or an object holding one). */
function findingsOf(result: unknown): Finding[] | undefined {
  const list = Array.isArray(result) ? result : (result as { findings?: unknown } | null)?.findings;
  return Array.isArray(list) && list.every((f) => typeof (f as Finding | null)?.status === 'string') ? (list as Finding[]) : undefined;
}

export async function run(): Promise<BenchResult> {
  const { token, jwks, accessToken } = await makeFixture();
  const label = 'judgeIdTokenClaims (src/core/tokens/id-token-rules.ts)';

  const localJwks = createLocalJWKSet(jwks); // made once: the cached-keys baseline
  const baseline = () => jwtVerify(token, localJwks);
  const candidate = async () => {
    const decoded = decodeToken(token);
    if (decoded.kind !== 'jwt') throw new Error(`decodeToken: ${decoded.kind}`);
    const verification = await verifySignature(token, jwks, { keySource: `${ISSUER}/jwks` });
    if (verification.status !== 'verified') throw new Error(`verifySignature: ${verification.message}`);
    const checks = judgeIdTokenClaims({ header: decoded.header, payload: decoded.payload, issuer: ISSUER, clientId: CLIENT_ID, nonce: NONCE, flow: 'code', accessToken, expectedAlgs: ['RS256'], now: Date.now(), toleranceSec: 60 });
    return { verification, checks };
  };

  // Both arms must succeed on this token before their speed means anything.
  const b = await baseline();
  if (b.payload.sub !== '248289761001') throw new Error('baseline: jwtVerify returned an unexpected payload');
  const findings = findingsOf((await candidate()).checks);
  if (!findings) throw new Error(`candidate: ${label} returned no findings; its call in bench/id-token-validation.bench.ts needs updating`);
  const failing = findings.filter((f) => f.status === 'fail');
  if (failing.length > 0) throw new Error(`candidate: the fixture token fails ${failing.map((f) => `${f.id} (${f.message})`).join(', ')}`);

  const m = await measure([
    { name: 'jwtVerify', op: baseline },
    { name: 'grantscope', op: candidate },
    // Not part of the ratio: the signature step alone, to show where the candidate's time goes.
    { name: 'verifySignature', op: () => verifySignature(token, jwks, { keySource: `${ISSUER}/jwks` }) },
  ]);
  const [base, cand, sigOnly] = m.arms;
  if (!base || !cand || !sigOnly) throw new Error('measure() returned too few results');
  const ratio = cand.usPerOp.median / base.usPerOp.median;
  return {
    ratio,
    pass: ratio <= MAX_RATIO,
    details: {
      'claim checks': label,
      'findings per token': findings.length,
      'baseline jwtVerify µs/op median': sig(base.usPerOp.median),
      'baseline µs/op p25': sig(base.usPerOp.p25),
      'baseline µs/op p75': sig(base.usPerOp.p75),
      'candidate µs/op median': sig(cand.usPerOp.median),
      'candidate µs/op p25': sig(cand.usPerOp.p25),
      'candidate µs/op p75': sig(cand.usPerOp.p75),
      'per-round ratio p25': sig(cand.roundRatio.p25),
      'per-round ratio median': sig(cand.roundRatio.median),
      'per-round ratio p75': sig(cand.roundRatio.p75),
      'diagnostic: verifySignature alone µs/op median': sig(sigOnly.usPerOp.median),
      'diagnostic: verifySignature alone / baseline': sig(sigOnly.usPerOp.median / base.usPerOp.median),
      'rounds measured (warm-up discarded)': `${m.rounds} (${m.warmupRounds})`,
      'ops per batch baseline / candidate': `${base.batchSize} / ${cand.batchSize}`,
      'batch ms median baseline / candidate': `${sig(base.batchMs)} / ${sig(cand.batchMs)}`,
    },
  };
}
