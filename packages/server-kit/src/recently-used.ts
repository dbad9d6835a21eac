/**
 * A map that keeps at most `max` entries and drops the least recently used first: the bookkeeping
 * behind every "by query text" cache of parsed and validated documents, and the gateway's entity
 * cache. A JavaScript Map iterates in insertion order, so a read re-inserts its key and the first
 * key is always the one to drop.
 */
export class RecentlyUsed<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly max: number) {
    if (!(max >= 1)) throw new RangeError(`RecentlyUsed needs room for at least one entry, got ${max}`);
  }

  /** The value for `key`, now the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key)!;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** Stores `value` as the most recently used, dropping the least recently used beyond `max`. */
  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  /** The value for `key`, made by `create` (and kept when `keep` allows it) when absent. */
  getOrCreate(key: K, create: () => V, keep: (value: V) => boolean = () => true): V {
    if (this.entries.has(key)) return this.get(key)!;
    const value = create();
    if (keep(value)) this.set(key, value);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
