/** What every `bench/*.bench.ts` module exports; bench/run.ts finds them by that file name ending. */
export interface BenchResult {
  /** candidate / baseline, medians of the same run: the number the target is about. */
  ratio: number;
  /** Medians, spreads, batch sizes, and anything else worth reading next to the ratio. */
  details: Record<string, number | string>;
  pass: boolean;
  /** The headline figures in words with units ("list 84 ms, detail 23 ms"); the ratio when absent. */
  figure?: string;
}

export interface Benchmark {
  name: string;
  /** The target as a sentence, e.g. "ratio at most 1.5". */
  target: string;
  run(): Promise<BenchResult>;
}
