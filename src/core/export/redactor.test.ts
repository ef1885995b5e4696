/**
 * The Redactor's table (issue 13): what it replaces, by the same rule as the screen (isSecretName,
 * redact.ts's patterns), with placeholders stable within one Redactor and left alone by a second one.
 */
import { describe, expect, it } from 'vitest';
import { isRedacted, placeholdersIn } from './placeholder';
import { Redactor } from './redactor';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSIsImVtYWlsIjoiYUBiLmMiLCJzaWQiOiJzZXNzLTEyMyJ9.c2lnbmF0dXJlLWJ5dGVzLWhlcmUtMTIzNDU2Nzg5';
const SIG = 'c2lnbmF0dXJlLWJ5dGVzLWhlcmUtMTIzNDU2Nzg5';

describe('Redactor', () => {
  it.each([
    ['query code', (r: Redactor) => r.url('https://rp/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz'), 'SplxlOBeZQQYbYS6WxSbIA', 'state=xyz'],
    ['fragment token', (r: Redactor) => r.url('https://rp/cb#access_token=2YotnFZFEjr1zCsicMWpAA&token_type=Bearer'), '2YotnFZFEjr1zCsicMWpAA', 'token_type=Bearer'],
    ['nested code in redirect_uri', (r: Redactor) => r.url('https://op/auth?redirect_uri=https%3A%2F%2Frp%2Fcb%3Fcode%3Dabcdef123456'), 'abcdef123456', 'https://op/auth?'],
    ['userinfo password', (r: Redactor) => r.url('https://alice:hunter2pass@rp/x'), 'hunter2pass', 'alice:'],
    ['Bearer header', (r: Redactor) => r.header('Authorization', 'Bearer 2YotnFZFEjr1zCsicMWpAA'), '2YotnFZFEjr1zCsicMWpAA', 'Bearer ‹access_token #1'],
    ['Basic header', (r: Redactor) => r.header('Authorization', 'Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW'), 'czZCaGRSa3F0MzpnWDFmQmF0M2JW', 'Basic ‹basic credentials #1'],
    ['DPoP proof', (r: Redactor) => r.header('DPoP', JWT), SIG, 'eyJhbGciOiJSUzI1NiJ9.'],
    ['cookie', (r: Redactor) => r.header('Cookie', 'sid=abc123def456; theme=dark'), 'abc123def456', 'theme='],
    ['set-cookie keeps attributes', (r: Redactor) => r.header('Set-Cookie', '_session=Qz8v1Hk3Jm5; path=/; HttpOnly'), 'Qz8v1Hk3Jm5', 'path=/; HttpOnly'],
    ['form body', (r: Redactor) => r.body('grant_type=password&username=bob&password=correct-horse&client_secret=s3cr3t-value'), 'correct-horse', 'username=bob'],
    ['client assertion', (r: Redactor) => r.body(`client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=${JWT}`), SIG, 'client_assertion_type='],
    ['JSON body', (r: Redactor) => r.body('{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer","expires_in":3600}'), '2YotnFZFEjr1zCsicMWpAA', '"expires_in":3600'],
    ['free text', (r: Redactor) => r.text('<html>error for Bearer 2YotnFZFEjr1zCsicMWpAA</html>'), '2YotnFZFEjr1zCsicMWpAA', '<html>error for Bearer'],
    ['device code', (r: Redactor) => r.body('{"device_code":"GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS","user_code":"WDJB-MJHT"}'), 'GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS', 'WDJB-MJHT'],
  ])('%s: the secret goes, the rest stays', (_n, run, secret, kept) => {
    const out = run(new Redactor());
    expect(out).not.toContain(secret);
    expect(out).toContain(kept);
  });

  it('gives one value one placeholder, numbered per name, with its length and a short hash', () => {
    const r = new Redactor();
    const a = r.named('refresh_token', 'rT9xQ2mZk8Lw3VbN7cYp1sHd5fGj0aEu4iOo6yRtXqW');
    const b = r.named('refresh_token', 'nW4eR7tY1uI3oP5aS8dF0gH2jK6lZ9xC4vB7nM1qEr2');
    expect(a).toMatch(/^‹refresh_token #1, 43 chars, sha256:[0-9a-f]{8}›$/);
    expect(b).toMatch(/^‹refresh_token #2, /);
    expect(r.named('token', 'rT9xQ2mZk8Lw3VbN7cYp1sHd5fGj0aEu4iOo6yRtXqW')).toBe(a);
    expect(r.header('Authorization', 'Bearer rT9xQ2mZk8Lw3VbN7cYp1sHd5fGj0aEu4iOo6yRtXqW')).toBe(`Bearer ${a}`);
  });

  it('gives a password no hash: four bytes of it would confirm a guess', () => {
    expect(new Redactor().named('password', 'correct-horse')).toBe('‹password #1, 13 chars›');
  });

  it('keeps a JWT header and claims, removes its signature, and masks secret-named claims (sid) inside', () => {
    const r = new Redactor();
    const out = r.named('id_token', JWT);
    expect(out.startsWith('eyJhbGciOiJSUzI1NiJ9.')).toBe(true);
    expect(out).not.toContain(SIG);
    expect(isRedacted(out)).toBe(true);
    const claims = JSON.parse(Buffer.from(out.split('.')[1]!, 'base64url').toString()) as Record<string, string>;
    expect(claims.sub).toBe('alice');
    expect(claims.email).toBe('a@b.c');
    expect(claims.sid).toMatch(/^‹sid #1/);
  });

  it('redacts personal claims when asked', () => {
    const out = new Redactor({ claims: true }).named('id_token', JWT);
    const claims = JSON.parse(Buffer.from(out.split('.')[1]!, 'base64url').toString()) as Record<string, string>;
    expect(claims.email).toMatch(/^‹email #1, 5 chars/);
    expect(new Redactor({ claims: ['sub'] }).body('{"sub":"alice"}')).toMatch(/‹sub #1/);
  });

  it('leaves a first export\'s placeholders alone, and still redacts a secret hidden beside one', () => {
    const first = new Redactor();
    const url = first.url('https://rp/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=x#id_token=' + JWT);
    const second = new Redactor();
    expect(second.url(url)).toBe(url);
    expect(placeholdersIn(url)).toHaveLength(2);
    const hostile = second.named('access_token', '‹access_token #1, 3 chars› real-secret-value-here');
    expect(hostile).not.toContain('real-secret-value-here');
  });

  it('does nothing when off', () => {
    const r = new Redactor({ enabled: false });
    expect(r.url('https://rp/cb?code=abc')).toBe('https://rp/cb?code=abc');
    expect(r.header('Authorization', 'Bearer x')).toBe('Bearer x');
    expect(r.body('{"access_token":"a"}')).toBe('{"access_token":"a"}');
  });
});

describe('Redactor on hostile sizes (issue 9: bounded work)', () => {
  const big = (unit: string, n = 256 * 1024) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  it.each([
    ['a run of "ey" with a placeholder mark', `${big('ey')}.‹`],
    ['dots and "ey"', big('ey.ey.')],
    ['pairs', big('a=b&')],
    ['Bearer runs', big('Bearer ')],
    ['placeholder openers', big('‹x #1, ')],
    ['userinfo-like', `//${big('a:')}`],
  ])('%s: 256 KB in bounded time, in every reader', (_n, text) => {
    const r = new Redactor();
    const t = performance.now();
    r.body(text);
    r.text(text);
    r.url(`https://x/?q=${text}`);
    r.named('state', text);
    // Generous for a loaded 2-core CI machine; quadratic work on 256 KB takes minutes.
    expect(performance.now() - t).toBeLessThan(3000);
  });
});
