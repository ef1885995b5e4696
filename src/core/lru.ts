/**
 * A small least-recently-used map for the worker's in-memory caches (issue 9: every cache a page can
 * fill is bounded). Bounded by entry count and, when a size function is given, by total size, so a
 * few huge entries cannot hold what many small ones would. A Map keeps insertion order: reading or
 * writing an entry moves it to the end, and the oldest go first.
 */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  private total = 0;

  constructor(
    private readonly maxEntries: number,
    /** The size an entry counts for (e.g. its bytes); with maxSize, the total stays under it. */
    private readonly sizeOf: (key: K, value: V) => number = () => 0,
    private readonly maxSize = Infinity,
  ) {}

  get size(): number {
    return this.map.size;
  }

  /** The total of sizeOf over the entries kept. */
  get weight(): number {
    return this.total;
  }

  get(key: K): V | undefined {
    if (!this.map.has(key)) return undefined;
    const v = this.map.get(key) as V;
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  /** Looks without making the entry recent. */
  peek(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** Stores the entry as the newest; an entry larger than maxSize by itself is not kept. */
  set(key: K, value: V): this {
    this.delete(key);
    const size = this.sizeOf(key, value);
    if (size > this.maxSize) return this;
    this.map.set(key, value);
    this.total += size;
    while (this.map.size > this.maxEntries || this.total > this.maxSize) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
    }
    return this;
  }

  delete(key: K): boolean {
    if (!this.map.has(key)) return false;
    this.total -= this.sizeOf(key, this.map.get(key) as V);
    return this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }

  /** Oldest first. */
  entries(): [K, V][] {
    return [...this.map.entries()];
  }

  values(): V[] {
    return [...this.map.values()];
  }
}
