/**
 * The one measurement method every benchmark uses: arms timed in interleaved rounds in one process, so
 * drift (CPU frequency, other load, GC pressure) hits every arm alike instead of whichever ran last.
 *
 * - Calibration sizes each arm's batch to take about `batchMs` (default 35 ms, so timer resolution and
 *   per-batch overhead are noise); it is redone after the warm-up, once the JIT has settled.
 * - Warm-up rounds are run and discarded.
 * - Each measured round runs one batch per arm, the order rotated every round (A B C, B C A, ...), so no arm
 *   always pays for the previous one's garbage.
 * - Results are per-operation times: median and p25/p75 over the rounds, and the per-round ratio of each
 *   arm to the baseline (same round, so the same conditions).
 */
import { performance } from 'node:perf_hooks';

export interface Arm {
  name: string;
  /** One operation; awaited, so sync and async work are timed alike. */
  op: () => unknown;
}

export interface Spread {
  median: number;
  p25: number;
  p75: number;
}

export interface ArmResult {
  name: string;
  /** Microseconds per operation over the measured rounds. */
  usPerOp: Spread;
  /** Operations per batch, and the median wall time of one batch in ms. */
  batchSize: number;
  batchMs: number;
  /** This arm's per-round time divided by the baseline's in the same round (1 for the baseline). */
  roundRatio: Spread;
}

export interface Measurement {
  /** One result per arm, in the order given; the first is the baseline. */
  arms: ArmResult[];
  warmupRounds: number;
  rounds: number;
}

export interface MeasureOptions {
  rounds?: number;
  warmupRounds?: number;
  batchMs?: number;
}

export const DEFAULTS = { rounds: 31, warmupRounds: 5, batchMs: 35 } as const;
const MIN_ROUNDS = 15;
const MAX_WARMUP_BLOCKS = 4;

/** Linear interpolation between closest ranks (the usual "type 7" quantile). */
export function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (s[lo] ?? Number.NaN) + ((s[hi] ?? Number.NaN) - (s[lo] ?? Number.NaN)) * (pos - lo);
}

const spread = (values: number[]): Spread => ({ median: quantile(values, 0.5), p25: quantile(values, 0.25), p75: quantile(values, 0.75) });

// Results land here so no engine can decide the work is unused.
let sink: unknown;
export const lastSink = (): unknown => sink;

async function timeBatch(op: Arm['op'], n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) sink = await op();
  return performance.now() - t0;
}

/** Doubles the batch until it takes at least 5 ms, then scales it to about `batchMs`. */
async function calibrate(op: Arm['op'], batchMs: number): Promise<number> {
  let n = 1;
  for (;;) {
    const ms = await timeBatch(op, n);
    if (ms >= 5 || n >= 1 << 24) return Math.max(1, Math.round((n * batchMs) / Math.max(ms, 1e-3)));
    n *= 2;
  }
}

/** Times `arms` (the first one is the baseline) in interleaved rounds. */
export async function measure(arms: Arm[], options: MeasureOptions = {}): Promise<Measurement> {
  const rounds = options.rounds ?? DEFAULTS.rounds;
  const warmupRounds = options.warmupRounds ?? DEFAULTS.warmupRounds;
  const batchMs = options.batchMs ?? DEFAULTS.batchMs;
  if (arms.length < 2) throw new Error('measure() needs a baseline and at least one other arm');
  if (rounds < MIN_ROUNDS) throw new Error(`at least ${MIN_ROUNDS} measured rounds are needed, got ${rounds}`);

  const sizes: number[] = [];
  for (const arm of arms) sizes.push(await calibrate(arm.op, batchMs));

  const runRounds = async (count: number): Promise<number[][]> => {
    const ms = arms.map((): number[] => []);
    for (let r = 0; r < count; r++) {
      for (let k = 0; k < arms.length; k++) {
        const i = (r + k) % arms.length; // rotate the order every round
        ms[i]?.push(await timeBatch((arms[i] as Arm).op, sizes[i] as number));
      }
    }
    return ms;
  };

  // Warm-up: discarded, except to resize the batches once the code is optimised; repeated (a few times
  // at most) while some arm's batches still fall outside 0.7-1.4x batchMs.
  let warmed = 0;
  for (let block = 0; block < MAX_WARMUP_BLOCKS; block++) {
    warmed += warmupRounds;
    const warm = await runRounds(warmupRounds);
    let settled = true;
    warm.forEach((times, i) => {
      const ms = quantile(times, 0.5);
      if (ms < 0.7 * batchMs || ms > 1.4 * batchMs) settled = false;
      sizes[i] = Math.max(1, Math.round((batchMs * (sizes[i] as number)) / ms));
    });
    if (settled) break;
  }

  const ms = await runRounds(rounds);
  const usPerOp = ms.map((times, i) => times.map((t) => (t * 1000) / (sizes[i] as number)));
  const base = usPerOp[0] as number[];
  const results = arms.map((arm, i): ArmResult => {
    const mine = usPerOp[i] as number[];
    return {
      name: arm.name,
      usPerOp: spread(mine),
      batchSize: sizes[i] as number,
      batchMs: quantile(ms[i] as number[], 0.5),
      roundRatio: spread(mine.map((t, r) => t / (base[r] as number))),
    };
  });
  return { arms: results, warmupRounds: warmed, rounds };
}

/** Rounds for display and JSON: 3 significant figures is more than these measurements can carry. */
export const sig = (x: number, digits = 3): number => Number(x.toPrecision(digits));
