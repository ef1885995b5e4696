/**
 * The Decode view rendered by Preact into a fake DOM (fake-dom.ts), with a fake connector: the summary
 * line and the verdict come before the evidence, failed rules first with their clause links, passes
 * folded; the pasted token is shown in full with no Reveal; time claims read as local dates with the
 * raw number on hover; a verified signature on a token that can never be valid is not green.
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Verification } from '../core/verify';
import type { MessageKey } from '../shared/messages';
import { type Connector, ConnectorContext } from '../ui/connector';
import { fakeRoot, releaseFakeDom, type FakeElement } from '../ui/fake-dom';
import { DecodeView } from './decode-view';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (header: object, payload: object, sig = 'c2lnbmF0dXJl') => `${b64(header)}.${b64(payload)}.${sig}`;
const now = () => Math.floor(Date.now() / 1000);

function fakeConnector(verification?: Verification): Connector {
  const answers: Partial<Record<MessageKey, () => unknown>> = {
    'decode/pending': () => null,
    'settings/get': () => ({ clockToleranceSec: 60 }),
    'token/verify': () => verification,
  };
  return {
    send: (type) => {
      const answer = answers[type];
      return answer ? Promise.resolve(answer() as never) : Promise.reject(new Error(`${type} is not part of this test`));
    },
    onFlowsChanged: () => () => undefined,
    onProfilesChanged: () => () => undefined,
    requestHostAccess: () => Promise.resolve(true),
  };
}

let root: FakeElement | undefined;

async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) await act(() => new Promise<void>((r) => setTimeout(r, 0)));
}

async function show(initial: string, verification?: Verification): Promise<FakeElement> {
  root = fakeRoot();
  await act(() => render(h(ConnectorContext.Provider, { value: fakeConnector(verification) }, h(DecodeView, { initial })), root as unknown as Element));
  await settle();
  return root;
}

afterEach(async () => {
  if (root) await act(() => render(null, root as unknown as Element));
  root = undefined;
  releaseFakeDom();
});

const one = (r: FakeElement, name: string, value: string) => r.byAttr(name, value)[0];
/** Document order of two elements: is `a` before `b`? */
function before(r: FakeElement, a: FakeElement, b: FakeElement): boolean {
  const all = r.findAll(() => true);
  return all.indexOf(a) < all.indexOf(b);
}

describe('DecodeView', () => {
  it('an unsigned, expired token: summary and verdict first, the token in full, no Reveal', async () => {
    // 30 s past the two hours: the browser clock may read a little behind this one (Firefox rounds its timers), and 7199 s reads "1 h ago".
    const exp = now() - 7230;
    const token = jwt({ alg: 'none' }, { iss: 'https://op.example', sub: 'alice', aud: 'app', iat: exp - 600, exp }, '');
    const r = await show(token);
    const line = r.findAll((e) => e.getAttribute('data-token-summary') === 'token')[0]!;
    expect(line.getAttribute('data-signing')).toBe('unsigned');
    expect(line.getAttribute('data-standing')).toBe('expired');
    expect(line.textContent).toContain('unsigned');
    expect(line.textContent).toContain('expired 2 h ago');
    expect(line.textContent).toContain('https://op.example');

    const verdict = one(r, 'data-testid', 'decode-verdict')!;
    expect(verdict.getAttribute('data-worst')).toBe('err');
    const failed = verdict.findAll((e) => e.getAttribute('data-status') === 'fail').map((e) => e.getAttribute('data-finding'));
    expect(failed).toEqual(expect.arrayContaining(['idtoken.alg.none', 'idtoken.exp']));
    // Passes are folded until asked for.
    expect(verdict.findAll((e) => e.getAttribute('data-status') === 'pass')).toEqual([]);
    const clause = verdict.findAll((e) => e.localName === 'a')[0]!;
    expect(clause.getAttribute('href')).toMatch(/^https:\/\//);

    const card = r.findAll((e) => e.getAttribute('data-token') === 'token')[0]!;
    expect(before(r, verdict, card)).toBe(true);
    expect(one(r, 'data-testid', 'owned-value')!.textContent).toBe(token);
    expect(r.findAll((e) => e.localName === 'button' && /Reveal/.test(e.getAttribute('aria-label') ?? ''))).toEqual([]);

    const shown = r.findAll((e) => e.getAttribute('data-time') === 'exp')[0]!.findAll((e) => e.getAttribute('class') === 'when')[0]!;
    expect(shown.textContent).toMatch(/^\d{1,2} \w{3} \d{4}, \d\d:\d\d \(expired 2 h ago\)$/);
    expect(shown.getAttribute('title')).toContain(String(exp));
  });

  it('"N passed" opens on click', async () => {
    const r = await show(jwt({ alg: 'RS256' }, { iss: 'https://op.example', sub: 'alice', aud: 'app', iat: now() - 60, exp: now() + 600 }));
    const verdict = one(r, 'data-testid', 'decode-verdict')!;
    // Nothing failed, but the signature is not verified yet: not green.
    expect(verdict.getAttribute('data-worst')).toBe('info');
    const fold = one(r, 'data-testid', 'verdict-passed')!;
    expect(fold.textContent).toMatch(/^\d+ passed/);
    await act(() => fold.click());
    expect(verdict.findAll((e) => e.getAttribute('data-finding') === 'idtoken.exp')[0]!.getAttribute('data-status')).toBe('pass');
  });

  it('a verified signature on a token that can never be valid does not read green', async () => {
    const token = jwt({ alg: 'RS256', kid: 'k1' }, { iss: 'https://op.example', sub: 'alice', aud: 'app', iat: now() - 60, nbf: now() + 7200, exp: now() + 3600 });
    const r = await show(token, { status: 'verified', message: 'Signature verified with key k1 (RS256).', alg: 'RS256', kid: 'k1' });
    const verify = r.findAll((e) => e.localName === 'button' && e.textContent === 'Verify')[0]!;
    await act(() => verify.click());
    await settle();
    const badge = one(r, 'data-testid', 'verification')!;
    expect(badge.getAttribute('data-status')).toBe('verified');
    expect(badge.getAttribute('class')).toBe('banner warn');
    expect(badge.textContent).toContain('can never be valid');
    const summary = one(r, 'data-testid', 'summary-verification')!;
    expect(summary.getAttribute('class')).toContain('warn');
    expect(one(r, 'data-testid', 'decode-verdict')!.textContent).toContain('this token can never be valid');
  });

  it('a JWE and malformed input are named, and nothing is judged', async () => {
    const r = await show(`${b64({ alg: 'RSA-OAEP', enc: 'A128GCM' })}.a2V5.aXY.Y2lwaGVy.dGFn`);
    expect(r.findAll((e) => e.getAttribute('data-token-summary') === 'token')[0]!.getAttribute('data-type')).toBe('jwe');
    expect(one(r, 'data-testid', 'decode-verdict')).toBeUndefined();
  });

  it('a DPoP proof shows its key thumbprint (jkt), computed by decodeInputAsync', async () => {
    const { publicKey } = await generateKeyPair('ES256');
    const jwk = await exportJWK(publicKey);
    const r = await show(jwt({ typ: 'dpop+jwt', alg: 'ES256', jwk }, { htm: 'POST', htu: 'https://rs.example/x', iat: now(), jti: 'j1' }));
    const jkt = await calculateJwkThumbprint(jwk, 'sha256');
    const line = () => r.findAll((e) => e.getAttribute('data-token-summary') === 'DPoP proof')[0]!;
    // The thumbprint is async WebCrypto work: on a loaded machine it may take more than a few ticks.
    for (let i = 0; i < 50 && !line().textContent.includes(jkt); i++) await act(() => new Promise<void>((res) => setTimeout(res, 20)));
    expect(line().getAttribute('data-type')).toBe('dpop-proof');
    expect(line().textContent).toContain(jkt);
    expect(one(r, 'data-testid', 'decode-verdict')).toBeUndefined();
  });
});
