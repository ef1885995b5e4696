/**
 * The recorder's cost per OAuth event as the ring fills (issue 10, item 5): the same events through
 * the real recorder (src/background/recorder.ts makeRecorder: prefilter, settings, recognise, the
 * launched flows' check, the read of candidate flows, correlate, the write, the badge count) with the
 * ring holding 1,000 recorded flows (and 100 launched ones) against the ring holding 10.
 *
 * Storage is an in-memory stand-in that keeps every value as JSON text, serialised on each write and
 * parsed on each read, as storage.session copies what it is given and returns; the browser module is a
 * stand-in holding those areas (the recorder's unit tests do the same with vi.mock). What grows with
 * the ring is what is read and copied per event, which this counts; the browser's own storage IPC
 * comes on top, the same for both arms.
 *
 * Each op is one event of a rolling login (authorization request, callback, code redemption with its
 * token answer), each login from its own site and state, 30 s apart in the events' own time (1,000
 * logins in about 8 hours, across 40 tabs), so the rings stay full and the oldest flow goes as a new
 * one comes, as on a long day. Before this change record() read every stored flow per
 * event; the details give what that read alone costs at 1,000 flows.
 */
import { measure, sig } from './measure';
import type { BenchResult } from './types';

export const name = 'recorder-event';
const MAX_RATIO = 1.2;
export const target = `Recorder cost per OAuth event with 1,000 recorded and 100 launched flows stored, against 10 recorded: ratio at most ${MAX_RATIO}`;

const ISS = 'https://op.bench.example';
const DAY_START = Date.UTC(2026, 10, 28, 8, 0);

interface KVLike {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/**
 * Values kept as JSON text, parsed on every read and serialised on every write: the copy in and out
 * that storage.session makes, without keeping the stored objects in this heap (the browser keeps them
 * in its own process, where the worker's garbage collector never walks them).
 */
function cloningKV(): KVLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    async get(keys) {
      const names = keys === null ? [...data.keys()] : Array.isArray(keys) ? keys : [keys];
      const out: Record<string, unknown> = {};
      for (const k of names) {
        const v = data.get(k);
        if (v !== undefined) out[k] = JSON.parse(v);
      }
      return out;
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, JSON.stringify(v));
    },
    async remove(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) data.delete(k);
    },
  };
}

/** The browser module the background imports, before it is imported: only what the recorder path touches. */
let badgeWritten: (() => void) | undefined;
function installBrowser(): void {
  const g = globalThis as Record<string, unknown>;
  if ((g.browser as { bench?: boolean } | undefined)?.bench) return;
  const session = cloningKV();
  const local = cloningKV();
  const watched = {
    ...session,
    async set(items: Record<string, unknown>) {
      await session.set(items);
      // updateBadges ends each stored event with this write: the event is done.
      if ('capture:badges' in items) badgeWritten?.();
    },
  };
  g.chrome = { runtime: { id: 'bench' } };
  g.browser = {
    bench: true,
    runtime: { id: 'bench', getURL: (p: string) => `chrome-extension://bench/${p}` },
    storage: { session: watched, local, onChanged: { addListener: () => undefined } },
    action: { setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined },
  };
}

interface Ring {
  /** Feeds the next event and resolves once the recorder has stored it. */
  next(): Promise<void>;
  flows(): Promise<number>;
  bytes(): Promise<number>;
  readAll(): Promise<unknown>;
}

export interface RecorderBenchOptions {
  big: number;
  small: number;
  launched: number;
  /** Padding of each token answer; 1,000 flows must fit the ring's bytes (RING_BYTES). */
  pad: number;
  rounds?: number;
  warmupRounds?: number;
  batchMs?: number;
}

export async function measureRecorder(o: RecorderBenchOptions): Promise<BenchResult> {
  installBrowser();
  const { makeRecorder } = await import('../src/background/recorder');
  const { CaptureStore } = await import('../src/background/capture-store');
  const { FlowStore } = await import('../src/background/flow-store');
  const { blankProfile } = await import('../src/core/profile');
  type Obs = import('../src/core/capture/types').ObservedRequest;

  let n = 0;
  const ring = async (label: string, size: number): Promise<Ring> => {
    const areas = { session: cloningKV(), local: cloningKV() };
    const captures = new CaptureStore(false, size, areas);
    const launched = new FlowStore(cloningKV(), 200);
    for (let i = 0; i < o.launched; i++) {
      await launched.add({
        id: `launched-${i}`,
        createdAt: 1,
        updatedAt: 1,
        source: 'launched',
        grant: 'authorization',
        profile: { ...blankProfile('p'), issuer: ISS, clientId: 'launched', redirectUri: 'https://launched.example/cb' },
        findings: [],
        metadata: { issuer: ISS },
        status: 'complete',
        tabId: 9000 + i,
        steps: [{ kind: 'authorization-request', at: 1, url: `${ISS}/auth?state=launched-${i}`, params: { state: `launched-${i}` } }],
      });
    }
    const sink = makeRecorder({ captures, launched, ownOrigin: 'chrome-extension://bench' });
    let login = 0;
    let step = 0;
    const event = (): Obs => {
      const i = login;
      const app = `https://app-${label}-${i}.example`;
      const tabId = 100 + (i % 40);
      // A long day: a login every 30 s (1,000 in about 8 hours), its steps half a second apart.
      const at = DAY_START + i * 30_000 + step * 500;
      const base = { id: `wr:${++n}`, at, tabId, via: 'page-script' as const, initiator: app };
      const verifier = `verifier-${label}-${i}-${'v'.repeat(30)}`;
      if (step === 0) {
        const q = new URLSearchParams({ response_type: 'code', client_id: 'bench-app', redirect_uri: `${app}/cb`, scope: 'openid offline_access', state: `st-${label}-${i}`, code_challenge: verifier, code_challenge_method: 'plain' });
        return { ...base, frame: 'main', method: 'GET', url: `${ISS}/auth?${q}` };
      }
      if (step === 1) return { ...base, frame: 'main', method: 'GET', url: `${app}/cb?code=code-${label}-${i}&state=st-${label}-${i}` };
      const form = { grant_type: 'authorization_code', code: `code-${label}-${i}`, redirect_uri: `${app}/cb`, client_id: 'bench-app', code_verifier: verifier };
      const body = JSON.stringify({ access_token: `at-${i}-${'a'.repeat(o.pad)}`, token_type: 'Bearer', expires_in: 3600, refresh_token: `rt-${label}-${i}`, scope: 'openid offline_access' });
      return {
        ...base,
        frame: 'fetch',
        method: 'POST',
        url: `${ISS}/token`,
        form: Object.fromEntries(Object.entries(form).map(([k, v]) => [k, [v]])),
        response: { at: at + 100, status: 200, headers: { 'content-type': 'application/json' }, bodyText: body },
      };
    };
    const next = async () => {
      const obs = event();
      if (++step === 3) {
        step = 0;
        login++;
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      await new Promise<void>((resolve, reject) => {
        badgeWritten = resolve;
        timer = setTimeout(() => reject(new Error(`${label}: the recorder stored nothing for ${obs.url.slice(0, 80)}`)), 5000);
        sink.request(obs);
      }).finally(() => clearTimeout(timer));
    };
    return { next, flows: async () => (await captures.usage()).flows, bytes: async () => (await captures.usage()).bytes, readAll: () => captures.flows.all() };
  };

  const small = await ring('small', o.small);
  const big = await ring('big', o.big);
  // Fill each ring past its size, so it drops its oldest as it takes new ones.
  for (let i = 0; i < 3 * (o.small + 2); i++) await small.next();
  for (let i = 0; i < 3 * (o.big + 2); i++) await big.next();
  const stored = { small: await small.flows(), big: await big.flows(), bytes: await big.bytes() };
  if (stored.big < o.big) throw new Error(`the large ring holds ${stored.big} flows, not ${o.big}: the flows are too large for its bytes`);

  const m = await measure(
    [
      { name: `ring of ${o.small}`, op: () => small.next() },
      { name: `ring of ${o.big}`, op: () => big.next() },
    ],
    { ...(o.rounds ? { rounds: o.rounds } : {}), ...(o.warmupRounds ? { warmupRounds: o.warmupRounds } : {}), ...(o.batchMs ? { batchMs: o.batchMs } : {}) },
  );
  const [base, cand] = m.arms as [(typeof m.arms)[0], (typeof m.arms)[0]];
  const ratio = cand.usPerOp.median / base.usPerOp.median;

  // What the old read path (every stored flow, per event) costs alone at this size.
  const t0 = performance.now();
  const reads = 5;
  for (let i = 0; i < reads; i++) await big.readAll();
  const readAllMs = (performance.now() - t0) / reads;

  return {
    ratio,
    pass: ratio <= MAX_RATIO,
    figure: `${sig(ratio)} (${sig(cand.usPerOp.median)} µs against ${sig(base.usPerOp.median)} µs per event)`,
    details: {
      [`event µs median, ring of ${o.small}`]: sig(base.usPerOp.median),
      [`event µs median, ring of ${o.big}`]: sig(cand.usPerOp.median),
      'per-round ratio p25 / median / p75': `${sig(cand.roundRatio.p25)} / ${sig(cand.roundRatio.median)} / ${sig(cand.roundRatio.p75)}`,
      'flows stored (small ring / large ring / launched)': `${stored.small} / ${stored.big} / ${o.launched}`,
      'bytes per recorded flow (JSON)': Math.round(stored.bytes / Math.max(1, stored.big)),
      [`old read path alone: reading every flow of the ${o.big} ms`]: sig(readAllMs),
      events: 'rolling logins: authorization request, callback, code redemption with its token answer (bytes per flow below)',
      storage: 'in-memory, values kept as JSON text: serialised on write, parsed on read (as storage.session copies them)',
    },
  };
}

export function run(): Promise<BenchResult> {
  return measureRecorder({ big: 1000, small: 10, launched: 100, pad: 100 });
}
