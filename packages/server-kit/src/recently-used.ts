/** A second bound on a `RecentlyUsed`: the total weight of what it keeps (for example the length of the keys). */
export interface WeightLimit<K, V> {
  /** Most total weight kept; an entry heavier than this on its own is not kept at all. */
  readonly max: number;
  readonly of: (key: K, value: V) => number;
}

/**
 * A map that keeps at most `max` entries (and, given a weight limit, at most that much weight) and
 * drops the least recently used first: the bookkeeping behind every "by query text" cache of
 * parsed and validated documents, and the gateway's entity cache. A JavaScript Map iterates in
 * insertion order, so a read re-inserts its key and the first key is always the one to drop.
 */
export class RecentlyUsed<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private weight = 0;

  constructor(
    private readonly max: number,
    private readonly weightLimit?: WeightLimit<K, V>,
  ) {
    if (!(max >= 1)) throw new RangeError(`RecentlyUsed needs room for at least one entry, got ${max}`);
    if (weightLimit && !(weightLimit.max > 0)) throw new RangeError(`RecentlyUsed needs a positive weight limit, got ${weightLimit.max}`);
  }

  /** The value for `key`, now the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores `value` as the most recently used, dropping the least recently used beyond the bounds. */
  set(key: K, value: V): void {
    this.delete(key);
    const weight = this.weightLimit ? this.weightLimit.of(key, value) : 0;
    if (this.weightLimit && weight > this.weightLimit.max) return;
    this.entries.set(key, { value, weight });
    this.weight += weight;
    while (this.entries.size > this.max || (this.weightLimit && this.weight > this.weightLimit.max)) {
      this.delete(this.entries.keys().next().value!);
    }
  }

  /** The value for `key`, made by `create` (and kept when `keep` allows it) when absent. */
  getOrCreate(key: K, create: () => V, keep: (value: V) => boolean = () => true): V {
    const entry = this.entries.get(key);
    if (entry !== undefined) return this.get(key)!;
    const value = create();
    if (keep(value)) this.set(key, value);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The total weight kept (0 without a weight limit). */
  get totalWeight(): number {
    return this.weight;
  }

  private delete(key: K): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.weight -= entry.weight;
  }
}

/**
 * The weight limit of a cache of parsed documents by query text: a parsed document holds about
 * 60 bytes of heap per character of its text (its AST, every token and their locations), so a
 * count bound alone lets 1,000 large texts (aliases and literals inlined) pin hundreds of MB and
 * slow every garbage collection. 400,000 characters is about 25 MB.
 */
export const DOCUMENT_CACHE_CHARS = 400_000;

/** Weighs an entry by its key's length (a query text). */
export const queryTextWeight = <V>(max = DOCUMENT_CACHE_CHARS): WeightLimit<string, V> => ({ max, of: (query) => query.length });
