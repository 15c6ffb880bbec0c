/** A small least-recently-used cache: memory stays bounded by `capacity` entries. */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();
  /** The most recently used entry: asked for again, it needs no reordering (a canvas asks for one task's per node). */
  private last: { key: K; value: V } | undefined;

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    if (this.last !== undefined && this.last.key === key) return this.last.value;
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    this.last = { key, value };
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    this.last = { key, value };
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
      if (this.last?.key === oldest.value) this.last = undefined;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
