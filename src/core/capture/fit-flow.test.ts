import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Flow, FlowStep } from '../flow';
import { blankProfile } from '../profile';
import { cutString, FLOW_BYTES_MAX, fitFlow, fitValue, formatBytes, jsonBytes, utf8Bytes } from './fit-flow';

const MB = 1024 * 1024;

const recorded = (steps: FlowStep[]): Flow => ({
  id: 'cap-1',
  createdAt: 1,
  updatedAt: 1,
  source: 'captured',
  grant: 'authorization',
  profile: { ...blankProfile('p'), issuer: 'https://op.example', clientId: 'app', redirectUri: 'https://app.example/cb' },
  findings: [],
  metadata: { issuer: 'https://op.example' },
  status: 'authorizing',
  steps,
  capture: { tabIds: [3], sites: ['https://app.example'] },
});

const authz = (url: string, params: Record<string, string> = { client_id: 'app', state: 's1' }): FlowStep => ({ kind: 'authorization-request', at: 1, url, params });
const callback = (url: string, params: Record<string, string> = { code: 'c', state: 's1' }): FlowStep => ({ kind: 'callback', at: 2, url, params, source: 'query', findings: [] });
const tokenRequest = (params: Record<string, string>): FlowStep => ({ kind: 'token-request', at: 3, url: 'https://op.example/token', method: 'POST', headers: {}, params });

describe('utf8Bytes and jsonBytes', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['😀', 4],
    ['\ud800', 3],
  ])('%j is %i bytes', (s, n) => expect(utf8Bytes(s)).toBe(n));

  it('matches TextEncoder on any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => utf8Bytes(s) === new TextEncoder().encode(s).length));
  });

  it('is undefined for nesting JSON.stringify cannot walk', () => {
    let deep: unknown[] = [];
    const root = deep;
    for (let i = 0; i < 200_000; i++) deep = (deep[0] = []) as unknown[];
    expect(jsonBytes(root)).toBeUndefined();
  });
});

describe('cutString', () => {
  it('keeps the head and says how long the value was', () => {
    expect(cutString('a'.repeat(2000), 4)).toBe('aaaa…[cut: 2000 chars]');
  });
  it('never leaves half a surrogate pair', () => {
    expect(cutString('a😀😀', 2)).toBe('a…[cut: 5 chars]');
  });
});

describe('formatBytes', () => {
  it.each([
    [900, '900 bytes'],
    [256 * 1024, '256 KB'],
    [1.6 * MB, '1.6 MB'],
  ])('%i -> %s', (n, text) => expect(formatBytes(n)).toBe(text));
});

describe('fitFlow', () => {
  it('returns the same flow, with no notice, when it fits', () => {
    const f = recorded([authz('https://op.example/authorize?client_id=app')]);
    const r = fitFlow(f);
    expect(r.flow).toBe(f);
    expect(r.notice).toBeUndefined();
  });

  it('cuts a 1.6 MB callback URL and keeps every step, parameter name and the rest', () => {
    const huge = `https://app.example/cb?code=c&state=s1&x=${'a'.repeat(1.6 * MB)}`;
    const f = recorded([authz('https://op.example/authorize?client_id=app&state=s1'), callback(huge, { code: 'c', state: 's1', x: 'a'.repeat(1.6 * MB) })]);
    const r = fitFlow(f);
    expect(r.after).toBeLessThanOrEqual(FLOW_BYTES_MAX);
    expect(r.flow.steps.map((s) => s.kind)).toEqual(['authorization-request', 'callback']);
    const cb = r.flow.steps[1] as Extract<FlowStep, { kind: 'callback' }>;
    expect(cb.url.startsWith('https://app.example/cb?code=c&state=s1&x=aaa')).toBe(true);
    expect(cb.url).toMatch(/…\[cut: \d+ chars\]$/);
    expect(cb.params.code).toBe('c');
    expect(cb.params.state).toBe('s1');
    expect(cb.params.x).toMatch(/…\[cut: 1677721 chars\]$/);
    expect(r.flow.steps[0]).toEqual(f.steps[0]);
    expect(r.notice).toMatch(/^This flow was cut to fit 256 KB \(it was 3\.2 MB\): the callback (URL|parameter "x") was 1\.6 MB/);
    expect(r.flow.capture?.notices).toEqual([r.notice]);
    // The caller's flow is left as it was.
    expect((f.steps[1] as Extract<FlowStep, { kind: 'callback' }>).url).toBe(huge);
  });

  it('cuts an 11 MB form field name as well as a value', () => {
    const name = 'n'.repeat(11 * MB);
    const r = fitFlow(recorded([tokenRequest({ grant_type: 'authorization_code', [name]: 'v', code: 'c' })]));
    expect(r.after).toBeLessThanOrEqual(FLOW_BYTES_MAX);
    const params = (r.flow.steps[0] as Extract<FlowStep, { kind: 'token-request' }>).params;
    expect(Object.keys(params)).toHaveLength(3);
    expect(params.grant_type).toBe('authorization_code');
    expect(params.code).toBe('c');
    expect(r.notice).toContain('a parameter name in the token request was 11.0 MB');
  });

  it('cuts a "__proto__" parameter as an own field, without touching prototypes', () => {
    const params = JSON.parse(`{"__proto__":"${'p'.repeat(300 * 1024)}","toString":"t"}`) as Record<string, string>;
    const r = fitFlow(recorded([tokenRequest(params)]));
    const kept = (r.flow.steps[0] as { params: Record<string, string> }).params;
    expect(Object.keys(kept)).toEqual(['__proto__', 'toString']);
    expect(Object.getOwnPropertyDescriptor(kept, '__proto__')?.value).toMatch(/cut: 307200 chars/);
    expect(Object.getPrototypeOf(kept)).toBe(Object.prototype);
  });

  it('cuts the newest step first among strings of one size', () => {
    const big = 'b'.repeat(200 * 1024);
    const r = fitFlow(recorded([authz(`https://op.example/authorize?${big}`), callback(`https://app.example/cb?${big}`)]));
    expect((r.flow.steps[0] as { url: string }).url).toBe(`https://op.example/authorize?${big}`);
    expect((r.flow.steps[1] as { url: string }).url).toMatch(/cut/);
  });

  it('shortens thousands of small parameters when cutting strings is not enough', () => {
    const params = Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`p${i}`, 'v'.repeat(20)]));
    const r = fitFlow(recorded([authz('https://op.example/authorize', { client_id: 'app', ...params })]));
    expect(r.after).toBeLessThanOrEqual(FLOW_BYTES_MAX);
    const kept = (r.flow.steps[0] as { params: Record<string, string> }).params;
    expect(kept.client_id).toBe('app');
    expect(kept['…']).toMatch(/^\[cut: \d+ more entries\]$/);
    expect(r.notice).toMatch(/1 long list shortened/);
  });

  it('leaves out middle steps as a last resort, keeping the first and the newest, quickly', () => {
    const steps = Array.from({ length: 3000 }, (_, i) => authz(`https://op.example/authorize?client_id=app&state=s${i}&${'p'.repeat(150)}`, { client_id: 'app', state: `s${i}` }));
    const t0 = performance.now();
    const r = fitFlow(recorded(steps));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.after).toBeLessThanOrEqual(FLOW_BYTES_MAX);
    const states = r.flow.steps.map((s) => (s as { params: Record<string, string> }).params.state);
    expect(states[0]).toBe('s0');
    expect(states[states.length - 1]).toBe('s2999');
    expect(r.notice).toMatch(/\d+ steps between the first and the newest left out\.$/);
  });

  it('flattens nesting too deep to serialise, so the flow can still be stored', () => {
    let deep: unknown[] = [];
    const root = deep;
    for (let i = 0; i < 100_000; i++) deep = (deep[0] = []) as unknown[];
    const f = recorded([authz('https://op.example/authorize')]);
    f.metadata = { issuer: 'https://op.example', deep: root } as unknown as Flow['metadata'];
    const r = fitFlow(f);
    expect(jsonBytes(r.flow)).toBeDefined();
    expect(r.notice).toContain('nested deeper than 64 levels');
  });

  it('keeps at most five notices, newest last, across repeated cuts', () => {
    let f = recorded([]);
    for (let i = 0; i < 7; i++) {
      f.steps.push(callback(`https://app.example/cb?${'z'.repeat(300 * 1024 + i)}`));
      f = fitFlow(f).flow;
    }
    expect(f.capture?.notices).toHaveLength(5);
  });

  it('always fits the budget, whatever the steps hold', () => {
    const value = fc.oneof(fc.string({ maxLength: 50 }), fc.constant('x'.repeat(300 * 1024)), fc.constant('é'.repeat(100 * 1024)));
    const step = fc.record({ url: value, a: value, b: value }).map(({ url, a, b }) => authz(url, { [a.slice(0, 3000)]: b, state: a }));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 6 }), (steps) => {
        const r = fitFlow(recorded(steps), 64 * 1024);
        expect(jsonBytes(r.flow)).toBeLessThanOrEqual(64 * 1024);
        expect(r.flow.steps.length).toBeGreaterThanOrEqual(Math.min(steps.length, 2));
      }),
      { numRuns: 40 },
    );
  });
});

describe('fitValue', () => {
  it('leaves a small value as it is and cuts a large one', () => {
    const small = { a: 'b' };
    expect(fitValue(small, 100)).toBe(small);
    const cut = fitValue({ body: 'x'.repeat(100_000), keep: 'y' }, 4096);
    expect(cut.keep).toBe('y');
    expect(cut.body).toMatch(/…\[cut: 100000 chars\]$/);
  });
});
