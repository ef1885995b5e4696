/**
 * Red-team review of issue 13's import (attacks, not features): forged bundles and HAR files sent
 * through the worker's flow/import. Nothing may throw uncaught, nothing already stored may be lost,
 * forged live-session fields must not arrive, and the worker must stay bounded.
 */
import { describe, expect, it, vi } from 'vitest';
import { bundleText, exportBundle } from '../core/export/bundle';
import { CHROME_FLOWS, harText } from '../core/export/export.fixtures';
import type { Flow, FlowStep } from '../core/flow';
import { harEntryObserved } from '../core/export/har-entry';
import { readImport } from '../panel/import/read-import';
import { validPayload } from './validate';
import { importHandlers, isImportedId, makeImportStore } from './import-handlers';
import { memoryKV } from './kv';

vi.mock('../shared/browser', () => ({ default: {} }));

const NOW = new Date(1_795_000_000_000);
const base = (): Flow => structuredClone(CHROME_FLOWS()[0]!);
const bundleOf = (flows: unknown[]) => JSON.stringify({ format: 'grantscope-bundle', version: 1, exportedAt: NOW.toISOString(), redacted: true, receipt: { redacted: true, total: 0, items: [], unlinked: { count: 0, where: [] }, claims: [] }, flows });

async function setup() {
  const kv = memoryKV();
  const store = makeImportStore(kv);
  const h = importHandlers(store);
  // Something already imported, which no later import may lose.
  await h['flow/import']({ file: 'first.json', text: bundleText(exportBundle([base()], { now: NOW })) });
  const before = await store.all();
  return { kv, store, h, before };
}

/** The import answers or refuses with a named error; what was stored before is all still there. */
async function survives(text: string, t0 = performance.now()) {
  const { store, h, before } = await setup();
  let outcome: string;
  try {
    const r = await h['flow/import']({ file: 'hostile.json', text });
    outcome = `imported ${r.imported}`;
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).message.length).toBeLessThan(600);
    outcome = `refused: ${(e as Error).message.slice(0, 80)}`;
  }
  const after = await store.all();
  for (const f of before) expect(after.some((g) => g.id === f.id && JSON.stringify(g) === JSON.stringify(f))).toBe(true);
  return { outcome, ms: performance.now() - t0, store };
}

describe('red team: forged live-session fields', () => {
  it('issuerConfirmed, autoRefresh, ruleId, tabId, imported and a stored id never arrive; status stays evidence', async () => {
    const { store, h } = await setup();
    const existing = (await store.all())[0]!;
    const f = base() as Flow & Record<string, unknown>;
    Object.assign(f, { id: existing.id, autoRefresh: true, ruleId: 7, tabId: 3, status: 'redeeming', imported: { file: 'x', at: 0, id: 'launched-1' } });
    f.capture = { tabIds: [3], sites: [], issuerConfirmed: { issuer: 'https://evil.example', discoveryUrl: 'https://evil.example/.well-known/openid-configuration', metadata: {}, at: 1 } } as never;
    const polling = { ...base(), id: 'polling', status: 'polling' };
    const r = await h['flow/import']({ file: 'forged.json', text: bundleOf([f, polling]) });
    const stored = await store.all();
    expect(stored.some((g) => g.id === existing.id && g.imported?.file === 'first.json')).toBe(true);
    for (const id of r.ids) {
      const g = (await store.get(id))!;
      expect(isImportedId(g.id)).toBe(true);
      expect(g.id).not.toBe(existing.id);
      expect([g.autoRefresh, g.ruleId, g.tabId, g.capture?.issuerConfirmed]).toEqual([undefined, undefined, undefined, undefined]);
      expect(g.imported?.file).toBe('forged.json');
    }
  });
});

describe('red team: links a file chose', () => {
  it('a finding under an id no catalog knows loses its link on import; a known rule keeps the catalog link', async () => {
    const { store, h } = await setup();
    const f = base();
    f.findings.push({ id: 'forged.rule', status: 'fail', severity: 'error', clause: 'RFC 0', message: 'm', link: 'javascript:alert(1)' });
    f.findings.push({ id: 'pkce.missing', status: 'fail', severity: 'error', clause: 'RFC 0', message: 'm', link: 'https://evil.example/' });
    const cb = f.steps.find((s) => s.kind === 'callback');
    if (cb?.kind === 'callback') cb.findings.push({ id: 'x', status: 'fail', severity: 'error', clause: 'c', message: 'm', link: 'https://evil.example/' });
    const r = await h['flow/import']({ file: 'links.json', text: bundleOf([f]) });
    const g = (await store.get(r.ids[0]!))!;
    expect(JSON.stringify(g)).not.toMatch(/javascript:|evil\.example/);
  });
});

describe('red team: hostile shapes', () => {
  it('__proto__ and constructor keys stay data and pollute nothing', async () => {
    const text = bundleOf([base()]).replace('"steps":', '"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"steps":');
    const { outcome } = await survives(text);
    expect(outcome).toMatch(/imported 1|refused/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('100,000 steps: refused or cut, quickly', async () => {
    const f = base();
    const step = f.steps.find((s) => s.kind === 'check') ?? { kind: 'check', at: 1, title: 't', findings: [] };
    f.steps = Array.from({ length: 100_000 }, () => step);
    const text = bundleOf([f]);
    const { ms, outcome } = await survives(text);
    expect(outcome).toMatch(/refused: .*100000 steps/);
    expect(ms).toBeLessThan(2000);
  }, 20_000);

  it('a 19 MB string in a flow: refused or cut, never stored whole', async () => {
    const f = base();
    f.outcome = { kind: 'error', title: 'x', detail: 'A'.repeat(19 * 1024 * 1024) };
    const { store, outcome } = await survives(bundleOf([f]));
    expect(outcome).toBeTruthy();
    for (const g of await store.all()) expect(JSON.stringify(g).length).toBeLessThan(3 * 1024 * 1024);
  });

  it('nesting deeper than the bundle allows: a named refusal', async () => {
    const text = bundleOf([base()]).replace('"steps":', `"deep":${'['.repeat(5000)}${']'.repeat(5000)},"steps":`);
    expect((await survives(text)).outcome).toMatch(/refused/);
  });

  it.each([
    ['createdAt NaN (as null)', (f: Record<string, unknown>) => (f.createdAt = null)],
    ['negative times', (f: Record<string, unknown>) => ((f.createdAt = -1e18), (f.updatedAt = -5))],
    ['steps not an array', (f: Record<string, unknown>) => (f.steps = { length: 1e9 })],
    ['step with non-string url and headers', (f: Record<string, unknown>) => ((f.steps as Record<string, unknown>[])[0] = { kind: 'authorization-request', at: 1, url: 5, params: null, headers: [1, 2] })],
    ['profile with a number issuer', (f: Record<string, unknown>) => (f.profile = { issuer: 1, clientId: 2 })],
    ['findings holding null', (f: Record<string, unknown>) => (f.findings = [null, 5, 'x'])],
  ])('%s: answers without throwing anything but a named error', async (_n, mutate) => {
    const f = base() as unknown as Record<string, unknown>;
    mutate(f);
    await survives(bundleOf([f]));
  });

  it('the flow/import payload past the bundle limit is refused before parsing', () => {
    expect(validPayload('flow/import', { file: 'x.json', text: 'x'.repeat(21 * 1024 * 1024) })).toBe(false);
    expect(validPayload('flow/import', { file: 'x'.repeat(301), text: '{}' })).toBe(false);
  });
});

describe('red team: hostile HAR files, read in the panel', () => {
  const har = JSON.parse(harText('chrome-code-pkce.har')) as { log: { entries: Record<string, unknown>[] } };
  const answers = (text: string, t0 = performance.now()) => {
    const r = readImport(text, 'hostile.har', NOW.getTime());
    return { r, ms: performance.now() - t0 };
  };

  it('100,000 entries: a named refusal or a bounded read', () => {
    const copy = structuredClone(har);
    copy.log.entries = Array.from({ length: 100_000 }, (_, i) => ({ ...har.log.entries[i % har.log.entries.length]! }));
    const { r, ms } = answers(JSON.stringify(copy));
    expect(typeof r.ok).toBe('boolean');
    expect(ms).toBeLessThan(15_000);
  });

  it('entries whose URLs are 1 MB', () => {
    const copy = structuredClone(har);
    for (const e of copy.log.entries.slice(0, 10)) (e.request as Record<string, unknown>).url = `https://idp.example/auth?x=${'a'.repeat(1024 * 1024)}&code=abc`;
    const { r, ms } = answers(JSON.stringify(copy));
    expect(typeof r.ok).toBe('boolean');
    expect(ms).toBeLessThan(10_000);
  });

  it('non-string headers, negative and NaN times', () => {
    const copy = structuredClone(har);
    for (const e of copy.log.entries) {
      (e.request as Record<string, unknown>).headers = [{ name: 5, value: { a: 1 } }, { name: 'cookie', value: null }, null, 'x', { name: '__proto__', value: 'x' }];
      e.time = -50;
      e.startedDateTime = 'NaN';
    }
    const { r } = answers(JSON.stringify(copy));
    expect(typeof r.ok).toBe('boolean');
    const copy2 = structuredClone(har);
    for (const e of copy2.log.entries) (e.timings as unknown) = { wait: -1e308, receive: 'NaN' };
    expect(typeof answers(JSON.stringify(copy2)).r.ok).toBe('boolean');
  });

  it('a HAR turned into a bundle passes the worker import', async () => {
    const r = readImport(harText('chrome-code-pkce.har'), 'login.har', NOW.getTime());
    if (!r.ok) throw new Error(r.error.message);
    expect((await survives(r.value.text)).outcome).toMatch(/imported/);
  });
});

describe('red team: many flows of many steps', () => {
  it('a 20 MB bundle of flows at the step limit: bounded', async () => {
    const f = base();
    const step: FlowStep = { kind: 'check', at: 1, title: 't', findings: [] };
    f.steps = Array.from({ length: 20_000 }, () => step);
    const one = JSON.stringify(f);
    const n = Math.floor((19 * 1024 * 1024) / one.length);
    const text = bundleOf([]).replace('"flows":[]', `"flows":[${Array.from({ length: n }, (_, i) => one.replace(`"id":"${f.id}"`, `"id":"f${i}"`)).join(',')}]`);
    const { ms, outcome } = await survives(text);
    expect(outcome).toMatch(/refused: .*steps/);
    expect(ms).toBeLessThan(4000);
  }, 60_000);
});

describe('red team: prototype names in a HAR', () => {
  const har = JSON.parse(harText('firefox-implicit.har')) as { log: { entries: Record<string, unknown>[] } };
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('a form parameter named %s is read as data, not a crash', (name) => {
    const copy = structuredClone(har);
    for (const e of copy.log.entries) {
      const req = e.request as Record<string, unknown>;
      req.method = 'POST';
      req.postData = { mimeType: 'application/x-www-form-urlencoded', params: [{ name, value: 'x' }, { name: 'grant_type', value: 'authorization_code' }] };
    }
    expect(() => readImport(JSON.stringify(copy), 'proto.har', NOW.getTime())).not.toThrow();
    // Read as a form, not the whole file refused as unreadable.
    const made = harEntryObserved({ startedDateTime: NOW.toISOString(), request: { method: 'POST', url: 'https://op.example/token', headers: [], postData: { mimeType: 'x', params: [{ name, value: 'a' }, { name, value: 'b' }] } } }, 0);
    const form = (made[0] as { form?: Record<string, string[]> }).form!;
    expect(Object.hasOwn(form, name) && form[name]).toEqual(['a', 'b']);
    expect(Object.getPrototypeOf(form)).toBe(Object.prototype);
  });
});

describe('red team: a bundle of very many empty flows', () => {
  it('is refused quickly, before every flow is cloned, fitted and measured', async () => {
    const one = { id: 'x', createdAt: 1, updatedAt: 1, source: 'captured', grant: 'authorization', status: 'observed', profile: { issuer: 'i', clientId: 'c' }, metadata: {}, findings: [], steps: [] };
    const n = Math.floor((19 * 1024 * 1024) / (JSON.stringify(one).length + 8));
    const text = bundleOf(Array.from({ length: n }, (_, i) => ({ ...one, id: `f${i}` })));
    const { ms, outcome } = await survives(text);
    expect(outcome).toMatch(/refused/);
    expect(ms).toBeLessThan(1500);
  }, 60_000);
});

describe('red team: steps of a known kind with their fields missing', () => {
  const variants: [string, (s: Record<string, unknown>) => void][] = [
    ['token-response without result', (s) => s.kind === 'token-response' && delete s.result],
    ['token-response with result null', (s) => s.kind === 'token-response' && (s.result = null)],
    ['token-request without params', (s) => s.kind === 'token-request' && delete s.params],
    ['callback without findings and params', (s) => s.kind === 'callback' && (delete s.findings, delete s.params)],
    ['authorization-request with url a number', (s) => s.kind === 'authorization-request' && (s.url = 5)],
    ['exchange without request', (s) => s.kind === 'exchange' && delete s.request],
    ['check with findings a string', (s) => s.kind === 'check' && (s.findings = 'x')],
  ];
  it.each(variants)('%s: refused by name, or stored and listed and judged without throwing', async (_n, mutate) => {
    const f = base() as unknown as { steps: Record<string, unknown>[] };
    f.steps.forEach(mutate);
    f.steps.push({ kind: 'check', at: 1, title: 't', findings: [] });
    const { store, h } = await setup();
    let ids: string[];
    try {
      ids = (await h['flow/import']({ file: 'holes.json', text: bundleOf([f]) })).ids;
    } catch (e) {
      expect((e as Error).message).toMatch(/Flow 1 of the bundle/);
      expect((await store.all()).length).toBe(1);
      return;
    }
    await expect(store.summaries()).resolves.toBeTruthy();
    const { evaluate } = await import('../core/rules/engine');
    for (const id of ids) {
      const g = (await store.get(id))!;
      expect(() => evaluate(g)).not.toThrow();
    }
  });
});

describe('red team: a flow with only the fields flowProblem names', () => {
  it('a bare profile and metadata: stored, listed, judged, exported again without throwing', async () => {
    const f = { ...base(), profile: { issuer: 'https://op.example', clientId: 'c' }, metadata: {} };
    const { store, h } = await setup();
    let ids: string[];
    try {
      ids = (await h['flow/import']({ file: 'bare.json', text: bundleOf([f]) })).ids;
    } catch (e) {
      expect((e as Error).message).toMatch(/Flow 1 of the bundle/);
      return;
    }
    await store.summaries();
    const { evaluate } = await import('../core/rules/engine');
    const { reportMarkdown } = await import('../core/export/report-md');
    const g = (await store.get(ids[0]!))!;
    expect(() => evaluate(g)).not.toThrow();
    expect(() => reportMarkdown(g)).not.toThrow();
    expect(() => exportBundle([g])).not.toThrow();
  });
});
