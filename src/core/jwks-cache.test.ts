import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type JSONWebKeySet } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { JwksCache } from './jwks-cache';
import { fail, ok, type Result } from './result';

const URI = 'https://issuer.example/jwks';
const keys: Record<string, { priv: CryptoKey; jwk: JSONWebKeySet['keys'][number] }> = {};

beforeAll(async () => {
  for (const kid of ['old', 'new']) {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    keys[kid] = { priv: privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256' } };
  }
});

const sign = (kid: string, as = kid) => new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'ES256', kid: as }).sign(keys[kid]!.priv);

/** A fake jwks_uri that counts its requests; `serve` is what it answers now (a key rotation swaps it). */
function fakeIssuer(initial: Result<JSONWebKeySet> | (() => Promise<Result<JSONWebKeySet>>)) {
  const state = { calls: 0, serve: initial, time: 1_000_000 };
  const fetchJwks = async (uri: string) => {
    expect(uri).toBe(URI);
    state.calls += 1;
    return typeof state.serve === 'function' ? state.serve() : state.serve;
  };
  return { state, cache: new JwksCache(fetchJwks, () => state.time) };
}
const set = (...kids: string[]) => ok({ keys: kids.map((k) => keys[k]!.jwk) });

describe('JwksCache', () => {
  it('fetches once and then verifies from the cache', async () => {
    const { state, cache } = fakeIssuer(set('old'));
    expect((await cache.verify(await sign('old'), URI)).status).toBe('verified');
    expect((await cache.verify(await sign('old'), URI)).status).toBe('verified');
    expect(state.calls).toBe(1);
  });

  it('shares one request between verifications running together', async () => {
    const { state, cache } = fakeIssuer(set('old'));
    const token = await sign('old');
    const all = await Promise.all([cache.verify(token, URI), cache.verify(token, URI), cache.verify(token, URI)]);
    expect(all.map((v) => v.status)).toEqual(['verified', 'verified', 'verified']);
    expect(state.calls).toBe(1);
  });

  it('refetches once for an unknown kid after a key rotation (fault-cases.md 13)', async () => {
    const { state, cache } = fakeIssuer(set('old'));
    await cache.verify(await sign('old'), URI);
    state.serve = set('old', 'new'); // the issuer rotates
    state.time += 61_000;
    expect((await cache.verify(await sign('new'), URI)).status).toBe('verified');
    expect(state.calls).toBe(2);
    expect((await cache.verify(await sign('new'), URI)).status).toBe('verified');
    expect(state.calls).toBe(2);
  });

  it('refetches only once for a kid that stays unknown, then answers no-matching-key', async () => {
    const { state, cache } = fakeIssuer(set('old'));
    await cache.verify(await sign('old'), URI);
    state.time += 61_000;
    const v = await cache.verify(await sign('new', 'made-up'), URI);
    expect(v).toMatchObject({ status: 'no-matching-key', kid: 'made-up', keySource: URI });
    expect(state.calls).toBe(2);
    // Straight away again: inside the minimum interval, so no third request.
    const again = await cache.verify(await sign('new', 'made-up'), URI);
    expect(again.status).toBe('no-matching-key');
    expect(again.message).toContain('not fetched again within 60 s');
    expect(state.calls).toBe(2);
  });

  it('does not refetch within the minimum interval of the last fetch', async () => {
    const { state, cache } = fakeIssuer(set('old'));
    await cache.verify(await sign('old'), URI);
    state.serve = set('old', 'new');
    state.time += 59_000;
    const v = await cache.verify(await sign('new'), URI);
    expect(v.status).toBe('no-matching-key');
    expect(v.message).toContain('The key set was fetched 59 s ago; not fetched again within 60 s.');
    expect(state.calls).toBe(1);
  });

  it('does not refetch when the keys were fetched for this very verification', async () => {
    const { state, cache } = fakeIssuer(set('old'));
    expect((await cache.verify(await sign('new'), URI)).status).toBe('no-matching-key');
    expect(state.calls).toBe(1);
  });

  it('fetches again once the cached keys are older than the TTL (10 min)', async () => {
    const { state, cache } = fakeIssuer(set('old'));
    await cache.verify(await sign('old'), URI);
    state.time += 10 * 60_000;
    await cache.verify(await sign('old'), URI);
    expect(state.calls).toBe(2);
  });

  it.each([
    ['a fetch that fails', () => Promise.resolve(fail('http-500', 'the key set answered status 500')), "Could not fetch the issuer's keys from https://issuer.example/jwks: the key set answered status 500"],
    ['a fetch that throws', () => Promise.reject(new Error('network down')), "Could not fetch the issuer's keys from https://issuer.example/jwks: network down"],
    ['an answer that is no key set', () => Promise.resolve(ok({} as JSONWebKeySet)), 'Could not fetch the issuer\'s keys from https://issuer.example/jwks: the answer has no "keys" array'],
  ])('answers keys-unreachable for %s, and does not cache it (fault-cases.md 14)', async (_what, answer, message) => {
    const { state, cache } = fakeIssuer(answer);
    expect(await cache.verify(await sign('old'), URI)).toEqual({ status: 'keys-unreachable', message, alg: 'ES256', kid: 'old', keySource: URI });
    state.serve = set('old'); // the endpoint recovers
    expect((await cache.verify(await sign('old'), URI)).status).toBe('verified');
    expect(state.calls).toBe(2);
  });

  it('says so when the refetch for an unknown kid fails', async () => {
    const { state, cache } = fakeIssuer(set('old'));
    await cache.verify(await sign('old'), URI);
    state.serve = fail('timeout', 'no answer in 15 s');
    state.time += 61_000;
    const v = await cache.verify(await sign('new'), URI);
    expect(v.status).toBe('no-matching-key');
    expect(v.message).toContain('Fetching the key set again failed: no answer in 15 s');
  });

  it.each([
    ['alg none', () => Promise.resolve(new UnsecuredJWT({}).encode()), 'unsigned'],
    ['not a JWS', () => Promise.resolve('opaque-token'), 'not-a-jws'],
    ['an alg outside the list', () => sign('old'), 'alg-not-allowed'],
  ])('makes no request for %s', async (_what, token, status) => {
    const { state, cache } = fakeIssuer(set('old'));
    expect((await cache.verify(await token(), URI, { algorithms: ['RS256'] })).status).toBe(status);
    expect(state.calls).toBe(0);
  });
});
