import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlowStore } from '../src/background/flow-store';
import { memoryKV } from '../src/background/kv';
import { assetsOf, measureBundles } from './bundle.bench';
import { recordedFlow, storedItems } from './fixtures';
import { markdown } from './run';

// Benchmarks are not tests (npm run bench runs them in a browser); these check their measuring code
// on tiny inputs: the bundle sizes of a tiny build, the stored flows the panel benchmark starts
// from, and the table the README shows.

describe('bundle-size benchmark', () => {
  it('finds what each page loads and sums it gzipped', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gs-bundle-'));
    try {
      await mkdir(join(dir, 'assets'));
      await writeFile(join(dir, 'popup.html'), '<script type="module" src="./assets/popup.js"></script><link rel="modulepreload" href="./assets/shared.js"><link rel="stylesheet" href="./assets/popup.css">');
      await writeFile(join(dir, 'panel.html'), '<script type="module" src="./assets/panel.js"></script><link rel="modulepreload" href="./assets/shared.js">');
      await writeFile(join(dir, 'background.js'), 'import "./assets/shared.js"; console.log(1);');
      for (const f of ['popup.js', 'shared.js', 'popup.css', 'panel.js']) await writeFile(join(dir, 'assets', f), `/* ${f} */ ${'x'.repeat(5000)}`);
      const r = await measureBundles(dir);
      expect(r.pass).toBe(true);
      expect(r.details['popup files']).toBe('assets/popup.js assets/shared.js assets/popup.css');
      expect(r.details['worker files']).toBe('background.js assets/shared.js');
      expect(r.figure).toMatch(/^popup \d+\.\d KB, panel \d+\.\d KB, worker \d+\.\d KB$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(assetsOf('<script src="/assets/a.js"></script><link href="assets/b.css">')).toEqual(['assets/a.js', 'assets/b.css']);
  });
});

describe('panel benchmark fixtures', () => {
  it('are flows as the recorder stores them, with their index entries, that a worker reads back', async () => {
    const f = recordedFlow(1, 2000);
    expect(f.steps.map((s) => s.kind)).toEqual(['authorization-request', 'callback', 'token-request', 'token-response']);
    expect(JSON.stringify(f).length).toBeGreaterThan(1800);
    const kv = memoryKV();
    await kv.set(storedItems(3, 2, 1500));
    const recorded = new FlowStore(kv, 10, { keys: { index: 'captures', flow: 'cap:', secret: 'capsecret:', meta: 'capmeta:' } });
    const launched = new FlowStore(kv, 10);
    expect((await recorded.summaries()).map((s) => s.id)).toEqual(['cap-bench-2', 'cap-bench-1', 'cap-bench-0']);
    expect(await launched.summaries()).toHaveLength(2);
    expect((await recorded.get('cap-bench-1'))?.status).toBe('complete');
  });
});

describe('bench table', () => {
  it('lists each benchmark with its figures, ratio, result and target, details folded below', () => {
    const md = markdown(
      [
        { file: 'a.bench.ts', name: 'a', target: 'at most 1.2', ratio: 1.05, figure: '1.05 (2 | 3)', pass: true, seconds: 1, details: { x: 1 } },
        { file: 'b.bench.ts', name: 'b', target: 't', ratio: null, pass: false, seconds: 1, details: {}, error: 'boom' },
      ],
      { date: '2026-11-28T18:00:00.000Z', cpu: 'cpu x2', node: 'v20' },
    );
    expect(md).toContain('| a | 1.05 (2 \\| 3) | 1.050 | met | at most 1.2 |');
    expect(md).toContain('| b | error: boom | - | ERROR | t |');
    expect(md).toContain('<details><summary>a (1 s)</summary>');
  });
});
