import { describe, expect, it } from 'vitest';
import { Lru } from './lru';

describe('Lru', () => {
  it('drops the least recently used entry beyond the count', () => {
    const l = new Lru<string, number>(2);
    l.set('a', 1).set('b', 2);
    l.get('a');
    l.set('c', 3);
    expect(l.entries()).toEqual([['a', 1], ['c', 3]]);
  });

  it.each([
    ['under the cap', [['a', 10], ['b', 10]], 30, ['a', 'b'], 20],
    ['over the cap: oldest first out', [['a', 10], ['b', 10], ['c', 15]], 30, ['b', 'c'], 25],
    ['one entry larger than the cap is not kept', [['a', 10], ['huge', 100]], 30, ['a'], 10],
    ['replacing an entry counts its new size only', [['a', 10], ['a', 20]], 30, ['a'], 20],
  ] as const)('bounded by size: %s', (_name, writes, max, keys, weight) => {
    const l = new Lru<string, number>(100, (_k, v) => v, max);
    for (const [k, v] of writes) l.set(k, v);
    expect(l.entries().map(([k]) => k)).toEqual(keys);
    expect(l.weight).toBe(weight);
  });

  it('peek does not make an entry recent', () => {
    const l = new Lru<string, number>(2);
    l.set('a', 1).set('b', 2);
    l.peek('a');
    l.set('c', 3);
    expect(l.has('a')).toBe(false);
  });
});
