/**
 * The worker's ID token check (id-token.ts, token-call.ts checkAnswerIdToken): catalog ids, the
 * signature and kid as findings, the alg against what discovery advertises, and after a refresh the
 * nonce compared with the one the flow really sent (OIDC Core 12.2) - not "the original one is not
 * known". fetch serves the issuer's JWKS; browser.storage is in memory.
 */
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Flow, FlowStep } from '../core/flow';
import type { Verification } from '../core/verify';

const fake = await vi.hoisted(async () => {
  const { memoryKV } = await import('./kv');
  return { session: memoryKV(), local: memoryKV() };
});
vi.mock('../shared/browser', () => ({ default: { storage: { session: fake.session, local: fake.local } } }));

const { checkIdToken, originalNonce, previousIdentity, signatureFindings } = await import('./id-token');
const { checkAnswerIdToken } = await import('./token-call');

const ISS = 'https://idp.example';
let jwksUri = '';
let priv: CryptoKey;
let jwks = '';

beforeAll(async () => {
  const k = await generateKeyPair('RS256', { extractable: true });
  priv = k.privateKey;
  jwks = JSON.stringify({ keys: [{ ...(await exportJWK(k.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] });
});

let n = 0;
beforeEach(() => {
  // A fresh jwks_uri per test: the worker's key cache is per URI.
  jwksUri = `${ISS}/jwks/${++n}`;
  vi.stubGlobal('fetch', async (url: string) => (url === jwksUri ? new Response(jwks, { status: 200, headers: { 'content-type': 'application/json' } }) : Promise.reject(new Error('offline'))));
});

const now = () => Math.floor(Date.now() / 1000);
const sign = (claims: Record<string, unknown>, alg = 'RS256') =>
  new SignJWT({ iss: ISS, sub: 'alice', aud: 'app', iat: now(), exp: now() + 600, ...claims }).setProtectedHeader({ alg, kid: 'k1' }).sign(priv);

function flow(steps: FlowStep[], metadata: Record<string, unknown> = {}): Flow {
  return {
    id: 'f', createdAt: Date.now(), updatedAt: Date.now(), source: 'launched', grant: 'authorization', responseType: 'code',
    profile: { id: 'p', name: 'P', issuer: ISS, clientId: 'app', request: { scope: 'openid' } },
    findings: [], metadata: { issuer: ISS, jwks_uri: jwksUri, response_types_supported: ['code'], ...metadata }, status: 'complete', steps,
  } as unknown as Flow;
}
const AUTH: FlowStep = { kind: 'authorization-request', at: 1, url: `${ISS}/authorize`, params: { scope: 'openid', nonce: 'n-sent' } };
const answer = (idToken: string): FlowStep => ({ kind: 'token-response', at: 2, status: 200, headers: {}, bodyText: '', result: { ok: true, tokens: { access_token: 'at', token_type: 'Bearer', id_token: idToken }, warnings: [] } });
const byId = (fs: { id: string }[]) => Object.fromEntries(fs.map((f) => [f.id, f]));

describe('checkIdToken', () => {
  it('stores catalog ids, the signature and the kid as findings', async () => {
    const r = await checkIdToken(flow([AUTH]), await sign({ nonce: 'n-sent' }), { flow: 'code', nonce: 'n-sent' });
    const f = byId(r.findings);
    expect(r.verification.status).toBe('verified');
    expect(f['idtoken.signature']).toMatchObject({ status: 'pass' });
    expect(f['idtoken.kid']).toMatchObject({ status: 'pass', actual: 'k1' });
    expect(f['idtoken.nonce.mismatch']).toMatchObject({ status: 'pass' });
    expect(f['idtoken.alg.advertised']).toMatchObject({ status: 'pass', expected: 'RS256' }); // RS256 when discovery says nothing
    expect(r.findings.every((x) => x.id.startsWith('idtoken.'))).toBe(true);
  });

  it('a token signed with an alg the issuer does not advertise is a finding even though the key verifies it', async () => {
    const r = await checkIdToken(flow([AUTH], { id_token_signing_alg_values_supported: ['ES256'] }), await sign({}), { flow: 'code' });
    expect(r.verification.status).toBe('verified');
    expect(byId(r.findings)['idtoken.alg.advertised']).toMatchObject({ status: 'fail', expected: 'ES256', actual: 'RS256' });
  });

  it('no discovery document behind the metadata (endpoints set by hand): the advertised algs are not known', async () => {
    const f = flow([AUTH]);
    delete (f.metadata as Record<string, unknown>).response_types_supported;
    expect(byId((await checkIdToken(f, await sign({}), { flow: 'code' })).findings)['idtoken.alg.advertised']).toMatchObject({ status: 'n/a' });
  });

  it('a token issued long before the flow began is called old (iat.recent), one issued after it passes', async () => {
    const f = flow([AUTH]);
    expect(byId((await checkIdToken(f, await sign({}), { flow: 'code' })).findings)['idtoken.iat.recent']).toMatchObject({ status: 'pass' });
    expect(byId((await checkIdToken(f, await sign({ iat: now() - 3600 }), { flow: 'code' })).findings)['idtoken.iat.recent']).toMatchObject({ status: 'fail', severity: 'warning' });
  });

  it('a token whose iss differs fails the issuer check and is still verified against the flow issuer keys', async () => {
    const r = await checkIdToken(flow([AUTH]), await sign({ iss: 'https://evil.example' }), { flow: 'code' });
    expect(r.verification).toMatchObject({ status: 'verified', keySource: jwksUri });
    expect(byId(r.findings)['idtoken.iss']).toMatchObject({ status: 'fail', actual: 'https://evil.example' });
  });
});

describe('after a refresh (OIDC Core 12.2)', () => {
  it('compares the new token nonce with the one the stored authorization request sent', async () => {
    const first = await sign({ nonce: 'n-sent' });
    const f = flow([AUTH, answer(first)]);
    const x = { request: {} as never, response: answer(await sign({ nonce: 'n-sent' })) as never, result: { ok: true as const, tokens: { access_token: 'a2', token_type: 'Bearer', id_token: await sign({ nonce: 'n-sent' }) }, warnings: [] } };
    await checkAnswerIdToken(f, x, { refresh: true });
    const got = byId((x.response as { findings: { id: string }[] }).findings);
    expect(got['idtoken.nonce.mismatch']).toMatchObject({ status: 'pass', message: 'nonce is the original one', expected: 'n-sent' });
    expect(got['idtoken.refresh.sub']).toMatchObject({ status: 'pass' });
  });

  it('a different nonce or sub after a refresh fails', async () => {
    const f = flow([AUTH, answer(await sign({ nonce: 'n-sent' }))]);
    const token = await sign({ nonce: 'n-other', sub: 'mallory' });
    const x = { request: {} as never, response: answer(token) as never, result: { ok: true as const, tokens: { access_token: 'a2', token_type: 'Bearer', id_token: token }, warnings: [] } };
    await checkAnswerIdToken(f, x, { refresh: true });
    const got = byId((x.response as { findings: { id: string }[] }).findings);
    expect(got['idtoken.nonce.mismatch']).toMatchObject({ status: 'fail', expected: 'n-sent', actual: 'n-other' });
    expect(got['idtoken.refresh.sub']).toMatchObject({ status: 'fail', expected: 'alice', actual: 'mallory' });
  });

  it('originalNonce reads the request, PAR included; previousIdentity the newest ID token', async () => {
    expect(originalNonce(flow([AUTH]))).toBe('n-sent');
    const par: FlowStep = { kind: 'exchange', label: 'Pushed authorization request', at: 1, request: { url: `${ISS}/par`, method: 'POST', headers: {}, params: { nonce: 'n-par' } } };
    expect(originalNonce(flow([par, { ...AUTH, params: { request_uri: 'urn:x' } } as FlowStep]))).toBe('n-par');
    expect(originalNonce(flow([]))).toBeUndefined();
    expect(previousIdentity(flow([AUTH, answer(await sign({ sub: 'bob' }))]))).toEqual({ iss: ISS, sub: 'bob' });
  });
});

describe('signatureFindings', () => {
  it.each([
    [{ status: 'verified', message: 'ok', kid: 'k' }, 'pass', 'pass'],
    [{ status: 'verified', message: 'ok', ambiguousKey: true }, 'pass', 'fail'],
    [{ status: 'bad-signature', message: 'bad' }, 'fail', 'pass'],
    [{ status: 'unsigned', message: 'none' }, 'fail', 'n/a'],
    [{ status: 'no-matching-key', message: 'no key' }, 'fail', 'n/a'],
    [{ status: 'keys-unreachable', message: 'down' }, 'n/a', 'n/a'],
  ] as [Verification, string, string][])('%o', (v, sig, kid) => {
    const [s, k] = signatureFindings(v);
    expect([s!.id, s!.status, k!.id, k!.status]).toEqual(['idtoken.signature', sig, 'idtoken.kid', kid]);
  });
});

describe('an HS256 ID token (OIDC Core 10.1: keyed by the client secret)', () => {
  const SECRET = 'the-app-client-secret-0123456789abcdef';
  const hs = (secret = SECRET) => new SignJWT({ iss: ISS, sub: 'alice', aud: 'app', iat: now(), exp: now() + 600 }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
  const confidential = (source: 'launched' | 'captured' = 'launched', algs = ['RS256', 'HS256']) => {
    const f = flow([AUTH], { id_token_signing_alg_values_supported: algs });
    return { ...f, source, profile: { ...f.profile, authMethod: 'client_secret_basic' } } as Flow;
  };
  const sig = async (f: Flow, secret?: string) => {
    const r = await checkIdToken(f, await hs(), { flow: 'code', ...(secret ? { clientSecret: secret } : {}) });
    expect(JSON.stringify(r)).not.toContain(SECRET);
    return byId(r.findings)['idtoken.signature'];
  };

  it('a confidential launched client whose provider advertises HS256: verified with the secret (not "invalid signature")', async () => {
    expect(await sig(confidential(), SECRET)).toMatchObject({ status: 'pass', message: expect.stringMatching(/client secret \(HS256\)/) });
    const r = await checkIdToken(confidential(), await hs(), { flow: 'code', clientSecret: SECRET });
    expect(byId(r.findings)['idtoken.kid']).toMatchObject({ status: 'n/a', message: expect.stringMatching(/needs no kid/) });
  });
  it('the token answer of a launched flow is verified with the secret passed on (checkAnswerIdToken)', async () => {
    const token = await hs();
    const x = { request: {} as never, response: answer(token) as never, result: { ok: true as const, tokens: { access_token: 'at', token_type: 'Bearer', id_token: token }, warnings: [] } };
    await checkAnswerIdToken(confidential(), x, { refresh: false, clientSecret: SECRET });
    expect((x.response as { verification?: Verification }).verification?.status).toBe('verified');
    expect(JSON.stringify(x.response)).not.toContain(SECRET);
  });
  it('signed with another secret: a fail', async () => {
    const r = await checkIdToken(confidential(), await hs('some-other-secret-0123456789abcdef'), { flow: 'code', clientSecret: SECRET });
    expect(byId(r.findings)['idtoken.signature']).toMatchObject({ status: 'fail', message: expect.stringMatching(/^Bad signature/) });
  });
  it('a public client: n/a, saying why - never a fail', async () => {
    const f = { ...confidential(), profile: { ...confidential().profile, authMethod: 'none' } } as Flow;
    expect(await sig(f)).toMatchObject({ status: 'n/a', message: expect.stringMatching(/shared secret \(HS256\): Grantscope verifies it only for a confidential client whose provider advertises HS256/) });
  });
  it('the provider does not advertise HS256: n/a even with the secret', async () => {
    expect(await sig(confidential('launched', ['RS256']), SECRET)).toMatchObject({ status: 'n/a' });
  });
  it('a recorded flow: could not verify, the app\'s secret is not known (n/a)', async () => {
    expect(await sig(confidential('captured'))).toMatchObject({ status: 'n/a', message: expect.stringMatching(/shared-secret signature; the app's secret is not known/) });
  });
});
