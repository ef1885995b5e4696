/**
 * `npm run bench`: runs every bench/*.bench.ts (or those whose name contains an argument), one after
 * the other in this process, prints a table, writes artifacts/bench.json and artifacts/bench.md (the
 * table the README shows), and exits 1 if any benchmark misses its target or fails to run. Speed
 * targets are checked here, never by timed tests. Browser benchmarks build the release build once
 * into a temp folder (bench/browser.ts): run under the shared lock, `flock /tmp/gs-browser.lock npm run bench`.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULTS, sig } from './measure';
import type { Benchmark, BenchResult } from './types';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const outFile = fileURLToPath(new URL('../artifacts/bench.json', import.meta.url));
const mdFile = fileURLToPath(new URL('../artifacts/bench.md', import.meta.url));

interface Row {
  file: string;
  name: string;
  target: string;
  ratio: number | null;
  figure?: string;
  pass: boolean;
  seconds: number;
  details: BenchResult['details'];
  error?: string;
}

function asBenchmark(mod: Record<string, unknown>, file: string): Benchmark {
  const { name, target, run } = mod;
  if (typeof name !== 'string' || typeof target !== 'string' || typeof run !== 'function') {
    throw new Error(`${file} must export name (string), target (string) and run()`);
  }
  return { name, target, run: run as Benchmark['run'] };
}

function isResult(r: unknown): r is BenchResult {
  const x = r as Partial<BenchResult> | null;
  return typeof x?.ratio === 'number' && typeof x.pass === 'boolean' && typeof x.details === 'object' && x.details !== null;
}

async function runOne(file: string): Promise<Row> {
  const started = performance.now();
  const seconds = () => sig((performance.now() - started) / 1000);
  let name = file;
  let target = '';
  try {
    const bench = asBenchmark((await import(pathToFileURL(`${benchDir}${file}`).href)) as Record<string, unknown>, file);
    ({ name, target } = bench);
    console.log(`▶ ${name}`);
    const result: unknown = await bench.run();
    if (!isResult(result)) throw new Error('run() must resolve to { ratio, details, pass }');
    return { file, name, target, ratio: result.ratio, ...(result.figure ? { figure: result.figure } : {}), pass: result.pass && Number.isFinite(result.ratio), seconds: seconds(), details: result.details };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    console.log(`  error: ${error}`);
    return { file, name, target, ratio: null, pass: false, seconds: seconds(), details: {}, error };
  }
}

function printTable(rows: Row[]): void {
  const cells = rows.map((r) => [r.name, r.ratio === null ? '-' : r.ratio.toFixed(3), r.error ? 'ERROR' : r.pass ? 'pass' : 'MISS', r.figure ?? r.target]);
  const head = ['benchmark', 'ratio', 'result', 'figures'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => c.map((s, i) => (i === c.length - 1 ? s : s.padEnd(widths[i] ?? 0))).join('  ');
  console.log(`\n${line(head)}\n${line(widths.map((w) => '-'.repeat(w)))}`);
  for (const c of cells) console.log(line(c));
  for (const r of rows) {
    console.log(`\n${r.name} (${r.seconds} s)`);
    if (r.error) console.log(`  error: ${r.error}`);
    const keyWidth = Math.max(0, ...Object.keys(r.details).map((k) => k.length));
    for (const [k, v] of Object.entries(r.details)) console.log(`  ${k.padEnd(keyWidth)}  ${v}`);
  }
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The table for the README: one row per benchmark, its figures, its target, met or not; details below. */
export function markdown(rows: Row[], meta: { date: string; cpu: string; node: string }): string {
  const lines = [
    `Run ${meta.date.slice(0, 16).replace('T', ' ')} UTC on ${meta.cpu}, Node ${meta.node} (\`npm run bench\`).`,
    '',
    '| benchmark | figures | ratio | result | target |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.name} | ${cell(r.error ? `error: ${r.error}` : (r.figure ?? `ratio ${r.ratio === null ? '-' : r.ratio.toFixed(3)}`))} | ${r.ratio === null ? '-' : r.ratio.toFixed(3)} | ${r.error ? 'ERROR' : r.pass ? 'met' : '**missed**'} | ${cell(r.target)} |`),
    '',
  ];
  for (const r of rows) {
    lines.push(`<details><summary>${r.name} (${r.seconds} s)</summary>`, '', ...Object.entries(r.details).map(([k, v]) => `- ${cell(k)}: ${cell(String(v))}`), '', '</details>', '');
  }
  return lines.join('\n');
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2);
  const files = readdirSync(benchDir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort();
  if (files.length === 0) {
    console.error(`No benchmark in bench/ matches ${filters.length ? filters.join(', ') : '*.bench.ts'}.`);
    return 1;
  }
  console.log(
    `Interleaved rounds in one process: warm-up rounds discarded (${DEFAULTS.warmupRounds} or more), ${DEFAULTS.rounds} measured, ` +
      `batches of ~${DEFAULTS.batchMs} ms; medians and p25/p75 of per-operation time, ratio = candidate / baseline.\n` +
      'page-load times whole page loads in three browsers instead (none, a webRequest-only extension, Grantscope), rotating them (its details say how).\n',
  );
  const rows: Row[] = [];
  for (const f of files) rows.push(await runOne(f)); // one at a time: benchmarks must not share the CPU

  printTable(rows);
  mkdirSync(fileURLToPath(new URL('../artifacts/', import.meta.url)), { recursive: true });
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: `${cpus()[0]?.model ?? 'unknown'} x${cpus().length}`,
    method: { ...DEFAULTS, interleaved: true, statistic: 'median of per-operation time; ratio = candidate / baseline' },
    benchmarks: rows,
  };
  writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(mdFile, markdown(rows, report));
  const missed = rows.filter((r) => !r.pass);
  console.log(`\n${rows.length - missed.length}/${rows.length} benchmarks on target; results in artifacts/bench.json and artifacts/bench.md`);
  return missed.length === 0 ? 0 : 1;
}

// Imported by its unit test for markdown(); run as the script otherwise.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = await main();
