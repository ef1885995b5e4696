import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TAB_REPORTS_MAX, TAB_WINDOW_MS, keyedRateLimit } from './rate-limit';

describe('keyedRateLimit', () => {
  it('allows `max` per key in a window, whatever the number of frames sending', () => {
    const limit = keyedRateLimit();
    const allowed = Array.from({ length: 50 * 10 }, () => limit.allow(7, 1000)).filter(Boolean).length;
    expect(allowed).toBe(TAB_REPORTS_MAX);
    // Another tab has its own count.
    expect(limit.allow(8, 1000)).toBe(true);
  });

  it.each<[string, number[], boolean[]]>([
    ['a new window after windowMs', [0, 0, 0, 100], [true, true, false, true]],
    ['not before', [0, 0, 0, 99], [true, true, false, false]],
    ['a clock that went back starts over', [100, 100, 100, 50], [true, true, false, true]],
  ])('%s', (_what, times, want) => {
    const limit = keyedRateLimit(2, 100);
    expect(times.map((t) => limit.allow(1, t))).toEqual(want);
  });

  it('keeps at most maxKeys tabs, dropping ended windows, then the least recently heard', () => {
    const limit = keyedRateLimit(1, 100, 3);
    limit.allow(1, 0);
    limit.allow(2, 50);
    limit.allow(3, 60);
    expect(limit.allow(1, 70)).toBe(false);
    // Tab 4 needs room: none ended yet, so tab 2 (least recently heard) goes.
    expect(limit.allow(4, 80)).toBe(true);
    expect(limit.size()).toBe(3);
    expect(limit.allow(1, 90)).toBe(false);
    expect(limit.allow(2, 90)).toBe(true);
    limit.forget(2);
    expect(limit.size()).toBe(2);
  });

  it('any sequence of calls stays within max per key per window, and within maxKeys', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 50 })), { maxLength: 500 }), fc.integer({ min: 1, max: 30 }), (calls, maxKeys) => {
        const limit = keyedRateLimit(3, TAB_WINDOW_MS, maxKeys);
        let t = 0;
        const counts = new Map<number, number>();
        for (const [key, step] of calls) {
          t += step;
          if (limit.allow(key, t)) counts.set(key, (counts.get(key) ?? 0) + 1);
          expect(limit.size()).toBeLessThanOrEqual(maxKeys);
        }
        // All within one window (500 x 50 ms < 10 s): with room for every key (21 keys), none gets more than 3.
        if (maxKeys >= 21) for (const n of counts.values()) expect(n).toBeLessThanOrEqual(3);
      }),
    );
  });
});
