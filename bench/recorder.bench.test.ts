import { describe, expect, it } from 'vitest';
import { measureRecorder } from './recorder.bench';

// Benchmarks are not tests (npm run bench runs them); this checks the measuring code runs, on a tiny ring.
describe('recorder-event benchmark', () => {
  it('measures both rings through the real recorder and reports their sizes', async () => {
    const r = await measureRecorder({ big: 12, small: 3, launched: 2, pad: 50, rounds: 15, warmupRounds: 1, batchMs: 2 });
    expect(Number.isFinite(r.ratio) && r.ratio > 0).toBe(true);
    expect(r.details['flows stored (small ring / large ring / launched)']).toBe('3 / 12 / 2');
    expect(r.details['event µs median, ring of 12']).toBeGreaterThan(0);
  }, 60_000);
});
