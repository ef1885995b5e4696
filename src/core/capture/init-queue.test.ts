import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initQueue } from './init-queue';

const make = (maxItems = 10, maxBytes = 100) => {
  const out: string[] = [];
  const q = initQueue<string>({ maxItems, maxBytes }, (s) => s.length, (s) => out.push(s));
  return { q, out };
};

describe('initQueue', () => {
  it('keeps events until open, then delivers them in arrival order, later ones at once', () => {
    const { q, out } = make();
    for (const e of ['auth', 'redirect', 'callback']) expect(q.push(e)).toBe(true);
    expect(out).toEqual([]);
    expect([q.pending, q.pendingBytes]).toEqual([3, 'auth'.length + 'redirect'.length + 'callback'.length]);
    q.open();
    expect(out).toEqual(['auth', 'redirect', 'callback']);
    q.push('token');
    expect(out).toEqual(['auth', 'redirect', 'callback', 'token']);
    expect([q.pending, q.pendingBytes, q.dropped, q.isOpen]).toEqual([0, 0, 0, true]);
  });

  it.each([
    ['count', 2, 100, ['a', 'b', 'c'], ['a', 'b'], 1],
    ['bytes', 10, 6, ['aaa', 'bbb', 'c'], ['aaa', 'bbb'], 1],
    ['one event larger than the byte bound', 10, 4, ['aaaaa', 'b'], ['b'], 1],
    ['exactly at both bounds', 2, 6, ['aaa', 'bbb'], ['aaa', 'bbb'], 0],
  ])('is bounded by %s: the newest is refused and counted, the kept ones keep their order', (_what, items, bytes, pushed, delivered, dropped) => {
    const { q, out } = make(items, bytes);
    const accepted = pushed.map((e) => q.push(e));
    expect(accepted.filter((a) => !a)).toHaveLength(dropped);
    q.open();
    expect(out).toEqual(delivered);
    expect(q.dropped).toBe(dropped);
  });

  it('after open, bounds no longer apply (nothing is held)', () => {
    const { q, out } = make(1, 1);
    q.open();
    for (const e of ['long event', 'another']) expect(q.push(e)).toBe(true);
    expect(out).toEqual(['long event', 'another']);
  });

  it('open twice delivers once', () => {
    const { q, out } = make();
    q.push('a');
    q.open();
    q.open();
    expect(out).toEqual(['a']);
  });

  it('a delivery that pushes again queues behind the batch, not ahead of it', () => {
    const out: string[] = [];
    const q = initQueue<string>({ maxItems: 10, maxBytes: 100 }, (s) => s.length, (s) => {
      out.push(s);
      if (s === 'a') q.push('a-follow-up');
    });
    q.push('a');
    q.push('b');
    q.open();
    expect(out).toEqual(['a', 'b', 'a-follow-up']);
  });

  it('a delivery that throws costs no other event its delivery; the error still surfaces', () => {
    const out: string[] = [];
    const q = initQueue<string>({ maxItems: 10, maxBytes: 100 }, (s) => s.length, (s) => {
      if (s === 'bad') throw new Error('boom');
      out.push(s);
    });
    for (const e of ['a', 'bad', 'c']) q.push(e);
    expect(() => q.open()).toThrow('boom');
    expect(out).toEqual(['a', 'c']);
  });

  it('property: under the bounds nothing is dropped and order is kept; over them, exactly the refused ones are missing', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 20 }), { maxLength: 60 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 400 }), (events, maxItems, maxBytes) => {
        const { q, out } = make(maxItems, maxBytes);
        const accepted = events.filter((e) => q.push(e));
        q.open();
        expect(out).toEqual(accepted);
        expect(q.dropped).toBe(events.length - accepted.length);
        expect(accepted.length).toBeLessThanOrEqual(maxItems);
        expect(accepted.reduce((n, e) => n + e.length, 0)).toBeLessThanOrEqual(maxBytes);
        const total = events.reduce((n, e) => n + e.length, 0);
        if (events.length <= maxItems && total <= maxBytes) expect(q.dropped).toBe(0);
      }),
    );
  });
});
